import fc from 'fast-check';
import {
  formatSeoulDate,
  formatSeoulTimestamp,
  parseSeoulTimestamp,
  parseWindowBound,
} from '../../src/core/datetime';

/** 2020-07-06 09:15:00 in Seoul is 00:15:00 UTC. */
const SEOUL_0915 = Date.UTC(2020, 6, 6, 0, 15, 0);
const SEOUL_MIDNIGHT = Date.UTC(2020, 6, 5, 15, 0, 0);

describe('parseSeoulTimestamp reads Seoul wall-clock text', () => {
  test.each<[string, number]>([
    ['2020-07-06 09:15:00', SEOUL_0915],
    ['2020-07-06T09:15', SEOUL_0915],
    ['2020-07-06T00:15:00Z', SEOUL_0915],
    ['2020-07-06T09:15:00+09:00', SEOUL_0915],
    ['2020-07-06T09:15:00+0900', SEOUL_0915],
    ['2020-07-05T20:15:00-04:00', SEOUL_0915],
    ['2020-07-06 00:15 UTC', SEOUL_0915],
    ['2020-07-06 09:15 KST', SEOUL_0915],
    ['2020/07/06 9:15', SEOUL_0915],
    ['2020.07.06 09:15:00', SEOUL_0915],
    ['2020. 7. 6. 9:15', SEOUL_0915],
    ['2020. 7. 6.(월) 09:15', SEOUL_0915],
    ['2020. 7. 6. (월요일) 09:15', SEOUL_0915],
    ['2020년 7월 6일 9시 15분', SEOUL_0915],
    ['2020년 7월 6일 09:15', SEOUL_0915],
    ['2020년 7월 6일 오전 9시 15분', SEOUL_0915],
    ['2020-07-06 오전 9:15:00', SEOUL_0915],
    ['2020-07-06 9:15 AM', SEOUL_0915],
    ['２０２０－０７－０６　０９：１５', SEOUL_0915],
    ['  2020-07-06   09:15  ', SEOUL_0915],
    ['2020-07-06 오후 3:15:00', SEOUL_0915 + 6 * 3600_000],
    ['2020-07-06 3:15 PM', SEOUL_0915 + 6 * 3600_000],
    ['2020-07-06 오전 9:05', SEOUL_0915 - 10 * 60_000],
    ['2020-07-06 오전 12:30', SEOUL_MIDNIGHT + 30 * 60_000],
    ['2020-07-06 오후 12:30', SEOUL_MIDNIGHT + 12.5 * 3600_000],
    ['2020-07-06 09:15:30.25', SEOUL_0915 + 30_250],
    ['2020-07-06', SEOUL_MIDNIGHT],
    ['2020. 7. 6.', SEOUL_MIDNIGHT],
    ['2020.07.06', SEOUL_MIDNIGHT],
    ['2020년 7월 6일', SEOUL_MIDNIGHT],
    ['2020-02-29 00:00', Date.UTC(2020, 1, 28, 15)],
  ])('%p', (text, expected) => {
    expect(parseSeoulTimestamp(text)).toBe(expected);
  });

  test.each<[string]>([
    [''],
    ['   '],
    ['yesterday'],
    ['2020-02-30'],
    ['2019-02-29'],
    ['2020-13-01'],
    ['2020-07-06 25:00'],
    ['2020-07-06 24:00'],
    ['2020-07-06 09:60'],
    ['2020-07-06 09:15:60'],
    ['2020-07-06 오후 13:00'],
    ['2020-07-06 오후 3:00 PM'],
    ['07/06/2020'],
    ['06.07.2020'],
    ['20-07-06'],
    ['2020-07/06'],
    ['2020-07-06 09:15 tomorrow'],
    ['2020-07-06 09:15+25:00'],
    ['2020. 7. 6.(화) 09:15'],
    ['2020-07-06 9'],
    ['0099-01-01'],
  ])('%p is refused', (text) => {
    expect(parseSeoulTimestamp(text)).toBeNull();
  });

  test('null and undefined are no time at all', () => {
    expect(parseSeoulTimestamp(null)).toBeNull();
    expect(parseSeoulTimestamp(undefined)).toBeNull();
  });
});

describe('spreadsheet serial dates', () => {
  test('the fraction is Seoul time of day', () => {
    // 2020-07-06 is serial 44018; 9:15 is 555/1440 of a day.
    expect(parseSeoulTimestamp(44018 + 555 / 1440)).toBe(SEOUL_0915);
    expect(parseSeoulTimestamp(44018)).toBe(SEOUL_MIDNIGHT);
  });

  test('impossible serials are refused', () => {
    expect(parseSeoulTimestamp(Number.NaN)).toBeNull();
    expect(parseSeoulTimestamp(-1)).toBeNull();
    expect(parseSeoulTimestamp(0.5)).toBeNull();
    expect(parseSeoulTimestamp(1_593_994_500_000)).toBeNull();
  });
});

describe('parseWindowBound', () => {
  const endOfDay = SEOUL_MIDNIGHT + 24 * 3600_000 - 1;

  test('a bare date ends at the last millisecond of that Seoul day', () => {
    expect(parseWindowBound('2020-07-06', 'end')).toBe(endOfDay);
    expect(parseWindowBound('2020년 7월 6일', 'end')).toBe(endOfDay);
    expect(parseWindowBound(44018, 'end')).toBe(endOfDay);
    expect(formatSeoulTimestamp(endOfDay)).toBe('2020-07-06 23:59:59');
  });

  test('a bare date starts at midnight, and a written time is taken as is', () => {
    expect(parseWindowBound('2020-07-06', 'start')).toBe(SEOUL_MIDNIGHT);
    expect(parseWindowBound('2020-07-06 09:15', 'end')).toBe(SEOUL_0915);
    expect(parseWindowBound('2020-07-06 00:00', 'end')).toBe(SEOUL_MIDNIGHT);
    expect(parseWindowBound(44018 + 555 / 1440, 'end')).toBe(SEOUL_0915);
  });

  test('unreadable bounds are null', () => {
    expect(parseWindowBound('next week', 'start')).toBeNull();
    expect(parseWindowBound(null, 'end')).toBeNull();
  });
});

describe('formatting', () => {
  test('shows Seoul wall-clock time, dropping milliseconds', () => {
    expect(formatSeoulTimestamp(SEOUL_0915)).toBe('2020-07-06 09:15:00');
    expect(formatSeoulTimestamp(SEOUL_0915 + 999)).toBe('2020-07-06 09:15:00');
    expect(formatSeoulDate(SEOUL_0915)).toBe('2020-07-06');
    // 23:30 UTC is already the next morning in Seoul.
    expect(formatSeoulDate(Date.UTC(2020, 6, 5, 23, 30))).toBe('2020-07-06');
    expect(() => formatSeoulTimestamp(Number.NaN)).toThrow(/Not a valid time/);
  });

  test('format and parse round-trip for whole seconds in 2000..2100', () => {
    const start = Date.UTC(2000, 0, 1) - 9 * 3600_000;
    const end = Date.UTC(2100, 11, 31, 23, 59, 59) - 9 * 3600_000;
    fc.assert(
      fc.property(fc.integer({ min: start / 1000, max: end / 1000 }), (seconds) => {
        const ms = seconds * 1000;
        expect(parseSeoulTimestamp(formatSeoulTimestamp(ms))).toBe(ms);
        expect(parseSeoulTimestamp(formatSeoulDate(ms))).toBe(ms - ((ms + 9 * 3600_000) % 86_400_000));
      }),
      { numRuns: 2000 },
    );
  });

  test('formats as the UTC clock nine hours on would show, for any millisecond from the year 1000 to 9999, in any order', () => {
    const reference = (ms: number): string => new Date(ms + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    const moment = fc.integer({ min: Date.UTC(1000, 0, 1) - 9 * 3600_000, max: Date.UTC(9999, 11, 31, 14, 59, 59) });
    fc.assert(
      fc.property(fc.array(moment, { minLength: 1, maxLength: 8 }), (moments) => {
        for (const ms of moments) {
          expect(formatSeoulTimestamp(ms)).toBe(reference(ms));
          expect(formatSeoulDate(ms)).toBe(reference(ms).slice(0, 10));
        }
      }),
      { numRuns: 1500 },
    );
    // Moments a few seconds apart, as ballots come (the second last written is remembered too):
    // the same second from its first to its last millisecond, the next, and back.
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1) - 9 * 3600_000 + 2500, max: Date.UTC(9999, 11, 31, 14, 59, 57) }), fc.array(fc.integer({ min: -2500, max: 2500 }), { minLength: 2, maxLength: 12 }), (base, offsets) => {
        for (const offset of offsets) expect(formatSeoulTimestamp(base + offset)).toBe(reference(base + offset));
      }),
      { numRuns: 1500 },
    );
    const second = Date.UTC(2020, 6, 6, 3, 15, 0);
    for (const ms of [second, second + 999, second + 1000, second - 1, second + 500]) expect(formatSeoulTimestamp(ms)).toBe(reference(ms));
    // Either side of a Seoul midnight, back and forth (the day last named is remembered).
    const midnight = Date.UTC(2024, 1, 28, 15);
    for (const ms of [midnight - 1, midnight, midnight - 1000, midnight + 86_400_000, midnight]) expect(formatSeoulTimestamp(ms)).toBe(reference(ms));
  });

  test('leap days: the canonical form is refused on a day the calendar lacks', () => {
    expect(parseSeoulTimestamp('2024-02-29 12:00:00')).toBe(Date.UTC(2024, 1, 29, 3));
    expect(parseSeoulTimestamp('2000-02-29 12:00:00')).toBe(Date.UTC(2000, 1, 29, 3));
    expect(parseSeoulTimestamp('2023-02-29 12:00:00')).toBeNull();
    expect(parseSeoulTimestamp('1900-02-29 12:00:00')).toBeNull();
    expect(parseSeoulTimestamp('2024-04-31 12:00:00')).toBeNull();
    expect(parseSeoulTimestamp('2024-12-31 23:59:59')).toBe(Date.UTC(2024, 11, 31, 14, 59, 59));
  });

  test('the canonical YYYY-MM-DD HH:MM:SS shortcut reads exactly what the general parser reads, impossible values included', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(fc.integer({ min: 900, max: 9999 }), two(13), two(32), two(25), two(61), two(61), (year, month, day, hour, minute, second) => {
        const canonical = `${year}-${month}-${day} ${hour}:${minute}:${second}`;
        // A second space and a trailing one take the general path; it collapses and trims them.
        const general = `${year}-${month}-${day}  ${hour}:${minute}:${second} `;
        expect(parseSeoulTimestamp(canonical)).toBe(parseSeoulTimestamp(general));
      }),
      { numRuns: 3000 },
    );
  });
});
