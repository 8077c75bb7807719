import { sha256 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * Keyed digests made with the document's key (the voter-key salt), for evidence that cannot be
 * recomputed by someone who edits the workbook without the key: each 투표 row's seal, each
 * import's digest in 이력, the 이력 chain and the 결과 MAC. Each use has its own key derived from
 * the document's key, so a value made for one use is never valid for another.
 */
export type MacPurpose = 'ballot-row' | 'import' | 'audit-chain' | 'results-tab' | 'ballots-checked';

export function derivedKey(documentKey: string, purpose: MacPurpose): Uint8Array {
  return hmac(sha256, utf8ToBytes(documentKey), utf8ToBytes(`civic-sheets/${purpose}/v1`));
}

/** Hex HMAC-SHA-256 of a text under a derived key. */
export function macHex(key: Uint8Array, text: string): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes(text)));
}

/** Characters of a 투표 row's seal: 48 bits, forged by chance once in 2^48 tries, and short in a million cells. */
export const ROW_SEAL_CHARS = 12;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The seal of many rows under one key: the key's HMAC pads are hashed once and the keyed state
 * copied for each row (as voterKeyHasher does), so a million rows cost about three SHA-256 blocks
 * each. A row is its cells' texts, joined with a separator no cell holds unescaped.
 */
export function rowSealer(documentKey: string): (cells: readonly string[]) => string {
  const keyed = hmac.create(sha256, derivedKey(documentKey, 'ballot-row'));
  const work = keyed.clone();
  const digest = new Uint8Array(32);
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(512);
  const parts: string[] = new Array<string>(ROW_SEAL_CHARS / 2).fill('');
  return (cells) => {
    const text = cells.join('\u001f');
    keyed._cloneInto(work);
    if (typeof encoder.encodeInto === 'function') {
      if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
      const { written } = encoder.encodeInto(text, buffer);
      work.update(buffer.subarray(0, written));
    } else work.update(encoder.encode(text));
    work.digestInto(digest);
    for (let i = 0; i < parts.length; i++) parts[i] = HEX[digest[i]];
    return parts.join('');
  };
}
