/**
 * A digest of a table's rows that does not depend on their order: each row is hashed on its own
 * and the hashes are added up (four 32-bit lanes, 128 bits). The same rows in another order give
 * the same digest, a row more or less (a duplicate too) gives another. It tells an accidental
 * re-import apart from a new file; it is not meant to resist someone crafting a collision (the
 * content fingerprint, SHA-256, stays the file's identity).
 */
export class RowSetDigest {
  private readonly lanes = new Uint32Array(4);
  private rows = 0;

  add(text: string): void {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    let c = 0x85ebca6b;
    let d = 0xc2b2ae35;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      c = Math.imul(c ^ code, 0x27d4eb2d);
      d = Math.imul(d ^ code, 0x165667b1);
    }
    const lanes = this.lanes;
    lanes[0] += mix(a ^ text.length);
    lanes[1] += mix(b + a);
    lanes[2] += mix(c ^ b);
    lanes[3] += mix(d + c);
    this.rows++;
  }

  hex(): string {
    return `${this.rows.toString(16)}.${Array.from(this.lanes, (lane) => lane.toString(16).padStart(8, '0')).join('')}`;
  }
}

/** MurmurHash3's finaliser: every input bit moves every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
