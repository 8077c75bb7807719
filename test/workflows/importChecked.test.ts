/**
 * An import into an empty 투표 records the digest a tally would record of it (봉인 `… checked:…`),
 * so the first tally after it finds 투표 unchanged without checking each row's seal. Every edit
 * still shows, and an import onto earlier rows records none.
 */
import * as ballotSeal from '../../src/workflows/ballotSeal';
import { importTable, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { XlsxWorkbook, type LargeTabLimits } from '../../src/node/xlsxWorkbook';
import type { HostContext } from '../../src/workflows/context';
import type { Grid, Workbook } from '../../src/workflows/workbook';
import { testContext } from '../helpers/context';
import { prepareSmallVote, smallExport } from '../helpers/smallVote';
import { tempFolder } from '../helpers/tempFolder';
import * as path from 'node:path';
import ExcelJS from 'exceljs';

const work = tempFolder('import-checked');

/** The 봉인 of 이력's last import row. */
function lastImportSeal(wb: Workbook): string {
  const audit = wb.readTab('이력') as Grid;
  const what = audit[0].indexOf('작업');
  const seal = audit[0].indexOf('봉인');
  const row = [...audit].reverse().find((r) => r[what] === '가져오기');
  return String(row?.[seal] ?? '');
}

/** Runs a tally and says whether it checked each 투표 row against its seal. */
function tallyChecking(wb: Workbook, ctx: HostContext): { checkedRows: boolean; edited: boolean } {
  const spy = jest.spyOn(ballotSeal, 'checkBallotSeals');
  try {
    const result = runTally(wb, ctx);
    return { checkedRows: spy.mock.calls.length > 0, edited: result.warnings.some((w) => w.code === 'ballots_edited') };
  } finally {
    spy.mockRestore();
  }
}

describe('in memory', () => {
  function imported(voters = 12): { wb: MemoryWorkbook; ctx: HostContext } {
    const wb = new MemoryWorkbook();
    const ctx = testContext();
    prepareSmallVote(wb, ctx);
    importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: smallExport(voters) });
    return { wb, ctx };
  }

  it('the first import records 투표 as it left it; the next tally takes it as sealed without checking each row', () => {
    const { wb, ctx } = imported();
    expect(lastImportSeal(wb)).toMatch(/^[0-9a-f]{32} checked:[0-9a-f]{32}$/);
    expect(tallyChecking(wb, ctx)).toEqual({ checkedRows: false, edited: false });
  });

  it('a 투표 cell changed after the import is still found: the rows are checked, the edit reported', () => {
    const { wb, ctx } = imported();
    const grid = wb.readTab('투표') as Grid;
    grid[3][grid[0].indexOf('선택')] = 'A01';
    wb.writeTab('투표', grid);
    expect(tallyChecking(wb, ctx)).toEqual({ checkedRows: true, edited: true });
  });

  it('the import row of 이력 changed to another digest breaks the chain, and the rows are checked', () => {
    // A tally before any import, so that 이력 has a row the key checks besides the one changed.
    const wb = new MemoryWorkbook();
    const ctx = testContext();
    prepareSmallVote(wb, ctx);
    runTally(wb, ctx);
    importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: smallExport(12) });
    expect(lastImportSeal(wb)).toContain(' checked:');
    const audit = wb.readTab('이력') as Grid;
    const seal = audit[0].indexOf('봉인');
    const at = audit.length - 1;
    audit[at][seal] = String(audit[at][seal]).replace(/checked:[0-9a-f]{4}/, 'checked:0000');
    wb.writeTab('이력', audit);
    const spy = jest.spyOn(ballotSeal, 'checkBallotSeals');
    const result = runTally(wb, ctx);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(result.warnings.map((w) => w.code)).toContain('audit_broken');
  });

  it('an import onto rows already there records nothing; the tally after it checks every row', () => {
    const { wb, ctx } = imported();
    importTable(wb, ctx, { fileName: 'second.csv', encoding: 'utf-8', rows: smallExport(5, 100) });
    expect(lastImportSeal(wb)).toMatch(/^[0-9a-f]{32}$/);
    expect(tallyChecking(wb, ctx)).toEqual({ checkedRows: true, edited: false });
  });

  it('rows of an earlier import removed, then a new import into the emptied tab: nothing recorded, the removal reported', () => {
    const { wb, ctx } = imported();
    const grid = wb.readTab('투표') as Grid;
    wb.writeTab('투표', [grid[0]]);
    importTable(wb, ctx, { fileName: 'second.csv', encoding: 'utf-8', rows: smallExport(5, 100) });
    expect(lastImportSeal(wb)).toMatch(/^[0-9a-f]{32}$/);
    const spy = jest.spyOn(ballotSeal, 'checkBallotSeals');
    const result = runTally(wb, ctx);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(result.warnings.find((w) => w.code === 'ballots_edited')?.message).toMatch(/12 row\(s\) of import [0-9a-f]{12} removed/);
  });
});

describe('in an .xlsx file, saved and opened again', () => {
  const limits: Record<string, LargeTabLimits | undefined> = { cells: undefined, 'large tab (rows streamed as sheet XML)': { rows: 5, xmlBytes: 200 } };
  it.each(Object.keys(limits))('%s: the tally after the import takes 투표 as sealed; an edit in the file is still found', async (kind) => {
    const file = path.join(work, `${kind.split(' ')[0]}.xlsx`);
    const ctx = testContext();
    const book = XlsxWorkbook.create(file, limits[kind]);
    prepareSmallVote(book, ctx);
    importTable(book, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: smallExport(40) });
    await book.save();
    expect(tallyChecking(await XlsxWorkbook.open(file, limits[kind]), ctx)).toEqual({ checkedRows: false, edited: false });

    const edited = await XlsxWorkbook.open(file, limits[kind]);
    const grid = edited.readTab('투표') as Grid;
    grid[7][grid[0].indexOf('선택')] = 'A03';
    edited.writeTab('투표', grid);
    await edited.save();
    expect(tallyChecking(await XlsxWorkbook.open(file, limits[kind]), ctx)).toEqual({ checkedRows: true, edited: true });
  });

  it('re-saved by another program (ExcelJS, shared strings as Excel writes them): no edit is reported, the outcome stays; a cell changed there is found', async () => {
    const file = path.join(work, 'resaved.xlsx');
    const ctx = testContext();
    const book = XlsxWorkbook.create(file, limits['large tab (rows streamed as sheet XML)']);
    prepareSmallVote(book, ctx);
    importTable(book, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: smallExport(40) });
    await book.save();
    const before = runTally(await XlsxWorkbook.open(file), ctx);

    const resave = async (change?: (sheet: ExcelJS.Worksheet) => void): Promise<void> => {
      const excel = new ExcelJS.Workbook();
      await excel.xlsx.readFile(file);
      if (change !== undefined) change(excel.getWorksheet('투표') as ExcelJS.Worksheet);
      await excel.xlsx.writeFile(file);
    };
    await resave();
    const untouched = tallyChecking(await XlsxWorkbook.open(file), ctx);
    expect(untouched.edited).toBe(false);
    expect(runTally(await XlsxWorkbook.open(file), ctx).selected).toEqual(before.selected);

    await resave((sheet) => {
      const column = (sheet.getRow(1).values as ExcelJS.CellValue[]).indexOf('선택');
      sheet.getRow(8).getCell(column).value = 'A03';
    });
    expect(tallyChecking(await XlsxWorkbook.open(file), ctx)).toEqual({ checkedRows: true, edited: true });
  });
});
