/**
 * Keys and evidence in the Apps Script host (the fake SpreadsheetApp): an upload staged in chunks
 * and counted in steps is sealed like any import; hand edits to 투표 (a changed pick, a formula)
 * and to 이력 show in the tally's warnings and 결과's header; a renamed 투표 and a deleted key are
 * refused. The key stays in document properties, never in a cell.
 */
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { rpcImportBegin, rpcImportChunk, rpcImportFinish, rpcStatus, rpcTally } from '../../src/gas/rpc';
import { DOCUMENT_KEY } from '../../src/workflows/documentKey';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

beforeEach(() => {
  fake = createFakeGas({ locale: 'ko_KR' });
  uninstall = installFakeGas(fake);
  fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2']]);
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '축제', '5천만'], ['A02', '장터', '3천만']]);
});
afterEach(() => uninstall());

function upload(n: number, offset = 0): void {
  const table = [['투표자', '선택1', '선택2'], ...Array.from({ length: n }, (_, i) => [`010${String(20000000 + offset + i)}`, 'A01', i % 2 ? 'A02' : ''])];
  const begin = rpcImportBegin({ fileName: `x${offset}.csv`, encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
  rpcImportChunk({ importId: begin.importId, index: 0, rows: table.slice(0, 10) });
  rpcImportChunk({ importId: begin.importId, index: 1, rows: table.slice(10) });
  rpcImportFinish(begin.importId, 2);
}

const header = (name: string): string[] => (fake.spreadsheet.sheet(name)?.cells[0] ?? []).map(String);

test('a staged upload is sealed; a changed pick and a formula cell in 투표 are reported, and the formula row is not counted', () => {
  upload(30);
  const clean = rpcTally();
  // No evidence warning (the only one is issue 14's: 설정 here sets no voting window).
  expect(clean.warnings.map((w) => w.code)).toEqual(['no_window']);
  expect(clean.validBallots).toBe(30);
  const ballots = fake.spreadsheet.sheet('투표');
  if (ballots === undefined) throw new Error('no 투표');
  const choices = header('투표').indexOf('선택') + 1;
  ballots.set(5, choices, 'A02');
  // As a person typing =IF(…) would leave it (the fake keeps the formula, Sheets would show its value).
  ballots.set(7, choices, '#FORMULA =IF(NOW()>0,"A02","A01")');
  const edited = rpcTally();
  expect(edited.validBallots).toBe(29);
  const warning = edited.warnings.find((w) => w.code === 'ballots_edited');
  expect(warning?.message).toContain('바뀐 행 1개 (5행)');
  expect(warning?.message).toContain('수식이 든 행 1개 (7행, 세지 않음)');
  const results = fake.spreadsheet.sheet('결과')?.cells ?? [];
  expect(results.some((row) => row[0] === '주의' && String(row[1]).includes('바뀐 행 1개'))).toBe(true);
  // The key is a document property, not a cell of any tab.
  const key = fake.properties.get(DOCUMENT_KEY) as string;
  expect(key.length).toBeGreaterThanOrEqual(32);
  expect(fake.spreadsheet.sheets.some((sheet) => sheet.cells.some((row) => row.some((cell) => String(cell).includes(key))))).toBe(false);
});

test('an edited 이력 row breaks the chain; a 결과 edit shows in the status', () => {
  upload(12);
  rpcTally();
  rpcTally();
  const audit = fake.spreadsheet.sheet('이력');
  if (audit === undefined) throw new Error('no 이력');
  audit.set(3, header('이력').indexOf('내용') + 1, '0/2 선정');
  const results = fake.spreadsheet.sheet('결과');
  results?.set(2, 2, 999);
  expect(rpcStatus().resultsEdited).toBe(true);
  expect(rpcTally().warnings.map((w) => w.code)).toContain('audit_broken');
});

test('a renamed 투표 is refused with the tab named; a deleted key is refused, and no new key is made', () => {
  upload(12);
  rpcTally();
  const before = JSON.stringify(fake.spreadsheet.sheet('결과')?.cells);
  const ballots = fake.spreadsheet.sheet('투표');
  if (ballots === undefined) throw new Error('no 투표');
  ballots.name = '투표 백업';
  expect(() => rpcTally()).toThrow(/'투표' 탭이 없습니다/);
  expect(JSON.stringify(fake.spreadsheet.sheet('결과')?.cells)).toBe(before);
  ballots.name = '투표';
  fake.properties.delete(DOCUMENT_KEY);
  expect(() => upload(3, 500)).toThrow(/투표자 열쇠를 찾을 수 없습니다 \(찾아본 곳: 문서 속성/);
  expect(fake.properties.has(DOCUMENT_KEY)).toBe(false);
});

test('a column of formulas filled down in 투표: every such row is reported and not counted, for as few calls as one formula', () => {
  upload(60);
  rpcTally();
  const ballots = fake.spreadsheet.sheet('투표');
  if (ballots === undefined) throw new Error('no 투표');
  const choices = header('투표').indexOf('선택') + 1;
  ballots.set(4, choices, '#FORMULA =IF(NOW()>0,"A02","A01")');
  fake.log.reset();
  const one = rpcTally();
  const oneCalls = fake.log.snapshot();
  for (let row = 2; row <= 41; row++) ballots.set(row, choices, `#FORMULA =IF(ROW()>${row},"A02","A01")`);
  fake.log.reset();
  const many = rpcTally();
  const manyCalls = fake.log.snapshot();
  expect(one.validBallots).toBe(59);
  expect(many.validBallots).toBe(20);
  expect(many.warnings.find((w) => w.code === 'ballots_edited')?.message).toContain('수식이 든 행 40개');
  const total = (calls: Record<string, number>): number => Object.values(calls).reduce((a, b) => a + b, 0);
  // The one formula is looked at alone (getRow, getFormula); the 40 in one getRange and getFormulas.
  expect(total(manyCalls)).toBeLessThanOrEqual(total(oneCalls));
});
