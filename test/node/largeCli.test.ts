/**
 * A vote big enough that the CLI keeps its 투표 tab as a large tab (more rows than LARGE_TAB.rows),
 * end to end through the built bundle: import, the same import again, tally. The counts must be
 * those of the in-memory host on the same export, and the written workbook must read back in
 * ExcelJS with every ballot row in it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { benchContext, prepareBook } from '../../scripts/bench/book';
import { generateExport } from '../../scripts/bench/generate';
import { readExportRows } from '../../src/node/readExport';
import { LARGE_TAB, XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { runTally } from '../../src/workflows';
import type { TallyJson } from '../../src/workflows/api';
import { importRows } from '../../src/workflows/importBallots';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { cliUnderTest } from '../helpers/cliProcess';

const { work, run, runJson } = cliUnderTest('large');
const BALLOTS = LARGE_TAB.rows + 5_000;

jest.setTimeout(180_000);

interface ImportJson {
  rowsRead: number;
  ballotsCounted: number;
  alreadyImported: boolean;
  setAside: { total: number };
}

it(`imports and tallies ${BALLOTS} ballots through a large 투표 tab, as the in-memory host counts them`, async () => {
  const exported = generateExport(BALLOTS);
  const csv = path.join(work, 'mvoting.csv');
  writeFileSync(csv, exported.bytes);
  const book = path.join(work, 'book.xlsx');
  expect(run('init', book).status).toBe(0);
  const prepared = await XlsxWorkbook.open(book);
  prepareBook(prepared, benchContext());
  await prepared.save();

  const first = runJson<ImportJson>('import', book, csv);
  const again = runJson<ImportJson>('import', book, csv);
  const tally = runJson<TallyJson>('tally', book);

  const memory = new MemoryWorkbook();
  prepareBook(memory, benchContext());
  const file = await readExportRows(csv);
  const expectedImport = importRows(memory, benchContext(), { fileName: file.fileName, encoding: file.encoding }, file.source);
  const expectedTally = runTally(memory, benchContext());

  expect(first).toMatchObject({ rowsRead: expectedImport.rowsRead, ballotsCounted: expectedImport.ballotsCounted, alreadyImported: false });
  expect(first.ballotsCounted + first.setAside.total).toBe(BALLOTS);
  expect(again.alreadyImported).toBe(true);
  expect(tally.validBallots).toBe(expectedTally.validBallots);
  expect(tally.validBallots).toBeGreaterThan(LARGE_TAB.rows);
  expect(tally.selected).toEqual(expectedTally.selected);
  expect(tally.agendas.map((a) => [a.id, a.votes, a.status])).toEqual(expectedTally.agendas.map((a) => [a.id, a.votes, a.status]));

  // The tab went the large way (inline text cells, which ExcelJS never writes) and reads back whole.
  const parts = unzipSync(readFileSync(book));
  expect(Object.entries(parts).some(([name, data]) => name.startsWith('xl/worksheets/') && strFromU8(data).includes('t="inlineStr"'))).toBe(true);
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(book);
  const ballots = excel.getWorksheet('투표') as ExcelJS.Worksheet;
  expect(ballots.actualRowCount).toBe(first.ballotsCounted + 1);
  expect(ballots.getRow(1).font?.bold).toBe(true);
});
