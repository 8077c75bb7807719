import fc from 'fast-check';
import { formatSeoulDate } from '../../src/core/datetime';
import { participationStatistics, type ParticipantRecord } from '../../src/core/statistics';

const at = (day: number, hour: number): number => Date.UTC(2020, 6, day, hour - 9);
const person = (over: Partial<ParticipantRecord>): ParticipantRecord => ({ votedAt: at(6, 10), channel: '엠보팅', dong: '여의동', ageGroup: '30대', gender: '여', ...over });

describe('participation statistics', () => {
  it('counts by Seoul day and hour, channel, 동, age and gender', () => {
    const records = [
      ...Array.from({ length: 7 }, () => person({})),
      ...Array.from({ length: 6 }, () => person({ votedAt: at(7, 23), dong: '당산1동', channel: '현장', gender: '남' })),
    ];
    const stats = participationStatistics(records, { minCell: 5 });
    const by = (d: string): Record<string, number | null> => Object.fromEntries((stats.breakdowns.find((b) => b.dimension === d)?.rows ?? []).map((r) => [r.label, r.voters]));
    expect(by('day')).toEqual({ '2020-07-06': 7, '2020-07-07': 6 });
    expect(by('hour')).toEqual({ '10시': 7, '23시': 6 });
    expect(by('dong')).toEqual({ 당산1동: 6, 여의동: 7 });
    expect(by('gender')).toEqual({ 남: 6, 여: 7 });
  });

  it('suppresses small cells, and a second one when a single suppressed cell could be worked out', () => {
    const records = [...Array.from({ length: 20 }, () => person({})), ...Array.from({ length: 8 }, () => person({ dong: '문래동' })), ...Array.from({ length: 3 }, () => person({ dong: '대림2동' }))];
    const dong = participationStatistics(records, { minCell: 5 }).breakdowns.find((b) => b.dimension === 'dong');
    expect(dong?.rows).toEqual([
      { label: '대림2동', voters: null, share: null },
      { label: '문래동', voters: null, share: null },
      { label: '여의동', voters: 20, share: 0.6452 },
    ]);
    expect(dong?.suppressed).toBe(2);
  });

  it('gives turnout per 동 from a population table, including 동 where nobody voted', () => {
    const records = Array.from({ length: 50 }, () => person({}));
    const population = new Map([
      ['여의동', 1000],
      ['신길5동', 2000],
    ]);
    const dong = participationStatistics(records, { minCell: 5, population }).breakdowns.find((b) => b.dimension === 'dong');
    expect(dong?.rows).toEqual([
      { label: '여의동', voters: 50, share: 1, population: 1000, turnout: 0.05 },
      { label: '신길5동', voters: 0, share: 0, population: 2000, turnout: 0 },
    ]);
  });

  it('leaves out a dimension the export did not have', () => {
    const stats = participationStatistics([person({ ageGroup: '', gender: '' })], { minCell: 1 });
    expect(stats.breakdowns.map((b) => b.dimension)).toEqual(['day', 'hour', 'channel', 'dong']);
  });

  it("day and hour labels are each time's Seoul date and hour, whatever the time (labels made once per day and hour)", () => {
    // Any millisecond from 1960 to 2100, times right at Seoul midnight and on the hour included.
    const time = fc.oneof(
      fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) }),
      fc.tuple(fc.integer({ min: -3650, max: 36500 }), fc.constantFrom(-1, 0, 1)).map(([day, nudge]) => day * 86_400_000 - 9 * 3_600_000 + nudge),
    );
    fc.assert(
      fc.property(fc.array(fc.option(time, { nil: null }), { minLength: 1, maxLength: 60 }), (times) => {
        const records = times.map((votedAt) => person({ votedAt }));
        const stats = participationStatistics(records, { minCell: 0 });
        const counted = (d: string): Record<string, number | null> => Object.fromEntries((stats.breakdowns.find((b) => b.dimension === d)?.rows ?? []).map((r) => [r.label, r.voters]));
        const expected = (label: (ms: number) => string): Record<string, number> => {
          const out: Record<string, number> = {};
          for (const ms of times) if (ms !== null) out[label(ms)] = (out[label(ms)] ?? 0) + 1;
          return out;
        };
        expect(counted('day')).toEqual(expected(formatSeoulDate));
        expect(counted('hour')).toEqual(expected((ms) => `${String(new Date(ms + 9 * 3_600_000).getUTCHours()).padStart(2, '0')}시`));
      }),
      { numRuns: 300 },
    );
  });
});
