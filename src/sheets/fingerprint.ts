/**
 * The content fingerprint of an export table: cells, not bytes, so a re-saved copy of the same
 * export is recognised. Pure, so the sidebar computes the same value before uploading and the
 * server can refuse a second import of a file before any row is sent.
 */
import { Fingerprint } from '../core/hash';

/** Rows with at least one non-blank cell; blank lines never change what a file means. */
export function trimEmptyRows(rows: readonly string[][]): string[][] {
  return rows.filter(hasContent);
}

export function hasContent(row: readonly (string | undefined)[]): boolean {
  for (const cell of row) if ((cell ?? '').trim() !== '') return true;
  return false;
}

export function fingerprintTable(rows: readonly string[][]): string {
  const fp = new Fingerprint();
  for (const row of rows) if (hasContent(row)) fp.addTrimmedRow(row);
  return fp.hex();
}
