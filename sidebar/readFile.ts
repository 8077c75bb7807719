/**
 * Reads a vote export in the browser: bytes → text (BOM / UTF-8 / CP949 detection by src/io/decode)
 * → table of text cells (src/io/csv). The sidebar only shows and sends what these return.
 */
import { decodeBytes, type EncodingChoice } from '../src/io/decode';
import { parseCsv } from '../src/io/csv';

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
  const bytes = await readBytes(file);
  const decoded = decodeBytes(bytes, choice);
  const { rows, delimiter } = parseCsv(decoded.text);
  return { fileName: file.name, encoding: decoded.encoding, delimiter, rows };
}
