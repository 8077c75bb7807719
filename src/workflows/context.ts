import { portableHashing, type Hashing } from '../core/hashing';

/** What a host tells a workflow about the world: the clock, who is acting, and fresh randomness. */
export interface HostContext {
  /** Epoch milliseconds now. */
  now(): number;
  /** Who runs the action, where the host can tell (an e-mail in Apps Script, the OS user locally). */
  actor: string;
  /** A new unguessable string (at least 128 bits), for secrets such as the voter-key salt. */
  randomSecret(): string;
  /** UI language for labels and reasons written into tabs. */
  language: 'ko' | 'en';
  /**
   * The host's SHA-256 and HMAC-SHA-256 for voter keys, seals and fingerprints: Node's native
   * crypto in the CLI; absent, the portable one (Apps Script, the sidebar). Same digests either way.
   */
  hashing?: Hashing;
}

/** The hashing a workflow uses under this context. */
export function hashingOf(ctx: Pick<HostContext, 'hashing'>): Hashing {
  return ctx.hashing ?? portableHashing;
}
