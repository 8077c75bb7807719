import { DEFAULT_THRESHOLDS, findAnomalies } from '../../src/core/integrity';
import { honestVote, plantBloc } from '../../src/node/example/honestVote';

const SEOUL_2020_07_10_21H = Date.UTC(2020, 6, 10, 12);

describe('integrity signals', () => {
  it('stay quiet on honest votes of 13,000 voters', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const flags = findAnomalies(honestVote({ seed, voters: 13_000 }), DEFAULT_THRESHOLDS);
      expect(flags.map((f) => `${f.kind} ${f.agendas.join('+')} ${f.score}`)).toEqual([]);
    }
  });

  it('catch a planted bloc: 300 identical ballots for one agenda within two hours', () => {
    const honest = honestVote({ seed: 3, voters: 13_000 });
    const voted = plantBloc(honest, { seed: 3, size: 300, agenda: 'A09', at: SEOUL_2020_07_10_21H, hours: 2 });
    const flags = findAnomalies(voted, DEFAULT_THRESHOLDS);
    const burst = flags.find((f) => f.kind === 'burst' && f.agendas[0] === 'A09');
    const identical = flags.find((f) => f.kind === 'identical_ballots' && f.agendas.join() === 'A09');
    expect(burst?.severity).toBe('alert');
    expect(identical?.severity).toBe('alert');
    // The flag points at the planted ballots: every planted row is in it, and few honest ones are.
    const planted = new Set(voted.slice(honest.length).map((r) => r.row));
    expect([...planted].every((row) => identical?.rows.includes(row))).toBe(true);
    expect((identical?.rows.length ?? 0) - planted.size).toBeLessThan(30);
    expect(identical?.filter.from).toBeLessThanOrEqual(SEOUL_2020_07_10_21H);
    expect(identical?.filter.to).toBeGreaterThanOrEqual(SEOUL_2020_07_10_21H + 2 * 3_600_000);
    // Nothing else is flagged: the honest part stays quiet.
    expect(flags.every((f) => f.agendas.includes('A09'))).toBe(true);
  });

  it('catch an agenda whose votes come overwhelmingly from one 동', () => {
    const honest = honestVote({ seed: 5, voters: 5_000 });
    const skewed = honest.map((r) => (r.picks.includes('A11') && r.row % 4 !== 0 ? { ...r, dong: '동1' } : r));
    const flags = findAnomalies(skewed, DEFAULT_THRESHOLDS);
    const concentration = flags.find((f) => f.kind === 'concentration');
    expect(concentration?.agendas).toEqual(['A11']);
    expect(concentration?.detail.place).toBe('동1');
    expect(Number(concentration?.detail.share)).toBeGreaterThan(0.7);
  });
});
