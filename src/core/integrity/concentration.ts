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
  const picksFrom = new Map<string, number>();
  const agendaFrom = new Map<string, Map<string, number>>();
  const agendaTotal = new Map<string, number>();
  let allPicks = 0;
  for (const r of records) {
    const place = r[dimension];
    if (place === '') continue;
    for (const a of r.picks) {
      allPicks += 1;
      picksFrom.set(place, (picksFrom.get(place) ?? 0) + 1);
      agendaTotal.set(a, (agendaTotal.get(a) ?? 0) + 1);
      const places = agendaFrom.get(a) ?? new Map<string, number>();
      places.set(place, (places.get(place) ?? 0) + 1);
      agendaFrom.set(a, places);
    }
  }
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
