import { hourIndex, hourStart, HOUR_MS } from './hours';
import { logPoissonUpperTail, surprise } from './probability';
import { severityOf, type Flag, type IntegrityThresholds, type VoteRecord } from './types';

/**
 * Bursts: an agenda's votes in one hour against what that hour's turnout predicts. If p is the
 * agenda's share of all ballots and N the ballots cast in the hour, its votes there are about
 * Poisson(N·p) (binomial, whose tail the Poisson bounds from above). Every (agenda, hour) pair is a
 * test, so the tail probability is multiplied by their number (Bonferroni). Consecutive unusual
 * hours of one agenda make one flag.
 */
export function findBursts(records: readonly VoteRecord[], thresholds: IntegrityThresholds): Flag[] {
  const timed = records.filter((r) => r.votedAt !== null);
  const perHour = new Map<number, number>();
  const perAgendaHour = new Map<string, Map<number, number>>();
  const perAgenda = new Map<string, number>();
  // Indexed loops: over a million records a for-of made an iterator result per step until V8
  // optimised the loop (measured: 0.2 GB of garbage at 1M).
  for (let i = 0; i < timed.length; i++) {
    const r = timed[i];
    const h = hourIndex(r.votedAt as number);
    perHour.set(h, (perHour.get(h) ?? 0) + 1);
    const picks = r.picks;
    for (let k = 0; k < picks.length; k++) {
      const a = picks[k];
      perAgenda.set(a, (perAgenda.get(a) ?? 0) + 1);
      const hours = perAgendaHour.get(a) ?? new Map<number, number>();
      hours.set(h, (hours.get(h) ?? 0) + 1);
      perAgendaHour.set(a, hours);
    }
  }
  const tests = perAgenda.size * perHour.size;
  const flags: Flag[] = [];
  for (const [agenda, hours] of [...perAgendaHour].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const share = (perAgenda.get(agenda) ?? 0) / timed.length;
    const unusual = [...hours]
      .map(([hour, observed]) => {
        const expected = (perHour.get(hour) ?? 0) * share;
        return { hour, observed, expected, score: surprise(logPoissonUpperTail(observed, expected), tests) };
      })
      .filter((h) => severityOf(h.score, thresholds) !== null)
      .sort((a, b) => a.hour - b.hour);
    for (const run of consecutiveRuns(unusual)) {
      const from = hourStart(run[0].hour);
      const to = hourStart(run[run.length - 1].hour) + HOUR_MS;
      const score = Math.max(...run.map((h) => h.score));
      const rows = timed.filter((r) => (r.votedAt as number) >= from && (r.votedAt as number) < to && r.picks.includes(agenda)).map((r) => r.row);
      flags.push({
        kind: 'burst',
        agendas: [agenda],
        severity: severityOf(score, thresholds) ?? 'warning',
        score: round(score),
        rows,
        detail: { observed: sum(run.map((h) => h.observed)), expected: round(sum(run.map((h) => h.expected))), hours: run.length, tests },
        filter: { from, to, agenda },
      });
    }
  }
  return flags;
}

function consecutiveRuns<T extends { hour: number }>(items: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last !== undefined && item.hour - last[last.length - 1].hour === 1) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

export function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
