import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { portableHashing, TextBuffer, type Hashing, type Sha256 } from './hashing';
import { canonicalVoterIdentifier } from './identity';

/** Hex SHA-256 of UTF-8 text: input and result fingerprints, lottery draws. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A voter's identifier (phone number, name) becomes a keyed hash before it reaches a cell, so
 * the same person is recognised across imports without the raw value being kept. It is hashed in
 * its canonical form (core/identity.ts), so 010-1234-5678, +82 10 1234 5678 and 01012345678 are
 * one voter.
 */
export function voterKey(rawIdentifier: string, salt: string, hashing: Hashing = portableHashing): string {
  return voterKeyHasher(salt, hashing)(rawIdentifier);
}

/**
 * voterKey for many identifiers under one salt, with the host's hashing (the salt's HMAC pads are
 * hashed once for all of them). Same keys whichever host hashes.
 */
export function voterKeyHasher(salt: string, hashing: Hashing = portableHashing): (rawIdentifier: string) => string {
  // 'v' and 31 hex digits: the first 15.5 bytes of the MAC.
  const mac = hashing.hmacHex(utf8ToBytes(salt), 31, 'v');
  return (rawIdentifier) => mac(normalizeVoterIdentifier(rawIdentifier));
}

/** The text a voter identifier is hashed as: see canonicalVoterIdentifier. */
export function normalizeVoterIdentifier(raw: string): string {
  return canonicalVoterIdentifier(raw);
}

/** True when a cell already holds a voter key we wrote (so a re-read is not hashed twice). */
export function isVoterKey(text: string): boolean {
  return /^v[0-9a-f]{31}$/.test(text);
}

/**
 * Hashes a table cell by cell without building one giant string, so a million-row export is
 * fingerprinted in constant memory. Separators are control characters that never occur in cells
 * unescaped, so ["a,b"] and ["a","b"] differ. Rows are gathered into chunks of text before they
 * are hashed: SHA-256 of a stream does not depend on how it is cut, and a few large updates cost
 * far less than a million small ones.
 */
export class Fingerprint {
  private readonly state: Sha256;
  private readonly text = new TextBuffer();
  private pending: string[] = [];
  private pendingLength = 0;

  /** `hashing`: the host's (HostContext.hashing); the digest is the same whichever hashes. */
  constructor(hashing: Hashing = portableHashing) {
    this.state = hashing.sha256();
  }

  addRow(cells: readonly (string | number | boolean | null)[]): this {
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      this.addCell(i, typeof c === 'string' ? c : c === null ? '' : String(c));
    }
    return this.endRow();
  }

  /** addRow of the cells with surrounding spaces removed, without a trimmed copy of the row. */
  addTrimmedRow(cells: readonly (string | undefined)[]): this {
    for (let i = 0; i < cells.length; i++) this.addCell(i, (cells[i] ?? '').trim());
    return this.endRow();
  }

  /**
   * A row's cells go into the chunk as they are, joined once per chunk: a row built up with +=
   * made a chain of about twenty pieces a row (600 MB of garbage over a million rows).
   */
  private addCell(column: number, text: string): void {
    if (column > 0) this.pending.push('\u001f');
    this.pending.push(text);
    this.pendingLength += text.length + 1;
  }

  private endRow(): this {
    this.pending.push('\u001e');
    this.pendingLength++;
    if (this.pendingLength >= CHUNK_CHARS) this.flush();
    return this;
  }

  addText(text: string): this {
    return this.add(text + '\u001e');
  }

  hex(): string {
    this.flush();
    return bytesToHex(this.state.digest());
  }

  private add(text: string): this {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= CHUNK_CHARS) this.flush();
    return this;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.state.update(this.text.encode(this.pending.join('')));
    this.pending = [];
    this.pendingLength = 0;
  }
}

const CHUNK_CHARS = 1 << 16;

/** The text a row of trimmed cells adds to a fingerprint: unit separators between, a record separator after. */
export function trimmedRowRecord(cells: readonly (string | undefined)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += '\u001f';
    line += (cells[i] ?? '').trim();
  }
  return line + '\u001e';
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
