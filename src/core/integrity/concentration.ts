import { round } from './bursts';
import { logBinomialUpperTail, surprise } from './probability';
import { severityOf, type Flag, type IntegrityThresholds, type VoteRecord } from './types';

type Dimension = 'dong' | 'channel';

/**
 * Concentration: an agenda whose votes come overwhelmingly (by default half or more) from one 동
 * or one channel, when that place or channel casts a much smaller share of all picks. Binomial
 * tail of the agenda's votes from there given that share, Bonferroni over (agenda, place) pairs.
 */
export function findConcentration(records: readonly VoteRecord[], thresholds: IntegrityThresholds): Flag[] {
  return (['dong', 'channel'] as Dimension[]).flatMap((dimension) => concentrationBy(dimension, records, thresholds));
}

function concentrationBy(dimension: Dimension, records: readonly VoteRecord[], thresholds: IntegrityThresholds): Flag[] {
  // Places and agendas numbered as first met, counts in flat arrays: a million ballots make three
  // million picks, and a Map update for each costs seconds.
  const placeIndex = new Map<string, number>();
  const placeNames: string[] = [];
  const agendaIndex = new Map<string, number>();
  const agendaNames: string[] = [];
  const placePicks: number[] = [];
  const agendaPicks: number[] = [];
  /** counts[agenda][place], and each agenda's places in the order first met. */
  const counts: number[][] = [];
  const placesMet: number[][] = [];
  let allPicks = 0;
  // Indexed loops: a for-of over a million records and their picks made an iterator result per
  // step in code V8 had not optimised yet (measured: 0.4 GB of garbage per dimension at 1M).
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const place = r[dimension];
    if (place === '') continue;
    let p = placeIndex.get(place);
    if (p === undefined) {
      p = placeNames.push(place) - 1;
      placeIndex.set(place, p);
      placePicks.push(0);
    }
    const picks = r.picks;
    for (let k = 0; k < picks.length; k++) {
      const agenda = picks[k];
      let a = agendaIndex.get(agenda);
      if (a === undefined) {
        a = agendaNames.push(agenda) - 1;
        agendaIndex.set(agenda, a);
        agendaPicks.push(0);
        counts.push([]);
        placesMet.push([]);
      }
      allPicks += 1;
      placePicks[p] += 1;
      agendaPicks[a] += 1;
      const row = counts[a];
      if (row[p] === undefined) {
        row[p] = 0;
        placesMet[a].push(p);
      }
      row[p] += 1;
    }
  }
  const picksFrom = new Map(placeNames.map((name, i) => [name, placePicks[i]]));
  const agendaTotal = new Map(agendaNames.map((name, i) => [name, agendaPicks[i]]));
  const agendaFrom = new Map(agendaNames.map((name, a) => [name, new Map(placesMet[a].map((p) => [placeNames[p], counts[a][p]]))]));
  if (picksFrom.size < 2) return [];
  const tests = agendaTotal.size * picksFrom.size;
  const flags: Flag[] = [];
  for (const [agenda, places] of [...agendaFrom].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const total = agendaTotal.get(agenda) ?? 0;
    for (const [place, observed] of places) {
      const share = observed / total;
      const baseline = (picksFrom.get(place) ?? 0) / allPicks;
      if (share < thresholds.concentrationShare || share <= baseline) continue;
      const score = surprise(logBinomialUpperTail(observed, total, baseline), tests);
      const severity = severityOf(score, thresholds);
      if (severity === null) continue;
      flags.push({
        kind: 'concentration',
        agendas: [agenda],
        severity,
        score: round(score),
        rows: records.filter((r) => r[dimension] === place && r.picks.includes(agenda)).map((r) => r.row),
        detail: { dimension, place, observed, total, share: round(share), baseline: round(baseline), tests },
        filter: dimension === 'dong' ? { agenda, dong: place } : { agenda, channel: place },
      });
    }
  }
  return flags;
}
