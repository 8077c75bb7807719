/** 가져오기: pick a file, preview and correct the column mapping, upload in chunks, show the report. */
import type { EncodingChoice } from '../src/io/decode';
import type { ImportReport } from '../src/workflows/api';
import type { ReasonCode } from '../src/core/types';
import { byId, clear, el, put, table } from './dom';
import type { MappingRole } from './i18n';
import { detectRoles, extraPicksOf, mappedHeader, ROLES, shapeOf, voterByContent } from './mapping';
import { readVoteFile, type ParsedFile } from './readFile';
import { server } from './rpc';
import { busy, fail, lang, say, t } from './ui';
import { upload } from './upload';

let parsed: ParsedFile | null = null;
let roles: MappingRole[] = [];
let edited = false;
let cancelRequested = false;
/** 선택 수 from the settings, for the preview's word on pick columns beyond it; null when unknown. */
let pickLimit: number | null = null;

async function readPickLimit(): Promise<number | null> {
  try {
    const form = await server.rpcReadSettings();
    const n = Number((form.values.picks ?? '').replace(/[^\d]/g, ''));
    return n > 0 ? n : null;
  } catch {
    return null;
  }
}

const ignoredSuffix = lang === 'ko' ? '(사용 안 함)' : '(not used)';

/** The table to send: the file as read, with the header renamed only if the mapping was edited. */
function tableToSend(file: ParsedFile): string[][] {
  const [header, ...data] = file.rows;
  return edited ? [mappedHeader(header, roles, ignoredSuffix), ...data] : file.rows;
}

function confirmButton(): HTMLButtonElement {
  return byId<HTMLButtonElement>('import-confirm');
}

function updateShape(): void {
  const out = byId('import-shape');
  clear(out);
  if (!parsed) return;
  const [header, ...data] = tableToSend(parsed);
  const shape = shapeOf(header, data);
  put(out, shape === null ? el('span', { class: 'warn' }, t.noShape) : `${t.shapeLabel}: ${t.shapes[shape] ?? shape}`);
  confirmButton().disabled = shape === null;
}

function mappingTable(header: string[]): HTMLTableElement {
  const rows = header.map((name, i) => {
    const select = el('select', { 'aria-label': t.roleLabel(name), 'data-column': String(i) });
    for (const role of ROLES) {
      const option = el('option', { value: role }, t.roles[role]);
      option.selected = roles[i] === role;
      select.append(option);
    }
    select.addEventListener('change', () => {
      roles[i] = select.value as MappingRole;
      edited = true;
      updateShape();
    });
    return [name, select];
  });
  return table(t.mappingCaption, [t.colHeader, t.colRole], rows);
}

function problems(header: string[], data: string[][]): string[] {
  const found: string[] = [];
  const width = (row: string[]): number => {
    for (let i = row.length - 1; i >= 0; i--) if (row[i].trim() !== '') return i + 1;
    return 0;
  };
  const wider = data.filter((row) => width(row) > header.length).length;
  const blank = data.filter((row) => width(row) === 0).length;
  if (wider > 0) found.push(t.widerRows(wider));
  if (blank > 0) found.push(t.blankRows(blank));
  const byContent = edited ? undefined : voterByContent(header, data);
  if (byContent !== undefined) found.push(t.voterByContent(header[byContent].trim()));
  else if (!roles.includes('voter') && !roles.includes('agenda')) found.push(t.noVoterColumn);
  if (!roles.includes('time') && !roles.includes('agenda')) found.push(t.noTimeColumn);
  const extra = extraPicksOf(edited && parsed ? tableToSend(parsed)[0] : header, data, pickLimit);
  if (extra.length > 0 && pickLimit !== null) found.push(t.extraPickColumns(extra.join(', '), pickLimit));
  return found;
}

function renderPreview(file: ParsedFile): void {
  const out = byId('import-preview');
  clear(out);
  if (file.rows.length === 0) {
    out.append(el('p', { class: 'warn' }, t.emptyFile));
    return;
  }
  const [header, ...data] = file.rows;
  const found = problems(header, data);
  out.append(
    el(
      'p',
      {},
      `${t.encoding}: `, el('strong', { id: 'import-encoding-found' }, file.encoding), ' · ',
      `${t.delimiter}: `, el('strong', {}, t.delimiters[file.delimiter] ?? file.delimiter), ' · ',
      el('span', { id: 'import-row-count' }, t.rowsInFile(data.length)),
    ),
    el('p', { id: 'import-shape' }),
    el('div', { class: 'scroll' }, mappingTable(header)),
    el('h3', {}, t.problemsHeading),
    found.length > 0 ? el('ul', { id: 'import-problems' }, ...found.map((p) => el('li', {}, p))) : el('p', {}, t.noProblems),
    el('div', { class: 'scroll' }, table(t.previewCaption, header, data.slice(0, 5))),
  );
  updateShape();
}

function renderReport(r: ImportReport): void {
  const out = byId('import-result');
  clear(out);
  if (r.alreadyImported) {
    // Not the very same file, but the same content (a channel's totals, rows in another order).
    put(out, el('p', { class: 'warn', role: 'alert' }, t.alreadyImported(null)), el('ul', { id: 'import-warnings' }, ...r.warnings.map((w) => el('li', {}, w))));
    return;
  }
  const reasons = Object.entries(r.setAside.reasons) as [ReasonCode, number][];
  put(
    out,
    el('p', { class: 'done' }, t.importDone(r.ballotsCounted)),
    el(
      'dl',
      {},
      el('dt', {}, t.rowsRead), el('dd', {}, t.count(r.rowsRead)),
      el('dt', {}, t.rowsCounted), el('dd', {}, t.count(r.rowsCounted)),
      el('dt', {}, t.ballotsCounted), el('dd', { id: 'import-ballots-counted' }, t.count(r.ballotsCounted)),
      r.totalsVotes > 0 ? el('dt', {}, t.totalsVotes) : null,
      r.totalsVotes > 0 ? el('dd', {}, t.count(r.totalsVotes)) : null,
      el('dt', {}, t.setAsideTotal), el('dd', { id: 'import-set-aside' }, t.count(r.setAside.total)),
      r.trimmed > 0 ? el('dt', {}, t.trimmed) : null,
      r.trimmed > 0 ? el('dd', {}, t.count(r.trimmed)) : null,
    ),
    reasons.length > 0
      ? table(t.reasonsCaption, [t.colReason, t.colCount], reasons.map(([code, n]) => [t.reasons[code] ?? code, t.count(n)]), [1])
      : null,
    r.warnings.length > 0 ? el('div', {}, el('h3', {}, t.warnings), el('ul', { id: 'import-warnings' }, ...r.warnings.map((w) => el('li', {}, w)))) : null,
    r.setAside.total > 0 ? showTabButton('setAside', t.openSetAside) : null,
  );
}

export function showTabButton(key: string, label: string): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'link' }, label);
  button.addEventListener('click', () => {
    server.rpcShowTab(key).catch(fail);
  });
  return button;
}

/** (Re)reads the chosen file with the chosen encoding and shows the preview. */
async function onFileChosen(): Promise<void> {
  parsed = null;
  edited = false;
  clear(byId('import-preview'));
  clear(byId('import-result'));
  confirmButton().disabled = true;
  const file = byId<HTMLInputElement>('import-file').files?.[0];
  if (!file) return;
  const choice = byId<HTMLSelectElement>('import-encoding').value as EncodingChoice;
  const limit = readPickLimit();
  const result = await busy('import', t.reading, () => readVoteFile(file, choice));
  pickLimit = await limit;
  if (!result) {
    confirmButton().disabled = true;
    return;
  }
  if (result.sheets !== undefined) {
    renderSheetChoice(result, result.sheets);
    return;
  }
  showFile(result);
}

function showFile(result: ParsedFile): void {
  parsed = result.rows.length > 1 ? result : null;
  edited = false;
  roles = result.rows.length > 0 ? detectRoles(result.rows[0], result.rows.slice(1)) : [];
  renderPreview(result);
  if (!parsed) confirmButton().disabled = true;
}

/**
 * An .xlsx with several sheets holding data: nothing is previewed or sent until one is chosen,
 * and each is offered with its row count so the right one is easy to see.
 */
function renderSheetChoice(file: ParsedFile, sheets: { name: string; rows: string[][] }[]): void {
  const out = byId('import-preview');
  clear(out);
  const select = el('select', { id: 'import-sheet', 'aria-describedby': 'import-sheet-hint' });
  select.append(el('option', { value: '' }, t.chooseSheet));
  sheets.forEach((sheet, i) => {
    const rows = sheet.rows.filter((row) => row.some((cell) => cell.trim() !== '')).length;
    select.append(el('option', { value: String(i) }, t.sheetOption(sheet.name, rows)));
  });
  select.addEventListener('change', () => {
    const sheet = sheets[Number(select.value)];
    if (select.value === '' || sheet === undefined) return;
    // The sheet's rows are the file from here on; the choice stays on screen to change it.
    showFile({ ...file, rows: sheet.rows });
    out.prepend(choice);
  });
  const choice = el(
    'div',
    { id: 'import-sheet-choice' },
    el('p', { id: 'import-sheet-hint', class: 'warn', role: 'alert' }, t.severalSheets(sheets.length)),
    el('label', { for: 'import-sheet' }, t.sheetLabel),
    select,
  );
  out.append(choice);
  confirmButton().disabled = true;
}

function showProgress(sent: number, total: number): void {
  const bar = byId<HTMLProgressElement>('import-progress');
  bar.max = total;
  bar.value = sent;
  byId('import-progress-text').textContent = t.progress(sent, total);
}

async function confirmImport(): Promise<void> {
  const file = parsed;
  if (!file) return;
  const channel = byId<HTMLInputElement>('import-channel').value.trim();
  const progress = byId('import-progress-box');
  const cancel = byId<HTMLButtonElement>('import-cancel');
  cancelRequested = false;
  progress.hidden = false;
  cancel.hidden = false;
  cancel.disabled = false;
  clear(byId('import-result'));
  const result = await busy('import', t.importing, () =>
    upload({ fileName: file.fileName, encoding: file.encoding, rows: tableToSend(file), ...(file.formulaCells ? { formulaCells: file.formulaCells } : {}) }, channel, {
      onProgress: showProgress,
      onCounting: (done, total) => {
        cancel.hidden = true;
        say(total === undefined ? t.counting : `${t.counting} ${done ?? 0}/${total}`);
      },
      cancelled: () => cancelRequested,
    }),
  );
  cancel.hidden = true;
  if (!result) {
    progress.hidden = true;
    return;
  }
  if (result.kind === 'already') {
    progress.hidden = true;
    put(byId('import-result'), el('p', { class: 'warn', role: 'alert' }, t.alreadyImported(result.when)));
  } else if (result.kind === 'cancelled') {
    progress.hidden = true;
    say(t.cancelled);
  } else {
    renderReport(result.report);
    say(result.report.alreadyImported ? t.alreadyImported(null) : t.importDone(result.report.ballotsCounted));
  }
}

export function setUpImport(): void {
  byId('import-file').addEventListener('change', () => void onFileChosen());
  byId('import-encoding').addEventListener('change', () => void onFileChosen());
  byId('import-confirm').addEventListener('click', () => void confirmImport());
  byId('import-cancel').addEventListener('click', () => {
    cancelRequested = true;
    byId<HTMLButtonElement>('import-cancel').disabled = true;
  });
  byId<HTMLInputElement>('import-channel').placeholder = t.channelPlaceholder;
}
