/** The Apps Script HostContext: clock, acting user, randomness and language. */
import type { HostContext } from '../workflows/context';
import { langFromLocale, type Lang } from './i18n';

/**
 * The user's language; 'ko' when the locale cannot be read. Session.getActiveUserLocale needs no
 * scope, but it is guarded anyway because onOpen may run in AuthMode.NONE.
 */
export function userLanguage(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    return 'ko';
  }
}

export function actorEmail(): string {
  try {
    // Blank when policies hide the address (another domain, a simple trigger).
    return Session.getActiveUser().getEmail() || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function gasContext(language: Lang = userLanguage()): HostContext {
  return {
    now: () => Date.now(),
    actor: actorEmail(),
    // Two random (v4) UUIDs from the platform's generator: 244 random bits, hex only.
    randomSecret: () => (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, ''),
    language,
  };
}
