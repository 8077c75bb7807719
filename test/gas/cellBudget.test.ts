/**
 * Sheets' 10,000,000-cell cap (issue 14 case 7), measured on the strict fake, which counts every
 * cell of every tab's grid as Sheets does. Cells counted, not time: what an empty spreadsheet
 * spends per ballot while an upload is counted and once it is in, the ceilings that follow, and the
 * refusal up front that says how many ballots still fit.
 */
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { cellBudget } from '../../src/gas/cellBudget';
import { rpcImport, rpcImportBegin, rpcImportCancel, rpcImportChunk, rpcImportFinish, rpcImportFinishStep, rpcInit, rpcJobCancel, rpcJobStatus } from '../../src/gas/rpc';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { CELL_LIMIT, createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

/** A new spreadsheet (its Sheet1 at 1000 × 26), set up by the tool, with three agendas. */
function freshSpreadsheet(): void {
  fake = createFakeGas();
  uninstall = installFakeGas(fake);
  fake.spreadsheet.seed('Sheet1', []);
  rpcInit();
  new SheetsWorkbook().writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '축제', 50_000_000], ['A02', '장터', 30_000_000], ['A03', '공간', 40_000_000]], { frozenRows: 1 });
}
afterEach(() => uninstall?.());

/** An export of n ballots, voters numbered from `from` (phone numbers, hashed on arrival). */
function exportOf(n: number, from: number): string[][] {
  return [['투표자', '선택1', '선택2', '투표일시', '동'], ...Array.from({ length: n }, (_, i) => [`010${String(from + i).padStart(8, '0')}`, 'A01', ['A02', 'A03', 'A99'][i % 3], '2020-07-07 12:00:00', `${i % 12}동`])];
}

/** The sidebar's staged upload: begin, chunks of 2,000 rows, finish. */
function upload(table: string[][]): number {
  const { importId } = rpcImportBegin({ fileName: `f${table.length}.csv`, encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
  let chunks = 0;
  for (let at = 0; at < table.length; at += 2000) rpcImportChunk({ importId, index: chunks++, rows: table.slice(at, at + 2000) });
  const report = rpcImportFinish(importId, chunks);
  return report.rowsRead;
}

test('7. cells per ballot: an empty spreadsheet takes one 500,000-ballot import and holds 900,000 ballots in all', () => {
  freshSpreadsheet();
  const base = fake.spreadsheet.totalCells();
  upload(exportOf(3_000, 0));
  const afterFirst = fake.spreadsheet.totalCells();
  fake.spreadsheet.peakCells = 0;
  upload(exportOf(6_000, 3_000));
  const afterSecond = fake.spreadsheet.totalCells();
  const heldPerBallot = (afterSecond - afterFirst) / 6_000;
  const peakPerBallot = (fake.spreadsheet.peakCells - afterFirst) / 6_000;
  // 투표 is nine columns wide and nothing else grows with the ballots once they are in.
  expect(heldPerBallot).toBeGreaterThan(8);
  expect(heldPerBallot).toBeLessThanOrEqual(9);
  // While counting, the packed staging and job tabs add a few hundredths of a cell per ballot.
  expect(peakPerBallot).toBeLessThan(9.2);
  const oneImport = Math.floor((CELL_LIMIT - base) / peakPerBallot);
  const held = Math.floor((CELL_LIMIT - base) / heldPerBallot);
  expect(held).toBeGreaterThan(900_000);
  expect(oneImport).toBeGreaterThan(500_000);
  // 900,000 in all, the last 400,000 of them in one import.
  expect(base + 500_000 * heldPerBallot + 400_000 * peakPerBallot).toBeLessThan(CELL_LIMIT);
  // And the host's own estimate lets an empty spreadsheet begin that import.
  const budget = cellBudget(new SheetsWorkbook());
  expect(budget.ballotsLeft + 9_000).toBeGreaterThan(900_000);
});

describe('7. refused before it begins, in one line that says how many ballots still fit', () => {
  /** Most of the cap is spent on another tab, leaving room for a few thousand ballots. */
  function nearlyFull(): number {
    freshSpreadsheet();
    const before = fake.spreadsheet.totalCells();
    const filler = fake.spreadsheet.seed('다른 자료', []);
    filler.maxColumns = 100;
    filler.maxRows = Math.floor((CELL_LIMIT - before - 40_000) / 100);
    return cellBudget(new SheetsWorkbook()).ballotsLeft;
  }

  test('the staged upload: one ballot too many is refused with the number; exactly that many import', () => {
    const left = nearlyFull();
    expect(left).toBeGreaterThan(1_000);
    expect(left).toBeLessThan(3_000);
    const tooMany = exportOf(left + 1, 0);
    const n = left.toLocaleString('en-US');
    expect(() => rpcImportBegin({ fileName: 'big.csv', encoding: 'utf-8', fingerprint: fingerprintTable(tooMany), rowCount: tooMany.length })).toThrow(
      `스프레드시트의 셀 한도(1,000만 칸)를 넘게 됩니다: 투표 ${n}표까지 더 가져올 수 있는데 이 파일은 ${(left + 1).toLocaleString('en-US')}표입니다.`,
    );
    expect(fake.spreadsheet.sheet('투표')!.dump()).toHaveLength(1);
    expect(upload(exportOf(left, 0))).toBe(left);
    // Every row is in 투표 or set aside in 제외 (picks of an unknown agenda).
    const ballots = fake.spreadsheet.sheet('투표')!.dump().length - 1;
    expect(ballots).toBeGreaterThan(left / 2);
    expect(ballots + fake.spreadsheet.sheet('제외')!.dump().length - 1).toBe(left);
    expect(fake.spreadsheet.totalCells()).toBeLessThanOrEqual(CELL_LIMIT);
    // Full now: the same file again is answered as imported before, not refused for room.
    const again = exportOf(left, 0);
    expect(rpcImportBegin({ fileName: 'again.csv', encoding: 'utf-8', fingerprint: fingerprintTable(again), rowCount: again.length })).toMatchObject({ alreadyImported: true });
  });

  test('the one-call import too', () => {
    const left = nearlyFull();
    const tooMany = exportOf(left + 1, 0);
    expect(() => rpcImport({ fileName: 'big.csv', encoding: 'utf-8', rows: tooMany })).toThrow(/^스프레드시트의 셀 한도\(1,000만 칸\)를 넘게 됩니다: .* \/ This would pass the spreadsheet's 10,000,000-cell limit: it can take [\d,]+ more ballots and this file has [\d,]+\. Import into a new spreadsheet or split the file$/);
    expect(rpcImport({ fileName: 'ok.csv', encoding: 'utf-8', rows: exportOf(left, 0) }).rowsRead).toBe(left);
  });

  test('outrun after it began (someone filled the spreadsheet meanwhile): the step stops with one line, and cancelling leaves the tabs as they were', () => {
    const left = nearlyFull();
    const before = fake.spreadsheet.sheets.filter((sheet) => !sheet.name.startsWith('_')).map((sheet) => [sheet.name, sheet.dump()]);
    const table = exportOf(Math.floor(left / 2), 0);
    const { importId } = rpcImportBegin({ fileName: 'half.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
    rpcImportChunk({ importId, index: 0, rows: table });
    fake.spreadsheet.sheet('다른 자료')!.maxRows += Math.floor((CELL_LIMIT - fake.spreadsheet.totalCells()) / 100);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => rpcImportFinishStep(importId, 1)).toThrow(
      '스프레드시트의 셀 한도(1,000만 칸)에 닿아 더 쓸 수 없습니다. 진행 중인 작업이 있으면 취소하고, 쓰지 않는 탭을 지우거나 새 스프레드시트에서 하세요 / The spreadsheet reached its 10,000,000-cell limit',
    );
    // Struck while storing its plan (the job tab could not grow) or while writing a step: either no
    // job is open and the upload is dropped, or the open job is cancelled — both leave the tabs as they were.
    if (rpcJobStatus() === null) expect(rpcImportCancel(importId)).toEqual({ cancelled: true });
    else for (let guard = 0; guard < 20 && !rpcJobCancel().done; guard++);
    expect(rpcJobStatus()).toBeNull();
    const after = fake.spreadsheet.sheets.filter((sheet) => !sheet.name.startsWith('_')).map((sheet) => [sheet.name, sheet.dump()]);
    expect(after.filter(([name]) => name !== '이력')).toEqual(before.filter(([name]) => name !== '이력'));
  });

  test('outrun between the plan and its first write step: the open job is cancelled back to the tabs as they were', () => {
    const left = nearlyFull();
    const before = fake.spreadsheet.sheets.filter((sheet) => !sheet.name.startsWith('_')).map((sheet) => [sheet.name, sheet.dump()]);
    const table = exportOf(Math.floor(left / 2), 0);
    const { importId } = rpcImportBegin({ fileName: 'half.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
    rpcImportChunk({ importId, index: 0, rows: table });
    // A slow clock: the first execution only plans.
    let t = Date.now();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => (t += 300_000));
    expect(rpcImportFinishStep(importId, 1).done).toBe(false);
    clock.mockRestore();
    expect(rpcJobStatus()).toMatchObject({ kind: 'import', done: 0 });
    fake.spreadsheet.sheet('다른 자료')!.maxRows += Math.floor((CELL_LIMIT - fake.spreadsheet.totalCells()) / 100);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => rpcImportFinishStep(importId, 1)).toThrow('에 닿아 더 쓸 수 없습니다');
    expect(rpcJobStatus()).toMatchObject({ kind: 'import' });
    for (let guard = 0; guard < 20 && !rpcJobCancel().done; guard++);
    expect(rpcJobStatus()).toBeNull();
    const after = fake.spreadsheet.sheets.filter((sheet) => !sheet.name.startsWith('_')).map((sheet) => [sheet.name, sheet.dump()]);
    expect(after.filter(([name]) => name !== '이력')).toEqual(before.filter(([name]) => name !== '이력'));
  });
});
