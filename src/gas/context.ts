/** The Apps Script HostContext: clock, acting user, randomness and language. */
import { portableHashing } from '../core/hashing';
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

/** Recorded in 이력 (and jobs, the busy message) when Google gives no address: it says why. */
export const ACTOR_HIDDEN = 'unknown (Google이 주소를 알려주지 않음 / address not shared by Google)';
export const ACTOR_NOT_PERMITTED = 'unknown (주소를 읽을 권한 없음 / no permission to read the address)';

/**
 * Who is acting: the active user's address (the manifest's `userinfo.email` scope allows it). It is
 * blank when Google hides it (a user of another domain, some triggers); then the effective user —
 * in a time-driven trigger, whoever set it up, which is who the job runs for.
 */
export function actorEmail(): string {
  try {
    const active = Session.getActiveUser().getEmail();
    if (active) return active;
    return Session.getEffectiveUser().getEmail() || ACTOR_HIDDEN;
  } catch {
    return ACTOR_NOT_PERMITTED;
  }
}

export function gasContext(language: Lang = userLanguage()): HostContext {
  return {
    now: () => Date.now(),
    actor: actorEmail(),
    // Two random (v4) UUIDs from the platform's generator: 244 random bits, hex only.
    randomSecret: () => (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, ''),
    language,
    // Apps Script has no SHA-256 over bytes fast enough to pay for its service calls: the portable one.
    hashing: portableHashing,
  };
}
