// Sidebar bundle: sidebar/main.ts + sidebar/style.css inlined into sidebar/index.html
// → dist/Sidebar.html, one self-contained file (HtmlService serves no separate files).
import { build, transform } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/Sidebar.html');
// The page is sent whole each time the sidebar opens: the budget catches a library pulled in by
// accident (a full spreadsheet reader would be several hundred KB), not a few more panels' text.
// Raised from 100 to 110 KiB when the status panel gained the open job's continue/cancel, and to
// 150 KB (150,000 bytes) when the settings form gained every rule the tally reads and the tally
// panel the rule comparison (issue 18: 111.5 KB then). test/bundle/bundle.test.ts checks the same budget.
const MAX_BYTES = 150_000;

const [js, css, template] = await Promise.all([
  build({
    entryPoints: [resolve(root, 'sidebar/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  }).then((r) => r.outputFiles[0].text),
  readFile(resolve(root, 'sidebar/style.css'), 'utf8').then(
    async (source) => (await transform(source, { loader: 'css', minify: true })).code,
  ),
  readFile(resolve(root, 'sidebar/index.html'), 'utf8'),
]);

// Inline text must not close its element early.
if (/<\/script/i.test(js)) throw new Error('bundled script contains "</script"');
if (/<\/style/i.test(css)) throw new Error('stylesheet contains "</style"');

/** Replaces one marker; a function replacer so '$&' and friends in the code stay literal. */
function inline(html, marker, code) {
  if (!html.includes(marker)) throw new Error(`sidebar/index.html lacks ${marker}`);
  return html.replace(marker, () => code.trim());
}

// Indentation and comments of the template carry no meaning in the page (any run of whitespace
// between tags renders as one space; the template has no <pre> or <textarea>).
if (/<(pre|textarea)\b/i.test(template)) throw new Error('sidebar/index.html has whitespace-sensitive elements: do not strip its indentation');
const compactTemplate = template.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/\n[ \t]+/g, '\n');
let html = inline(compactTemplate, '/* @inline style.css */', css);
html = inline(html, '/* @inline main.js */', js);

const bytes = Buffer.byteLength(html, 'utf8');
if (bytes > MAX_BYTES) throw new Error(`dist/Sidebar.html is ${bytes} bytes, over the ${MAX_BYTES} budget`);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, html);
console.log(`dist/Sidebar.html ${(bytes / 1024).toFixed(1)} KiB`);
