/**
 * Turning thrown values into what a person sees. A UserError (src/core/errors.ts) carries a message
 * written for the user; anything else is unexpected: we show its one-line message, never a stack.
 */
import { isUserError } from '../core/errors';
import { texts, type Lang } from './i18n';

function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as Error).message === 'string') {
    return (err as Error).message;
  }
  return String(err);
}

/** The text to show: a UserError's own message, otherwise "Unexpected error: <first line>". */
export function userMessage(err: unknown, lang: Lang): string {
  if (isUserError(err)) return err.message;
  // Full details (stack included) go to the execution log, not to the user.
  console.error(err);
  const firstLine = messageOf(err).split('\n')[0];
  return `${texts(lang).unexpected}: ${firstLine}`;
}
