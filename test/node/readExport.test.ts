import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseSeoulTimestamp } from '../../src/core/datetime';
import { ExportReadError, readExportFile, tableFromBytes } from '../../src/node/readExport';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'civic-sheets-read-export-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportReadError(run: () => Promise<unknown>): Promise<ExportReadError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ExportReadError) return error;
    throw error;
  }
  throw new Error('expected an ExportReadError');
}

/** A vote export as a district system might write it, behind a hidden helper sheet. */
async function writeVoteWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const hidden = workbook.addWorksheet('코드표', { state: 'hidden' });
  hidden.addRow(['이 시트는 숨겨져 있습니다']);

  const sheet = workbook.addWorksheet('투표결과');
  sheet.addRow(['투표자', '선택1', '전화', '투표시각', '합계', '메모', '안내', '동의']);

  const row = sheet.addRow(['김철수', '도서관']);
  row.getCell(3).value = 1012345678;
  row.getCell(4).value = new Date(Date.UTC(2020, 6, 6, 9, 15, 0));
  row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm:ss';
  row.getCell(5).value = { formula: 'SUM(1,2)', result: 3 };
  row.getCell(6).value = { richText: [{ text: '굵게', font: { bold: true } }, { text: ' 보통' }] };
  row.getCell(7).value = { text: '사업 안내', hyperlink: 'https://example.org/agenda/1' };
  row.getCell(8).value = true;

  const more = sheet.addRow(['이영희', '놀이터']);
  more.getCell(4).value = new Date(Date.UTC(2020, 6, 6));
  more.getCell(4).numFmt = 'yyyy-mm-dd';
  more.getCell(5).value = { formula: 'A3&"님"', result: '이영희님' };
  more.getCell(6).value = { formula: '1/0', result: { error: '#DIV/0!' } };
  more.getCell(9).value = ''; // an empty-string cell beyond the data must not widen the row

  sheet.addRow([]); // a blank row inside the data
  const numbers = sheet.addRow([1e21, 0.1, 1e-7, -2.5]);
  numbers.getCell(5).value = { formula: '0.1+0.2', result: 0.1 + 0.2 };
  numbers.getCell(6).value = { formula: 'NOW()' }; // no cached result

  const merged = sheet.addRow(['합쳐진 칸', null, '끝']);
  sheet.mergeCells(merged.number, 1, merged.number, 2);

  sheet.getRow(20).getCell(1).numFmt = '@'; // styled but empty: must not add rows
  await workbook.xlsx.writeFile(path);
}

describe('readExportFile on .xlsx', () => {
  let path: string;

  beforeAll(async () => {
    path = join(dir, '주민투표_결과.xlsx');
    await writeVoteWorkbook(path);
  });

  test('reads the first visible sheet with every cell as the text it shows', async () => {
    const table = await readExportFile(path);
    expect(table).toMatchObject({ fileName: '주민투표_결과.xlsx', format: 'xlsx', encoding: 'xlsx', sheetName: '투표결과' });
    expect(table.delimiter).toBeUndefined();
    expect(table.rows).toEqual([
      ['투표자', '선택1', '전화', '투표시각', '합계', '메모', '안내', '동의'],
      ['김철수', '도서관', '1012345678', '2020-07-06 09:15:00', '3', '굵게 보통', '사업 안내', 'TRUE'],
      ['이영희', '놀이터', '', '2020-07-06', '이영희님', '#DIV/0!'],
      [],
      ['1000000000000000000000', '0.1', '0.0000001', '-2.5', '0.3'],
      ['합쳐진 칸', '', '끝'],
    ]);
  });

  test('date cells come out as Seoul wall-clock text the timestamp parser reads', async () => {
    const table = await readExportFile(path);
    expect(parseSeoulTimestamp(table.rows[1][3])).toBe(Date.UTC(2020, 6, 6, 0, 15, 0));
  });

  test('a date-formatted cell with a time keeps it even when the format hides it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('시트1');
    sheet.getCell('A1').value = new Date(Date.UTC(2020, 6, 6, 15, 30, 0, 400));
    sheet.getCell('A1').numFmt = 'yyyy-mm-dd';
    sheet.getCell('A2').value = new Date(Date.UTC(2020, 6, 6, 0, 0, 0));
    sheet.getCell('A2').numFmt = 'yyyy-mm-dd AM/PM h:mm';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = await tableFromBytes('시각.xlsx', bytes);
    expect(table.rows).toEqual([['2020-07-06 15:30:00'], ['2020-07-06 00:00:00']]);
  });

  test('an xlsx is recognised by its bytes even under a .csv name', async () => {
    const bytes = new Uint8Array(await readFile(path));
    const table = await tableFromBytes('잘못된이름.csv', bytes);
    expect(table.format).toBe('xlsx');
    expect(table.rows[1][0]).toBe('김철수');
  });

  test('a truncated xlsx is a one-line ExportReadError', async () => {
    const bytes = await readFile(path);
    const truncated = join(dir, '잘린파일.xlsx');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await exportReadError(() => readExportFile(truncated));
    expect(error.name).toBe('ExportReadError');
    expect(error.message).toBe(
      '엑셀 파일을 읽을 수 없습니다. 파일이 손상되었거나 .xlsx 형식이 아닙니다: 잘린파일.xlsx' +
        ' / Cannot read the Excel file; it is damaged or not in .xlsx format: 잘린파일.xlsx',
    );
    expect(error.cause).toBeDefined();
  });

  test('a non-zip file named .xlsx is an ExportReadError', async () => {
    const error = await exportReadError(() => tableFromBytes('가짜.xlsx', new TextEncoder().encode('a,b\n1,2\n')));
    expect(error.message).toMatch(/not in \.xlsx format: 가짜\.xlsx$/);
  });

  test('an old .xls is refused with advice', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = await exportReadError(() => tableFromBytes('예전파일.xls', ole));
    expect(error.message).toMatch(/^구형 \.xls .*save as \.xlsx or CSV/);
  });
});

describe('readExportFile on text exports', () => {
  test('a CP949 CSV is decoded and split', async () => {
    const path = join(dir, '현장투표.csv');
    await writeFile(path, iconv.encode('투표자,선택1\r\n김철수,뷁 도서관\r\n', 'cp949'));
    expect(await readExportFile(path)).toEqual({
      fileName: '현장투표.csv',
      format: 'csv',
      encoding: 'cp949',
      delimiter: ',',
      rows: [
        ['투표자', '선택1'],
        ['김철수', '뷁 도서관'],
      ],
    });
  });

  test('an explicit encoding is honoured and its failure surfaces as a DecodeError', async () => {
    const path = join(dir, '온라인.tsv');
    await writeFile(path, iconv.encode('투표자\t선택1\n김철수\t공원\n', 'cp949'));
    await expect(readExportFile(path, { encoding: 'utf-8' })).rejects.toMatchObject({
      name: 'DecodeError',
      message: expect.stringContaining('--encoding cp949'),
    });
    const table = await readExportFile(path, { encoding: 'cp949' });
    expect(table).toMatchObject({ encoding: 'cp949', delimiter: '\t', rows: [['투표자', '선택1'], ['김철수', '공원']] });
  });

  test('a UTF-16LE .txt from Excel is read', async () => {
    const path = join(dir, '유니코드.txt');
    await writeFile(path, iconv.encode('투표자\t선택1\r\n김철수\t공원\r\n', 'utf-16le', { addBOM: true }));
    expect(await readExportFile(path)).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: [['투표자', '선택1'], ['김철수', '공원']] });
  });

  test('a missing file and an unknown type are ExportReadErrors', async () => {
    const missing = join(dir, '없는파일.csv');
    expect((await exportReadError(() => readExportFile(missing))).message).toBe(
      `파일을 열 수 없습니다: ${missing} / Cannot open file: ${missing}`,
    );
    const error = await exportReadError(() => tableFromBytes('결과.pdf', new TextEncoder().encode('%PDF-1.4')));
    expect(error.message).toMatch(/Unsupported file type .*: 결과\.pdf$/);
  });
});
