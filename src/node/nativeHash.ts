/**
 * The Node host's hashing (HostContext.hashing): Node's native SHA-256 and HMAC-SHA-256, the same
 * digests as the portable ones (test/node/nativeHash.test.ts) in a fraction of the time.
 */
import * as crypto from 'node:crypto';
import type { Hashing } from '../core/hashing';

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'latin1' | 'hex') => string;
/** crypto.hash (Node 20.12 and later): one call per digest, without a Hash object. */
const hashOnce = (crypto as unknown as { hash?: OneShotHash }).hash;

/** Texts up to this many UTF-16 units are written into the reused buffer; longer ones go to createHmac. */
const SHORT_TEXT = 2048;
const BLOCK = 64;

/**
 * HMAC (RFC 2104) as H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ text)), with both pads written once into buffers
 * every text reuses: a short text is two one-shot native hashes and no object per text (a
 * createHmac per voter costs more in setting up than in hashing).
 */
function nativeHmacHex(key: Uint8Array, hexChars: number, prefix = ''): (text: string) => string {
  const long = (text: string): string => prefix + crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex').slice(0, hexChars);
  if (hashOnce === undefined) return long;
  const block = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? crypto.createHash('sha256').update(key).digest() : Buffer.from(key)).copy(block);
  const inner = Buffer.alloc(BLOCK + SHORT_TEXT * 3);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  // One view per length of text seen (a few dozen): a subarray per text would be an object per text.
  const views: Buffer[] = [];
  const out = Buffer.alloc(prefix.length + hexChars);
  out.write(prefix, 0, 'latin1');
  return (text) => {
    if (text.length > SHORT_TEXT) return long(text);
    const length = BLOCK + inner.write(text, BLOCK, 'utf8');
    const view = (views[length] ??= inner.subarray(0, length));
    outer.write(hashOnce('sha256', view, 'latin1'), BLOCK, 'latin1');
    // Written into a buffer and read back: one flat string, where slicing the hex would keep all of it.
    out.write(hashOnce('sha256', outer, 'hex'), prefix.length, hexChars, 'latin1');
    return out.toString('latin1');
  };
}

export const nativeHashing: Hashing = {
  name: 'node:crypto',
  sha256: () => {
    const hash = crypto.createHash('sha256');
    return {
      update: (bytes) => {
        hash.update(bytes);
      },
      digest: () => new Uint8Array(hash.digest()),
    };
  },
  hmacHex: nativeHmacHex,
};
