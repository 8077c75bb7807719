import iconv from 'iconv-lite';
import { CsvError, parseCsv } from '../../src/io/csv';
import { decodeBytes } from '../../src/io/decode';

function csvError(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

describe('parseCsv', () => {
  test('a plain comma file', () => {
    expect(parseCsv('투표자,선택1\n김철수,도서관\n이영희,놀이터\n')).toEqual({
      rows: [
        ['투표자', '선택1'],
        ['김철수', '도서관'],
        ['이영희', '놀이터'],
      ],
      delimiter: ',',
    });
  });

  test('quoted cells keep embedded delimiters, quotes and newlines', () => {
    const text = '번호,의견,금액\r\n1,"주차장, 놀이터 ""둘 다""\r\n필요함","1,000"\r\n';
    expect(parseCsv(text).rows).toEqual([
      ['번호', '의견', '금액'],
      ['1', '주차장, 놀이터 "둘 다"\n필요함', '1,000'],
    ]);
  });

  test('mixed CRLF, LF and CR line endings all end a row', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  test('semicolon files are detected even with commas inside amounts', () => {
    const parsed = parseCsv('사업명;금액\n도서관;1,000\n공원;2,500,000\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.rows[2]).toEqual(['공원', '2,500,000']);
  });

  test('tab files are detected even when cells contain commas', () => {
    const parsed = parseCsv('이름\t주소\t금액\n김철수\t서울시, 도봉구\t1,000\n');
    expect(parsed.delimiter).toBe('\t');
    expect(parsed.rows[1]).toEqual(['김철수', '서울시, 도봉구', '1,000']);
  });

  test('a comma header wins over a stray semicolon in it when rows agree with commas', () => {
    const parsed = parseCsv('번호,의견;메모,선택\n1,좋음;많이,A\n2,보통,B\n');
    expect(parsed.delimiter).toBe(',');
    expect(parsed.rows[1]).toEqual(['1', '좋음;많이', 'A']);
  });

  test("a UTF-16LE tab export from Korean Excel, through decodeBytes", () => {
    const bytes = new Uint8Array(iconv.encode('투표자\t선택1\t선택2\r\n김철수\t도서관\t공원\r\n', 'utf-16le', { addBOM: true }));
    const decoded = decodeBytes(bytes);
    expect(decoded.encoding).toBe('utf-16le');
    expect(parseCsv(decoded.text)).toEqual({
      rows: [
        ['투표자', '선택1', '선택2'],
        ['김철수', '도서관', '공원'],
      ],
      delimiter: '\t',
    });
  });

  test('rows of a different width are kept, not dropped or merged', () => {
    expect(parseCsv('a,b,c\n1,2\n3,4,5,6\n\n7,8,9\n').rows).toEqual([
      ['a', 'b', 'c'],
      ['1', '2'],
      ['3', '4', '5', '6'],
      [''],
      ['7', '8', '9'],
    ]);
  });

  test('trailing blank lines and delimiter-only lines are dropped', () => {
    expect(parseCsv('a,b\n1,2\n,\n\n\r\n').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  test('a BOM left in the text is not part of the first header', () => {
    expect(parseCsv('\uFEFF투표자,선택\n').rows[0]).toEqual(['투표자', '선택']);
  });

  test('empty text, a lone BOM, or only newlines give no rows', () => {
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('\uFEFF').rows).toEqual([]);
    expect(parseCsv('\r\n\n').rows).toEqual([]);
  });

  test('a single-column file is read with the default comma', () => {
    expect(parseCsv('이름\n김철수\n')).toEqual({ rows: [['이름'], ['김철수']], delimiter: ',' });
  });

  test('an unterminated quote is a whole-file error naming its line', () => {
    const error = csvError('a,b\n1,2\n3,"열린 따옴표\n4,5\n6,7\n');
    expect(error.line).toBe(3);
    expect(error.name).toBe('CsvError');
    expect(error.message).toBe(
      '3번째 줄에서 시작한 따옴표(")가 닫히지 않아 파일의 나머지를 읽을 수 없습니다' +
        ' / A quote (") opened on line 3 is never closed, so the rest of the file cannot be read',
    );
  });

  test('a quoted cell followed by more text is an error too, since it swallows rows', () => {
    const error = csvError('a,b\n1,"2"x\n3,4\n');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/Misplaced quote \("\) on line 2/);
  });

  test('NUL characters are reported with their line', () => {
    const error = csvError('a,b\n1,2\nx\u0000y,3\n');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^파일에 NUL 문자가 있습니다.*UTF-16 without a byte-order mark/);
  });
});
