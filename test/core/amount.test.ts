import fc from 'fast-check';
import { formatKoreanUnits, formatWon, parseAmount } from '../../src/core/amount';

function valueOf(input: string | number | null | undefined): number {
  const result = parseAmount(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${result.error}`);
  return result.value;
}

function errorOf(input: string | number | null | undefined): string {
  const result = parseAmount(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${result.value}`);
  return result.error;
}

describe('parseAmount accepts the ways amounts are written', () => {
  test.each<[string | number, number]>([
    ['500,000,000', 500_000_000],
    ['500000000원', 500_000_000],
    ['5억', 500_000_000],
    ['5억원', 500_000_000],
    ['3억5천만', 350_000_000],
    ['3억 5천만 원', 350_000_000],
    ['8억5000만 원', 850_000_000],
    ['1.5억', 150_000_000],
    ['1.1억', 110_000_000],
    ['350,000천원', 350_000_000],
    ['12백만원', 12_000_000],
    ['120만원', 1_200_000],
    ['2조', 2_000_000_000_000],
    ['1조 2억 3만 4원', 1_000_200_030_004],
    ['천만원', 10_000_000],
    ['만원', 10_000],
    ['3천5백20원', 3_520],
    ['1억 2,000만 3,400원', 120_003_400],
    ['５억', 500_000_000],
    ['１，０００', 1_000],
    ['￦１，０００', 1_000],
    ['△1,000', -1_000],
    ['▲ 1,000', -1_000],
    ['-1,000', -1_000],
    ['−1,000', -1_000],
    ['(1,000)', -1_000],
    ['(₩1,000)', -1_000],
    ['-₩1,000', -1_000],
    ['₩-1,000', -1_000],
    ['+1,000', 1_000],
    ['금 234,580원', 234_580],
    ['금234,580원', 234_580],
    ['  1,000  ', 1_000],
    ['KRW 1,000', 1_000],
    ['1,000 KRW', 1_000],
    ['₩1,000', 1_000],
    ['\\1,000', 1_000],
    ['1,000.00', 1_000],
    ['0', 0],
    ['0원', 0],
    ['-0', 0],
    ['9,007,199,254,740,991', Number.MAX_SAFE_INTEGER],
    [1_000, 1_000],
    [-5, -5],
    [0, 0],
  ])('%p → %p', (input, expected) => {
    expect(valueOf(input)).toBe(expected);
  });

  test('negative zero is plain zero', () => {
    expect(Object.is(valueOf('-0'), 0)).toBe(true);
    expect(Object.is(valueOf(-0), 0)).toBe(true);
  });
});

describe('parseAmount rejects what it cannot read without guessing', () => {
  test.each<[string | number | null | undefined, RegExp]>([
    ['', /비어 있습니다 \/ Amount is empty/],
    ['   ', /비어 있습니다/],
    [null, /비어 있습니다/],
    [undefined, /비어 있습니다/],
    ['abc', /^금액을 읽을 수 없습니다: "abc" \/ Cannot read amount: "abc"$/],
    ['원', /Cannot read amount/],
    ['-', /Cannot read amount/],
    ['1e5', /Cannot read amount/],
    ['0x10', /Cannot read amount/],
    ['1,000 2,000', /여러 개.*More than one amount: "1,000 2,000"/],
    ['1 000', /More than one amount/],
    ['1,00,0', /쉼표 위치.*Misplaced thousands separator: "1,00,0"/],
    ['1000,000', /Misplaced thousands separator/],
    ['100,', /Misplaced thousands separator/],
    [',100', /Cannot read amount/],
    ['1.000', /decimal point from a thousands separator/],
    ['1.000.000', /Cannot read amount/],
    ['0.5원', /fraction of a won: "0.5원"/],
    ['1,000.5', /fraction of a won/],
    ['1.5', /fraction of a won/],
    [0.5, /fraction of a won/],
    ['5만3억', /out of order/],
    ['5억 5억', /out of order/],
    ['3억 12000만', /out of order or overflow/],
    ['3억 12천만', /out of order or overflow/],
    ['5천 1200', /out of order or overflow/],
    ['5천 12백', /out of order or overflow/],
    ['3억만', /Cannot read amount/],
    ['(-1,000)', /Cannot read amount/],
    ['--1,000', /Cannot read amount/],
    ['1,000원원', /Cannot read amount/],
    ['9,007,199,254,740,992', /너무 큽니다.*too large/],
    ['10000조', /too large/],
    [Number.MAX_SAFE_INTEGER + 1, /too large/],
    [Number.NaN, /Cannot read amount/],
    [Number.POSITIVE_INFINITY, /Cannot read amount/],
  ])('%p is rejected', (input, message) => {
    expect(errorOf(input)).toMatch(message);
  });
});

describe('formatWon and formatKoreanUnits', () => {
  test.each<[number, string, string]>([
    [500_000_000, '500,000,000', '5억원'],
    [350_000_000, '350,000,000', '3억 5,000만원'],
    [120_003_400, '120,003,400', '1억 2,000만 3,400원'],
    [0, '0', '0원'],
    [999, '999', '999원'],
    [1_000, '1,000', '1,000원'],
    [-1_234_567, '-1,234,567', '-123만 4,567원'],
    [2_000_000_000_000, '2,000,000,000,000', '2조원'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991', '9,007조 1,992억 5,474만 991원'],
  ])('%p → %p and %p', (value, won, korean) => {
    expect(formatWon(value)).toBe(won);
    expect(formatKoreanUnits(value)).toBe(korean);
  });

  test('refuses values that are not whole won', () => {
    expect(() => formatWon(0.5)).toThrow(/whole number of won/);
    expect(() => formatKoreanUnits(Number.MAX_SAFE_INTEGER + 2)).toThrow(/whole number of won/);
  });

  test('parseAmount reads back both formats for any safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(valueOf(formatWon(n))).toBe(n);
        expect(valueOf(formatKoreanUnits(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  test('small and unit-boundary values round-trip too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -10_000, max: 10_000 }), (power, offset) => {
        const n = 10 ** (4 * power) + offset;
        expect(valueOf(formatKoreanUnits(n))).toBe(n);
      }),
    );
  });
});
