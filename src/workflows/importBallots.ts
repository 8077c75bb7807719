import { AgendaLookup } from '../core/agendaLookup';
import { CandidateColumns, checkBallotColumns } from '../core/ballots';
import { formatSeoulTimestamp } from '../core/datetime';
import { UserError } from '../core/errors';
import { MAX_CELL_CHARS, maxLineChars } from '../core/limits';
import { StringPool } from '../core/stringPool';
import { ChoiceSets } from '../sheets/choiceSets';
import { Fingerprint, isVoterKey, voterKeyHasher } from '../core/hash';
import { RowSetDigest } from '../core/rowSetDigest';
import type { Agenda, Problem, Settings } from '../core/types';
import { readAgendas } from '../sheets/agendas';
import { columnLabel, extraPickColumns, findColumns, looksPersonal, PARTICIPANTS_AGENDA, personalColumns, refineShape, voterColumnByContent, type ExportColumns } from '../sheets/exportTable';
import { hasContent } from '../sheets/fingerprint';
import { describeProblems } from '../sheets/messages';
import { TABS } from '../sheets/schema';
import { field, readTable } from '../sheets/table';
import type { ImportInput, ImportReport } from './api';
import { chainStartedWarning } from './auditChain';
import { ImportSealer } from './ballotSeal';
import { DOCUMENT_KEY, documentKey, existingDocumentKey } from './documentKey';
import { appendAudit, findAudit, findAuditByResult } from './audit';
import { checkedNow, importSeal, mayRecordChecked } from './evidence';
import { importScores } from './importScores';
import { isScoreSheet } from '../sheets/scores';
import { hashingOf, type HostContext } from './context';
import { addImportWarning, newImportReport } from './importReport';
import { earlierTotals, parseTotals, sameTables, tablesOf, totalsDifference, type ChannelTable, type EarlierTotals, type ParsedTotals } from './totalsImport';
import { warning, type Warning } from '../core/warnings';
import { appendRecords, readTab, requireSettings, requireTable, type TabRead } from './tabs';
import type { Cell, Workbook } from './workbook';

export { fingerprintTable } from '../sheets/fingerprint';

/**
 * The document's voter-key salt, made now if there is none: for a host that must hash voters
 * before the import runs (an upload staged in the spreadsheet never holds a raw identifier).
 * Refused when the workbook holds keyed records and its key is lost (documentKey.ts).
 */
export function voterSalt(wb: Workbook, ctx: HostContext): string {
  return documentKey(wb, ctx);
}

/**
 * The columns of an export's header whose cells are hashed before any cell keeps them: the voter
 * identifier and other personal data (none in a committee score sheet).
 */
export function privateColumnsOf(headerRow: readonly string[]): number[] {
  const header = headerRow.map((h) => h.trim());
  if (isScoreSheet(header)) return [];
  const { columns } = findColumns(header);
  return [...(columns.voter === undefined ? [] : [columns.voter]), ...personalColumns(header, columns)];
}

/**
 * Where each candidate ballot came from, kept beside the candidates rather than in an object per
 * ballot: the export rows (data-row indexes, 0 = the row under the header) and the 동, age group
 * and gender columns, whose few distinct values are stored once each.
 */
interface CandidateRows {
  /** The data-row indexes of a candidate (by candidate index). */
  of(index: number): number[];
  /** How many export rows made that candidate. */
  count(index: number): number;
  dong(index: number): string;
  ageGroup(index: number): string;
  gender(index: number): string;
  /** The cut of an over-long cell in one of its rows (see MAX_CELL_CHARS), if any. */
  clipped(index: number): Problem | null;
}

/** The counted ballots, in candidate order: which candidate, when, and the picks that count. */
interface CountedBallots {
  count: number;
  index: Int32Array;
  /** NaN when the ballot has no time: a plain array of numbers and nulls would box every time. */
  votedAt: Float64Array;
  picks: (readonly string[])[];
}

/**
 * An export's rows, readable more than once: the import reads them once to count and comes back
 * only for the rows it sets aside (their content goes to 제외), so a million-row file is never
 * held as one table.
 */
export interface RowSource {
  batches(): Iterable<readonly (readonly string[])[]>;
  /** About how many rows, when known: room for them is made once. */
  expectedRows?: number;
  /**
   * Called once the import will read the rows no more (before 투표 is written), so a source that
   * holds the export's decoded text can let it go. Optional.
   */
  release?(): void;
}

export type ImportMeta = Omit<ImportInput, 'rows'>;

/**
 * The row with every cell cut to MAX_CELL_CHARS, and which were cut (the same row when none). The
 * row still counts; 제외 notes the cut (`cell_clipped`).
 */
function clipCells(row: readonly string[]): { row: readonly string[]; clipped: { column: number; length: number }[] } {
  let clipped: { column: number; length: number }[] | null = null;
  for (let i = 0; i < row.length; i++) if ((row[i] ?? '').length > MAX_CELL_CHARS) (clipped ??= []).push({ column: i, length: row[i].length });
  if (clipped === null) return { row, clipped: [] };
  return { row: row.map((cell) => (cell.length > MAX_CELL_CHARS ? cell.slice(0, MAX_CELL_CHARS) : cell)), clipped };
}

/** Lists export rows in 제외: set aside, or counted in part (trimmed), with their content. */
type SetAside = (rows: readonly number[], voter: string, problems: Problem[], action: 'set_aside' | 'trimmed', content: string) => void;

/**
 * Imports one export into 투표 (or 집계 for a totals-only channel). Nothing is written when the
 * same content was imported before, and nothing is lost otherwise: every row is either counted
 * or listed in 제외 with its reason. Voter identifiers are hashed before any cell sees them.
 */
export function importTable(wb: Workbook, ctx: HostContext, input: ImportInput): ImportReport {
  return importRows(wb, ctx, input, { batches: () => [input.rows], expectedRows: input.rows.length });
}

/** importTable over rows that arrive in batches (a large CSV read with csvRowBatches). */
export function importRows(wb: Workbook, ctx: HostContext, input: ImportMeta, rowSource: RowSource): ImportReport {
  const settings = requireSettings(wb);
  const agendas = readAgendas(requireTable(wb, 'agendas'));
  const source = nonBlankRows(rowSource);
  const headerRow = firstRow(source);
  if (headerRow === undefined) throw new UserError('empty_file', `빈 파일입니다 / The file is empty: ${input.fileName}`);
  const header = headerRow.map((h) => h.trim());
  refuseLongRow(headerRow, headerRow.length, 0, input.fileName);
  const headerOnly = (): UserError => new UserError('header_only', `머리글만 있고 투표 행이 없습니다 / The file has a header but no rows: ${input.fileName}`);
  // A committee score sheet is told apart by its headers (agenda, scorer and score columns).
  if (isScoreSheet(header)) {
    const rows = [...allRows(source)].map((row) => [...row]);
    if (rows.length === 1) throw headerOnly();
    return importScores(wb, ctx, { ...input, rows });
  }
  const found = findColumns(header);
  const columns = found.columns;
  // No voter column by its header: a column of phone numbers is one (a staged upload's phones are
  // keys by now, so the upload sampled them on arrival and says what it found).
  const byContent =
    columns.voter !== undefined || found.shape === 'totals'
      ? undefined
      : input.voterColumnByContent !== undefined
        ? (input.voterColumnByContent ?? undefined)
        : voterColumnByContent(header, columns, dataRowsOf(source));
  if (byContent !== undefined) columns.voter = byContent;
  const shape = found.shape === 'choice-list' && input.ballotPerRow !== true ? refineShape(found.shape, columns, dataRowsOf(source)) : found.shape;

  // A first import's new salt is kept only once the import writes: a refused file changes nothing.
  const savedSalt = existingDocumentKey(wb);
  const salt = savedSalt ?? ctx.randomSecret();
  const hashing = hashingOf(ctx);
  const hashVoter = voterKeyHasher(salt, hashing);
  const privacy: ContentPrivacy = { voterColumn: columns.voter, personal: new Set(personalColumns(header, columns)), hash: hashVoter };
  const defaultChannel = input.channel ?? input.fileName;
  // A staged upload was fingerprinted as it came (its voter cells are keys by now): not again here.
  const fp = input.fingerprint === undefined ? new Fingerprint(hashing) : null;
  // Rows wider than the header lost their alignment somewhere: counting them would be a guess.
  // A row with a formula cell is set aside the same way (the reader says where formulas were).
  const misaligned: { index: number; voterKey: string; content: string; problem: Problem }[] = [];
  const formulaColumns = formulaColumnsByRow(input.formulaCells);
  const columnName = (column: number): string => header[column] || `#${column + 1}`;
  const clipProblem = (clipped: readonly { column: number; length: number }[]): Problem | null =>
    clipped.length === 0 ? null : { code: 'cell_clipped', detail: { column: clipped.map((c) => columnName(c.column)).join(', '), length: Math.max(...clipped.map((c) => c.length)), limit: MAX_CELL_CHARS } };
  const ballots = shape === 'totals' ? null : new CandidateCollector(columns, shape === 'pick-rows', hashVoter, defaultChannel, rowSource.expectedRows ?? 0);
  const totalsRows: { index: number; row: readonly string[] }[] = [];
  // Without voters, the same ballots in another order cannot be told from new ones by the voters:
  // they are told by their rows, whatever the order.
  const rowSet = ballots !== null && columns.voter === undefined ? new RowSetDigest() : null;
  let rowsRead = -1;
  let clippedCells = 0;
  for (const { row: read, at } of positionedRows(rowSource)) {
    fp?.addTrimmedRow(read);
    rowSet?.add(rowSetRecord(read, privacy));
    const index = rowsRead++;
    if (index < 0) continue;
    refuseLongRow(read, header.length, index + 2, input.fileName);
    const { row, clipped } = clipCells(read);
    clippedCells += clipped.length;
    const width = lastNonEmpty(row) + 1;
    const formulas = formulaColumns.get(at);
    if (formulas !== undefined || width > header.length) {
      const voterKey = formulas === undefined ? hashedVoterOf(row, columns, hashVoter) : '';
      const problem: Problem =
        formulas !== undefined ? { code: 'formula_cell', detail: { column: formulas.map(columnName).join(', ') } } : { code: 'bad_row', detail: { cells: width, header: header.length } };
      misaligned.push({ index, voterKey, content: rowContent(header, row, privacy, voterKey), problem });
    } else if (ballots !== null) ballots.add(row, index, clipProblem(clipped));
    // (A totals row's cut cells are counted in the warning; its votes are a number either way.)
    else totalsRows.push({ index, row });
  }
  if (rowsRead === 0) throw headerOnly();
  // Read and checked before anything is written: a refused file changes nothing.
  const totals = ballots === null ? parseTotals(columns, new AgendaLookup(agendas), defaultChannel, totalsRows) : null;

  const fingerprint = fp === null ? (input.fingerprint as string) : fp.hex();
  const importId = fingerprint.slice(0, 12);
  const report = newImportReport(input, shape, fingerprint, rowsRead);
  const audit = readTab(wb, 'audit');
  const ballotsTab = readTab(wb, 'ballots');
  if (findAudit(audit, 'import', fingerprint)) return { ...report, alreadyImported: true };
  // Rows carrying this import's id without an audit row: an earlier run stopped half-way. Only
  // the tab this file's shape writes can hold them: the id is the content's, and the shape (ballots
  // or totals) follows from the header, which is content too (so a ballots import reads no 집계).
  const partly = totals === null ? hasRowsFrom(ballotsTab, 'ballots', importId) : hasRowsFrom(readTab(wb, 'totals'), 'totals', importId);
  if (partly) {
    addImportWarning(
      report,
      warning('partly_imported', `이 파일의 일부가 이미 들어가 있습니다 (가져오기 ${importId}). 그 행을 지우고 다시 가져오세요 / Part of this file is already in (import ${importId}): delete those rows and import again`),
    );
    return { ...report, alreadyImported: true };
  }
  const rowsDigest = rowSet === null ? '' : `rows:${rowSet.hex()}`;
  const sameRows = rowSet === null ? null : findAuditByResult(audit, 'import', rowsDigest);
  if (sameRows !== null) {
    addImportWarning(
      report,
      warning(
        'same_content',
        `이미 가져온 파일(가져오기 ${sameRows.input.slice(0, 12)}, ${sameRows.when})과 행 순서만 다릅니다. 다시 더하지 않았습니다 / The same rows as an earlier import (${sameRows.input.slice(0, 12)}, ${sameRows.when}) in another order: not added again`,
      ),
    );
    return { ...report, alreadyImported: true };
  }
  const totalsTab = totals === null ? null : readTab(wb, 'totals');
  const newTables = totals === null ? null : tablesOf(totals.rows);
  const earlier = newTables === null ? null : earlierTotals(totalsTab, new Set(newTables.keys()));
  if (newTables !== null && earlier !== null && earlier.tables.size === newTables.size && sameTables(earlier.tables, newTables)) {
    // The channel's table as it already is (the same booth's file reordered, re-saved, with a note).
    addImportWarning(report, sameTotalsNotice([...newTables.keys()], earlier.sources));
    return { ...report, alreadyImported: true };
  }
  if (savedSalt === null) wb.setSecret(DOCUMENT_KEY, salt);
  if (byContent !== undefined) addImportWarning(report, voterColumnNotice(header, byContent));
  const extraPicks = extraPickColumns(shape, columns, settings.picks);
  if (extraPicks.length > 0) addImportWarning(report, extraPickColumnsNotice(header, extraPicks, settings.picks));

  const setAsideRecords: Record<string, Cell>[] = [];
  const setAside: SetAside = (rowIndexes, hashedVoter, problems, action, content) => {
    if (action === 'set_aside') {
      report.setAside.total += rowIndexes.length;
      // Counted once, under its first reason, so the reasons add up to the total.
      const code = problems[0].code;
      report.setAside.reasons[code] = (report.setAside.reasons[code] ?? 0) + rowIndexes.length;
    }
    setAsideRecords.push({
      stage: ctx.language === 'ko' ? '가져오기' : 'import',
      action: action === 'set_aside' ? (ctx.language === 'ko' ? '제외' : 'set aside') : ctx.language === 'ko' ? '일부 반영' : 'counted in part',
      source: importId,
      file: input.fileName,
      row: rowIndexes.map((i) => i + 2).join(', '),
      voterKey: hashedVoter,
      reason: describeProblems(keptProblems(problems, privacy), ctx.language),
      content,
    });
  };
  for (const m of misaligned) setAside([m.index], m.voterKey, [m.problem], 'set_aside', m.content);

  let sealer: ImportSealer | null = null;
  let checked = '';
  let replaced = '';
  if (totals !== null && newTables !== null && earlier !== null) {
    for (const { index, row, problem } of totals.invalid) setAside([index], '', [problem], 'set_aside', rowContent(header, row, privacy, ''));
    replaced = writeTotals(wb, ctx, { totals, newTables, earlier, tab: totalsTab, source: importId, report });
  } else if (ballots !== null) {
    const { candidates, rows } = ballots.finish(importId);
    const job: BallotJob = { settings, agendas, header, columns, privacy, source, report, setAside };
    const counted = checkCandidates(job, candidates, rows, existingVoterKeys(ballotsTab));
    // Counted with their times as numbers, and the set-aside rows' content read: the export's
    // text can go before 투표 is written (the time texts are slices of it).
    candidates.forgetTimeTexts();
    rowSource.release?.();
    sealer = new ImportSealer(salt, importId, hashing);
    // Asked before the append: a host may hand out the rows it holds, which the append extends.
    const recordChecked = mayRecordChecked(wb, ballotsTab, audit);
    appendRecords(wb, 'ballots', ctx.language, ballotRecords(counted, candidates, rows, importId, sealer), ballotsTab);
    if (recordChecked) checked = checkedNow(wb, salt, hashing);
  }

  if (clippedCells > 0) {
    addImportWarning(
      report,
      warning('cells_clipped', `${clippedCells}개 셀이 ${MAX_CELL_CHARS.toLocaleString('en-US')}자를 넘어 잘렸습니다 (제외 탭에 기록) / ${clippedCells} cells were longer than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters and were cut (listed in 제외)`),
    );
  }
  const formulaRows = report.setAside.reasons.formula_cell ?? 0;
  if (formulaRows > 0) {
    addImportWarning(report, warning('formula_cells', `수식 셀이 있는 ${formulaRows}개 행을 제외했습니다 / ${formulaRows} rows with a formula cell were set aside`));
  }
  if (report.rowsCounted + report.setAside.total !== report.rowsRead) {
    throw new Error(`accounting broken: ${report.rowsRead} read, ${report.rowsCounted} counted, ${report.setAside.total} set aside`);
  }
  if (setAsideRecords.length > 0) appendRecords(wb, 'setAside', ctx.language, setAsideRecords);
  const { chainStarts } = appendAudit(wb, ctx, audit, {
    what: 'import',
    detail: `${input.fileName} (${input.encoding}, ${shape}): ${report.rowsRead} read, ${report.rowsCounted} counted, ${report.setAside.total} set aside${replaced}`,
    input: fingerprint,
    settings: '',
    // An import has no result fingerprint; a voter-less ballot file's order-free row digest goes here.
    result: rowsDigest,
    ...(sealer === null ? {} : { ballots: sealer.count, seal: importSeal(sealer.digest(), checked) }),
  });
  if (chainStarts) addImportWarning(report, chainStartedWarning());
  return report;
}

/** A row longer than every cell at the cell limit is no export: the file is refused (see maxLineChars). */
function refuseLongRow(row: readonly string[], columns: number, rowNumber: number, fileName: string): void {
  let chars = 0;
  for (const cell of row) chars += cell.length;
  if (chars <= maxLineChars(columns)) return;
  const which = rowNumber === 0 ? { ko: '머리글', en: 'The header' } : { ko: `${rowNumber}번째 행`, en: `Row ${rowNumber}` };
  const limit = maxLineChars(columns).toLocaleString('en-US');
  throw new UserError(
    'line_too_long',
    `${which.ko}이 너무 깁니다 (${chars.toLocaleString('en-US')}자, 한도 ${limit}자). 투표 내보내기 파일이 아닙니다: ${fileName}` +
      ` / ${which.en} is too long (${chars.toLocaleString('en-US')} characters, limit ${limit}); not a vote export: ${fileName}`,
  );
}

/** What the summary and the preview say when the voter column was found by its content. */
export function voterColumnNotice(header: readonly string[], column: number): Warning {
  const label = columnLabel(header, column);
  return warning(
    'voter_column_by_content',
    `투표자 열 이름이 없어, 휴대전화 번호가 든 ${label}을 투표자 열로 썼습니다 / No voter column by name: ${label} holds phone numbers and is used as the voter column`,
  );
}

/**
 * A row as the order-free digest takes it: trimmed, without trailing blank cells (a trailing comma),
 * personal cells (by column or by look) as their keys, as a staged upload holds them.
 */
function rowSetRecord(row: readonly string[], privacy: ContentPrivacy): string {
  const width = lastNonEmpty(row) + 1;
  let line = '';
  for (let i = 0; i < width; i++) {
    if (i > 0) line += '\u001f';
    const cell = (row[i] ?? '').trim();
    line += privacy.personal.has(i) ? identityKey(cell, privacy.hash) : keptCell(cell, privacy);
  }
  return line;
}

/** The summary's word on pick columns beyond 선택 수, before the over-limit ballots are counted. */
export function extraPickColumnsNotice(header: readonly string[], extra: readonly number[], limit: number): Warning {
  const names = extra.map((i) => header[i]).join(', ');
  return warning(
    'extra_pick_columns',
    `선택 열이 선택 수(${limit})보다 많습니다: ${names}. 이 열까지 채운 투표는 선택 수 초과로 처리됩니다 / More pick columns than 선택 수 (${limit}): ${names}. Ballots that fill them have too many picks`,
  );
}

function lastNonEmpty(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if ((row[i] ?? '').trim() !== '') return i;
  return -1;
}

/**
 * What an identifying cell (a voter, a name) becomes wherever it is kept: its key, '' when blank,
 * and a key already (a 투표 tab exported and imported again) as it is.
 */
export function identityKey(cell: string, hash: (raw: string) => string): string {
  const raw = cell.trim();
  return raw === '' || isVoterKey(raw) ? raw : hash(raw);
}

function hashedVoterOf(row: readonly string[], columns: ExportColumns, hashVoter: (raw: string) => string): string {
  return columns.voter === undefined ? '' : identityKey(row[columns.voter] ?? '', hashVoter);
}

/** Sheets refuses cells over 50,000 characters; a set-aside row's content is cut well below that. */
const MAX_CONTENT = 5000;

/** What in a row identifies a person, and how it is hidden when the row's content is kept. */
interface ContentPrivacy {
  voterColumn: number | undefined;
  /** Other personal columns (a name, an address): their cells are hashed as voter identifiers are. */
  personal: ReadonlySet<number>;
  hash: (raw: string) => string;
}

/** The original row as "header=value" pairs, with the voter identifier and other personal cells hashed. */
function rowContent(header: readonly string[], row: readonly string[], privacy: ContentPrivacy, hashedVoter: string): string {
  const cell = (i: number): string => {
    if (i === privacy.voterColumn) return hashedVoter;
    return privacy.personal.has(i) ? identityKey(row[i] ?? '', privacy.hash) : keptCell(row[i] ?? '', privacy);
  };
  const text = header
    .map((name, i) => `${keptCell(name, privacy)}=${cell(i)}`)
    .concat(row.slice(header.length).filter((c) => c !== '').map((c) => `?=${keptCell(c, privacy)}`))
    .join('; ');
  return text.length <= MAX_CONTENT ? text : `${text.slice(0, MAX_CONTENT)}… (+${text.length - MAX_CONTENT})`;
}

/**
 * A cell of a row whose content is kept, hashed when it looks like personal data wherever it sits:
 * a row shifted by an unquoted comma puts a phone number under 투표일시, and an 접속IP column has a
 * name the personal columns do not list.
 */
function keptCell(cell: string, privacy: ContentPrivacy): string {
  return looksPersonal(cell) ? identityKey(cell, privacy.hash) : cell;
}

/** Problems quote cells (an unknown agenda, an unreadable time): a quoted personal value is hashed too. */
function keptProblems(problems: Problem[], privacy: ContentPrivacy): Problem[] {
  return problems.map((problem) => {
    const entries = Object.entries(problem.detail);
    if (!entries.some(([, value]) => typeof value === 'string' && looksPersonal(value))) return problem;
    const detail = Object.fromEntries(entries.map(([key, value]) => [key, typeof value === 'string' ? keptCell(value, privacy) : value]));
    return { ...problem, detail } as Problem;
  });
}

interface BallotJob {
  settings: Settings;
  agendas: Agenda[];
  header: readonly string[];
  columns: ExportColumns;
  privacy: ContentPrivacy;
  source: RowSource;
  report: ImportReport;
  setAside: SetAside;
}

/**
 * The ballot rules over the candidates: the counted ones returned for 투표, the others set aside
 * (or noted as counted in part) with their rows' content, and the report's counts filled in.
 */
function checkCandidates(job: BallotJob, candidates: CandidateColumns, rows: CandidateRows, knownVoterKeys: ReadonlySet<string>): CountedBallots {
  const { settings, agendas, header, columns, privacy, source, report, setAside } = job;
  // Room for every candidate made at once; only the first `count` entries are used.
  const counted: CountedBallots = { count: 0, index: new Int32Array(candidates.length), votedAt: new Float64Array(candidates.length), picks: new Array<readonly string[]>(candidates.length) };
  const notCounted: { index: number; problems: Problem[]; action: 'set_aside' | 'trimmed' }[] = [];
  const options = { knownVoterKeys, hasVoterColumn: columns.voter !== undefined, hasTimeColumn: columns.time !== undefined };
  checkBallotColumns(candidates, agendas, settings, options, {
    accepted(index, votedAt, picks, fixed) {
      counted.index[counted.count] = index;
      counted.votedAt[counted.count] = votedAt ?? NaN;
      counted.picks[counted.count++] = picks;
      const clipped = rows.clipped(index);
      const problems = clipped === null ? fixed : [...(fixed ?? []), clipped];
      if (problems !== null) notCounted.push({ index, problems, action: 'trimmed' });
    },
    setAside(index, problems) {
      notCounted.push({ index, problems, action: 'set_aside' });
    },
  });
  // Set-aside ballots first, then those counted in part, as 제외 always listed them.
  notCounted.sort((x, y) => (x.action === y.action ? 0 : x.action === 'set_aside' ? -1 : 1));
  const sourceRows = notCounted.map((item) => ({ rows: rows.of(item.index), voterKey: candidates.voterKey(item.index) }));
  const contents = setAsideContents(source, header, privacy, sourceRows);
  notCounted.forEach((item, i) => setAside(sourceRows[i].rows, sourceRows[i].voterKey, item.problems, item.action, contents[i]));
  report.trimmed = notCounted.filter((item) => item.action === 'trimmed').length;
  report.ballotsCounted = counted.count;
  let rowsCounted = 0;
  for (let k = 0; k < counted.count; k++) rowsCounted += rows.count(counted.index[k]);
  report.rowsCounted = rowsCounted;
  if (columns.voter === undefined) addImportWarning(report, warning('no_voter_column', '투표자 열이 없어 중복 투표를 확인할 수 없습니다 / No voter column: duplicate votes cannot be detected'));
  if (columns.time === undefined && (settings.windowStart !== null || settings.windowEnd !== null)) {
    addImportWarning(report, warning('no_time_column', '투표일시 열이 없어 투표 기간을 확인할 수 없습니다 / No time column: the voting window cannot be checked'));
  }
  return counted;
}

/** Builds the candidate ballots row by row, hashing each voter identifier as it comes. */
class CandidateCollector {
  private readonly candidates: CandidateColumns;
  private readonly more = new Map<number, number[]>();
  private readonly byVoter = new Map<string, number>();
  private readonly dongs: string[] = [];
  private readonly ageGroups: string[] = [];
  private readonly genders: string[] = [];
  private readonly shared = new StringPool();
  private readonly choiceSets = new ChoiceSets(this.shared);
  private readonly clipped = new Map<number, Problem>();

  constructor(
    private readonly columns: ExportColumns,
    private readonly pickPerRow: boolean,
    private readonly hashVoter: (raw: string) => string,
    private readonly defaultChannel: string,
    expectedRows: number,
  ) {
    this.candidates = new CandidateColumns(expectedRows);
  }

  /** `clipped`: the row's cells cut to MAX_CELL_CHARS, noted when its ballot counts. */
  add(row: readonly string[], index: number, clipped: Problem | null = null): void {
    const columns = this.columns;
    const cell = (at: number | undefined): string => (at === undefined ? '' : (row[at] ?? '').trim());
    const choices = columns.choices.length === 1 ? this.choiceSets.ofList(cell(columns.choices[0])) : this.choiceSets.ofCells(columns.choices.map((c) => cell(c)));
    const voterKey = hashedVoterOf(row, columns, this.hashVoter);
    if (this.pickPerRow && voterKey !== '') {
      // One pick per row: a voter's rows make one ballot, in the order the rows came.
      const existing = this.byVoter.get(voterKey);
      if (existing !== undefined) {
        if (clipped !== null) this.clipped.set(existing, clipped);
        this.candidates.addChoices(existing, choices);
        const rows = this.more.get(existing);
        if (rows === undefined) this.more.set(existing, [index]);
        else rows.push(index);
        return;
      }
      this.byVoter.set(voterKey, this.candidates.length);
    }
    if (clipped !== null) this.clipped.set(this.candidates.length, clipped);
    const channel = this.shared.get(cell(columns.channel) || this.defaultChannel);
    this.candidates.add(voterKey, cell(columns.time), channel, '', index + 2, choices);
    this.dongs.push(this.shared.get(cell(columns.dong)));
    this.ageGroups.push(this.shared.get(cell(columns.ageGroup)));
    this.genders.push(this.shared.get(cell(columns.gender)));
  }

  finish(source: string): { candidates: CandidateColumns; rows: CandidateRows } {
    this.candidates.setSource(source);
    const candidates = this.candidates;
    const rows: CandidateRows = {
      of: (index) => [candidates.row(index) - 2, ...(this.more.get(index) ?? [])],
      count: (index) => 1 + (this.more.get(index)?.length ?? 0),
      dong: (index) => this.dongs[index],
      ageGroup: (index) => this.ageGroups[index],
      gender: (index) => this.genders[index],
      clipped: (index) => this.clipped.get(index) ?? null,
    };
    return { candidates: this.candidates, rows };
  }
}

/** The 투표 rows of the counted ballots, made one at a time as the tab is written. */
function* ballotRecords(counted: CountedBallots, candidates: CandidateColumns, rows: CandidateRows, source: string, sealer: ImportSealer): Generator<Record<string, Cell>> {
  // Ballots share their picks array when they picked alike, and then share the cell text too.
  const choicesText = new Map<readonly string[], string>();
  for (let k = 0; k < counted.count; k++) {
    const index = counted.index[k];
    const picks = counted.picks[k];
    let choices = choicesText.get(picks);
    if (choices === undefined) {
      choices = picks.join(', ');
      if (Object.isFrozen(picks)) choicesText.set(picks, choices);
    }
    const from = rows.of(index);
    const votedAt = counted.votedAt[k];
    const record: Record<string, Cell> = {
      voterKey: candidates.voterKey(index),
      votedAt: Number.isNaN(votedAt) ? '' : formatSeoulTimestamp(votedAt),
      choices,
      channel: candidates.channel(index),
      dong: rows.dong(index),
      ageGroup: rows.ageGroup(index),
      gender: rows.gender(index),
      source,
      // A number when the ballot is one row (nearly always): a million "2", "3", … strings cost more.
      row: from.length === 1 ? from[0] + 2 : from.map((i) => i + 2).join(', '),
    };
    record.seal = sealer.seal(record);
    yield record;
  }
}

/** The rows of a source that have something in them (blank lines never change what a file means). */
function nonBlankRows(source: RowSource): RowSource {
  return {
    *batches() {
      for (const batch of source.batches()) {
        const kept = batch.filter(hasContent);
        if (kept.length > 0) yield kept;
      }
    },
  };
}

/** The rows nonBlankRows keeps, each with its position in the source as given (blank rows included). */
function* positionedRows(source: RowSource): Generator<{ row: readonly string[]; at: number }> {
  let at = 0;
  for (const batch of source.batches()) {
    for (const row of batch) {
      if (hasContent(row)) yield { row, at };
      at += 1;
    }
  }
}

/** ImportInput.formulaCells as row → its columns. */
function formulaColumnsByRow(cells: ImportInput['formulaCells']): Map<number, number[]> {
  const byRow = new Map<number, number[]>();
  for (const { row, column } of cells ?? []) {
    const columns = byRow.get(row);
    if (columns === undefined) byRow.set(row, [column]);
    else if (!columns.includes(column)) columns.push(column);
  }
  for (const columns of byRow.values()) columns.sort((a, b) => a - b);
  return byRow;
}

function* allRows(source: RowSource): Generator<readonly string[]> {
  for (const batch of source.batches()) yield* batch;
}

function firstRow(source: RowSource): readonly string[] | undefined {
  for (const row of allRows(source)) return row;
  return undefined;
}

function* dataRowsOf(source: RowSource): Generator<readonly string[]> {
  let header = true;
  for (const row of allRows(source)) {
    if (header) header = false;
    else yield row;
  }
}

/**
 * The 제외 content of ballots not (fully) counted, read in a second pass over the rows: only
 * these rows are looked at again, and only they are kept.
 */
function setAsideContents(source: RowSource, header: readonly string[], privacy: ContentPrivacy, items: readonly { rows: readonly number[]; voterKey: string }[]): string[] {
  const voterOf = new Map<number, string>();
  for (const item of items) for (const i of item.rows) voterOf.set(i, item.voterKey);
  const content = new Map<number, string>();
  if (voterOf.size > 0) {
    let index = 0;
    for (const row of dataRowsOf(source)) {
      const voterKey = voterOf.get(index);
      if (voterKey !== undefined) content.set(index, rowContent(header, row, privacy, voterKey));
      index++;
    }
  }
  return items.map((item) =>
    item.rows
      .map((i) => content.get(i) ?? '')
      .join(' / ')
      .slice(0, MAX_CONTENT * 2),
  );
}

function hasRowsFrom(tab: TabRead | null, key: 'ballots' | 'totals', source: string): boolean {
  if (tab === null || tab.grid.length === 0) return false;
  const table = readTable(tab.grid, TABS[key], tab.name);
  return table.rows.some((row) => field(table, row, 'source') === source);
}

function existingVoterKeys(tab: TabRead | null): Set<string> {
  const keys = new Set<string>();
  if (tab === null || tab.grid.length === 0) return keys;
  const table = readTable(tab.grid, TABS.ballots, tab.name);
  for (const row of table.rows) {
    const key = field(table, row, 'voterKey');
    if (key !== '') keys.add(key);
  }
  return keys;
}

/** What a totals import writes: the channels' new tables in 집계, in place of their earlier ones. */
interface TotalsWrite {
  totals: ParsedTotals;
  newTables: Map<string, ChannelTable>;
  earlier: EarlierTotals;
  tab: TabRead | null;
  source: string;
  report: ImportReport;
}

/**
 * Writes a totals file's rows into 집계. A channel already there has its earlier rows replaced
 * (the tab rewritten without them), and the report and 이력 say what changed; returns that text
 * for the 이력 row ('' when nothing was replaced).
 */
function writeTotals(wb: Workbook, ctx: HostContext, job: TotalsWrite): string {
  const { totals, newTables, earlier, report } = job;
  const records: Record<string, Cell>[] = totals.rows.map((r) => ({ channel: r.channel, agenda: r.agenda, votes: r.votes, source: job.source, row: r.index + 2 }));
  for (const r of totals.rows) if (r.agenda !== PARTICIPANTS_AGENDA) report.totalsVotes += r.votes;
  report.rowsCounted = records.length;
  if (earlier.tables.size === 0 || job.tab === null) {
    appendRecords(wb, 'totals', ctx.language, records, job.tab);
    return '';
  }
  wb.writeTab(job.tab.name, earlier.kept, { frozenRows: 1, boldRows: [1] });
  appendRecords(wb, 'totals', ctx.language, records, { name: job.tab.name, grid: earlier.kept });
  const difference = totalsDifference(earlier.tables, newTables);
  const from = earlier.sources.join(', ');
  addImportWarning(
    report,
    warning(
      'totals_replaced',
      `이 채널의 집계를 새 표로 바꿨습니다 (이전 가져오기 ${from}): ${difference} / This channel's totals replace its earlier table (import ${from}): ${difference}`,
    ),
  );
  return `; replaces totals of import ${from}: ${difference}`;
}

function sameTotalsNotice(channels: readonly string[], sources: readonly string[]): Warning {
  const names = channels.join(', ');
  const from = sources.join(', ');
  return warning(
    'same_content',
    `${names} 채널의 집계가 이미 같은 내용으로 들어가 있습니다 (가져오기 ${from}). 다시 더하지 않았습니다 / The totals of ${names} are already in with the same numbers (import ${from}): not added again`,
  );
}
