import type { VoteRecord } from '../../core/integrity';
import { Random } from './random';

/**
 * Synthetic votes for the integrity tests and benchmark: an honest vote (independent voters,
 * turnout following the hour of day, picks by popularity, 동 independent of picks) and, on top,
 * a planted bloc — many identical ballots for one agenda within a short window.
 */
export interface SyntheticVoteOptions {
  seed: number;
  voters: number;
  agendas?: number;
  dongs?: number;
  /** Voting window start (epoch ms) and length in days. */
  start?: number;
  days?: number;
}

const HOUR = 3_600_000;
/** Relative turnout by Seoul hour of day: quiet at night, peaks at lunch and in the evening. */
const DIURNAL = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 4, 4, 5, 6, 5, 4, 4, 4, 5, 6, 7, 7, 6, 4, 2];

export function honestVote(options: SyntheticVoteOptions): VoteRecord[] {
  const rng = new Random(options.seed);
  const agendaCount = options.agendas ?? 11;
  const popularity = Array.from({ length: agendaCount }, (_, i) => 1 / (1 + i * 0.35));
  const dongs = Array.from({ length: options.dongs ?? 18 }, (_, i) => `동${i + 1}`);
  const dongWeights = dongs.map((_, i) => 1 + (i % 5));
  const start = options.start ?? Date.UTC(2020, 6, 5, 15); // 2020-07-06 00:00 Seoul
  const days = options.days ?? 8;
  const hourWeights = Array.from({ length: days * 24 }, (_, h) => DIURNAL[h % 24]);
  return Array.from({ length: options.voters }, (_, i) => {
    const hour = rng.weighted(hourWeights);
    const count = rng.weighted([0.2, 0.3, 0.5]) + 1;
    const picks = rng.weightedDistinct(popularity, count).map((a) => `A${String(a + 1).padStart(2, '0')}`);
    return {
      row: i + 2,
      votedAt: start + hour * HOUR + Math.floor(rng.next() * HOUR),
      picks,
      channel: rng.chance(0.85) ? '엠보팅' : '온라인 설문',
      dong: dongs[rng.weighted(dongWeights)],
    };
  });
}

/** Adds `size` identical single-agenda ballots within `hours` hours starting at `at`. */
export function plantBloc(records: readonly VoteRecord[], options: { seed: number; size: number; agenda: string; at: number; hours: number; dong?: string }): VoteRecord[] {
  const rng = new Random(options.seed ^ 0x5bd1e995);
  const bloc: VoteRecord[] = Array.from({ length: options.size }, (_, i) => ({
    row: records.length + 2 + i,
    votedAt: options.at + Math.floor(rng.next() * options.hours * HOUR),
    picks: [options.agenda],
    channel: '엠보팅',
    dong: options.dong ?? '동3',
  }));
  return [...records, ...bloc];
}
