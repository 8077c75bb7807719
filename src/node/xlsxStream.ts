import { dimensionRef, headEndsWithRowOne, listWorksheets, NotOwnFormat, PlainBodyScan, parseNumberStyles, parseSharedStrings, SheetXmlReader, SheetXmlSplitter, usesDate1904, workbookDateText, type SheetXmlSplit, type WorksheetEntry } from './sheetXml';
import { zipParts, type ZipPart } from './zipParts';
import type { NumberStyle } from '../io/xlsxCells';
import { zipSync } from 'fflate';

/**
 * An .xlsx opened part by part, for reading a worksheet too large for ExcelJS as a stream. The
 * workbook's tab list, shared strings and number styles are read on first use.
 */
export class XlsxParts {
  private strings: string[] | null = null;
  private numberStyles: (NumberStyle | null)[] | null = null;
  private date1904: boolean | null = null;
  private readonly byName: Map<string, ZipPart>;

  private constructor(
    readonly parts: ZipPart[],
    readonly close: () => void,
  ) {
    this.byName = new Map(parts.map((part) => [part.name, part]));
  }

  /** Rejects when the bytes are not a readable zip. */
  static async open(bytes: Uint8Array): Promise<XlsxParts> {
    const { parts, close } = await zipParts(bytes);
    return new XlsxParts(parts, close);
  }

  part(name: string): ZipPart | undefined {
    return this.byName.get(name);
  }

  async text(name: string): Promise<string> {
    const part = this.byName.get(name);
    return part === undefined ? '' : (await part.read()).toString('utf8');
  }

  async worksheets(): Promise<WorksheetEntry[]> {
    return listWorksheets(await this.text('xl/workbook.xml'), await this.text('xl/_rels/workbook.xml.rels'));
  }

  /**
   * The whole file again as a zip of stored (not deflated) parts, each inflated here within its
   * declared size (zipParts.ts): what ExcelJS loads, since its own inflating trusts nothing and
   * bounds nothing. Parts `replace` names are taken from it instead.
   */
  async boundedCopy(replace: ReadonlyMap<string, Uint8Array> = new Map()): Promise<Buffer> {
    const files: Record<string, Uint8Array> = {};
    for (const part of this.parts) files[part.name] = replace.get(part.name) ?? (await part.read());
    const zipped = zipSync(files, { level: 0 });
    return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
  }

  /** Every row of a worksheet, and its XML without them (see SheetXmlReader). */
  async readWorksheet(part: ZipPart, dateText: (serial: number, kind: 'date' | 'datetime') => string = workbookDateText, boundRows = false): Promise<SheetXmlSplit> {
    this.strings ??= parseSharedStrings((await this.text('xl/sharedStrings.xml')) || '<sst/>');
    this.numberStyles ??= parseNumberStyles((await this.text('xl/styles.xml')) || '<styleSheet/>');
    this.date1904 ??= usesDate1904((await this.text('xl/workbook.xml')) || '<workbook/>');
    const shifted = this.date1904 ? (serial: number, kind: 'date' | 'datetime') => dateText(serial + 1462, kind) : dateText;
    try {
      return await this.readWith(part, new SheetXmlReader(this.strings, this.numberStyles, shifted, true, boundRows));
    } catch (error) {
      if (!(error instanceof NotOwnFormat)) throw error;
      // Written by another program (Excel, ExcelJS): read it again with saxes.
      return this.readWith(part, new SheetXmlReader(this.strings, this.numberStyles, shifted, false, boundRows));
    }
  }

  /** The worksheet's XML to the reader: as bytes to a fast one, as text to saxes. */
  private async readWith(part: ZipPart, reader: SheetXmlReader): Promise<SheetXmlSplit> {
    if (reader.fast) {
      await part.stream((chunk) => reader.writeBytes(chunk));
      return reader.end();
    }
    const decoder = new TextDecoder();
    await part.stream((chunk) => reader.write(decoder.decode(chunk, { stream: true })));
    reader.write(decoder.decode());
    return reader.end();
  }

  /**
   * A worksheet cut around its rows without reading them: its XML with the first row only (as
   * readWorksheet's placeholder), whether the other rows are plain values (so they may be copied
   * as they are into a file ExcelJS rewrote) and its dimension. Inflating and one scan of the XML:
   * no cell is read, no row held.
   */
  async splitWorksheet(part: ZipPart): Promise<{ placeholder: string; plainBody: boolean; dimension: string | null }> {
    const scan = new PlainBodyScan();
    const splitter = new SheetXmlSplitter((xml) => scan.write(xml));
    const decoder = new TextDecoder();
    await part.stream((chunk) => splitter.write(decoder.decode(chunk, { stream: true })));
    splitter.write(decoder.decode());
    const { head, tail } = splitter.end();
    return { placeholder: head + tail, plainBody: scan.end() && headEndsWithRowOne(head), dimension: dimensionRef(head) };
  }

  /** Hands the XML of a worksheet's rows after the first to `onBody`, piece by piece, as it is in the file. */
  async copyWorksheetBody(part: ZipPart, onBody: (xml: string) => Promise<void>): Promise<void> {
    const pieces: string[] = [];
    const splitter = new SheetXmlSplitter((xml) => pieces.push(xml));
    const decoder = new TextDecoder();
    const flush = async (): Promise<void> => {
      for (const piece of pieces.splice(0)) await onBody(piece);
    };
    // Each chunk's rows are handed on (and taken) before the next chunk is inflated.
    await part.stream(async (chunk) => {
      splitter.write(decoder.decode(chunk, { stream: true }));
      await flush();
    });
    splitter.write(decoder.decode());
    splitter.end();
    await flush();
  }
}
