/**
 * Item 3 in the streaming .xlsx reader: a row of an export whose XML runs far past what its cells
 * at the cell limit could need is refused as it arrives, before the rest of it is read or held.
 */
import { isUserError } from '../../src/core/errors';
import { NotOwnFormat, SheetXmlReader } from '../../src/node/sheetXml';

const HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>투표자</t></is></c><c r="B1" t="inlineStr"><is><t>선택1</t></is></c></row>';

function feed(reader: SheetXmlReader, xml: string): { thrown: unknown; fed: number } {
  let fed = 0;
  try {
    for (; fed < xml.length; fed += 64 * 1024) reader.write(xml.slice(fed, fed + 64 * 1024));
    reader.end();
  } catch (thrown) {
    return { thrown, fed };
  }
  return { thrown: null, fed };
}

describe('bounded rows in the streaming export reader', () => {
  const long = (chars: number): string => `${HEAD}${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>v1</t></is></c><c r="B2" t="inlineStr"><is><t>${'A'.repeat(chars)}</t></is></c></row></sheetData></worksheet>`;

  it('a 20 MB cell under a two-column header is refused after a few MB of it', () => {
    const xml = long(20 * 1024 * 1024);
    const { thrown, fed } = feed(new SheetXmlReader([], [], undefined, false, true), xml);
    expect(isUserError(thrown) && thrown.code === 'line_too_long').toBe(true);
    expect((thrown as Error).message).toMatch(/한 행이 너무 깁니다.* \/ a row is too long/);
    // Bound: 6 × 100,000 characters + 1 MB of markup; stopped well before the 20 MB were read.
    expect(fed).toBeLessThan(2 * 1024 * 1024);
  });

  it('a row at the cell limit passes (its cell is cut on import, not here)', () => {
    const reader = new SheetXmlReader([], [], undefined, false, true);
    expect(feed(reader, long(60_000)).thrown).toBeNull();
  });

  it("the workbook's own tabs are not bounded this way", () => {
    expect(feed(new SheetXmlReader([], []), long(3 * 1024 * 1024)).thrown).toBeNull();
  });

  it('read fast (from bytes), such a row is given up as not ours within 16 MiB, for saxes and its bound to refuse', () => {
    const bytes = Buffer.from(long(20 * 1024 * 1024), 'utf8');
    const reader = new SheetXmlReader([], [], undefined, true, true);
    // In pieces of 1 MiB, as the zip reader inflates them.
    const piece = 1024 * 1024;
    let fed = 0;
    let thrown: unknown = null;
    try {
      for (; fed < bytes.length; fed += piece) reader.writeBytes(bytes.subarray(fed, fed + piece));
      reader.end();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotOwnFormat);
    expect(fed).toBeLessThanOrEqual(16 * 1024 * 1024 + piece);
    // saxes then refuses it as the test above does.
    expect(isUserError(feed(new SheetXmlReader([], [], undefined, false, true), long(20 * 1024 * 1024)).thrown)).toBe(true);
  });
});
