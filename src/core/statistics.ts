import { formatSeoulDate } from './datetime';

/** Who took part, broken down by when, how and where — with small cells hidden. */

export interface ParticipantRecord {
  votedAt: number | null;
  channel: string;
  dong: string;
  ageGroup: string;
  gender: string;
}

export type Dimension = 'day' | 'hour' | 'channel' | 'dong' | 'ageGroup' | 'gender';

export interface BreakdownRow {
  label: string;
  /** null when suppressed: fewer than `minCell` people (or hidden so a suppressed cell cannot be worked out). */
  voters: number | null;
  share: number | null;
  population?: number;
  /** 투표율: voters / population, when a population is known. */
  turnout?: number | null;
}

export interface Breakdown {
  dimension: Dimension;
  rows: BreakdownRow[];
  suppressed: number;
}

export interface StatisticsResult {
  voters: number;
  minCell: number;
  breakdowns: Breakdown[];
}

const DIMENSIONS: Dimension[] = ['day', 'hour', 'channel', 'dong', 'ageGroup', 'gender'];

/**
 * Counts voters per category. A published cell with very few people (a 동 × age group) can point
 * at a person, so counts under `minCell` are suppressed; when exactly one cell of a breakdown is
 * suppressed, the next smallest is suppressed too, or the total would give it away.
 * A dimension the export did not have (all blank) is left out rather than shown as one blank row.
 */
export function participationStatistics(records: readonly ParticipantRecord[], options: { minCell: number; population?: ReadonlyMap<string, number> }): StatisticsResult {
  const breakdowns: Breakdown[] = [];
  for (const dimension of DIMENSIONS) {
    const counts = new Map<string, number>();
    const labelOf = labeller(dimension);
    for (let i = 0; i < records.length; i++) {
      const label = labelOf(records[i]);
      if (label !== '') counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    const labels = [...counts.keys()].sort(dimension === 'hour' ? (a, b) => Number(a.slice(0, 2)) - Number(b.slice(0, 2)) : compareLabels);
    const population = dimension === 'dong' ? options.population : undefined;
    if (population) for (const dong of population.keys()) if (!counts.has(dong)) labels.push(dong);
    const hidden = suppressedLabels(labels.map((label) => [label, counts.get(label) ?? 0]), options.minCell);
    breakdowns.push({
      dimension,
      suppressed: hidden.size,
      rows: labels.map((label) => {
        const voters = counts.get(label) ?? 0;
        const shown = hidden.has(label) ? null : voters;
        const row: BreakdownRow = { label, voters: shown, share: shown === null ? null : round(shown / records.length) };
        const people = population?.get(label);
        if (people !== undefined) {
          row.population = people;
          row.turnout = shown === null || people === 0 ? null : round(shown / people);
        }
        return row;
      }),
    });
  }
  return { voters: records.length, minCell: options.minCell, breakdowns };
}

const HOUR_MS = 3_600_000;
const SEOUL_OFFSET_MS = 9 * HOUR_MS;

/**
 * A record's label in one dimension. Day and hour labels are made once per Seoul day or hour and
 * looked up by its number after that: a million records would otherwise make two million strings.
 */
function labeller(dimension: Dimension): (r: ParticipantRecord) => string {
  if (dimension !== 'day' && dimension !== 'hour') return (r) => r[dimension].trim();
  const made = new Map<number, string>();
  return (r) => {
    if (r.votedAt === null) return '';
    const hours = Math.floor((r.votedAt + SEOUL_OFFSET_MS) / HOUR_MS);
    const key = dimension === 'day' ? Math.floor(hours / 24) : hours - Math.floor(hours / 24) * 24;
    let label = made.get(key);
    if (label === undefined) {
      label = dimension === 'day' ? formatSeoulDate(r.votedAt) : `${String(key).padStart(2, '0')}시`;
      made.set(key, label);
    }
    return label;
  };
}

function suppressedLabels(cells: readonly [string, number][], minCell: number): Set<string> {
  const hidden = new Set(cells.filter(([, n]) => n > 0 && n < minCell).map(([label]) => label));
  if (hidden.size === 1) {
    const next = cells.filter(([label, n]) => !hidden.has(label) && n > 0).sort((a, b) => a[1] - b[1])[0];
    if (next !== undefined) hidden.add(next[0]);
  }
  return hidden;
}

function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, 'ko', { numeric: true });
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
