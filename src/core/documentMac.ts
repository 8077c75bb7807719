import { sha256 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';
import { utf8ToBytes } from '@noble/hashes/utils';
import { portableHashing, type Hashing } from './hashing';

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

/** Hex HMAC-SHA-256 of a text under a derived key, with the host's hashing. */
export function macHex(key: Uint8Array, text: string, hashing: Hashing = portableHashing): string {
  return hashing.hmacHex(key, 64)(text);
}

/** Characters of a 투표 row's seal: 48 bits, forged by chance once in 2^48 tries, and short in a million cells. */
export const ROW_SEAL_CHARS = 12;

/**
 * The seal of many rows under one key, with the host's hashing (the key's HMAC pads hashed once
 * for all rows). A row is its cells' texts, joined with a separator no cell holds unescaped.
 */
export function rowSealer(documentKey: string, hashing: Hashing = portableHashing): (cells: readonly string[]) => string {
  const mac = hashing.hmacHex(derivedKey(documentKey, 'ballot-row'), ROW_SEAL_CHARS);
  return (cells) => mac(cells.join('\u001f'));
}
