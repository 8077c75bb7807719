/**
 * Promise client over google.script.run, typed from the server module itself (the pattern of
 * enuchi's gas-client): `ServerApi` is `typeof serverApi` in src/gas/rpc.ts, imported as a type
 * only, so no server code reaches the page.
 */
import type { ServerApi } from '../src/gas/rpc';

/** What google.script.run offers (HtmlService client API); server functions are looked up by name. */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRunner } };
  }
}

export type ServerClient = {
  [K in keyof ServerApi]: (...args: Parameters<ServerApi[K]>) => Promise<ReturnType<ServerApi[K]>>;
};

export class ServerUnavailableError extends Error {}

function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    return new Error((err as { message: string }).message);
  }
  return new Error(String(err));
}

function call<K extends keyof ServerApi>(
  name: K,
  args: Parameters<ServerApi[K]>,
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new ServerUnavailableError('google.script.run is not available'));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(toError(error)));
    const fn = (runner as unknown as Record<string, ((...a: unknown[]) => void) | undefined>)[name];
    if (typeof fn !== 'function') {
      reject(new ServerUnavailableError(`server function ${name} is missing`));
      return;
    }
    fn.apply(runner, args);
  });
}

export const server: ServerClient = {
  rpcStatus: (...args) => call('rpcStatus', args),
  rpcInit: (...args) => call('rpcInit', args),
  rpcImport: (...args) => call('rpcImport', args),
  rpcTally: (...args) => call('rpcTally', args),
  rpcTallyStep: (...args) => call('rpcTallyStep', args),
  rpcImportFinishStep: (...args) => call('rpcImportFinishStep', args),
  rpcJobContinue: (...args) => call('rpcJobContinue', args),
  rpcJobCancel: (...args) => call('rpcJobCancel', args),
  rpcJobStatus: (...args) => call('rpcJobStatus', args),
  rpcImportBegin: (...args) => call('rpcImportBegin', args),
  rpcImportChunk: (...args) => call('rpcImportChunk', args),
  rpcImportFinish: (...args) => call('rpcImportFinish', args),
  rpcImportCancel: (...args) => call('rpcImportCancel', args),
  rpcReadSettings: (...args) => call('rpcReadSettings', args),
  rpcWriteSettings: (...args) => call('rpcWriteSettings', args),
  rpcShowTab: (...args) => call('rpcShowTab', args),
  rpcCheckPlans: (...args) => call('rpcCheckPlans', args),
  rpcCompare: (...args) => call('rpcCompare', args),
  rpcReminders: (...args) => call('rpcReminders', args),
  rpcReminderCalendar: (...args) => call('rpcReminderCalendar', args),
  rpcReminderStatus: (...args) => call('rpcReminderStatus', args),
  rpcEnableReminders: (...args) => call('rpcEnableReminders', args),
  rpcDisableReminders: (...args) => call('rpcDisableReminders', args),
};
