/**
 * An .xlsx written by ExcelJS with the typed cells a person leaves in a sheet: percents (`0%`,
 * `0.0%`) and zero-padded numbers (`00`, `000`) beside plain numbers, for the tests that read it
 * through every reader (test/node/typedReaders.test.ts, test/browser/typedXlsx.test.ts).
 */
import ExcelJS from 'exceljs';

/** Each cell as [value, number format]; the header row has no format. */
export const TYPED_ROWS: [string | number, string | undefined][][] = [
  [['투표자', undefined], ['선택', undefined], ['비율', undefined], ['번호', undefined], ['금액', undefined]],
  [['v1', undefined], ['A01', undefined], [0.8, '0%'], [1, '00'], [12.5, undefined]],
  [['v2', undefined], ['A02', undefined], [0.125, '0.0%'], [7, '000'], [3, '0']],
  [['v3', undefined], ['A01', undefined], [0.07, '0%'], [0, '00'], [1234.5, '#,##0.0']],
  [['v4', undefined], ['A03', undefined], [1, '0%'], [10, '00'], [0, undefined]],
  [['v5', undefined], ['A02', undefined], [0.05, '0%'], [123, '00'], [2, undefined]],
  [['v6', undefined], ['A01', undefined], [0, '0%'], [1, '00'], [7, undefined]],
];

export async function typedCellsFile(file: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('투표');
  TYPED_ROWS.forEach((row, r) =>
    row.forEach(([value, format], c) => {
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = value;
      if (format !== undefined) cell.numFmt = format;
    }),
  );
  await book.xlsx.writeFile(file);
  return file;
}
