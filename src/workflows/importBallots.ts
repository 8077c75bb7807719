import { AgendaLookup } from '../core/agendaLookup';
import { checkBallots, type CandidateBallot } from '../core/ballots';
import { formatSeoulTimestamp } from '../core/datetime';
import { UserError } from '../core/errors';
import { isVoterKey, voterKeyHasher } from '../core/hash';
import type { Problem } from '../core/types';
import { readAgendas } from '../sheets/agendas';
import { findColumns, isParticipantsLabel, LIST_SEPARATOR, PARTICIPANTS_AGENDA, refineShape, type ExportColumns } from '../sheets/exportTable';
import { fingerprintTable, trimEmptyRows } from '../sheets/fingerprint';
import { describeProblems } from '../sheets/messages';
import { TABS } from '../sheets/schema';
import { field, readTable } from '../sheets/table';
import type { ImportInput, ImportReport } from './api';
import { appendAudit, findAudit } from './audit';
import { importScores } from './importScores';
import { isScoreSheet } from '../sheets/scores';
import type { HostContext } from './context';
import { newImportReport } from './importReport';
import { appendRecords, readTab, requireSettings, requireTable, type TabRead } from './tabs';
import type { Cell, Workbook } from './workbook';

export { fingerprintTable } from '../sheets/fingerprint';

const SALT_KEY = 'civicSheets.voterSalt';

/** A candidate with the export rows it came from, so set-aside rows keep their content. */
interface Sourced {
  candidate: CandidateBallot;
  rows: number[];
  dong: string;
  ageGroup: string;
  gender: string;
}

/**
 * Imports one export into 투표 (or 집계 for a totals-only channel). Nothing is written when the
 * same content was imported before, and nothing is lost otherwise: every row is either counted
 * or listed in 제외 with its reason. Voter identifiers are hashed before any cell sees them.
 */
export function importTable(wb: Workbook, ctx: HostContext, input: ImportInput): ImportReport {
  const settings = requireSettings(wb);
  const agendas = readAgendas(requireTable(wb, 'agendas'));
  const [headerRow, ...dataRows] = trimEmptyRows(input.rows);
  if (headerRow === undefined) throw new UserError('empty_file', `빈 파일입니다 / The file is empty: ${input.fileName}`);
  if (dataRows.length === 0) throw new UserError('header_only', `머리글만 있고 투표 행이 없습니다 / The file has a header but no rows: ${input.fileName}`);
  const header = headerRow.map((h) => h.trim());
  // A committee score sheet is told apart by its headers (agenda, scorer and score columns).
  if (isScoreSheet(header)) return importScores(wb, ctx, input);
  const found = findColumns(header);
  const shape = refineShape(found.shape, found.columns, dataRows);
  const columns = found.columns;

  const fingerprint = fingerprintTable(input.rows);
  const source = fingerprint.slice(0, 12);
  const report = newImportReport(input, shape, fingerprint, dataRows.length);
  const audit = readTab(wb, 'audit');
  const ballotsTab = readTab(wb, 'ballots');
  if (findAudit(audit, 'import', fingerprint)) return { ...report, alreadyImported: true };
  // Rows carrying this import's id without an audit row: an earlier run stopped half-way.
  if (hasRowsFrom(ballotsTab, 'ballots', source) || hasRowsFrom(readTab(wb, 'totals'), 'totals', source)) {
    report.warnings.push(
      `이 파일의 일부가 이미 들어가 있습니다 (가져오기 ${source}). 그 행을 지우고 다시 가져오세요 / Part of this file is already in (import ${source}): delete those rows and import again`,
    );
    return { ...report, alreadyImported: true };
  }

  const hashVoter = voterKeyHasher(wb.getSecret(SALT_KEY) ?? createSalt(wb, ctx));
  const defaultChannel = input.channel ?? input.fileName;
  const setAsideRecords: Record<string, Cell>[] = [];
  const contentOf = (rowIndexes: number[], hashedVoter: string): string =>
    rowIndexes.map((i) => rowContent(header, dataRows[i], columns.voter, hashedVoter)).join(' / ').slice(0, MAX_CONTENT * 2);
  const setAside = (rowIndexes: number[], hashedVoter: string, problems: Problem[], action: 'set_aside' | 'trimmed'): void => {
    if (action === 'set_aside') {
      report.setAside.total += rowIndexes.length;
      // Counted once, under its first reason, so the reasons add up to the total.
      const code = problems[0].code;
      report.setAside.reasons[code] = (report.setAside.reasons[code] ?? 0) + rowIndexes.length;
    }
    setAsideRecords.push({
      stage: ctx.language === 'ko' ? '가져오기' : 'import',
      action: action === 'set_aside' ? (ctx.language === 'ko' ? '제외' : 'set aside') : ctx.language === 'ko' ? '일부 반영' : 'counted in part',
      source,
      file: input.fileName,
      row: rowIndexes.map((i) => i + 2).join(', '),
      voterKey: hashedVoter,
      reason: describeProblems(problems, ctx.language),
      content: contentOf(rowIndexes, hashedVoter),
    });
  };

  // Rows wider than the header lost their alignment somewhere: counting them would be a guess.
  const wellFormed: number[] = [];
  dataRows.forEach((row, i) => {
    const width = lastNonEmpty(row) + 1;
    if (width > header.length) {
      setAside([i], hashedVoterOf(row, columns, hashVoter), [{ code: 'bad_row', detail: { cells: width, header: header.length } }], 'set_aside');
    } else wellFormed.push(i);
  });

  if (shape === 'totals') {
    importTotals(wb, ctx, { dataRows, wellFormed, columns, agendas: new AgendaLookup(agendas), channel: defaultChannel, source, report, setAside });
  } else {
    const sourced = buildCandidates(dataRows, wellFormed, columns, shape === 'pick-rows', hashVoter, defaultChannel, source);
    const known = existingVoterKeys(ballotsTab);
    const check = checkBallots(
      sourced.map((s) => s.candidate),
      agendas,
      settings,
      { knownVoterKeys: known, hasVoterColumn: columns.voter !== undefined, hasTimeColumn: columns.time !== undefined },
    );
    // Indexed by source row: a million-entry Map costs far more.
    const bySourceRow: Sourced[] = [];
    for (const s of sourced) bySourceRow[s.candidate.row] = s;
    for (const item of check.setAside) {
      const s = bySourceRow[item.ballot.row];
      setAside(s.rows, item.ballot.voterKey, item.problems, 'set_aside');
    }
    for (const item of check.trimmed) {
      const s = bySourceRow[item.ballot.row];
      setAside(s.rows, item.ballot.voterKey, item.problems, 'trimmed');
    }
    report.trimmed = check.trimmed.length;
    report.ballotsCounted = check.accepted.length;
    report.rowsCounted = check.accepted.reduce((sum, b) => sum + bySourceRow[b.row].rows.length, 0);
    if (columns.voter === undefined) report.warnings.push('투표자 열이 없어 중복 투표를 확인할 수 없습니다 / No voter column: duplicate votes cannot be detected');
    if (columns.time === undefined && (settings.windowStart !== null || settings.windowEnd !== null)) {
      report.warnings.push('투표일시 열이 없어 투표 기간을 확인할 수 없습니다 / No time column: the voting window cannot be checked');
    }
    appendRecords(
      wb,
      'ballots',
      ctx.language,
      check.accepted.map((ballot) => {
        const s = bySourceRow[ballot.row];
        return {
          voterKey: ballot.voterKey,
          votedAt: ballot.votedAt === null ? '' : formatSeoulTimestamp(ballot.votedAt),
          choices: ballot.picks.join(', '),
          channel: ballot.channel,
          dong: s.dong,
          ageGroup: s.ageGroup,
          gender: s.gender,
          source,
          row: s.rows.map((i) => i + 2).join(', '),
        };
      }),
      ballotsTab,
    );
  }

  if (report.rowsCounted + report.setAside.total !== report.rowsRead) {
    throw new Error(`accounting broken: ${report.rowsRead} read, ${report.rowsCounted} counted, ${report.setAside.total} set aside`);
  }
  if (setAsideRecords.length > 0) appendRecords(wb, 'setAside', ctx.language, setAsideRecords);
  appendAudit(wb, ctx, audit, {
    what: 'import',
    detail: `${input.fileName} (${input.encoding}, ${shape}): ${report.rowsRead} read, ${report.rowsCounted} counted, ${report.setAside.total} set aside`,
    input: fingerprint,
    settings: '',
    result: '',
  });
  return report;
}

function lastNonEmpty(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if ((row[i] ?? '').trim() !== '') return i;
  return -1;
}

function createSalt(wb: Workbook, ctx: HostContext): string {
  const salt = ctx.randomSecret();
  wb.setSecret(SALT_KEY, salt);
  return salt;
}

function hashedVoterOf(row: readonly string[], columns: ExportColumns, hashVoter: (raw: string) => string): string {
  const raw = columns.voter === undefined ? '' : (row[columns.voter] ?? '').trim();
  if (raw === '') return '';
  return isVoterKey(raw) ? raw : hashVoter(raw);
}

/** Sheets refuses cells over 50,000 characters; a set-aside row's content is cut well below that. */
const MAX_CONTENT = 5000;

/** The original row as "header=value" pairs, with the voter identifier replaced by its hash. */
function rowContent(header: readonly string[], row: readonly string[], voterColumn: number | undefined, hashedVoter: string): string {
  const text = header
    .map((name, i) => `${name}=${i === voterColumn ? hashedVoter : (row[i] ?? '')}`)
    .concat(row.slice(header.length).filter((c) => c !== '').map((c) => `?=${c}`))
    .join('; ');
  return text.length <= MAX_CONTENT ? text : `${text.slice(0, MAX_CONTENT)}… (+${text.length - MAX_CONTENT})`;
}

function buildCandidates(
  rows: readonly string[][],
  indexes: readonly number[],
  columns: ExportColumns,
  pickPerRow: boolean,
  hashVoter: (raw: string) => string,
  defaultChannel: string,
  source: string,
): Sourced[] {
  const cell = (row: readonly string[], index: number | undefined): string => (index === undefined ? '' : (row[index] ?? '').trim());
  const make = (i: number): Sourced => {
    const row = rows[i];
    const choices =
      columns.choices.length === 1 ? cell(row, columns.choices[0]).split(LIST_SEPARATOR) : columns.choices.map((c) => cell(row, c));
    return {
      candidate: {
        voterKey: hashedVoterOf(row, columns, hashVoter),
        timeText: cell(row, columns.time),
        choices,
        channel: cell(row, columns.channel) || defaultChannel,
        source,
        row: i + 2,
      },
      rows: [i],
      dong: cell(row, columns.dong),
      ageGroup: cell(row, columns.ageGroup),
      gender: cell(row, columns.gender),
    };
  };
  if (!pickPerRow) return indexes.map(make);
  // One pick per row: a voter's rows make one ballot, in the order the rows came.
  const byVoter = new Map<string, Sourced>();
  const result: Sourced[] = [];
  for (const i of indexes) {
    const s = make(i);
    const key = s.candidate.voterKey;
    const existing = key === '' ? undefined : byVoter.get(key);
    if (existing === undefined) {
      if (key !== '') byVoter.set(key, s);
      result.push(s);
    } else {
      existing.candidate.choices.push(...s.candidate.choices);
      existing.rows.push(i);
    }
  }
  return result;
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

interface TotalsJob {
  dataRows: readonly string[][];
  wellFormed: readonly number[];
  columns: ExportColumns;
  agendas: AgendaLookup;
  channel: string;
  source: string;
  report: ImportReport;
  setAside: (rows: number[], voter: string, problems: Problem[], action: 'set_aside' | 'trimmed') => void;
}

/** A totals-only channel (offline booth): each row adds its votes to one agenda as that channel's. */
function importTotals(wb: Workbook, ctx: HostContext, job: TotalsJob): void {
  const records: Record<string, Cell>[] = [];
  for (const i of job.wellFormed) {
    const row = job.dataRows[i];
    const agendaText = (row[job.columns.agenda as number] ?? '').trim();
    const votesText = (row[job.columns.votes as number] ?? '').trim();
    const agenda = isParticipantsLabel(agendaText) ? { id: PARTICIPANTS_AGENDA } : job.agendas.find(agendaText);
    const votes = votesText.replace(/[,\s표명]/g, '');
    if (agenda === undefined) job.setAside([i], '', [{ code: 'unknown_agenda', detail: { choice: agendaText } }], 'set_aside');
    else if (!/^\d+$/.test(votes)) job.setAside([i], '', [{ code: 'bad_votes', detail: { votes: votesText } }], 'set_aside');
    else {
      const channel = job.columns.channel === undefined ? job.channel : (row[job.columns.channel] ?? '').trim() || job.channel;
      records.push({ channel, agenda: agenda.id, votes: Number(votes), source: job.source, row: i + 2 });
      if (agenda.id !== PARTICIPANTS_AGENDA) job.report.totalsVotes += Number(votes);
    }
  }
  job.report.rowsCounted = records.length;
  appendRecords(wb, 'totals', ctx.language, records);
}

