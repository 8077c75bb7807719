/**
 * The hashing a host lends the core: SHA-256 for fingerprints and HMAC-SHA-256 for voter keys,
 * 투표 seals and the keyed digests of the record. The core asks its context for it (HostContext.
 * hashing), so each host hashes with the fastest code it has — Node's native `crypto` in the CLI
 * (src/node/nativeHash.ts), the portable @noble/hashes here in Apps Script and the sidebar — and
 * every host gives the same bytes (test/node/nativeHash.test.ts).
 */
import { sha256 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';

/** An incremental SHA-256. */
export interface Sha256 {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export interface Hashing {
  /** What hashes, for the record ("@noble/hashes", "node:crypto"). */
  readonly name: string;
  /** A new incremental SHA-256. */
  sha256(): Sha256;
  /**
   * HMAC-SHA-256 of many texts (as UTF-8) under one key: each MAC as `prefix` (ASCII) and its first
   * `hexChars` hex digits, one flat string. The key's pads are hashed once for all the texts.
   */
  hmacHex(key: Uint8Array, hexChars: number, prefix?: string): (text: string) => string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UTF-8 encoding into one growing buffer instead of a new array per string. Apps Script has no
 * TextEncoder and its polyfill (src/gas/polyfills.ts) only encodes, so without encodeInto this
 * falls back to a new array per string.
 */
export class TextBuffer {
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

/**
 * noble's HMAC with its keyed state copied for each text and the buffers reused, so a million texts
 * cost two or three SHA-256 blocks each and almost no garbage. The hex is joined rather than
 * concatenated: join makes one flat string, where += leaves a chain of pieces that a million kept
 * keys pay for.
 */
function portableHmacHex(key: Uint8Array, hexChars: number, prefix = ''): (text: string) => string {
  const keyed = hmac.create(sha256, key);
  const work = keyed.clone();
  const digest = new Uint8Array(32);
  const text = new TextBuffer();
  const whole = hexChars >> 1;
  const parts = new Array<string>(1 + whole + (hexChars & 1)).fill('');
  parts[0] = prefix;
  return (message) => {
    keyed._cloneInto(work);
    work.update(text.encode(message));
    work.digestInto(digest);
    for (let i = 0; i < whole; i++) parts[i + 1] = HEX[digest[i]];
    if (hexChars & 1) parts[whole + 1] = HEX[digest[whole]][0];
    return parts.join('');
  };
}

/** The pure-JavaScript hashing every host can run (Apps Script, the sidebar, tests). */
export const portableHashing: Hashing = {
  name: '@noble/hashes',
  sha256: () => sha256.create(),
  hmacHex: portableHmacHex,
};
