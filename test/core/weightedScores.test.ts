import fc from 'fast-check';
import { rankAgendas } from '../../src/core/ranking';
import { weightedScores } from '../../src/core/weightedScores';
import type { Agenda, Ballot, ChannelTotal, CommitteeScore, ScoreWeight } from '../../src/core/types';
import { parseWeights } from '../../src/sheets/settings';

const agenda = (id: string, order: number): Agenda => ({ id, title: id, field: '', cost: 10, order, department: '' });
const agendas = [agenda('A', 0), agenda('B', 1), agenda('C', 2)];

function ballots(channel: string, votes: Record<string, number>): Ballot[] {
  return Object.entries(votes).flatMap(([id, n]) => Array.from({ length: n }, (_, i) => ({ voterKey: `${channel}-${id}-${i}`, votedAt: null, picks: [id], channel, source: 's', row: i })));
}

// Online: A 6, B 3, C 1. Committee means: A (60+80)/2 = 70, B 90, C 50 (one scorer only).
const online = ballots('온라인', { A: 6, B: 3, C: 1 });
const committee: CommitteeScore[] = [
  { agendaId: 'A', scorer: 's1', score: 60 },
  { agendaId: 'A', scorer: 's2', score: 80 },
  { agendaId: 'B', scorer: 's1', score: 90 },
  { agendaId: 'B', scorer: 's2', score: 90 },
  { agendaId: 'C', scorer: 's1', score: 50 },
];
const half = parseWeights('투표 50, 심사 50') as ScoreWeight[];

describe('weighted final score', () => {
  it('share of all: 50 × votes/10 + 50 × mean/210', () => {
    const w = weightedScores({ agendas, ballots: online, totals: [], committee, weights: half, normalization: 'share' });
    expect(w.scores.get('A')?.final).toBeCloseTo(30 + (50 * 70) / 210, 10);
    expect(w.scores.get('B')?.final).toBeCloseTo(15 + (50 * 90) / 210, 10);
    expect(w.scores.get('C')?.final).toBeCloseTo(5 + (50 * 50) / 210, 10);
    expect(w.scores.get('A')?.parts).toEqual([
      { source: { kind: 'votes' }, weight: 50, raw: 6, normalized: 0.6, points: 30 },
      expect.objectContaining({ source: { kind: 'committee' }, weight: 50, raw: 70 }),
    ]);
    expect(w.scores.get('C')?.scorers).toBe(1);
    // One scorer of 2 holds 50/2 of the score; one of 10 online voters 50/10: 5 residents.
    expect(w.effectiveWeights).toEqual([{ source: { kind: 'votes' }, voters: 10, scorers: 2, ratio: 5 }]);
  });

  it('share of the top: each part divided by its first', () => {
    const w = weightedScores({ agendas, ballots: online, totals: [], committee, weights: half, normalization: 'top' });
    expect(w.scores.get('A')?.final).toBeCloseTo(50 + (50 * 70) / 90, 10);
    expect(w.scores.get('B')?.final).toBeCloseTo(25 + 50, 10);
  });

  it('rank points: an exact tie stays a tie, and more committee points breaks it', () => {
    const w = weightedScores({ agendas, ballots: online, totals: [], committee, weights: half, normalization: 'rank' });
    // A: votes 1st (3/3), committee 2nd (2/3); B: votes 2nd, committee 1st: both 50 + 33⅓.
    expect(w.rankKey.get('A')).toBe(w.rankKey.get('B'));
    const votes = new Map([['A', 6], ['B', 3], ['C', 1]]);
    const byOrder = rankAgendas(agendas, votes, ['order'], '', { score: w.rankKey, committee: w.committeePoints });
    expect(byOrder.map((r) => r.agenda.id)).toEqual(['A', 'B', 'C']);
    const byCommittee = rankAgendas(agendas, votes, ['committee_desc'], '', { score: w.rankKey, committee: w.committeePoints });
    expect(byCommittee.map((r) => r.agenda.id)).toEqual(['B', 'A', 'C']);
    expect(byCommittee[0].tie).toEqual({ with: ['A'], decidedBy: 'committee_desc' });
  });

  it('weights channels separately (45/45/10) and refuses weights that miss votes or point at nothing', () => {
    const booth: ChannelTotal[] = [{ channel: '현장', agendaId: 'C', votes: 4, source: 'x' }];
    const weights = parseWeights('온라인 45, 현장 45, 심사 10') as ScoreWeight[];
    const w = weightedScores({ agendas, ballots: online, totals: booth, committee, weights, normalization: 'share' });
    expect(w.scores.get('C')?.final).toBeCloseTo(4.5 + 45 + (10 * 50) / 210, 10);
    expect(w.effectiveWeights.map((e) => [e.voters, e.ratio])).toEqual([
      [10, (10 / 2) / (45 / 10)],
      [4, (10 / 2) / (45 / 4)],
    ]);
    expect(() => weightedScores({ agendas, ballots: online, totals: booth, committee, weights: parseWeights('온라인 50, 심사 50') as ScoreWeight[], normalization: 'share' })).toThrow(/가중치에 없는 채널의 투표가 있습니다: 현장/);
    expect(() => weightedScores({ agendas, ballots: online, totals: [], committee, weights: parseWeights('모바일 50, 심사 50') as ScoreWeight[], normalization: 'share' })).toThrow(/채널 '모바일'에 투표가 없습니다 \(있는 채널: 온라인\)/);
    expect(() => weightedScores({ agendas, ballots: online, totals: [], committee: [], weights: half, normalization: 'share' })).toThrow(/'심사' 탭에 점수가 없습니다/);
  });

  it('reads the weights as districts write them', () => {
    expect(parseWeights('50/50')).toEqual(half);
    expect(parseWeights('투표: 70%; 심사위원회 = 30%')).toEqual([{ source: { kind: 'votes' }, weight: 70 }, { source: { kind: 'committee' }, weight: 30 }]);
    expect(parseWeights('')).toBeNull();
    expect(parseWeights('없음')).toBeNull();
    for (const bad of ['45/45/10', '투표 50, 투표 50', '투표, 심사 50', '투표 0, 심사 0', '투표 -5']) expect(parseWeights(bad)).toBeUndefined();
  });

  it('property: share scores add up to 100, and the order of the weights never changes the ranking', () => {
    const votesArb = fc.array(fc.nat(20), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(votesArb, votesArb, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 99 }), fc.constantFrom('share' as const, 'top' as const, 'rank' as const), (a, b, scores, wv, normalization) => {
        fc.pre(a.some((n) => n > 0) && b.some((n) => n > 0) && scores.some((n) => n > 0));
        const ids = ['A', 'B', 'C'];
        const bs = [...ballots('온라인', Object.fromEntries(ids.map((id, i) => [id, a[i]]))), ...ballots('현장', Object.fromEntries(ids.map((id, i) => [id, b[i]])))];
        const cs = ids.map((id, i) => ({ agendaId: id, scorer: 's', score: scores[i] }));
        const weights: ScoreWeight[] = [{ source: { kind: 'channel', channel: '온라인' }, weight: wv }, { source: { kind: 'channel', channel: '현장' }, weight: 100 - wv }, { source: { kind: 'committee' }, weight: 17 }];
        const one = weightedScores({ agendas, ballots: bs, totals: [], committee: cs, weights, normalization });
        const two = weightedScores({ agendas, ballots: bs, totals: [], committee: cs, weights: [...weights].reverse(), normalization });
        expect([...two.rankKey]).toEqual([...one.rankKey]);
        if (normalization === 'share') expect(ids.reduce((sum, id) => sum + (one.scores.get(id)?.final ?? 0), 0)).toBeCloseTo(100, 9);
      }),
    );
  });
});
