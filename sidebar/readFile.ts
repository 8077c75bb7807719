/**
 * Reads a vote export in the browser: bytes → text (BOM / UTF-8 / CP949 detection by src/io/decode)
 * → table of text cells (src/io/csv). The sidebar only shows and sends what these return.
 *
 * XLSX goes through readXlsx.ts (fflate + the browser's DOMParser), which keeps the sidebar small.
 */
import { DecodeError, decodeBytes, type EncodingChoice } from '../src/io/decode';
import { parseCsv } from '../src/io/csv';
import { readXlsxSheets, XlsxReadError } from './readXlsx';
import { t } from './ui';
import type { FormulaCell } from '../src/workflows/api';

export interface ParsedFile {
  fileName: string;
  encoding: string;
  /** ',', '\t' or ';' as detected by parseCsv. */
  delimiter: string;
  rows: string[][];
  /** Cells of `rows` that held a formula in an .xlsx (their rows are set aside by the import). */
  formulaCells?: FormulaCell[];
  /**
   * An .xlsx with more than one visible sheet holding data: those sheets, and `rows` is empty until
   * one is chosen (importing one silently would leave the others out).
   */
  sheets?: { name: string; rows: string[][]; formulaCells: FormulaCell[] }[];
}

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** `choice` 'auto' detects (BOM → strict UTF-8 → CP949); the others force an encoding. */
export async function readVoteFile(file: File, choice: EncodingChoice = 'auto'): Promise<ParsedFile> {
  if (/\.xls$/i.test(file.name)) throw new Error(t.xlsRefused);
  const bytes = await readBytes(file);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip || /\.xls[xm]$/i.test(file.name)) {
    try {
      const sheets = await readXlsxSheets(bytes);
      const withData = sheets.filter((sheet) => sheet.rows.some((row) => row.some((cell) => cell.trim() !== '')));
      if (withData.length > 1) return { fileName: file.name, encoding: 'xlsx', delimiter: '', rows: [], sheets: withData.map((sheet) => ({ name: sheet.sheetName, rows: sheet.rows, formulaCells: sheet.formulaCells })) };
      const { rows, formulaCells } = withData[0] ?? sheets[0];
      return { fileName: file.name, encoding: 'xlsx', delimiter: '', rows, ...(formulaCells.length > 0 ? { formulaCells } : {}) };
    } catch (err) {
      if (err instanceof XlsxReadError) throw new Error(t.xlsxFailed[err.reason], { cause: err });
      throw err;
    }
  }
  let decoded: ReturnType<typeof decodeBytes>;
  try {
    decoded = decodeBytes(bytes, choice);
  } catch (err) {
    // decode.ts speaks to the CLI (--encoding …); in the sidebar the encoding menu is the way out.
    if (err instanceof DecodeError) throw new Error(`${t.decodeFailed(choice)} (offset ${err.offset})`, { cause: err });
    throw err;
  }
  const { rows, delimiter } = parseCsv(decoded.text);
  return { fileName: file.name, encoding: decoded.encoding, delimiter, rows };
}
