/** The sidebar: status, import and tally panels over the server RPC. */
import type { EncodingChoice } from '../src/io/decode';
import type { ImportReport, StatusReport, TallyJson } from '../src/workflows/api';
import { byId, clear, el, groupDigits, put, table } from './dom';
import { pickLanguage, textsFor, type Texts } from './i18n';
import { readVoteFile, type ParsedFile } from './readFile';
import { server, ServerUnavailableError } from './rpc';
import { scheduleSection } from './schedule';

type Panel = 'status' | 'import' | 'tally';
const PANELS: Panel[] = ['status', 'import', 'tally'];

const root = document.documentElement;
const lang = pickLanguage(root.dataset.lang, navigator.language);
const t: Texts = textsFor(lang);
let parsed: ParsedFile | null = null;

// ---- messages --------------------------------------------------------------------------------

function say(text: string): void {
  byId('message').textContent = text;
  byId('error').textContent = '';
}

function fail(err: unknown): void {
  const message =
    err instanceof ServerUnavailableError ? t.noServer : err instanceof Error ? err.message : String(err);
  byId('message').textContent = '';
  byId('error').textContent = `${t.errorPrefix}: ${message}`;
}

/** Disables the panel's buttons while a call runs, and re-enables them whatever happens. */
async function busy<T>(panel: Panel, note: string, work: () => Promise<T>): Promise<T | undefined> {
  const section = byId(`panel-${panel}`);
  const buttons = Array.from(section.querySelectorAll('button'));
  buttons.forEach((b) => (b.disabled = true));
  section.setAttribute('aria-busy', 'true');
  say(note);
  try {
    const result = await work();
    say('');
    return result;
  } catch (err) {
    fail(err);
    return undefined;
  } finally {
    section.removeAttribute('aria-busy');
    buttons.forEach((b) => (b.disabled = false));
    if (panel === 'import') byId<HTMLButtonElement>('import-confirm').disabled = parsed === null;
  }
}

// ---- tabs ------------------------------------------------------------------------------------

function show(panel: Panel, focus = false): void {
  for (const p of PANELS) {
    const tab = byId(`tab-${p}`);
    const selected = p === panel;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`panel-${p}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  if (panel === 'status') void refreshStatus();
}

function onTabKey(e: KeyboardEvent, panel: Panel): void {
  const i = PANELS.indexOf(panel);
  const next =
    e.key === 'ArrowRight' ? PANELS[(i + 1) % PANELS.length]
    : e.key === 'ArrowLeft' ? PANELS[(i + PANELS.length - 1) % PANELS.length]
    : e.key === 'Home' ? PANELS[0]
    : e.key === 'End' ? PANELS[PANELS.length - 1]
    : null;
  if (next) {
    e.preventDefault();
    show(next, true);
  }
}

// ---- status ----------------------------------------------------------------------------------

function renderStatus(s: StatusReport): void {
  const out = byId('status-result');
  clear(out);
  out.append(
    table(
      t.statusHeading,
      [t.colTab, t.colName, t.colRows],
      s.tabs.map((tab) => [tab.key, tab.name ?? t.missing, tab.name === null ? '' : groupDigits(tab.rows)]),
      [2],
    ),
    el(
      'dl',
      {},
      el('dt', {}, t.agendas), el('dd', {}, groupDigits(s.agendas)),
      el('dt', {}, t.ballots), el('dd', {}, groupDigits(s.ballots)),
      el('dt', {}, t.setAside), el('dd', {}, groupDigits(s.setAside)),
      el('dt', {}, t.lastImport), el('dd', {}, s.lastImport ?? t.never),
      el('dt', {}, t.lastTally), el('dd', {}, s.lastTally ?? t.never),
    ),
    scheduleSection(s.schedule, lang),
  );
}

async function refreshStatus(): Promise<void> {
  const s = await busy('status', '', () => server.rpcStatus());
  if (s) renderStatus(s);
}

async function initTabs(): Promise<void> {
  const r = await busy('status', '', () => server.rpcInit());
  if (!r) return;
  await refreshStatus();
  say(t.initDone(r.created.length, r.existing.length));
}

// ---- import ----------------------------------------------------------------------------------

function renderPreview(file: ParsedFile): void {
  const out = byId('import-preview');
  clear(out);
  if (file.rows.length === 0) {
    out.append(el('p', {}, t.emptyFile));
    return;
  }
  const [header, ...data] = file.rows;
  out.append(
    el(
      'p',
      {},
      `${t.encoding}: `, el('strong', {}, file.encoding), ' · ',
      `${t.delimiter}: `, el('strong', {}, t.delimiters[file.delimiter] ?? file.delimiter), ' · ',
      t.rowsInFile(data.length),
    ),
    el('div', { class: 'scroll' }, table(t.previewCaption, header, data.slice(0, 5))),
  );
}

function renderImport(r: ImportReport): void {
  const out = byId('import-result');
  clear(out);
  const reasons = Object.entries(r.setAside.reasons);
  put(
    out,
    r.alreadyImported ? el('p', { class: 'warn' }, t.alreadyImported) : null,
    el(
      'dl',
      {},
      el('dt', {}, t.rowsRead), el('dd', {}, groupDigits(r.rowsRead)),
      el('dt', {}, t.rowsCounted), el('dd', {}, groupDigits(r.rowsCounted)),
      el('dt', {}, t.ballotsCounted), el('dd', {}, groupDigits(r.ballotsCounted)),
      el('dt', {}, t.setAsideTotal), el('dd', {}, groupDigits(r.setAside.total)),
      r.trimmed > 0 ? el('dt', {}, t.trimmed) : null,
      r.trimmed > 0 ? el('dd', {}, groupDigits(r.trimmed)) : null,
    ),
    reasons.length > 0
      ? table(t.reasonsCaption, [t.colReason, t.colCount], reasons.map(([reason, n]) => [reason, groupDigits(n)]), [1])
      : null,
    r.warnings.length > 0
      ? el('div', {}, el('h3', {}, t.warnings), el('ul', {}, ...r.warnings.map((w) => el('li', {}, w))))
      : null,
  );
}

/** (Re)reads the chosen file with the chosen encoding and shows the preview. */
async function onFileChosen(): Promise<void> {
  parsed = null;
  clear(byId('import-preview'));
  clear(byId('import-result'));
  const file = byId<HTMLInputElement>('import-file').files?.[0];
  if (!file) return;
  const choice = byId<HTMLSelectElement>('import-encoding').value as EncodingChoice;
  const result = await busy('import', t.reading, () => readVoteFile(file, choice));
  if (!result) return;
  parsed = result.rows.length > 1 ? result : null;
  renderPreview(result);
  byId<HTMLButtonElement>('import-confirm').disabled = parsed === null;
}

async function confirmImport(): Promise<void> {
  const file = parsed;
  if (!file) return;
  const channel = byId<HTMLInputElement>('import-channel').value.trim();
  const r = await busy('import', t.importing, () =>
    server.rpcImport({
      fileName: file.fileName,
      rows: file.rows,
      encoding: file.encoding,
      ...(channel ? { channel } : {}),
    }),
  );
  if (r) renderImport(r);
}

// ---- tally -----------------------------------------------------------------------------------

function renderTally(r: TallyJson): void {
  const out = byId('tally-result');
  clear(out);
  const agendas = [...r.agendas].sort((a, b) => a.rank - b.rank);
  out.append(
    el('p', {}, t.budgetLine(groupDigits(r.spent), groupDigits(r.budget), groupDigits(r.budget - r.spent))),
    el('p', {}, t.votersLine(r.voters, r.validBallots, r.picks)),
    el('p', r.check.ok ? {} : { class: 'warn' }, t.checkLine(r.check.ballotPicks, r.check.maxPicks, r.check.exact, r.check.ok)),
    el(
      'div',
      { class: 'scroll' },
      table(
        t.tallyCaption,
        [t.colRank, t.colTitle, t.colVotes, t.colShare, t.colCost, t.colStatus, t.colReason],
        agendas.map((a) => [
          a.rank,
          a.title,
          groupDigits(a.votes),
          `${(a.share * 100).toFixed(1)}%`,
          groupDigits(a.cost),
          el('span', { class: `status ${a.status}` }, t.status[a.status] ?? a.status),
          a.reason,
        ]),
        [0, 2, 3, 4],
      ),
    ),
  );
}

async function runTally(): Promise<void> {
  const r = await busy('tally', t.tallying, () => server.rpcTally());
  if (r) renderTally(r);
}

// ---- start -----------------------------------------------------------------------------------

function applyTexts(): void {
  root.lang = lang;
  document.title = t.appTitle;
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    const value = t[node.dataset.i18n as keyof Texts];
    if (typeof value === 'string') node.textContent = value;
  }
  byId<HTMLInputElement>('import-channel').placeholder = t.channelPlaceholder;
}

function start(): void {
  applyTexts();
  for (const p of PANELS) {
    const tab = byId(`tab-${p}`);
    tab.addEventListener('click', () => show(p));
    tab.addEventListener('keydown', (e) => onTabKey(e, p));
  }
  byId('status-refresh').addEventListener('click', () => void refreshStatus());
  byId('status-init').addEventListener('click', () => void initTabs());
  byId('import-file').addEventListener('change', () => void onFileChosen());
  byId('import-encoding').addEventListener('change', () => void onFileChosen());
  byId('import-confirm').addEventListener('click', () => void confirmImport());
  byId('tally-run').addEventListener('click', () => void runTally());
  const first = root.dataset.start as Panel;
  show(PANELS.includes(first) ? first : 'status');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
