import { initWorkbook, importTable, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { buildReport } from '../../src/workflows/report';
import { testContext } from '../helpers/context';

/**
 * Votes: A01 4, A02 3, A03 3 (A04 none). Committee (2 scorers): A01 60/70, A02 95/85, A03 90/90.
 * Budget 110M fits two of A01 (60M), A02 (50M), A03 (30M)… by votes A01 + A02 (110M).
 */
function setUp(weights: string, normalization = '득표율', tieBreak = '의제 순서'): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ctx = testContext();
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [
    ['항목', '값'],
    ['총예산', '110,000,000'],
    ['선택 수', '2'],
    ['선정 방식', 'greedy-stop'],
    ['동점 처리', tieBreak],
    ['가중치', weights],
    ['점수 환산', normalization],
  ]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
    ['A03', '마을장터', '경제', '3천만'],
    ['A04', '청년 공간', '문화', '1억'],
  ]);
  importTable(wb, ctx, {
    fileName: 'mvoting.csv',
    encoding: 'utf-8',
    rows: [['voter', 'choices', 'channel'], ['a', 'A01, A02', '온라인'], ['b', 'A01, A02', '온라인'], ['c', 'A01, A03', '온라인'], ['d', 'A01, A03', '온라인'], ['e', 'A02, A03', '온라인']],
  });
  return wb;
}

const SCORES = [
  ['의제', '심사위원', '점수'],
  ['A01', '위원1', '60'],
  ['A01', '위원2', '70점'],
  ['A02', '위원1', '95'],
  ['A02', '위원2', '85'],
  ['마을장터', '위원1', '90'],
  ['A03', '위원2', '90'],
];

describe('committee score sheet (심사) import', () => {
  it('is told apart from ballots by its headers, fills 심사 and accounts for every row', () => {
    const wb = setUp('');
    const ctx = testContext();
    const report = importTable(wb, ctx, { fileName: 'scores.csv', encoding: 'utf-8', rows: [...SCORES, ['A09', '위원1', '50'], ['A02', '위원1', '80'], ['A04', '', '70'], ['A04', '위원3', '높음']] });
    expect(report.shape).toBe('scores');
    expect(report.rowsRead).toBe(10);
    expect(report.scoresCounted).toBe(6);
    expect(report.setAside).toEqual({ total: 4, reasons: { unknown_agenda: 1, duplicate_score: 1, no_scorer: 1, bad_score: 1 } });
    expect(report.ballotsCounted).toBe(0);
    const tab = wb.readTab('심사') ?? [];
    expect(tab[0].slice(0, 3)).toEqual(['의제', '심사위원', '점수']);
    expect(tab.slice(1).map((r) => r.slice(0, 3))).toEqual([['A01', '위원1', 60], ['A01', '위원2', 70], ['A02', '위원1', 95], ['A02', '위원2', 85], ['A03', '위원1', 90], ['A03', '위원2', 90]]);
    const setAside = (wb.readTab('제외') ?? []).map((r) => String(r[6]));
    expect(setAside.some((r) => r.includes('같은 심사위원의 같은 의제 점수 중복 (A02, 위원1; 인정: 4행)'))).toBe(true);
    // The same file again adds nothing; a new file scoring an already-scored pair is set aside.
    expect(importTable(wb, ctx, { fileName: 'scores.csv', encoding: 'utf-8', rows: [...SCORES, ['A09', '위원1', '50'], ['A02', '위원1', '80'], ['A04', '', '70'], ['A04', '위원3', '높음']] }).alreadyImported).toBe(true);
    const second = importTable(wb, ctx, { fileName: 'late.csv', encoding: 'utf-8', rows: [['agenda', 'scorer', 'score'], ['A01', '위원1', '99'], ['A04', '위원1', '40']] });
    expect(second.setAside.reasons).toEqual({ duplicate_score: 1 });
    expect((wb.readTab('심사') ?? []).length).toBe(8);
  });

  it('refuses a score sheet with a header and no rows, writing nothing', () => {
    const wb = setUp('');
    const before = (wb.readTab('이력') ?? []).length;
    expect(() => importTable(wb, testContext(), { fileName: 'empty-scores.csv', encoding: 'utf-8', rows: [SCORES[0], ['', '', '']] })).toThrow(/머리글만/);
    expect((wb.readTab('이력') ?? []).length).toBe(before);
    expect(wb.readTab('심사')?.slice(1) ?? []).toEqual([]);
  });
});

describe('weighted final score in the tally', () => {
  it('ranks by the final score, prints the formula, each part and one scorer\'s weight', () => {
    const wb = setUp('투표 50, 심사 50');
    const ctx = testContext();
    importTable(wb, ctx, { fileName: 'scores.csv', encoding: 'utf-8', rows: SCORES });
    const r = runTally(wb, ctx);
    // Votes share of 10 picks: A01 4/10, A02 3/10, A03 3/10; committee means 65, 90, 90 of 245 (A04 unscored).
    const final = (v: number, m: number): number => 50 * (v / 10) + 50 * (m / 245);
    expect(r.agendas.map((a) => a.id)).toEqual(['A02', 'A03', 'A01', 'A04']);
    expect(r.agendas[0].score?.final).toBeCloseTo(final(3, 90), 5);
    expect(r.agendas[2].score?.final).toBeCloseTo(final(4, 65), 5);
    expect(r.agendas[0].score?.parts).toEqual([
      { part: '투표', weight: 50, raw: 3, normalized: 0.3, points: 15 },
      { part: '심사', weight: 50, raw: 90, normalized: expect.closeTo(90 / 245, 6), points: expect.closeTo((50 * 90) / 245, 5) },
    ]);
    // A02 and A03 are exactly tied: agenda order decides, and the tie is reported on the score.
    expect(r.agendas[0].tie).toEqual({ with: ['A03'], decidedBy: 'order', atBoundary: false });
    expect(r.selected).toEqual(['A02', 'A03']);
    expect(r.weighted).toMatchObject({ normalization: 'share', scorers: 2, weights: [{ part: '투표', weight: 50 }, { part: '심사', weight: 50 }] });
    expect(r.weighted?.formula).toContain('최종 점수 = 100 × (50/100 × 투표 + 50/100 × 심사)');
    // One of 2 scorers holds 25% of the score, one of 5 voters 10%: 2.5 residents.
    expect(r.weighted?.effectiveWeights).toEqual([{ part: '투표', voters: 5, scorers: 2, ratio: 2.5 }]);

    const grid = wb.readTab('결과') ?? [];
    expect(grid.find((row) => row[0] === '최종 점수 공식')?.[1]).toBe(r.weighted?.formula);
    expect(String(grid.find((row) => row[0] === '심사위원 1명의 비중')?.[1])).toContain('심사위원 1명 = 투표 투표자 약 3명');
    const header = grid.find((row) => row[0] === '순위') ?? [];
    expect(header).toEqual(expect.arrayContaining(['최종 점수', '투표 득표', '투표 환산', '투표 점수 (50)', '심사 평균', '심사 환산', '심사 점수 (50)']));
    const a02 = grid.find((row) => row[1] === 'A02') ?? [];
    expect(a02[header.indexOf('심사 평균')]).toBe(90);
    expect(a02[header.indexOf('최종 점수')]).toBeCloseTo(final(3, 90), 3);
    expect(String(a02[header.indexOf('동점')])).toContain('최종 점수');
  });

  it('puts the formula, one scorer\'s weight and each final score in the publishable report', () => {
    const wb = setUp('투표 50, 심사 50');
    const ctx = testContext();
    importTable(wb, ctx, { fileName: 'scores.csv', encoding: 'utf-8', rows: SCORES });
    const r = runTally(wb, ctx);
    const page = buildReport(wb, ctx);
    expect(page).toContain(`점수 산식: ${r.weighted?.formula ?? 'missing'}`);
    expect(page).toMatch(/심사위원 1명 = [^<]+ 투표자 약 [\d,]+명/);
    const a02 = r.agendas.find((a) => a.id === 'A02');
    expect(page).toMatch(new RegExp(`data-id="A02"[\\s\\S]*?data-field="score">${(a02?.score?.final ?? NaN).toFixed(2)}<`));
  });

  it('lets more committee points break a tie, and differs from ranking by votes', () => {
    const byVotes = setUp('');
    importTable(byVotes, testContext(), { fileName: 'scores.csv', encoding: 'utf-8', rows: SCORES });
    expect(runTally(byVotes, testContext()).selected).toEqual(['A01', 'A02']);

    const wb = setUp('50/50', '순위 점수', '높은 심사 점수');
    importTable(wb, testContext(), { fileName: 'scores.csv', encoding: 'utf-8', rows: SCORES });
    const r = runTally(wb, testContext());
    // Rank points of 4: votes A01 1st, A02/A03 2nd, A04 4th; committee A02/A03 1st, A01 3rd, A04 4th.
    expect(r.agendas.map((a) => [a.id, a.score?.final])).toEqual([
      ['A02', 50 * (3 / 4) + 50],
      ['A03', 50 * (3 / 4) + 50],
      ['A01', 50 + 50 * (2 / 4)],
      ['A04', 50 * (1 / 4) + 50 * (1 / 4)],
    ]);
    expect(r.agendas[0].tie?.decidedBy).toBe('order'); // equal committee points too: order closes the list
    expect(r.weighted?.normalization).toBe('rank');
  });

  it('refuses weights it cannot apply, and an unreadable 심사 row, with a clear message', () => {
    const wb = setUp('모바일 50, 심사 50');
    importTable(wb, testContext(), { fileName: 'scores.csv', encoding: 'utf-8', rows: SCORES });
    expect(() => runTally(wb, testContext())).toThrow(/채널 '모바일'에 투표가 없습니다 \(있는 채널: 온라인\)/);
    const noScores = setUp('투표 50, 심사 50');
    expect(() => runTally(noScores, testContext())).toThrow(/'심사' 탭에 점수가 없습니다/);
    const positional = setUp('');
    positional.writeTab('설정', (positional.readTab('설정') ?? []).map((row) => (row[0] === '가중치' ? ['가중치', '45/45/10'] : row)));
    expect(() => runTally(positional, testContext())).toThrow(/가중치\/weights = "45\/45\/10"/);
    const edited = setUp('투표 50, 심사 50');
    edited.writeTab('심사', [['의제', '심사위원', '점수'], ['A01', '위원1', '60'], ['A01', '위원1', '65']]);
    expect(() => runTally(edited, testContext())).toThrow(/3행: 같은 심사위원의 같은 의제 점수 중복/);
  });
});
