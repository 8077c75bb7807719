import { round } from './bursts';
import { hourIndex, hourStart, HOUR_MS } from './hours';
import { logPoissonUpperTail, surprise } from './probability';
import { severityOf, type Flag, type IntegrityThresholds, type VoteRecord } from './types';

/** Below this many identical ballots in a window nothing is tested: no bloc is that small. */
const MIN_IDENTICAL = 10;

/**
 * Identical ballots: the same combination of picks cast many times within a short window, beyond
 * what the combination's share of all ballots predicts for the ballots cast in that window. Tests
 * every (combination, window start) pair, Bonferroni-corrected; overlapping windows of one
 * combination make one flag.
 */
export function findIdenticalBallots(records: readonly VoteRecord[], thresholds: IntegrityThresholds): Flag[] {
  const timed = records.filter((r) => r.votedAt !== null);
  // Ballots that picked alike usually share one picks array: its key is worked out once.
  const keys = new WeakMap<readonly string[], string>();
  const keyOf = (r: VoteRecord): string => {
    let key = keys.get(r.picks);
    if (key === undefined) {
      key = [...r.picks].sort().join('+');
      keys.set(r.picks, key);
    }
    return key;
  };
  const perHour = new Map<number, number>();
  const perCombo = new Map<string, number>();
  const perComboHour = new Map<string, Map<number, number>>();
  for (const r of timed) {
    const h = hourIndex(r.votedAt as number);
    const key = keyOf(r);
    perHour.set(h, (perHour.get(h) ?? 0) + 1);
    perCombo.set(key, (perCombo.get(key) ?? 0) + 1);
    const hours = perComboHour.get(key) ?? new Map<number, number>();
    hours.set(h, (hours.get(h) ?? 0) + 1);
    perComboHour.set(key, hours);
  }
  const width = thresholds.windowHours;
  const windowStarts = [...perHour.keys()].sort((a, b) => a - b);
  const tests = perCombo.size * windowStarts.length;
  const flags: Flag[] = [];
  for (const [key, hours] of [...perComboHour].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const share = (perCombo.get(key) ?? 0) / timed.length;
    const hits: { start: number; score: number; observed: number; expected: number }[] = [];
    for (const start of windowStarts) {
      let observed = 0;
      let cast = 0;
      for (let h = start; h < start + width; h++) {
        observed += hours.get(h) ?? 0;
        cast += perHour.get(h) ?? 0;
      }
      if (observed < MIN_IDENTICAL) continue;
      const expected = cast * share;
      const score = surprise(logPoissonUpperTail(observed, expected), tests);
      if (severityOf(score, thresholds) !== null) hits.push({ start, score, observed, expected });
    }
    // Overlapping windows are one event: keep the strongest window of each overlapping run.
    const events: (typeof hits)[] = [];
    for (const hit of hits) {
      const last = events[events.length - 1];
      if (last !== undefined && hit.start - last[last.length - 1].start < width) last.push(hit);
      else events.push([hit]);
    }
    for (const event of events) {
      const best = event.reduce((a, b) => (b.score > a.score ? b : a));
      const from = hourStart(event[0].start);
      const to = hourStart(event[event.length - 1].start + width - 1) + HOUR_MS;
      const combination = key.split('+').filter((k) => k !== '');
      const rows = timed.filter((r) => (r.votedAt as number) >= from && (r.votedAt as number) < to && keyOf(r) === key).map((r) => r.row);
      flags.push({
        kind: 'identical_ballots',
        agendas: combination,
        severity: severityOf(best.score, thresholds) ?? 'warning',
        score: round(best.score),
        rows,
        detail: { observed: best.observed, expected: round(best.expected), windowHours: width, tests, inEvent: rows.length },
        filter: { from, to, combination },
      });
    }
  }
  return flags;
}
