import fc from 'fast-check';
import { checkBallots, type CandidateBallot } from '../../src/core/ballots';
import { lotteryTicket, rankAgendas } from '../../src/core/ranking';
import { sha256Hex } from '../../src/core/hash';
import type { Agenda, Settings } from '../../src/core/types';

const agendas: Agenda[] = ['A01', 'A02', 'A03', 'A04'].map((id, order) => ({ id, title: `제목 ${id}`, field: '', cost: 10, order, department: '' }));
const base: Settings = {
  budget: 100,
  picks: 3,
  pickRule: 'up_to',
  invalidBallot: 'void',
  windowStart: Date.UTC(2020, 6, 5, 15), // 2020-07-06 00:00 Seoul
  windowEnd: Date.UTC(2020, 6, 13, 14, 59, 59, 999), // 2020-07-13 end of day Seoul
  rule: 'greedy',
  tieBreak: ['order'],
  seed: '',
  threshold: null,
  leftover: 'pool',
  overshoot: null,
  mesCompletion: 'add1',
};
const ballot = (over: Partial<CandidateBallot>): CandidateBallot => ({ voterKey: 'k1', timeText: '2020-07-07 10:00', choices: ['A01'], channel: 'c', source: 's', row: 2, ...over });
const options = { hasVoterColumn: true, hasTimeColumn: true };

describe('ballot rules', () => {
  it('keeps the earliest vote of a voter, whatever the file order', () => {
    const r = checkBallots([ballot({ row: 2, timeText: '2020-07-08 10:00', choices: ['A02'] }), ballot({ row: 3, timeText: '2020-07-07 10:00' })], agendas, base, options);
    expect(r.accepted.map((b) => b.row)).toEqual([3]);
    expect(r.setAside[0].problems[0]).toEqual({ code: 'duplicate_voter', detail: { first: 's row 3' } });
  });

  it('sets aside a voter already counted in an earlier import', () => {
    const r = checkBallots([ballot({})], agendas, base, { ...options, knownVoterKeys: new Set(['k1']) });
    expect(r.setAside[0].problems[0].code).toBe('duplicate_voter');
  });

  it('checks the window inclusively in Seoul time', () => {
    const r = checkBallots(
      [ballot({ voterKey: 'a', timeText: '2020-07-06 00:00:00' }), ballot({ voterKey: 'b', timeText: '2020-07-13 23:59:59' }), ballot({ voterKey: 'c', timeText: '2020-07-14 00:00:00' }), ballot({ voterKey: 'd', timeText: 'yesterday' })],
      agendas,
      base,
      options,
    );
    expect(r.accepted.map((b) => b.voterKey)).toEqual(['a', 'b']);
    expect(r.setAside.map((s) => s.problems[0].code)).toEqual(['outside_window', 'bad_timestamp']);
  });

  it('voids a ballot that breaks the pick rule, or keeps its first N with keep_first', () => {
    const over = ballot({ choices: ['A01', 'A02', 'A03', 'A04'] });
    expect(checkBallots([over], agendas, base, options).setAside[0].problems.map((p) => p.code)).toEqual(['over_vote']);
    const kept = checkBallots([over], agendas, { ...base, invalidBallot: 'keep_first' }, options);
    expect(kept.accepted[0].picks).toEqual(['A01', 'A02', 'A03']);
    expect(kept.trimmed[0].problems[0]).toMatchObject({ code: 'over_vote', detail: { dropped: 'A04' } });
  });

  it('resolves titles, and treats unknown agendas and repeated picks by the policy', () => {
    const r = checkBallots([ballot({ choices: ['제목 A02', 'a03'] })], agendas, base, options);
    expect(r.accepted[0].picks).toEqual(['A02', 'A03']);
    const odd = ballot({ choices: ['A01', 'A01', '=HYPERLINK("x")'] });
    expect(checkBallots([odd], agendas, base, options).setAside[0].problems.map((p) => p.code)).toEqual(['duplicate_pick', 'unknown_agenda']);
    const trimmed = checkBallots([odd], agendas, { ...base, invalidBallot: 'keep_first' }, options);
    expect(trimmed.accepted[0].picks).toEqual(['A01']);
  });

  it('requires exactly N when the rule says so, and never counts an empty ballot', () => {
    const exactly = { ...base, pickRule: 'exactly' as const, invalidBallot: 'keep_first' as const };
    const r = checkBallots([ballot({ voterKey: 'a', choices: ['A01', 'A02'] }), ballot({ voterKey: 'b', choices: [] })], agendas, exactly, options);
    expect(r.accepted).toHaveLength(0);
    expect(r.setAside.map((s) => s.problems.map((p) => p.code))).toEqual([['under_vote'], ['no_picks']]);
  });

  it('accounts for every candidate exactly once (property)', () => {
    const choice = fc.constantFrom('A01', 'A02', 'A03', 'A04', 'A99', '제목 A01', '', ' a02 ');
    const candidate = fc.record({
      voterKey: fc.constantFrom('', 'k1', 'k2', 'k3', 'k4'),
      timeText: fc.constantFrom('', '2020-07-07 10:00', '2020-07-20 10:00', 'junk'),
      choices: fc.array(choice, { maxLength: 5 }),
      channel: fc.constant('c'),
      source: fc.constant('s'),
      row: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 40 }), fc.constantFrom<Settings['invalidBallot']>('void', 'keep_first'), fc.constantFrom<Settings['pickRule']>('up_to', 'exactly'), (cs, invalidBallot, pickRule) => {
        const r = checkBallots(cs, agendas, { ...base, invalidBallot, pickRule }, options);
        expect(r.accepted.length + r.setAside.length).toBe(cs.length);
        for (const b of r.accepted) {
          expect(b.picks.length).toBeLessThanOrEqual(3);
          expect(new Set(b.picks).size).toBe(b.picks.length);
        }
        expect(new Set(r.accepted.map((b) => b.voterKey)).size).toBe(r.accepted.length);
      }),
    );
  });
});

describe('lottery tie-break', () => {
  it('is a published draw: SHA-256 of seed:id, lowest first, independent of input order', () => {
    const tied: Agenda[] = ['A', 'B', 'C', 'D'].map((id, order) => ({ id, title: id, field: '', cost: 1, order, department: '' }));
    const votes = new Map(tied.map((a) => [a.id, 5]));
    const ranked = rankAgendas(tied, votes, ['lottery'], '20200706').map((r) => r.agenda.id);
    const byHand = [...tied].sort((a, b) => (sha256Hex(`20200706:${a.id}`) < sha256Hex(`20200706:${b.id}`) ? -1 : 1)).map((a) => a.id);
    expect(ranked).toEqual(byHand);
    expect(rankAgendas([...tied].reverse(), votes, ['lottery'], '20200706').map((r) => r.agenda.id)).toEqual(ranked);
    expect(lotteryTicket('1', 'A')).not.toBe(lotteryTicket('2', 'A'));
    const winners = new Set(Array.from({ length: 20 }, (_, seed) => rankAgendas(tied, votes, ['lottery'], String(seed))[0].agenda.id));
    expect(winners.size).toBeGreaterThan(1);
  });
});

describe('a verdict is worked out once per way of writing the choices', () => {
  test('checked together, every ballot gets the verdict it gets checked alone (prefixes, repeats, blanks, unknowns)', () => {
    const choice = fc.constantFrom('A01', 'A02', 'A03', ' A01', 'A01 ', 'a01', 'B99', '', '제목 A02');
    const settingsOf = fc.record({ picks: fc.integer({ min: 1, max: 3 }), pickRule: fc.constantFrom<Settings['pickRule']>('up_to', 'exactly'), invalidBallot: fc.constantFrom<Settings['invalidBallot']>('void', 'keep_first') });
    fc.assert(
      fc.property(fc.array(fc.array(choice, { maxLength: 4 }), { minLength: 1, maxLength: 40 }), settingsOf, (written, rules) => {
        const settings: Settings = { ...base, ...rules };
        const ballots = written.map((choices, i) => ballot({ voterKey: `k${i}`, choices, row: i + 2 }));
        const together = checkBallots(ballots, agendas, settings, options);
        const verdict = (check: ReturnType<typeof checkBallots>, row: number): unknown => {
          const accepted = check.accepted.find((b) => b.row === row);
          return {
            picks: accepted?.picks ?? null,
            trimmed: check.trimmed.find((t) => t.ballot.row === row)?.problems ?? null,
            setAside: check.setAside.find((s) => s.ballot.row === row)?.problems ?? null,
          };
        };
        for (const b of ballots) expect(verdict(together, b.row)).toEqual(verdict(checkBallots([b], agendas, settings, options), b.row));
      }),
      { numRuns: 300 },
    );
  });
});
