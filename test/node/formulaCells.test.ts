/**
 * Issue 14 (5): a cell of an export that holds a formula is never a vote, a voter or a time. Files
 * as Excel and LibreOffice save them (a formula with its cached result, written by ExcelJS), read by
 * ExcelJS's path and by the streaming reader, imported: the row is set aside as `formula_cell`
 * (수식 셀), and the formula text is kept nowhere.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { initWorkbook, importTable } from '../../src/workflows';
import { importRows } from '../../src/workflows/importBallots';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { readExportRows } from '../../src/node/readExport';
import { reasonLabel } from '../../src/sheets/reasonLabels';
import { testContext } from '../helpers/context';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('formula');

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2'], ['선택 방식', '최대'], ['투표 시작', '2020-07-06'], ['투표 종료', '2020-07-13']]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
  ]);
  return wb;
}

const SECRET_URL = 'http://attacker.example/track';

/** An export saved by a spreadsheet program: formulas kept with their cached results. */
async function exportWithFormulas(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('투표');
  ws.addRow(['투표자', '투표일시', '선택1', '선택2']);
  ws.addRow(['010-1000-0001', '2020-07-07 09:00:00', 'A01', 'A02']);
  ws.addRow(['010-1000-0002', '2020-07-07 10:00:00', { formula: `HYPERLINK("${SECRET_URL}","A01")`, result: 'A01' }, 'A02']);
  ws.addRow([{ formula: 'CONCAT("010-1000-","0003")', result: '010-1000-0003' }, '2020-07-07 11:00:00', 'A02', '']);
  ws.addRow(['010-1000-0004', { formula: 'DATE(2020,7,8)', result: new Date(Date.UTC(2020, 6, 8)) }, 'A01', '']);
  ws.addRow(['010-1000-0005', '2020-07-08 12:00:00', 'A02', '']);
  // A shared formula, as Excel writes a filled-down column.
  ws.getCell('C7').value = { formula: 'LEFT("A01xyz",3)', result: 'A01' };
  ws.getCell('C8').value = { sharedFormula: 'C7', result: 'A01' };
  ws.getCell('A7').value = '010-1000-0006';
  ws.getCell('B7').value = '2020-07-08 13:00:00';
  ws.getCell('A8').value = '010-1000-0007';
  ws.getCell('B8').value = '2020-07-08 14:00:00';
  await wb.xlsx.writeFile(file);
}

describe.each([
  ['ExcelJS', {}],
  ['the streaming reader', { largeSheetBytes: 1 }],
])('formula cells read by %s', (_name, options) => {
  it('set their rows aside as formula_cell, keep no formula text, count the rest', async () => {
    const file = path.join(work, 'formulas.xlsx');
    await exportWithFormulas(file);
    const read = await readExportRows(file, options);
    expect([...(read.formulaCells ?? [])].sort((a, b) => a.row - b.row || a.column - b.column)).toEqual([
      { row: 2, column: 2 },
      { row: 3, column: 0 },
      { row: 4, column: 1 },
      { row: 6, column: 2 },
      { row: 7, column: 2 },
    ]);
    const wb = book();
    const report = importRows(wb, testContext(), { fileName: read.fileName, encoding: read.encoding, formulaCells: read.formulaCells }, read.source);
    expect(report).toMatchObject({ rowsRead: 7, rowsCounted: 2, ballotsCounted: 2, setAside: { total: 5, reasons: { formula_cell: 5 } } });
    expect(report.warningCodes).toContain('formula_cells');
    expect(report.warnings).toContain('수식 셀이 있는 5개 행을 제외했습니다 / 5 rows with a formula cell were set aside');
    const setAside = wb.readTab('제외') ?? [];
    const reasons = setAside.slice(1).map((row) => String(row[6]));
    expect(reasons.filter((r) => r.startsWith('수식 셀'))).toHaveLength(5);
    expect(reasons).toContain('수식 셀: 선택1 열 (수식은 투표·투표자·일시로 읽지 않음)');
    expect(reasons).toContain('수식 셀: 투표자 열 (수식은 투표·투표자·일시로 읽지 않음)');
    // The formula (and the URL it hides) is nowhere in the workbook.
    const everything = wb.tabNames().flatMap((name) => (wb.readTab(name) ?? []).flat().map(String));
    expect(everything.some((cell) => cell.includes('HYPERLINK') || cell.includes(SECRET_URL) || cell.includes('CONCAT'))).toBe(false);
    // The formula's voter is no voter: its key is in neither 투표 nor 제외.
    expect((wb.readTab('투표') ?? []).length).toBe(3);
    expect(reasonLabel('formula_cell', 'ko')).toBe('수식 셀');
  });
});

describe('a formula cell given by the host contract (ImportInput.formulaCells)', () => {
  it('is found by its row in the rows as given, blank rows included', () => {
    const wb = book();
    const report = importTable(wb, testContext(), {
      fileName: 'sheet.xlsx',
      encoding: 'xlsx',
      rows: [['투표자', '투표일시', '선택1'], [], ['v1', '2020-07-07 09:00', 'A01'], ['v2', '2020-07-07 09:00', 'A02']],
      formulaCells: [{ row: 3, column: 2 }],
    });
    expect(report).toMatchObject({ rowsRead: 2, ballotsCounted: 1, setAside: { total: 1, reasons: { formula_cell: 1 } } });
    const [header, row] = wb.readTab('제외') ?? [];
    expect(String(row[header.indexOf('원본 내용')])).toContain('선택1=A02');
  });
});

describe('a CSV has no formulas', () => {
  it('a cell starting with = is text, its row counts as any other', async () => {
    const file = path.join(work, 'eq.csv');
    writeFileSync(file, '투표자,투표일시,선택1\nv1,2020-07-07 09:00,A01\n');
    const read = await readExportRows(file);
    expect(read.formulaCells).toBeUndefined();
  });
});
