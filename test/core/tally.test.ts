import fc from 'fast-check';
import { tally } from '../../src/core/tally';
import type { Agenda, Ballot, Field, Settings } from '../../src/core/types';

const settings = (over: Partial<Settings> = {}): Settings => ({
  budget: 100,
  picks: 3,
  pickRule: 'up_to',
  invalidBallot: 'void',
  windowStart: null,
  windowEnd: null,
  rule: 'greedy',
  tieBreak: ['order'],
  seed: 's',
  threshold: null,
  leftover: 'pool',
  overshoot: null,
  mesCompletion: 'add1',
  ...over,
});

const agenda = (id: string, cost: number, field = '', order = 0): Agenda => ({ id, title: `t-${id}`, field, cost, order, department: '' });

/** Ballots giving each agenda exactly the listed number of votes (one pick per ballot). */
function ballotsFor(votes: Record<string, number>): Ballot[] {
  const ballots: Ballot[] = [];
  for (const [id, n] of Object.entries(votes)) {
    for (let i = 0; i < n; i++) ballots.push({ voterKey: `${id}-${i}`, votedAt: null, picks: [id], channel: 'c', source: 's', row: ballots.length + 2 });
  }
  return ballots;
}

describe('greedy cutoff', () => {
  const agendas = [agenda('A', 60, '', 0), agenda('B', 50, '', 1), agenda('C', 30, '', 2), agenda('D', 10, '', 3)];
  const ballots = ballotsFor({ A: 9, B: 8, C: 7, D: 6 });

  it('skips what does not fit and goes on', () => {
    const r = tally({ agendas, fields: [], ballots, totals: [], settings: settings() });
    expect(r.selected).toEqual(['A', 'C', 'D']);
    expect(r.spent).toBe(100);
    const b = r.outcomes.find((o) => o.agenda.id === 'B');
    expect(b?.status).toBe('on_hold');
    expect(b?.decision).toEqual({ code: 'does_not_fit', cost: 50, left: 40, phase: 'budget' });
  });

  it('stops at the first that does not fit with greedy-stop', () => {
    const r = tally({ agendas, fields: [], ballots, totals: [], settings: settings({ rule: 'greedy-stop' }) });
    expect(r.selected).toEqual(['A']);
    expect(r.outcomes.map((o) => o.decision.code)).toEqual(['selected', 'does_not_fit', 'after_stop', 'after_stop']);
  });

  it('applies a minimum-votes threshold, in votes or percent of valid ballots', () => {
    const byVotes = tally({ agendas, fields: [], ballots, totals: [], settings: settings({ threshold: { kind: 'votes', value: 7 } }) });
    expect(byVotes.selected).toEqual(['A', 'C']);
    expect(byVotes.outcomes.find((o) => o.agenda.id === 'D')?.decision).toEqual({ code: 'below_threshold', votes: 6, threshold: 7 });
    const byPercent = tally({ agendas, fields: [], ballots, totals: [], settings: settings({ threshold: { kind: 'percent', value: 25 } }) });
    expect(byPercent.threshold).toBe(8); // 25% of 30 ballots, rounded up
    expect(byPercent.selected).toEqual(['A']);
  });

  it('adds totals-only channel votes and reports share of all picks', () => {
    const r = tally({ agendas, fields: [], ballots, totals: [{ channel: 'booth', agendaId: 'D', votes: 10, source: 'x' }], settings: settings() });
    const d = r.outcomes[0];
    expect(d.agenda.id).toBe('D');
    expect(d.votes).toBe(16);
    expect(d.totalsVotes).toBe(10);
    expect(r.picks).toBe(40);
    expect(d.share).toBeCloseTo(0.4, 10);
  });

  it('fills field budgets first and pools what fields leave', () => {
    const fAgendas = [agenda('X1', 40, 'x', 0), agenda('X2', 30, 'x', 1), agenda('Y1', 50, 'y', 2), agenda('Z1', 20, 'z', 3)];
    const fields: Field[] = [
      { name: 'x', budget: 50 },
      { name: 'y', budget: 40 },
    ];
    const r = tally({ agendas: fAgendas, fields, ballots: ballotsFor({ Y1: 10, X1: 9, X2: 8, Z1: 7 }), totals: [], settings: settings({ budget: 100 }) });
    // x: X1 fits 50 (10 left), X2 does not; y: Y1 (50) does not fit 40. Pool = 100 - 40 = 60:
    // by global rank Y1 (50) fits, X2 (30) does not, Z1 (20) does not (10 left).
    expect(r.fields).toEqual([
      { field: 'x', budget: 50, spent: 40, returned: 10 },
      { field: 'y', budget: 40, spent: 0, returned: 40 },
    ]);
    expect(r.pool).toBe(60);
    expect(r.selected).toEqual(['Y1', 'X1']);
    expect(r.outcomes.find((o) => o.agenda.id === 'Y1')?.decision).toMatchObject({ code: 'selected', phase: 'pool' });
  });

  it('leaves what fields do not spend unspent with the leftover policy none', () => {
    const fAgendas = [agenda('X1', 40, 'x', 0), agenda('X2', 30, 'x', 1), agenda('Y1', 50, 'y', 2), agenda('Z1', 20, 'z', 3)];
    const fields: Field[] = [
      { name: 'x', budget: 50 },
      { name: 'y', budget: 40 },
    ];
    const r = tally({ agendas: fAgendas, fields, ballots: ballotsFor({ Y1: 10, X1: 9, X2: 8, Z1: 7 }), totals: [], settings: settings({ budget: 100, leftover: 'none' }) });
    // Same votes as above: x funds X1; y funds nothing; no pool, so Y1 stays out. Z1 (field z has
    // no budget of its own) competes for what the total has left: 100 - 40 = 60, and fits.
    expect(r.pool).toBeNull();
    expect(r.selected).toEqual(['X1', 'Z1']);
    expect(r.fields).toEqual([
      { field: 'x', budget: 50, spent: 40, returned: 0 },
      { field: 'y', budget: 40, spent: 0, returned: 0 },
    ]);
    expect(r.outcomes.find((o) => o.agenda.id === 'Y1')?.decision).toEqual({ code: 'does_not_fit', cost: 50, left: 40, phase: 'field' });
  });

  it('overshoot: funds the first agenda that does not fit when enough of its cost is left, and shows the overspend', () => {
    const agendas = [agenda('A', 60, '', 0), agenda('B', 50, '', 1), agenda('C', 30, '', 2)];
    const ballots = ballotsFor({ A: 9, B: 8, C: 7 });
    // After A, 40 is left: B costs 50 and 40 is 80% of it.
    const at80 = tally({ agendas, fields: [], ballots, totals: [], settings: settings({ overshoot: 80 }) });
    expect(at80.selected).toEqual(['A', 'B']);
    expect(at80.overspend).toBe(10);
    expect(at80.left).toBe(-10);
    expect(at80.outcomes[1].decision).toEqual({ code: 'overshoot', cost: 50, left: 40, percent: 80, overspend: 10, phase: 'budget' });
    expect(at80.outcomes[2].decision).toEqual({ code: 'after_stop', stoppedAt: 'B' });
    const at81 = tally({ agendas, fields: [], ballots, totals: [], settings: settings({ overshoot: 81 }) });
    expect(at81.selected).toEqual(['A', 'C']);
    expect(at81.overspend).toBe(0);
  });

  it('MES as the rule: the tally reports rounds, payments and what support was missing', () => {
    const agendas = [agenda('A', 200, '', 0), agenda('B', 100, '', 1), agenda('C', 150, '', 2)];
    const ballots: Ballot[] = [['A', 'C'], ['A', 'C'], ['B', 'C']].map((picks, i) => ({ voterKey: `v${i}`, votedAt: null, picks, channel: 'c', source: 's', row: i + 2 }));
    const r = tally({ agendas, fields: [], ballots, totals: [], settings: settings({ budget: 300, rule: 'mes', mesCompletion: 'none' }) });
    expect(r.selected).toEqual(['C']);
    expect(r.mes).toEqual({ completion: 'none', perVoterBudget: '300/3', runs: 1, replays: 0 });
    expect(r.outcomes.find((o) => o.agenda.id === 'C')?.decision).toEqual({ code: 'mes_selected', round: 1, payment: 50, supporters: 3 });
    expect(r.outcomes.find((o) => o.agenda.id === 'A')?.decision).toEqual({ code: 'mes_short', shares: 100, cost: 200, needed: 100 });
    expect(r.outcomes.find((o) => o.agenda.id === 'A')?.status).toBe('not_selected');
  });

  it('never spends past the total when field budgets add up to more (real files round them)', () => {
    const fa = [agenda('A', 60, 'x', 0), agenda('B', 50, 'y', 1)];
    const fields: Field[] = [
      { name: 'x', budget: 60 },
      { name: 'y', budget: 50 },
    ];
    const r = tally({ agendas: fa, fields, ballots: ballotsFor({ A: 5, B: 4 }), totals: [], settings: settings({ budget: 100 }) });
    expect(r.selected).toEqual(['A']);
    expect(r.spent).toBe(60);
    expect(r.fields[1]).toEqual({ field: 'y', budget: 50, spent: 0, returned: 50 });
  });

  it('refuses to run without a budget', () => {
    expect(() => tally({ agendas, fields: [], ballots, totals: [], settings: settings({ budget: 0 }) })).toThrow(/총예산/);
  });

  it('flags a tie that straddles the budget line and says what broke it', () => {
    const tied = [agenda('P', 70, '', 0), agenda('Q', 60, '', 1), agenda('R', 40, '', 2)];
    const r = tally({ agendas: tied, fields: [], ballots: ballotsFor({ P: 5, Q: 5, R: 1 }), totals: [], settings: settings({ tieBreak: ['cost_asc'] }) });
    expect(r.outcomes.map((o) => o.agenda.id)).toEqual(['Q', 'P', 'R']);
    expect(r.outcomes[0].tie).toEqual({ with: ['P'], decidedBy: 'cost_asc', atBoundary: true });
    expect(r.outcomes[2].tie).toBeNull();
  });
});

describe('invariants (property tests)', () => {
  const arbitraryCase = fc
    .record({
      costs: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }),
      budget: fc.integer({ min: 1, max: 800 }),
      rule: fc.constantFrom<Settings['rule']>('greedy', 'greedy-stop'),
      tieBreak: fc.subarray<Settings['tieBreak'][number]>(['cost_asc', 'cost_desc', 'lottery', 'order']),
      seed: fc.string(),
      picks: fc.array(fc.array(fc.nat(11), { maxLength: 3 }), { maxLength: 60 }),
    })
    .map((c) => {
      const agendas = c.costs.map((cost, i) => agenda(`A${i}`, cost, '', i));
      const ballots: Ballot[] = c.picks.map((p, i) => ({
        voterKey: `v${i}`,
        votedAt: null,
        picks: [...new Set(p.filter((x) => x < agendas.length).map((x) => `A${x}`))],
        channel: 'c',
        source: 's',
        row: i,
      }));
      return { ...c, agendas, ballots };
    });

  it('never overspends, counts every pick once, ranks by votes, and is order-independent', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const s = settings({ budget: c.budget, rule: c.rule, tieBreak: c.tieBreak, seed: c.seed });
        const r = tally({ agendas: c.agendas, fields: [], ballots: c.ballots, totals: [], settings: s });
        expect(r.spent).toBeLessThanOrEqual(c.budget);
        expect(r.outcomes.reduce((sum, o) => sum + o.votes, 0)).toBe(c.ballots.reduce((sum, b) => sum + b.picks.length, 0));
        for (let i = 1; i < r.outcomes.length; i++) expect(r.outcomes[i - 1].votes).toBeGreaterThanOrEqual(r.outcomes[i].votes);
        // Greedy-skip leaves nothing affordable unselected among agendas that have votes.
        if (c.rule === 'greedy') {
          for (const o of r.outcomes) if (o.status === 'on_hold') expect(o.agenda.cost).toBeGreaterThan(r.left);
        }
        const shuffled = tally({ agendas: [...c.agendas].reverse(), fields: [], ballots: [...c.ballots].reverse(), totals: [], settings: s });
        expect(shuffled.selected).toEqual(r.selected);
        expect(shuffled.outcomes.map((o) => o.agenda.id)).toEqual(r.outcomes.map((o) => o.agenda.id));
      }),
      { numRuns: 300 },
    );
  });
});

describe('overrides after the rule', () => {
  const agendas = [agenda('A', 60, '', 0), agenda('B', 50, '', 1), agenda('C', 30, '', 2)];
  const ballots = ballotsFor({ A: 9, B: 8, C: 7 });

  it('keeps the rule decision beside the committee decision, and spends by the final statuses', () => {
    const r = tally({ agendas, fields: [], ballots, totals: [], settings: settings(), overrides: [{ agendaId: 'B', selected: true, reason: 'r', decidedBy: '', date: '' }] });
    const b = r.outcomes.find((o) => o.agenda.id === 'B');
    expect(b?.decision).toMatchObject({ code: 'override', selected: true, ruleDecision: { code: 'does_not_fit', cost: 50, left: 40 } });
    expect(r.selected).toEqual(['A', 'B', 'C']);
    expect(r.spent).toBe(140);
    expect(r.overspend).toBe(40);
  });

  it('refuses an override without a reason even when a caller skips the sheet checks', () => {
    expect(() => tally({ agendas, fields: [], ballots, totals: [], settings: settings(), overrides: [{ agendaId: 'B', selected: true, reason: '  ', decidedBy: '', date: '' }] })).toThrow(/사유가 없습니다/);
    expect(() => tally({ agendas, fields: [], ballots, totals: [], settings: settings(), overrides: [{ agendaId: 'Z', selected: false, reason: 'x', decidedBy: '', date: '' }] })).toThrow(/없는 의제/);
  });
});
