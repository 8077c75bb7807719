import { sha256 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** Hex SHA-256 of UTF-8 text: input and result fingerprints, lottery draws. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A voter's identifier (phone number, name) becomes a keyed hash before it reaches a cell, so
 * the same person is recognised across imports without the raw value being kept. Phone numbers
 * are reduced to their digits first so 010-1234-5678 and 01012345678 are one voter.
 */
export function voterKey(rawIdentifier: string, salt: string): string {
  const normalized = normalizeVoterIdentifier(rawIdentifier);
  return 'v' + bytesToHex(hmac(sha256, utf8ToBytes(salt), utf8ToBytes(normalized))).slice(0, 31);
}

export function normalizeVoterIdentifier(raw: string): string {
  const trimmed = raw.normalize('NFKC').trim();
  if (/^\+?[\d\s().-]{7,}$/.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    // +82 10-1234-5678 and 010-1234-5678 are the same Korean mobile number.
    if (trimmed.startsWith('+82') || (digits.startsWith('82') && digits.length >= 11 && digits[2] === '1')) {
      digits = '0' + digits.slice(2);
    }
    // Excel stores 010-1234-5678 as the number 1012345678 and drops the leading zero.
    if (/^1[016789]\d{7,8}$/.test(digits)) digits = '0' + digits;
    return digits;
  }
  return trimmed.toLowerCase();
}

/** True when a cell already holds a voter key we wrote (so a re-read is not hashed twice). */
export function isVoterKey(text: string): boolean {
  return /^v[0-9a-f]{31}$/.test(text);
}

/**
 * Hashes a table cell by cell without building one giant string, so a million-row export is
 * fingerprinted in constant memory. Separators are control characters that never occur in cells
 * unescaped, so ["a,b"] and ["a","b"] differ.
 */
export class Fingerprint {
  private readonly state = sha256.create();

  addRow(cells: readonly (string | number | boolean | null)[]): this {
    this.state.update(utf8ToBytes(cells.map((c) => (c === null ? '' : String(c))).join('\u001f') + '\u001e'));
    return this;
  }

  addText(text: string): this {
    this.state.update(utf8ToBytes(text + '\u001e'));
    return this;
  }

  hex(): string {
    return bytesToHex(this.state.digest());
  }
}

/**
 * A tab's visible content, independent of how a host hands cells back (a number or its text, ''
 * or null, trailing blanks): the same cells always give the same hash.
 */
export function gridHash(grid: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const fp = new Fingerprint();
  const rows = grid.map((row) => {
    const cells = row.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  for (const row of rows) fp.addRow(row);
  return fp.hex();
}
