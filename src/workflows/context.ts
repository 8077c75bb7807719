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
}
