import iconv from 'iconv-lite';
import { DecodeError, decodeBytes } from '../../src/io/decode';

const SAMPLE = '투표자,선택1,선택2\n김철수,뷁 도서관,"쌍문동 놀이터"\n';

function bytesOf(text: string, encoding: string, withBom = false): Uint8Array {
  return new Uint8Array(iconv.encode(text, encoding, { addBOM: withBom }));
}

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeBytes with auto detection', () => {
  test('CP949 bytes, including a character outside EUC-KR (뷁), decode as cp949', () => {
    const bytes = bytesOf(SAMPLE, 'cp949');
    expect(bytes.length).toBeLessThan(Buffer.byteLength(SAMPLE)); // really two bytes a syllable
    expect(decodeBytes(bytes)).toEqual({ text: SAMPLE, encoding: 'cp949' });
  });

  test('UTF-8 without a BOM', () => {
    expect(decodeBytes(bytesOf(SAMPLE, 'utf-8'))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  test('UTF-8 with a BOM drops the BOM', () => {
    const bytes = bytesOf(SAMPLE, 'utf-8', true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeBytes(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8-bom' });
  });

  test("UTF-16LE with a BOM, as Korean Excel's Unicode text export", () => {
    const tabbed = SAMPLE.replace(/,/g, '\t');
    const bytes = bytesOf(tabbed, 'utf-16le', true);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(decodeBytes(bytes)).toEqual({ text: tabbed, encoding: 'utf-16le' });
  });

  test('UTF-16BE with a BOM', () => {
    const bytes = new Uint8Array([0xfe, 0xff, ...bytesOf(SAMPLE, 'utf-16be')]);
    expect(decodeBytes(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
  });

  test('a BOM wins over an explicit choice', () => {
    expect(decodeBytes(bytesOf(SAMPLE, 'utf-8', true), 'cp949').encoding).toBe('utf-8-bom');
    expect(decodeBytes(bytesOf(SAMPLE, 'utf-16le', true), 'utf-8').encoding).toBe('utf-16le');
  });

  test('empty input is empty UTF-8 text', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  test('NUL bytes in otherwise valid text are kept for the CSV layer to report', () => {
    expect(decodeBytes(new Uint8Array([0x61, 0x00, 0x62])).text).toBe('a\u0000b');
  });

  test('bytes that are neither UTF-8 nor CP949 name both offsets', () => {
    // "투표" in CP949, then 0xFF which no encoding we read allows.
    const bytes = new Uint8Array([...bytesOf('투표,', 'cp949'), 0xff, 0x41]);
    const error = decodeError(() => decodeBytes(bytes));
    expect(error.offset).toBe(5);
    expect(error.message).toMatch(/^파일을 글자로 읽을 수 없습니다/);
    expect(error.message).toContain('UTF-8 (bad byte at offset 0)');
    expect(error.message).toContain('CP949 (bad byte at offset 5)');
  });

  test('an unmapped CP949 pair is found at its lead byte', () => {
    // 0xC9 0x41 is structurally a pair but maps to no character.
    const bytes = new Uint8Array([0x41, 0x42, 0xc9, 0x41]);
    expect(decodeError(() => decodeBytes(bytes, 'cp949')).offset).toBe(2);
  });
});

describe('decodeBytes with an explicit encoding', () => {
  test('utf-8 refuses CP949 bytes and suggests cp949', () => {
    const bytes = bytesOf('번호,이름\n', 'cp949');
    const error = decodeError(() => decodeBytes(bytes, 'utf-8'));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DecodeError');
    expect(error.offset).toBe(0);
    expect(error.message).toBe(
      '파일이 UTF-8이 아닙니다 (offset 0, byte 0xB9). --encoding cp949 로 다시 시도하세요' +
        ' / Not valid UTF-8 (offset 0, byte 0xB9). Try again with --encoding cp949',
    );
  });

  test('utf-8 reports the start of a truncated sequence, not its end', () => {
    const bytes = new Uint8Array([...bytesOf('abc', 'utf-8'), 0xed, 0x88]);
    expect(decodeError(() => decodeBytes(bytes, 'utf-8')).offset).toBe(3);
  });

  test('cp949 decodes CP949 and reports failures', () => {
    expect(decodeBytes(bytesOf(SAMPLE, 'cp949'), 'cp949')).toEqual({ text: SAMPLE, encoding: 'cp949' });
    const error = decodeError(() => decodeBytes(new Uint8Array([0x41, 0x80]), 'cp949'));
    expect(error.offset).toBe(1);
    expect(error.message).toMatch(/CP949.*offset 1, byte 0x80.*--encoding utf-8/);
  });

  test('cp949 on UTF-8 Korean does not pass silently when the bytes are not CP949', () => {
    // "한" in UTF-8 is ED 95 9C; the pair ED 95 maps to nothing in CP949.
    const error = decodeError(() => decodeBytes(bytesOf('한', 'utf-8'), 'cp949'));
    expect(error.offset).toBe(0);
  });

  test('every modern Hangul syllable, KS X 1001 and UHC extension alike, decodes from CP949', () => {
    let syllables = '';
    for (let code = 0xac00; code <= 0xd7a3; code++) syllables += String.fromCharCode(code);
    const text = `이름,${syllables}\n`;
    expect(decodeBytes(bytesOf(text, 'cp949'), 'cp949').text).toBe(text);
    expect(decodeBytes(bytesOf(text, 'cp949')).encoding).toBe('cp949');
  });

  test('text made only of UHC extension syllables is not passed through as control characters', () => {
    // Node's own euc-kr decoder reads 갂 (81 41) as U+0081 + "A" without complaint.
    expect(decodeBytes(bytesOf('갂똠', 'cp949'))).toEqual({ text: '갂똠', encoding: 'cp949' });
  });

  test('the euro sign and other late CP949 additions decode', () => {
    expect(decodeBytes(bytesOf('€1,000', 'cp949'), 'cp949').text).toBe('€1,000');
  });

  test('a lone lead byte at the end of CP949 text is an error', () => {
    const bytes = new Uint8Array([...bytesOf('똠방', 'cp949'), 0xb0]);
    expect(decodeError(() => decodeBytes(bytes, 'cp949')).offset).toBe(4);
  });

  test('a damaged UTF-16 file with a BOM is an error, not a guess', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xdc]);
    const error = decodeError(() => decodeBytes(bytes));
    expect(error.offset).toBe(4);
    expect(error.message).toContain('UTF-16LE');
  });
});
