/// <reference lib="dom" />
/**
 * Browser test harness: the built dist/Sidebar.html served on 127.0.0.1 and opened in Debian's
 * Chromium, with a `google.script.run` whose every call runs the REAL server functions
 * (src/workflows/sidebarApi.ts, the same ones src/gas/rpc.ts wraps) in Node over a MemoryWorkbook.
 * Arguments and results cross as JSON, as they do through Apps Script.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { userMessage } from '../../src/gas/errors';
import type { ServerApi } from '../../src/gas/rpc';
import { sidebarHtml, type SidebarPanel } from '../../src/gas/sidebar';
import type { HostContext } from '../../src/workflows/context';
import { checkPlans, reminderCalendar, runReminders } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { sidebarHandlers as api } from '../../src/workflows/sidebarApi';
import type { Workbook } from '../../src/workflows/workbook';

export const ROOT = join(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-output/screenshots');
const SIDEBAR = join(ROOT, 'dist/Sidebar.html');

type Handler = (wb: Workbook, ctx: HostContext, args: unknown[]) => unknown;

/** Every RPC the page may call, routed to the server function src/gas/rpc.ts routes it to. */
const ROUTES: Record<keyof ServerApi, Handler> = {
  rpcStatus: (wb, ctx) => api.status(wb, ctx),
  rpcInit: (wb, ctx) => api.init(wb, ctx),
  rpcImport: (wb, ctx, [input]) => api.import(wb, ctx, input),
  rpcImportBegin: (wb, ctx, [input]) => api.importBegin(wb, ctx, input),
  rpcImportChunk: (wb, ctx, [input]) => api.importChunk(wb, ctx, input),
  rpcImportFinish: (wb, ctx, [id, chunks]) => api.importFinish(wb, ctx, id, chunks),
  rpcImportCancel: (wb, ctx, [id]) => api.importCancel(wb, ctx, id),
  rpcTally: (wb, ctx) => api.tally(wb, ctx),
  rpcTallyStep: (wb, ctx) => api.tallyStep(wb, ctx),
  rpcImportFinishStep: (wb, ctx, [id, chunks]) => api.importFinishStep(wb, ctx, id, chunks),
  rpcJobContinue: (wb, ctx) => api.jobContinue(wb, ctx),
  rpcJobCancel: (wb, ctx) => api.jobCancel(wb, ctx),
  rpcJobStatus: (wb, ctx) => api.jobStatus(wb, ctx),
  rpcReadSettings: (wb) => api.readSettings(wb),
  rpcWriteSettings: (wb, ctx, [input]) => api.writeSettings(wb, ctx, input),
  rpcShowTab: (wb, ctx, [key]) => api.tabName(wb, ctx, key),
  rpcCheckPlans: (wb, ctx) => checkPlans(wb, ctx),
  rpcCompare: (wb, ctx) => api.compare(wb, ctx),
  rpcReminders: (wb, ctx) => runReminders(wb, ctx),
  rpcReminderCalendar: (wb, ctx) => ({ fileName: 'schedule.ics', text: reminderCalendar(wb, ctx, { calendarId: 'test', title: 'test' }) }),
  // The daily trigger needs Apps Script's ScriptApp: its Apps Script side is tested against fakes
  // in test/gas/reminders.test.ts; here the page only needs the switch's state.
  rpcReminderStatus: () => trigger(null),
  rpcEnableReminders: () => trigger(true),
  rpcDisableReminders: () => trigger(false),
};

let triggerOn = false;
function trigger(on: boolean | null): { enabled: boolean; mine: boolean; by: string | null; since: string | null; hour: number } {
  if (on !== null) triggerOn = on;
  return { enabled: triggerOn, mine: true, by: triggerOn ? 'staff@example.org' : null, since: null, hour: 8 };
}

export const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
}

/** Serves the built sidebar as Apps Script would: panel and language filled into <html>. */
export async function serveSidebar(): Promise<{ url: string; close: () => Promise<void> }> {
  const content = readFileSync(SIDEBAR, 'utf8');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const panel = (url.searchParams.get('start') ?? 'status') as SidebarPanel;
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'ko';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sidebarHtml(content, panel, lang));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface SidebarSession {
  page: Page;
  wb: MemoryWorkbook;
  ctx: HostContext;
  /** RPC names in call order. */
  calls: string[];
  /** Tabs the page asked to bring to the front. */
  shownTabs: string[];
  /** Dialogs (alert/confirm) the page opened: an injected script would show up here. */
  dialogs: string[];
  /** Uncaught errors in the page: there should be none. */
  pageErrors: string[];
  /** Milliseconds each import chunk waits before it is handled (lets a test press Cancel). */
  chunkDelay: { ms: number };
}

/** A clock that starts on 2020-07-14 10:00 KST and moves a minute per reading, so runs are repeatable. */
export function hostContext(language: 'ko' | 'en'): HostContext {
  let minute = 0;
  return {
    now: () => Date.UTC(2020, 6, 14, 1, minute++, 0),
    actor: 'staff@district.example',
    randomSecret: () => randomBytes(32).toString('hex'),
    language,
  };
}

export type OpenOptions = { lang?: 'ko' | 'en'; start?: SidebarPanel; wb?: MemoryWorkbook };

/**
 * One browser and one served sidebar for all the tests of a file (call it at the file's top level:
 * it registers their beforeAll and afterAll); gives openSidebar on them.
 */
export function sidebarPerFile(): (options?: OpenOptions) => Promise<SidebarSession> {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveSidebar>> | undefined;
  beforeAll(async () => {
    browser = await launch();
    server = await serveSidebar();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return (options = {}) => {
    if (browser === undefined || server === undefined) throw new Error('sidebarPerFile: open the sidebar inside a test');
    return openSidebar(browser, server.url, options);
  };
}

export async function openSidebar(browser: Browser, base: string, options: OpenOptions = {}): Promise<SidebarSession> {
  const lang = options.lang ?? 'ko';
  const context = await browser.newContext({ viewport: { width: 300, height: 720 }, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
  const page = await context.newPage();
  const session: SidebarSession = {
    page,
    wb: options.wb ?? new MemoryWorkbook(),
    ctx: hostContext(lang),
    calls: [],
    shownTabs: [],
    dialogs: [],
    pageErrors: [],
    chunkDelay: { ms: 0 },
  };
  page.on('pageerror', (err) => session.pageErrors.push(String(err)));
  page.on('dialog', (dialog) => {
    session.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.exposeFunction('__civicRpc', async (name: string, argsJson: string) => {
    session.calls.push(name);
    const route = ROUTES[name as keyof ServerApi];
    if (!route) return { ok: false, message: `no server function ${name}` };
    if (name === 'rpcImportChunk' && session.chunkDelay.ms > 0) await new Promise((r) => setTimeout(r, session.chunkDelay.ms));
    try {
      const value = route(session.wb, session.ctx, JSON.parse(argsJson) as unknown[]);
      if (name === 'rpcShowTab') session.shownTabs.push(String(value));
      // Only what survives JSON reaches the page, as with google.script.run.
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (err) {
      return { ok: false, message: userMessage(err, lang) };
    }
  });
  await page.addInitScript(() => {
    type Handler = (value: unknown) => void;
    const call = (n: string, a: string) =>
      (window as unknown as { __civicRpc: (n: string, a: string) => Promise<{ ok: boolean; value?: unknown; message?: string }> }).__civicRpc(n, a);
    const runner = (success?: Handler, failure?: Handler): unknown =>
      new Proxy({}, {
        get(_target, prop) {
          if (prop === 'withSuccessHandler') return (h: Handler) => runner(h, failure);
          if (prop === 'withFailureHandler') return (h: Handler) => runner(success, h);
          if (typeof prop !== 'string' || !prop.startsWith('rpc')) return undefined;
          return (...args: unknown[]) => {
            // google.script.run answers asynchronously, never in the same tick.
            void call(prop, JSON.stringify(args)).then((r) => (r.ok ? success?.(r.value) : failure?.(new Error(r.message))));
          };
        },
      });
    (window as unknown as { google: unknown }).google = { script: { run: runner() } };
  });
  const url = new URL(base);
  url.searchParams.set('lang', lang);
  url.searchParams.set('start', options.start ?? 'status');
  await page.goto(url.toString());
  return session;
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
