/**
 * How a re-tally finds its tabs on Sheets: by name, one getSheetByName a tab, since init makes every
 * tab it reads (인구 included) and the first tally those it makes (검증, 통계). So a re-tally's calls
 * do not grow with the tabs staff keep of their own, and a workbook made before init made 인구 (or
 * one where it was deleted) is listed once, at the start, and nothing is then asked by name as well.
 */
import { SPREADSHEET_SERVICE } from '../../scripts/bench/gasHost';
import { benchContext, prepareBook } from '../../scripts/bench/book';
import { generateExport } from '../../scripts/bench/generate';
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { parseCsv } from '../../src/io/csv';
import { decodeBytes } from '../../src/io/decode';
import { importTable } from '../../src/workflows/importBallots';
import { runTally } from '../../src/workflows/tally';
import type { TallyJson } from '../../src/workflows/api';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

interface Tallied {
  json: TallyJson;
  calls: Record<string, number>;
  total: number;
}

/** A prepared workbook with a vote imported, changed by `edit`, then tallied twice; the second tally's calls. */
function tallyAfter(edit: (fake: FakeGas) => void): Tallied {
  const fake = createFakeGas();
  const uninstall = installFakeGas(fake);
  try {
    const bench = benchContext();
    const ctx = { ...gasContext('ko'), now: bench.now, randomSecret: bench.randomSecret };
    prepareBook(new SheetsWorkbook(), ctx);
    edit(fake);
    const { text, encoding } = decodeBytes(generateExport(600).bytes);
    importTable(new SheetsWorkbook(), ctx, { fileName: 'export.csv', rows: parseCsv(text).rows, encoding });
    runTally(new SheetsWorkbook(), ctx);
    fake.log.reset();
    const json = runTally(new SheetsWorkbook(), ctx);
    const calls = Object.fromEntries(Object.entries(fake.log.snapshot()).filter(([name]) => SPREADSHEET_SERVICE.test(name)));
    return { json, calls, total: Object.values(calls).reduce((a, b) => a + b, 0) };
  } finally {
    uninstall();
  }
}

const plain = tallyAfter(() => undefined);

test('tabs of their own that staff add cost the tally no call', () => {
  const crowded = tallyAfter((fake) => {
    for (let i = 0; i < 25; i++) fake.spreadsheet.seed(`${2000 + i}년 회의록`, [['안건', '결정'], ['예산', '통과']]);
  });
  expect(crowded.calls).toEqual(plain.calls);
  expect(crowded.json.resultFingerprint).toBe(plain.json.resultFingerprint);
  expect(plain.calls['Spreadsheet.getSheets'] ?? 0).toBe(0);
  expect(plain.calls['Sheet.getName'] ?? 0).toBe(0);
});

test('a workbook without 인구 is listed once, and no tab is then asked by name', () => {
  const older = tallyAfter((fake) => {
    const population = fake.spreadsheet.sheets.findIndex((sheet) => sheet.name === '인구');
    expect(population).toBeGreaterThanOrEqual(0);
    fake.spreadsheet.sheets.splice(population, 1);
  });
  expect(older.json.resultFingerprint).toBe(plain.json.resultFingerprint);
  // 검증 and 통계 are found by name, 인구 is not: the list, and nothing more by name.
  expect(older.calls['Spreadsheet.getSheetByName']).toBe(3);
  expect(older.calls['Spreadsheet.getSheets']).toBe(1);
  expect(plain.calls['Sheet.getName'] ?? 0).toBe(0);
  expect(older.calls['Sheet.getName']).toBe(19);
  // And no 인구 to read.
  expect(older.calls['Sheet.getSheetValues']).toBe(plain.calls['Sheet.getSheetValues'] - 1);
  expect(older.total).toBe(plain.total - plain.calls['Spreadsheet.getSheetByName'] + 3 + 1 + 19 - 1);
});
