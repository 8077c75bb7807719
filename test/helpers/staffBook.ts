import ExcelJS from 'exceljs';

/** The three agendas the CLI tests type in, with their costs spelled three ways, as staff write them. */
export const TYPED_AGENDAS = [
  ['A01', '마을축제', '문화', '6천만원', '자치행정과'],
  ['A02', '방역 봉사단', '안전', '50,000,000', '보건소'],
  ['A03', '마을장터', '경제', '30,000천원', '일자리과'],
];

/**
 * 설정 values and 의제 rows typed into a workbook `init` made, and saved by ExcelJS, as Excel
 * would hold them (not as this tool writes them).
 */
export async function typeIntoBook(file: string, settings: Readonly<Record<string, string>>, more?: (book: ExcelJS.Workbook) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  (book.getWorksheet('설정') as ExcelJS.Worksheet).eachRow((row) => {
    const key = String(row.getCell(1).value);
    if (key in settings) row.getCell(2).value = settings[key];
  });
  (book.getWorksheet('의제') as ExcelJS.Worksheet).addRows(TYPED_AGENDAS);
  more?.(book);
  await book.xlsx.writeFile(file);
}
