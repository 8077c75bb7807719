import { sha256 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalVoterIdentifier } from './identity';

/** An incremental SHA-256. */
export interface Sha256 {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

let newSha256: () => Sha256 = () => sha256.create();

/**
 * Lets a host hash with its own SHA-256 (Node's native one hashes a million-row table in a
 * fraction of the time noble's pure-JS one takes). The digest is the same either way; Apps
 * Script and the sidebar keep noble, which runs everywhere.
 */
export function useSha256(factory: () => Sha256): void {
  newSha256 = factory;
}

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
export function voterKey(rawIdentifier: string, salt: string): string {
  return voterKeyHasher(salt)(rawIdentifier);
}

/**
 * voterKey for many identifiers under one salt: the salt's HMAC pads are hashed once and the keyed
 * state copied for each voter, and the buffers are reused, so a million voters cost two SHA-256
 * blocks each and almost no garbage. Same keys as voterKey.
 */
export function voterKeyHasher(salt: string): (rawIdentifier: string) => string {
  const keyed = hmac.create(sha256, utf8ToBytes(salt));
  const work = keyed.clone();
  const digest = new Uint8Array(32);
  const text = new TextBuffer();
  const parts: string[] = new Array<string>(17).fill('v');
  return (rawIdentifier) => {
    keyed._cloneInto(work);
    work.update(text.encode(normalizeVoterIdentifier(rawIdentifier)));
    work.digestInto(digest);
    // 'v' and 31 hex digits: the first 15.5 bytes of the MAC. Joined rather than concatenated:
    // join makes one flat string, where += leaves a chain of pieces that a million keys pay for.
    for (let i = 0; i < 15; i++) parts[i + 1] = HEX[digest[i]];
    parts[16] = HEX[digest[15]][0];
    return parts.join('');
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UTF-8 encoding into one growing buffer instead of a new array per string. Apps Script has no
 * TextEncoder and its polyfill (src/gas/polyfills.ts) only encodes, so without encodeInto this
 * falls back to a new array per string.
 */
class TextBuffer {
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(256);

  encode(text: string): Uint8Array {
    if (typeof this.encoder.encodeInto !== 'function') return this.encoder.encode(text);
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (text.length * 3 > this.bytes.length) this.bytes = new Uint8Array(text.length * 3);
    const { written } = this.encoder.encodeInto(text, this.bytes);
    return this.bytes.subarray(0, written);
  }
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
  private readonly state = newSha256();
  private readonly text = new TextBuffer();
  private pending: string[] = [];
  private pendingLength = 0;

  addRow(cells: readonly (string | number | boolean | null)[]): this {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (i > 0) line += '\u001f';
      line += c === null ? '' : String(c);
    }
    return this.add(line + '\u001e');
  }

  /** addRow of the cells with surrounding spaces removed, without a trimmed copy of the row. */
  addTrimmedRow(cells: readonly (string | undefined)[]): this {
    return this.add(trimmedRowRecord(cells));
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
