import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { HostContext } from '../workflows/context';
import { nativeHashing } from './nativeHash';

export function nodeContext(language: 'ko' | 'en'): HostContext {
  let actor = 'local';
  try {
    actor = `${userInfo().username} (civic-sheets CLI)`;
  } catch {
    // Some containers have no passwd entry for the user; the audit row still says "local".
  }
  return { now: () => Date.now(), actor, randomSecret: () => randomBytes(24).toString('hex'), language, hashing: nativeHashing };
}
