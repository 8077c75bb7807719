import { Fraction } from 'fraction.js';
import { UserError } from './errors';
import type { Agenda, Ballot, ChannelTotal, CommitteeScore, Normalization, ScoreSource, ScoreWeight } from './types';

/** An exact rational (fraction.js, BigInt inside). */
type Exact = InstanceType<typeof Fraction>;

/**
 * Weighted final score (Korean practice: e.g. online vote 50% + committee 50%, or 45/45/10):
 *
 *   final(a) = 100 × Σ_parts (weight_p / Σ weights) × normalised_p(a)
 *
 * where a part is the resident votes (all channels, or one channel) or the committee's points
 * (an agenda's points = the mean of the scores it received), and `normalised` turns a part's raw
 * numbers into 0..1 (see Normalization). Computed in exact fractions, so two agendas tie only
 * when their scores are truly equal — never by a floating-point accident — and the rank key
 * given to the ranking is a plain integer per distinct score.
 */
export interface ScorePart {
  source: ScoreSource;
  weight: number;
  /** Votes, or the committee's mean points. */
  raw: number;
  /** 0..1 after normalisation. */
  normalized: number;
  /** Contribution to the final score (out of 100). */
  points: number;
}

export interface AgendaScore {
  final: number;
  parts: ScorePart[];
  /** Committee: how many scorers scored the agenda (0 = none). */
  scorers: number;
}

/** What one person weighs in the final score: a committee member vs one resident voter of a part. */
export interface EffectiveWeight {
  source: ScoreSource;
  /** Resident voters in that part (valid ballots, plus totals-only votes counted as one voter each). */
  voters: number;
  scorers: number;
  /** (committee weight / scorers) / (part weight / voters): how many residents one scorer equals. */
  ratio: number;
}

export interface WeightedScoring {
  weights: ScoreWeight[];
  normalization: Normalization;
  scores: Map<string, AgendaScore>;
  /** Higher is better; equal exactly when the final scores are equal. */
  rankKey: Map<string, number>;
  /** Committee mean points per agenda (0 when unscored): the `committee_desc` tie-break. */
  committeePoints: Map<string, number>;
  scorers: number;
  effectiveWeights: EffectiveWeight[];
}

export interface ScoringInput {
  agendas: readonly Agenda[];
  ballots: readonly Ballot[];
  totals: readonly ChannelTotal[];
  committee: readonly CommitteeScore[];
  weights: readonly ScoreWeight[];
  normalization: Normalization;
}

export function sourceKey(source: ScoreSource): string {
  return source.kind === 'channel' ? `channel:${source.channel}` : source.kind;
}

/** Committee mean points per agenda, exact, and how many scorers scored each. */
export function committeeMeans(committee: readonly CommitteeScore[]): { means: Map<string, Exact>; counts: Map<string, number>; scorers: number } {
  const sums = new Map<string, Exact>();
  const counts = new Map<string, number>();
  for (const s of committee) {
    sums.set(s.agendaId, (sums.get(s.agendaId) ?? new Fraction(0)).add(new Fraction(s.score)));
    counts.set(s.agendaId, (counts.get(s.agendaId) ?? 0) + 1);
  }
  const means = new Map([...sums].map(([id, sum]) => [id, sum.div(counts.get(id) as number)]));
  return { means, counts, scorers: new Set(committee.map((s) => s.scorer)).size };
}

export function weightedScores(input: ScoringInput): WeightedScoring {
  const { agendas, weights, normalization } = input;
  const ids = agendas.filter((a) => a.withdrawn !== true).map((a) => a.id);
  const votesBy = channelVotes(input.ballots, input.totals);
  const named = new Set(weights.flatMap((w) => (w.source.kind === 'channel' ? [channelKey(w.source.channel)] : [])));
  checkSources(weights, votesBy, named, input.committee.length);
  const { means, counts, scorers } = committeeMeans(input.committee);

  const rawOf = (source: ScoreSource): Map<string, Exact> => {
    if (source.kind === 'committee') return new Map(ids.map((id) => [id, means.get(id) ?? new Fraction(0)]));
    const channels = source.kind === 'channel' ? [channelKey(source.channel)] : [...votesBy.keys()].filter((c) => !named.has(c));
    return new Map(ids.map((id) => [id, new Fraction(channels.reduce((sum, c) => sum + (votesBy.get(c)?.get(id) ?? 0), 0))]));
  };
  const totalWeight = weights.reduce((sum, w) => sum.add(new Fraction(w.weight)), new Fraction(0));
  const finals = new Map<string, Exact>(ids.map((id) => [id, new Fraction(0)]));
  const parts = new Map<string, ScorePart[]>(ids.map((id) => [id, []]));
  for (const w of weights) {
    const raw = rawOf(w.source);
    const normalized = normalize(raw, normalization);
    const share = new Fraction(w.weight).div(totalWeight).mul(100);
    for (const id of ids) {
      const n = normalized.get(id) as Exact;
      const points = share.mul(n);
      finals.set(id, (finals.get(id) as Exact).add(points));
      (parts.get(id) as ScorePart[]).push({ source: w.source, weight: w.weight, raw: (raw.get(id) as Exact).valueOf(), normalized: n.valueOf(), points: points.valueOf() });
    }
  }
  const distinct = [...finals.values()].sort((a, b) => a.compare(b)).filter((f, i, all) => i === 0 || !f.equals(all[i - 1]));
  const rankKey = new Map(ids.map((id) => [id, distinct.findIndex((f) => f.equals(finals.get(id) as Exact))]));
  const scores = new Map(ids.map((id) => [id, { final: (finals.get(id) as Exact).valueOf(), parts: parts.get(id) as ScorePart[], scorers: counts.get(id) ?? 0 }]));
  return {
    weights: [...weights],
    normalization,
    scores,
    rankKey,
    committeePoints: new Map(agendas.map((a) => [a.id, (means.get(a.id) ?? new Fraction(0)).valueOf()])),
    scorers,
    effectiveWeights: effectiveWeights(weights, input.ballots, input.totals, named, scorers),
  };
}

function channelVotes(ballots: readonly Ballot[], totals: readonly ChannelTotal[]): Map<string, Map<string, number>> {
  const by = new Map<string, Map<string, number>>();
  const add = (channel: string, id: string, n: number): void => {
    const m = by.get(channel) ?? new Map<string, number>();
    m.set(id, (m.get(id) ?? 0) + n);
    by.set(channel, m);
  };
  for (const b of ballots) b.picks.forEach((id, i) => add(channelKey(b.channel), id, b.points?.[i] ?? 1));
  for (const t of totals) add(channelKey(t.channel), t.agendaId, t.votes);
  return by;
}

/** Channels are matched as staff write them, ignoring case, width and spacing. */
function channelKey(channel: string): string {
  return channel.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A weight that points at nothing, or votes no weight covers, would be silently wrong: refused. */
function checkSources(weights: readonly ScoreWeight[], votesBy: Map<string, Map<string, number>>, named: Set<string>, committeeRows: number): void {
  const channels = [...votesBy.keys()];
  const missing = [...named].filter((c) => !votesBy.has(c));
  if (missing.length > 0) {
    throw new UserError('bad_weights', `가중치의 채널 ${missing.map((c) => `'${c}'`).join(', ')}에 투표가 없습니다 (있는 채널: ${channels.join(', ') || '없음'}) / No votes in weighted channel(s) ${missing.join(', ')} (channels: ${channels.join(', ') || 'none'})`);
  }
  const hasVotesPart = weights.some((w) => w.source.kind === 'votes');
  const uncovered = channels.filter((c) => !named.has(c));
  if (!hasVotesPart && uncovered.length > 0) {
    throw new UserError('bad_weights', `가중치에 없는 채널의 투표가 있습니다: ${uncovered.join(', ')} ('투표 N'을 더하거나 채널을 적으세요) / Votes from channel(s) with no weight: ${uncovered.join(', ')}`);
  }
  if (weights.some((w) => w.source.kind === 'committee') && committeeRows === 0) {
    throw new UserError('no_scores', `가중치에 심사가 있지만 '심사' 탭에 점수가 없습니다 / The weights include the committee, but the Scores tab has no scores`);
  }
}

function normalize(raw: Map<string, Exact>, normalization: Normalization): Map<string, Exact> {
  const values = [...raw.values()];
  const zero = new Fraction(0);
  if (normalization === 'share' || normalization === 'top') {
    const base = normalization === 'share' ? values.reduce((sum, v) => sum.add(v), zero) : values.reduce((max, v) => (v.compare(max) > 0 ? v : max), zero);
    return new Map([...raw].map(([id, v]) => [id, base.equals(0) ? zero : v.div(base)]));
  }
  const n = values.length;
  // Competition ranking: an agenda's rank is 1 + the number of agendas with strictly more.
  return new Map([...raw].map(([id, v]) => [id, new Fraction(n - values.filter((o) => o.compare(v) > 0).length, n)]));
}

function effectiveWeights(weights: readonly ScoreWeight[], ballots: readonly Ballot[], totals: readonly ChannelTotal[], named: Set<string>, scorers: number): EffectiveWeight[] {
  const committee = weights.find((w) => w.source.kind === 'committee');
  if (committee === undefined || scorers === 0) return [];
  const votersIn = (channels: (c: string) => boolean): number =>
    ballots.filter((b) => channels(channelKey(b.channel))).length + totals.filter((t) => channels(channelKey(t.channel))).reduce((sum, t) => sum + t.votes, 0);
  return weights
    .filter((w) => w.source.kind !== 'committee')
    .map((w) => {
      const source = w.source;
      const voters = source.kind === 'channel' ? votersIn((c) => c === channelKey(source.channel)) : votersIn((c) => !named.has(c));
      const ratio = voters === 0 || w.weight === 0 ? 0 : new Fraction(committee.weight, scorers).div(new Fraction(w.weight).div(voters)).valueOf();
      return { source, voters, scorers, ratio };
    });
}
