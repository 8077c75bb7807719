/**
 * The chunked import through the Apps Script wrappers (src/gas/rpc.ts) on the fake SpreadsheetApp:
 * every call holds the document lock, staging lives in a hidden tab that is deleted at the end, a
 * chunk costs the same service calls whatever its size, and text that looks like a number, a date
 * or a formula comes back out of staging exactly as sent.
 */
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { rpcImportBegin, rpcImportCancel, rpcImportChunk, rpcImportFinish, rpcReadSettings, rpcShowTab, rpcWriteSettings } from '../../src/gas/rpc';
import { STAGING_TAB } from '../../src/workflows/stagedImport';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

beforeEach(() => {
  fake = createFakeGas({ locale: 'ko_KR' });
  uninstall = installFakeGas(fake);
  fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2']]);
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '축제', '5천만'], ['A02', '=1+1', '3천만']]);
});
afterEach(() => uninstall());

function rows(n: number): string[][] {
  return [['투표자', '선택1', '선택2'], ...Array.from({ length: n }, (_, i) => [`0${1000000000 + i}`, 'A01', i % 2 ? 'A02' : ''])];
}

function chunkCalls(size: number): Record<string, number> {
  const table = rows(size);
  const { importId } = rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
  fake.log.reset();
  rpcImportChunk({ importId, index: 0, rows: table });
  const calls = fake.log.snapshot();
  rpcImportCancel(importId);
  return calls;
}

test('staging is hidden, locked, removed at the end, and keeps cells exactly', () => {
  const table = rows(30);
  const begin = rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
  expect(fake.spreadsheet.sheet(STAGING_TAB)?.hidden).toBe(true);
  rpcImportChunk({ importId: begin.importId, index: 0, rows: table.slice(0, 16) });
  rpcImportChunk({ importId: begin.importId, index: 1, rows: table.slice(16) });
  const report = rpcImportFinish(begin.importId, 2);
  expect(report.rowsRead).toBe(30);
  expect(report.ballotsCounted).toBe(30);
  expect(fake.spreadsheet.sheet(STAGING_TAB)).toBeUndefined();
  expect(fake.lock).toMatchObject({ acquired: 4, released: 4, held: false });
  // Leading zeros survived staging: the same file is recognised as the same content.
  const again = rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
  expect(again.alreadyImported).toBe(true);
});

test('a chunk of 1,500 rows and one of 6,000 make the same Spreadsheet service calls', () => {
  // Both outgrow the new tab's 1,000 rows, which costs one insertRowsAfter whatever the size.
  const small = chunkCalls(1_500);
  expect(small['Range.setValues']).toBe(1);
  expect(chunkCalls(6_000)).toEqual(small);
});

test('settings form and tab links through the host', () => {
  fake.spreadsheet.seed('분야', [['분야', '예산'], ['문화', '']]);
  expect(rpcReadSettings().values.budget).toBe('1억');
  rpcWriteSettings({ values: { budget: '2억' }, fields: [{ name: '문화', budget: '5천만' }] });
  expect(fake.spreadsheet.sheet('설정')?.get(2, 2)).toBe('2억');
  expect(fake.spreadsheet.sheet('분야')?.get(2, 2)).toBe('5천만');
  expect(() => rpcWriteSettings({ values: { picks: '셋' } })).toThrow(/선택 수\/picks = "셋"/);
  expect(rpcShowTab('agendas')).toBe('의제');
  expect(fake.spreadsheet.sheets[fake.spreadsheet.activeIndex].name).toBe('의제');
  expect(() => rpcShowTab('results')).toThrow(/'결과' 탭이 없습니다/);
});

test('9. limits: a chunk far over 50,000 characters of rows is staged in cells under the limit, and counted exactly', () => {
  const table = rows(4_000);
  const { importId } = rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
  rpcImportChunk({ importId, index: 0, rows: table });
  // Sent again after a lost reply: taken once.
  rpcImportChunk({ importId, index: 0, rows: table });
  const staging = fake.spreadsheet.sheet(STAGING_TAB)!;
  const cells = staging.dump().slice(1).map((row) => String(row[4]));
  expect(cells.join('').length).toBeGreaterThan(150_000);
  expect(Math.max(...cells.map((c) => c.length))).toBeLessThanOrEqual(40_000);
  // Narrow and short: five columns, a row per piece (not a row per ballot).
  expect(staging.maxColumns).toBe(5);
  expect(staging.maxRows).toBeLessThan(20);
  expect(rpcImportFinish(importId, 1).ballotsCounted).toBe(4_000);
});
