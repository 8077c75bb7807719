/**
 * The host's scaling property with the real workflows: a tally of 1,000 ballots and one of 100,000
 * make the same Spreadsheet service calls (each tab is one batched read or write).
 */
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { runTally } from '../../src/workflows';
import { createFakeGas, installFakeGas, zonedTime, type FakeGas, type Stored } from './fakeSpreadsheetApp';

const AGENDAS = 10;

/** Deterministic pseudo-random numbers (LCG), so both sizes see the same shape of data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function seedWorkbook(fake: FakeGas, ballots: number): void {
  const rand = lcg(42);
  const id = (i: number) => `A${String(i + 1).padStart(2, '0')}`;
  fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 500000000], ['선택 수', 3]]);
  fake.spreadsheet.seed('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ...Array.from({ length: AGENDAS }, (_, i): Stored[] => [id(i), `의제 ${i + 1}`, i % 2 ? '복지' : '환경', 50_000_000 + i * 10_000_000]),
  ]);
  const start = zonedTime('Asia/Seoul', 2020, 7, 6, 9);
  const rows: Stored[][] = [['투표자키', '투표일시', '선택', '채널']];
  for (let v = 0; v < ballots; v++) {
    const picks = new Set<string>();
    while (picks.size < 3) picks.add(id(Math.floor(rand() * AGENDAS)));
    // Some vote times typed as dates (Date cells), some as text.
    const when = start + Math.floor(rand() * 7 * 86_400_000);
    rows.push([`voter-${v}`, v % 2 ? new Date(when) : '2020-07-07 12:00:00', [...picks].join(', '), v % 3 ? '엠보팅' : '현장투표']);
  }
  fake.spreadsheet.seed('투표', rows);
}

function tallyCalls(ballots: number): { calls: Record<string, number>; reads: number; writes: number; result: ReturnType<typeof runTally> } {
  const fake = createFakeGas();
  const uninstall = installFakeGas(fake);
  try {
    seedWorkbook(fake, ballots);
    const result = runTally(new SheetsWorkbook(), gasContext('ko'));
    const spreadsheetCalls = Object.fromEntries(
      Object.entries(fake.log.snapshot()).filter(([k]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k)),
    );
    return { calls: spreadsheetCalls, reads: fake.log.rangeReads, writes: fake.log.rangeWrites, result };
  } finally {
    uninstall();
  }
}

test('1,000 and 100,000 ballots: same range reads, range writes and Spreadsheet calls', () => {
  const small = tallyCalls(1_000);
  const large = tallyCalls(100_000);
  expect(small.result.validBallots).toBe(1_000);
  expect(large.result.validBallots).toBe(100_000);
  expect(large.reads).toBe(small.reads);
  expect(large.writes).toBe(small.writes);
  expect(large.calls).toEqual(small.calls);
});
