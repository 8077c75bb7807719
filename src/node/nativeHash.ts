import { createHash } from 'node:crypto';
import { useSha256 } from '../core/hash';

/** Fingerprints in Node use its native SHA-256 (same digests as the portable one, many times faster). */
export function useNativeSha256(): void {
  useSha256(() => {
    const hash = createHash('sha256');
    return {
      update: (bytes) => {
        hash.update(bytes);
      },
      digest: () => new Uint8Array(hash.digest()),
    };
  });
}
