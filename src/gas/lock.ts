/** One writer at a time per document: imports, tallies and tab creation run under the document lock. */
import { UserError } from '../core/errors';
import { texts, type Lang } from './i18n';

const WAIT_MS = 10_000;

/**
 * Runs `fn` holding the document lock, flushes pending writes, then releases. When the lock stays
 * taken for 10 s it throws a UserError ('lock_busy'). Outside a document (getDocumentLock() returns
 * null, e.g. a standalone test run) it runs without a lock.
 */
export function withDocumentLock<T>(lang: Lang, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (lock && !lock.tryLock(WAIT_MS)) throw new UserError('lock_busy', texts(lang).busy);
  try {
    return fn();
  } finally {
    try {
      SpreadsheetApp.flush();
    } finally {
      if (lock) lock.releaseLock();
    }
  }
}
