/**
 * Which sheet of a multi-sheet .xlsx export is read, on both of the CLI's reading paths (ExcelJS
 * for ordinary sheets, the stream for large ones): the named one, else the only visible sheet
 * holding data; several with data and no choice is refused, naming them and their row counts.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { readExportFile } from '../../src/node/readExport';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('sheets');

async function exportXlsx(name: string, sheets: Record<string, string[][]>, hidden: string[] = []): Promise<string> {
  const file = path.join(work, name);
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) book.addWorksheet(sheetName, hidden.includes(sheetName) ? { state: 'hidden' } : {}).addRows(rows);
  await book.xlsx.writeFile(file);
  return file;
}

const online = [['휴대폰', '선택1'], ['010-1', 'A01'], ['010-2', 'A02'], ['010-3', 'A03']];
const summary = [['구분', '합계'], ['A01', '3']];

describe.each([
  ['ExcelJS', {}],
  ['stream', { largeSheetBytes: 1 }],
])('on the %s path', (_, options) => {
  it('refuses several sheets with data without a choice, and reads the one chosen (hidden ones too)', async () => {
    const file = await exportXlsx(`two-${_}.xlsx`, { 온라인: online, Sheet2: [], 요약: summary, 숨김: [['x']] }, ['숨김']);
    await expect(readExportFile(file, options)).rejects.toThrow("데이터가 있는 시트가 여러 개입니다: '온라인' 4행, '요약' 2행");
    const chosen = await readExportFile(file, { ...options, sheet: ' 요약 ' });
    expect([chosen.sheetName, chosen.rows]).toEqual(['요약', summary]);
    expect((await readExportFile(file, { ...options, sheet: '숨김' })).rows).toEqual([['x']]);
    await expect(readExportFile(file, { ...options, sheet: '없음' })).rejects.toThrow("'없음' 시트가 없습니다 (있는 시트: '온라인', 'Sheet2', '요약', '숨김')");
  });

  it('reads the only visible sheet with data beside empty and hidden ones without a choice', async () => {
    const file = await exportXlsx(`one-${_}.xlsx`, { Sheet1: [], 온라인: online, Sheet3: [], 숨김: summary }, ['숨김']);
    const table = await readExportFile(file, options);
    expect([table.sheetName, table.rows]).toEqual(['온라인', online]);
  });
});
