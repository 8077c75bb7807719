/**
 * A totals-only channel (an offline booth) reports one table: each agenda's votes there. That
 * table is the channel's, once: importing the channel again (rows reordered, a trailing comma, a
 * 비고 column, corrected numbers) replaces its earlier table, never adds to it, and 이력 says what
 * changed. The same table again changes nothing.
 */
import type { AgendaLookup } from '../core/agendaLookup';
import { UserError } from '../core/errors';
import type { Problem } from '../core/types';
import { isParticipantsLabel, PARTICIPANTS_AGENDA, type ExportColumns } from '../sheets/exportTable';
import { TABS } from '../sheets/schema';
import { field, readTable } from '../sheets/table';
import type { TabRead } from './tabs';
import type { Cell } from './workbook';

/** One counted row of a totals file: so many votes for one agenda in one channel. */
export interface TotalsRow {
  channel: string;
  agenda: string;
  votes: number;
  /** Data-row index (0 = the row under the header). */
  index: number;
}

export interface ParsedTotals {
  rows: TotalsRow[];
  /** Rows that cannot be counted (unknown agenda, unreadable count): set aside with their reason. */
  invalid: { index: number; row: readonly string[]; problem: Problem }[];
}

/**
 * The rows of a totals file, read and checked before anything is written. The same agenda twice
 * for one channel is refused: which of the two is the booth's count is not ours to guess.
 */
export function parseTotals(columns: ExportColumns, agendas: AgendaLookup, defaultChannel: string, rows: readonly { index: number; row: readonly string[] }[]): ParsedTotals {
  const parsed: ParsedTotals = { rows: [], invalid: [] };
  for (const { index, row } of rows) {
    const agendaText = (row[columns.agenda as number] ?? '').trim();
    const votesText = (row[columns.votes as number] ?? '').trim();
    const agenda = isParticipantsLabel(agendaText) ? { id: PARTICIPANTS_AGENDA } : agendas.find(agendaText);
    const votes = votesText.replace(/[,\s표명]/g, '');
    if (agenda === undefined) parsed.invalid.push({ index, row, problem: { code: 'unknown_agenda', detail: { choice: agendaText } } });
    else if (!/^\d+$/.test(votes)) parsed.invalid.push({ index, row, problem: { code: 'bad_votes', detail: { votes: votesText } } });
    else {
      const channel = columns.channel === undefined ? defaultChannel : (row[columns.channel] ?? '').trim() || defaultChannel;
      parsed.rows.push({ channel, agenda: agenda.id, votes: Number(votes), index });
    }
  }
  refuseRepeatedAgendas(parsed.rows);
  return parsed;
}

function refuseRepeatedAgendas(rows: readonly TotalsRow[]): void {
  const seen = new Map<string, TotalsRow[]>();
  for (const row of rows) {
    const key = `${row.channel}\u001f${row.agenda}`;
    const list = seen.get(key);
    if (list === undefined) seen.set(key, [row]);
    else list.push(row);
  }
  const repeated = [...seen.values()].filter((list) => list.length > 1);
  if (repeated.length === 0) return;
  const named = (ko: boolean): string =>
    repeated
      .slice(0, 10)
      .map((list) => `${list[0].agenda} (${list.map((r) => r.index + 2).join(', ')}${ko ? '행' : ''})`)
      .join(', ') + (repeated.length > 10 ? ` … (+${repeated.length - 10})` : '');
  throw new UserError(
    'duplicate_totals',
    `집계 파일에 같은 의제가 두 번 이상 있습니다: ${named(true)}. 한 의제에 한 행만 남기고 다시 가져오세요 / The totals file lists an agenda more than once: ${named(false).replace(/\(/g, '(rows ')}. Keep one row per agenda and import again`,
  );
}

/** A channel's table: votes by agenda. */
export type ChannelTable = Map<string, number>;

export function tablesOf(rows: readonly TotalsRow[]): Map<string, ChannelTable> {
  const tables = new Map<string, ChannelTable>();
  for (const row of rows) {
    let table = tables.get(row.channel);
    if (table === undefined) tables.set(row.channel, (table = new Map()));
    table.set(row.agenda, (table.get(row.agenda) ?? 0) + row.votes);
  }
  return tables;
}

export interface EarlierTotals {
  /** The tables 집계 already holds for the channels of the new file (only those it has). */
  tables: Map<string, ChannelTable>;
  /** The imports those rows came from. */
  sources: string[];
  /** 집계's grid without those rows (header kept), to write back before the new rows. */
  kept: Cell[][];
}

/** What 집계 already holds for these channels, and the tab without it. */
export function earlierTotals(tab: TabRead | null, channels: ReadonlySet<string>): EarlierTotals {
  const earlier: EarlierTotals = { tables: new Map(), sources: [], kept: [] };
  if (tab === null || tab.grid.length === 0) return earlier;
  const table = readTable(tab.grid, TABS.totals, tab.name);
  const dropped = new Set<number>();
  const sources = new Set<string>();
  table.rows.forEach((row, i) => {
    const channel = field(table, row, 'channel');
    if (!channels.has(channel)) return;
    dropped.add(table.rowNumbers[i]);
    sources.add(field(table, row, 'source'));
    let votes = earlier.tables.get(channel);
    if (votes === undefined) earlier.tables.set(channel, (votes = new Map()));
    const agenda = field(table, row, 'agenda');
    votes.set(agenda, (votes.get(agenda) ?? 0) + (Number(field(table, row, 'votes').replace(/,/g, '')) || 0));
  });
  earlier.sources = [...sources].filter((s) => s !== '');
  earlier.kept = tab.grid.filter((_, i) => !dropped.has(i + 1)).map((row) => [...row]);
  return earlier;
}

export function sameTables(a: ReadonlyMap<string, ChannelTable>, b: ReadonlyMap<string, ChannelTable>): boolean {
  if (a.size !== b.size) return false;
  for (const [channel, table] of a) {
    const other = b.get(channel);
    if (other === undefined || other.size !== table.size) return false;
    for (const [agenda, votes] of table) if (other.get(agenda) !== votes) return false;
  }
  return true;
}

/** What replacing changes, per channel: `A01 62→70, A02 5→0`, or that nothing did. */
export function totalsDifference(before: ReadonlyMap<string, ChannelTable>, after: ReadonlyMap<string, ChannelTable>): string {
  const parts: string[] = [];
  for (const [channel, table] of after) {
    const old = before.get(channel);
    if (old === undefined) continue;
    const agendas = [...new Set([...old.keys(), ...table.keys()])].sort();
    const changes = agendas.filter((a) => (old.get(a) ?? 0) !== (table.get(a) ?? 0)).map((a) => `${a} ${old.get(a) ?? 0}→${table.get(a) ?? 0}`);
    const shown = changes.length > 20 ? [...changes.slice(0, 20), `… (+${changes.length - 20})`] : changes;
    parts.push(`${channel}: ${shown.length > 0 ? shown.join(', ') : '='}`);
  }
  return parts.join('; ');
}
