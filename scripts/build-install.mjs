// The paste-ready install set: install/Code.gs, install/Sidebar.html, install/appsscript.json,
// the same three files clasp pushes from dist/, named as the Apps Script editor names them, for
// staff who install by copy and paste (docs/guide.ko.md, "설치"). Kept out of dist/ because
// clasp pushes everything under its rootDir: a second copy there would define every function
// twice. install/CHECKSUMS.txt lets a person (or IT) confirm the files are the released ones.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const files = [
  ['dist/Code.js', 'install/Code.gs'],
  ['dist/Sidebar.html', 'install/Sidebar.html'],
  ['dist/appsscript.json', 'install/appsscript.json'],
];
const { version } = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8'));

await mkdir(resolve(root, 'install'), { recursive: true });
const sums = [];
for (const [from, to] of files) {
  const bytes = await readFile(resolve(root, from));
  if (to.endsWith('.json')) JSON.parse(bytes.toString('utf8')); // a broken manifest must not ship
  await writeFile(resolve(root, to), bytes);
  sums.push(`${createHash('sha256').update(bytes).digest('hex')}  ${to.slice('install/'.length)}  (${bytes.length} bytes)`);
}
await writeFile(
  resolve(root, 'install/CHECKSUMS.txt'),
  [`Civic Sheets ${version}: SHA-256 of the paste-ready files / 붙여넣기용 파일의 SHA-256`, ...sums, ''].join('\n'),
);
console.log(`install/ Code.gs, Sidebar.html, appsscript.json (Civic Sheets ${version})`);
