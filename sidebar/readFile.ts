/**
 * Reads a vote export in the browser: bytes → text (BOM / UTF-8 / CP949 detection by src/io/decode)
 * → table of text cells (src/io/csv). The sidebar only shows and sends what these return.
 *
 * XLSX is left to the CLI on purpose: every maintained XLSX reader we could use (they bundle a zip
 * library and an XML parser) would take most of the sidebar's 100 KB budget, and Excel saves any
 * sheet as CSV in two clicks.
 */
import { DecodeError, decodeBytes, type EncodingChoice } from '../src/io/decode';
import { parseCsv } from '../src/io/csv';
import { t } from './ui';

export interface ParsedFile {
  fileName: string;
  encoding: string;
  /** ',', '\t' or ';' as detected by parseCsv. */
  delimiter: string;
  rows: string[][];
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
  if (/\.xls[xm]?$/i.test(file.name)) throw new Error(t.xlsxRefused);
  const bytes = await readBytes(file);
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
