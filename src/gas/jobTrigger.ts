/**
 * Continuing a resumable job (src/workflows/jobs/engine.ts) when nobody keeps the sidebar open:
 * a one-off time-driven trigger, created when a step ends with work left, runs the next step a
 * minute later under the document lock, and schedules itself again until the job is done.
 *
 * It needs the script.scriptapp scope (already listed for the reminders). An editor add-on may
 * have one time-driven trigger per user and document, so where the daily reminder trigger is
 * this user's, creating one fails: then nothing is scheduled and the job waits for the sidebar
 * (or the next menu click), which continues it just the same.
 *
 * Its own triggers are found with `ScriptApp.getProjectTriggers()` (the documented listing of this
 * user's triggers of the project) filtered by handler and by the ids this document recorded when it
 * created them, so a script running in several documents never deletes another document's
 * continuation. There is at most one per document (the old one is deleted before a new one is made),
 * and none is made once the project holds MAX_CONTINUATIONS of them for this user (Apps Script allows
 * 20 triggers per user per script; the rest are left for the reminders).
 */
import { isUserError } from '../core/errors';
import { continueOpenJob } from '../workflows/resumable';
import { gasContext, userLanguage } from './context';
import { withDocumentLock } from './lock';
import { activeWorkbook } from './sheetsWorkbook';

export const JOB_HANDLER = 'continueJob';
const AFTER_MS = 60_000;
/** Document property: the unique ids of the continuation triggers this document created. */
export const JOB_TRIGGERS_KEY = 'civicSheets.jobTriggers';
export const MAX_CONTINUATIONS = 10;

function recordedIds(props: GoogleAppsScript.Properties.Properties): string[] {
  try {
    const ids = JSON.parse(props.getProperty(JOB_TRIGGERS_KEY) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return [];
  }
}

/** Deletes this document's continuation triggers; returns how many of the project's (this user's) remain. */
function deleteMine(props: GoogleAppsScript.Properties.Properties): number {
  const ids = new Set(recordedIds(props));
  let others = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() !== JOB_HANDLER) continue;
    if (ids.has(t.getUniqueId())) ScriptApp.deleteTrigger(t);
    else others++;
  }
  props.setProperty(JOB_TRIGGERS_KEY, '[]');
  return others;
}

/** Replaces this document's continuation trigger with one a minute from now; false when it cannot. */
export function scheduleJobContinuation(): boolean {
  try {
    const props = PropertiesService.getDocumentProperties();
    if (deleteMine(props) >= MAX_CONTINUATIONS) {
      console.warn(`continuation trigger not created: ${MAX_CONTINUATIONS} already exist for this user`);
      return false;
    }
    const trigger = ScriptApp.newTrigger(JOB_HANDLER).timeBased().after(AFTER_MS).create();
    props.setProperty(JOB_TRIGGERS_KEY, JSON.stringify([trigger.getUniqueId()]));
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
    deleteMine(PropertiesService.getDocumentProperties());
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
