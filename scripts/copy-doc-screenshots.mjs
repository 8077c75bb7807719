// Copies the screenshots the staff guides use from test-output/screenshots/ (written by the browser
// tests) into docs/images/, so the guides never show a sidebar that no longer exists.
// Run through `npm run docs:screenshots`, which builds and runs the browser tests first.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'test-output/screenshots');
const to = join(root, 'docs/images');

export const USED = [
  'ko-02-status-tabs-created', 'ko-04-settings-saved', 'ko-05-import-preview', 'ko-07-import-done', 'ko-09-tally', 'ko-14-open-job',
  'ko-15-settings-rules', 'ko-16-compare', 'ko-17-notice',
  'en-01-status', 'en-02-settings', 'en-03-import-done', 'en-04-tally',
];

mkdirSync(to, { recursive: true });
for (const name of USED) {
  const source = join(from, `${name}.png`);
  if (!existsSync(source)) throw new Error(`${source} is missing: run the browser tests first`);
  copyFileSync(source, join(to, `${name}.png`));
  console.log(`docs/images/${name}.png ${(statSync(source).size / 1024).toFixed(0)} KiB`);
}
