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

/**
 * Faults of the platform, not of the input or the code: a Google service that timed out or was
 * unavailable, and the execution time limit. Retrying (or continuing the open job) is the remedy.
 */
const SERVICE_FAULT = /^(?:Exception: )?(?:Service \w+ (?:timed out|unavailable|error)|Exceeded maximum execution time|Service error|We're sorry, a server error occurred)/i;

export function isServiceFault(err: unknown): boolean {
  return SERVICE_FAULT.test(messageOf(err));
}

/** The text to show: a UserError's own message, a service fault's remedy, otherwise "Unexpected error: <first line>". */
export function userMessage(err: unknown, lang: Lang): string {
  if (isUserError(err)) return err.message;
  if (/above the limit of 10000000 cells/.test(messageOf(err))) {
    console.error(err);
    return `${texts('ko').cellLimit} / ${texts('en').cellLimit}`;
  }
  if (isServiceFault(err)) {
    console.error(err);
    return `${texts('ko').serviceFault} / ${texts('en').serviceFault}`;
  }
  // Full details (stack included) go to the execution log, not to the user.
  console.error(err);
  const firstLine = messageOf(err).split('\n')[0];
  return `${texts(lang).unexpected}: ${firstLine}`;
}
