/**
 * Continuing a resumable job (src/workflows/jobs/engine.ts) when nobody keeps the sidebar open:
 * a one-off time-driven trigger, created when a step ends with work left, runs the next step a
 * minute later under the document lock, and schedules itself again until the job is done.
 *
 * It needs the script.scriptapp scope (already listed for the reminders). An editor add-on may
 * have one time-driven trigger per user and document, so where the daily reminder trigger is
 * this user's, creating one fails: then nothing is scheduled and the job waits for the sidebar
 * (or the next menu click), which continues it just the same.
 */
import { isUserError } from '../core/errors';
import { continueOpenJob } from '../workflows/resumable';
import { gasContext, userLanguage } from './context';
import { withDocumentLock } from './lock';
import { activeWorkbook } from './sheetsWorkbook';

export const JOB_HANDLER = 'continueJob';
const AFTER_MS = 60_000;

function myJobTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).filter((t) => t.getHandlerFunction() === JOB_HANDLER);
}

/** Replaces this user's continuation trigger with one a minute from now; false when it cannot. */
export function scheduleJobContinuation(): boolean {
  try {
    for (const t of myJobTriggers()) ScriptApp.deleteTrigger(t);
    ScriptApp.newTrigger(JOB_HANDLER).timeBased().after(AFTER_MS).create();
    return true;
  } catch (err) {
    console.warn(`continuation trigger not created: ${String(err)}`);
    return false;
  }
}

export type JobTriggerRun = { ran: false; reason: 'no_job' | 'busy' } | { ran: true; done: boolean; rescheduled: boolean };

/** The trigger's handler: one step of whatever job is open, then another trigger if work is left. */
export function runJobTrigger(): JobTriggerRun {
  // A one-off trigger stays listed after it fired: remove it first, so only a fresh one remains.
  try {
    for (const t of myJobTriggers()) ScriptApp.deleteTrigger(t);
  } catch {
    // Without the trigger scope there is nothing to delete.
  }
  const lang = userLanguage();
  let step: ReturnType<typeof continueOpenJob>;
  try {
    step = withDocumentLock(lang, () => continueOpenJob(activeWorkbook(), gasContext(lang)), 'write');
  } catch (err) {
    // Someone else is writing (perhaps continuing this very job from the sidebar): try again later.
    if (isUserError(err) && err.code === 'lock_busy') {
      scheduleJobContinuation();
      return { ran: false, reason: 'busy' };
    }
    throw err;
  }
  if (step.kind === null) return { ran: false, reason: 'no_job' };
  const done = step.step.done;
  return { ran: true, done, rescheduled: done ? false : scheduleJobContinuation() };
}
