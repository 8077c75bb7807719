/**
 * ScriptApp (installable triggers, requireScopes) and MailApp for the fake Apps Script globals of
 * fakeSpreadsheetApp.ts. Triggers belong to the user who created them (the fake's current
 * `options.email`) and only that user sees them, as in Apps Script: `getProjectTriggers()` lists the
 * user's triggers of the project (of every document, for a script that runs in several),
 * `getUserTriggers(spreadsheet)` those of one document
 * (developers.google.com/apps-script/reference/script/script-app). MailApp has a daily quota and
 * can be told to fail on the Nth send.
 */
import { randomUUID } from 'node:crypto';
import type { FakeGas } from './fakeSpreadsheetApp';

export interface FakeTrigger {
  id: string;
  handler: string;
  owner: string;
  everyDays: number | null;
  atHour: number | null;
  timezone: string | null;
  /** A one-off trigger: ms after creation (ClockTriggerBuilder.after). */
  after?: number | null;
  /** The document whose execution created it. */
  document?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  name?: string;
}

export interface TriggerMailFake {
  triggers: FakeTrigger[];
  mail: { quota: number; sent: MailMessage[]; failOnSend: number | null; attempts: number };
  /** Scopes asked for with ScriptApp.requireScopes. */
  requiredScopes: string[][];
  /** When false, requireScopes throws as Apps Script does before the user consents. */
  scopesGranted: boolean;
}

export function addTriggersAndMail(fake: FakeGas, opts: { quota?: number; failOnSend?: number; scopesGranted?: boolean } = {}): TriggerMailFake {
  const state: TriggerMailFake = {
    triggers: [],
    mail: { quota: opts.quota ?? 100, sent: [], failOnSend: opts.failOnSend ?? null, attempts: 0 },
    requiredScopes: [],
    scopesGranted: opts.scopesGranted ?? true,
  };
  const log = fake.log;
  const hit = (name: string) => log.hit(name);
  const wrap = (t: FakeTrigger) => ({
    getUniqueId: () => t.id,
    getHandlerFunction: () => t.handler,
    getEventType: () => 'CLOCK',
  });
  const AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  fake.globals.ScriptApp = {
    AuthMode,
    requireScopes: (_mode: string, scopes: string[]) => {
      hit('ScriptApp.requireScopes');
      state.requiredScopes.push([...scopes]);
      if (!state.scopesGranted) throw new Error('Authorization is required to perform that action.');
    },
    getUserTriggers: (document: { getId(): string }) => {
      hit('ScriptApp.getUserTriggers');
      const id = document.getId();
      return state.triggers.filter((t) => t.owner === fake.options.email && (t.document ?? id) === id).map(wrap);
    },
    getProjectTriggers: () => {
      hit('ScriptApp.getProjectTriggers');
      return state.triggers.filter((t) => t.owner === fake.options.email).map(wrap);
    },
    deleteTrigger: (trigger: { getUniqueId(): string }) => {
      hit('ScriptApp.deleteTrigger');
      const at = state.triggers.findIndex((t) => t.id === trigger.getUniqueId() && t.owner === fake.options.email);
      if (at < 0) throw new Error('Trigger not found.');
      state.triggers.splice(at, 1);
    },
    newTrigger: (handler: string) => {
      hit('ScriptApp.newTrigger');
      const t: FakeTrigger = { id: randomUUID(), handler, owner: fake.options.email, everyDays: null, atHour: null, timezone: null, document: fake.spreadsheet.getId() };
      const clock = {
        everyDays: (n: number) => ((t.everyDays = n), clock),
        atHour: (h: number) => ((t.atHour = h), clock),
        inTimezone: (tz: string) => ((t.timezone = tz), clock),
        after: (ms: number) => ((t.after = ms), clock),
        create: () => {
          // Editor add-ons: one trigger of each type per user per document; 20 per user per script.
          if (state.triggers.filter((x) => x.owner === t.owner).length >= 20) throw new Error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
          if (state.triggers.some((x) => x.owner === t.owner && x.document === t.document)) throw new Error('This add-on has created too many time-based triggers in this document for this Google user account.');
          state.triggers.push(t);
          return wrap(t);
        },
      };
      return { timeBased: () => clock };
    },
  };
  fake.globals.MailApp = {
    getRemainingDailyQuota: () => {
      hit('MailApp.getRemainingDailyQuota');
      return state.mail.quota;
    },
    sendEmail: (message: MailMessage) => {
      hit('MailApp.sendEmail');
      state.mail.attempts++;
      if (state.mail.failOnSend === state.mail.attempts) throw new Error('Service invoked too many times for one day: email.');
      if (state.mail.quota < 1) throw new Error('Service invoked too many times for one day: email.');
      state.mail.quota--;
      state.mail.sent.push({ ...message });
    },
  };
  return state;
}
