/**
 * The fingerprint of a table that arrives over several executions (an upload staged chunk by
 * chunk): between executions its SHA-256 state is saved as text and resumed later, and the digest
 * is the one Fingerprint gives for the same rows in one go. The state, not the rows, is what is
 * kept, so rows hashed this way need not be kept as they were (the upload's voter cells are
 * replaced by voter keys as they arrive).
 *
 * It reaches into noble's SHA-256 for its chaining words and partial block: Node's native hash
 * has no state to save, and noble's is pinned (package-lock) and checked by a property test
 * against a one-pass digest.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { trimmedRowRecord } from './hash';

/** The parts of noble's SHA256 (HashMD) that hold its state between updates. */
interface Sha256State {
  get(): number[];
  set(...words: number[]): void;
  buffer: Uint8Array;
  pos: number;
  length: number;
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

interface Saved {
  /** The eight chaining words. */
  h: number[];
  /** The bytes of the partial block, hex. */
  b: string;
  /** Bytes hashed so far. */
  n: number;
}

export class ResumableFingerprint {
  private constructor(private readonly state: Sha256State) {}

  static start(): ResumableFingerprint {
    return new ResumableFingerprint(sha256.create() as unknown as Sha256State);
  }

  static resume(saved: string): ResumableFingerprint {
    const { h, b, n } = JSON.parse(saved) as Saved;
    const state = sha256.create() as unknown as Sha256State;
    const partial = hexToBytes(b);
    if (h.length !== 8 || partial.length >= state.buffer.length || !Number.isSafeInteger(n) || n % state.buffer.length !== partial.length) {
      throw new Error('not a saved fingerprint state');
    }
    state.set(...h);
    state.buffer.set(partial);
    state.pos = partial.length;
    state.length = n;
    return new ResumableFingerprint(state);
  }

  /** As Fingerprint.addTrimmedRow. */
  addTrimmedRow(cells: readonly (string | undefined)[]): this {
    this.state.update(utf8ToBytes(trimmedRowRecord(cells)));
    return this;
  }

  save(): string {
    const saved: Saved = { h: this.state.get(), b: bytesToHex(this.state.buffer.subarray(0, this.state.pos)), n: this.state.length };
    return JSON.stringify(saved);
  }

  hex(): string {
    return bytesToHex(this.state.digest());
  }
}
