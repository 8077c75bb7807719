/** One writer at a time per document: imports, tallies and tab creation run under the document lock. */
import { formatSeoulTimestamp } from '../core/datetime';
import { UserError } from '../core/errors';
import { EXECUTION_LIMIT_MS } from '../workflows/jobs/engine';
import { actorEmail } from './context';
import { texts, type Lang } from './i18n';

const WAIT_MS = 10_000;
/** Who holds the lock and since when (document properties): only for the busy message. */
export const LOCK_HOLDER_KEY = 'civicSheets.lockHolder';

/** What a lock holder is doing, for the message the next person sees. */
export type LockAction = 'tally' | 'import' | 'init' | 'settings' | 'plans' | 'reminders' | 'write';

const ACTION_NAMES: Record<LockAction, { ko: string; en: string }> = {
  tally: { ko: '개표', en: 'tally' },
  import: { ko: '가져오기', en: 'import' },
  init: { ko: '탭 만들기', en: 'tab creation' },
  settings: { ko: '설정 저장', en: 'settings update' },
  plans: { ko: '예산 검토', en: 'plan check' },
  reminders: { ko: '일정·알림', en: 'schedule update' },
  write: { ko: '작업', en: 'change' },
};

interface LockHolder {
  by: string;
  since: number;
  what: LockAction;
}

function readHolder(props: GoogleAppsScript.Properties.Properties): LockHolder | null {
  try {
    const parsed = JSON.parse(props.getProperty(LOCK_HOLDER_KEY) ?? 'null') as Partial<LockHolder> | null;
    if (!parsed || typeof parsed.by !== 'string' || typeof parsed.since !== 'number' || !(String(parsed.what) in ACTION_NAMES)) return null;
    return parsed as LockHolder;
  } catch {
    return null;
  }
}

/**
 * "Another tally is running (started by X at 14:02)", Korean first. A record older than the
 * execution limit belongs to an execution that was killed before it could clear it: the plain
 * busy message then, since whoever holds the lock now did not say.
 */
export function busyMessage(lang: Lang, holder: LockHolder | null, now: number): string {
  if (holder === null || now - holder.since > EXECUTION_LIMIT_MS || now < holder.since - 60_000) return texts(lang).busy;
  const at = formatSeoulTimestamp(holder.since).slice(11, 16);
  const name = ACTION_NAMES[holder.what];
  return `다른 ${name.ko} 작업이 진행 중입니다 (${holder.by}, ${at} 시작). 잠시 후 다시 시도해 주세요 / Another ${name.en} is running (started by ${holder.by} at ${at}). Please try again in a moment`;
}

/**
 * Runs `fn` holding the document lock, flushes pending writes, then releases. Right after taking
 * the lock it records who holds it and since when; the record is cleared before the release, so
 * it is there exactly while the lock is held (or stale, after a killed execution). When the lock
 * stays taken for 10 s it throws a UserError ('lock_busy') naming the holder. Outside a document
 * (getDocumentLock() returns null, e.g. a standalone test run) it runs without a lock.
 */
export function withDocumentLock<T>(lang: Lang, fn: () => T, what: LockAction = 'write'): T {
  const lock = LockService.getDocumentLock();
  if (!lock) {
    try {
      return fn();
    } finally {
      SpreadsheetApp.flush();
    }
  }
  const props = PropertiesService.getDocumentProperties();
  if (!lock.tryLock(WAIT_MS)) throw new UserError('lock_busy', busyMessage(lang, readHolder(props), Date.now()));
  try {
    props.setProperty(LOCK_HOLDER_KEY, JSON.stringify({ by: actorEmail(), since: Date.now(), what }));
    return fn();
  } finally {
    try {
      SpreadsheetApp.flush();
    } finally {
      try {
        props.deleteProperty(LOCK_HOLDER_KEY);
      } finally {
        lock.releaseLock();
      }
    }
  }
}
