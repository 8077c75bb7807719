/**
 * The sidebar's .xlsx reader (sidebar/readXlsx.ts: fflate + the browser's DOMParser), run in
 * Chromium, reads percent and zero-padded cells as the CLI's export reader does (typedCell):
 * 0.8 in a `0%` cell is `80%`, 1 in a `00` cell is `01`. The Node readers: test/node/typedReaders.test.ts.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readExportFile } from '../../src/node/readExport';
import { tempFolder } from '../helpers/tempFolder';
import { typedCellsFile } from '../helpers/typedXlsx';
import { launch, ROOT } from './harness';

const work = tempFolder('typed-browser');

test('the sidebar reads an ExcelJS-written sheet of percent and zero-padded cells as the CLI does', async () => {
  const file = await typedCellsFile(path.join(work, 'typed.xlsx'));
  const cli = await readExportFile(file);
  expect(cli.rows[1].slice(2, 4)).toEqual(['80%', '01']);
  // The reader as the sidebar bundles it, without the rest of the page.
  const script = buildSync({
    stdin: { contents: "import { readXlsxSheets } from './sidebar/readXlsx'; (globalThis as any).readXlsxSheets = readXlsxSheets;", loader: 'ts', resolveDir: ROOT },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  }).outputFiles[0].text;
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: script });
    const bytes = [...readFileSync(file)];
    const sheets = await page.evaluate(async (data) => {
      const read = (globalThis as unknown as { readXlsxSheets: (b: Uint8Array) => Promise<{ sheetName: string; rows: string[][] }[]> }).readXlsxSheets;
      return read(new Uint8Array(data));
    }, bytes);
    expect(sheets.map((s) => s.sheetName)).toEqual(['투표']);
    expect(sheets[0].rows).toEqual(cli.rows);
  } finally {
    await browser.close();
  }
});
