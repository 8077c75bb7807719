import { initWorkbook, importTable, readStatus, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { loadTallyInputs } from '../../src/workflows/tally';
import { parseSeoulTimestamp } from '../../src/core/datetime';
import { testContext } from '../helpers/context';

function setUp(settings: [string, string][] = []): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ctx = testContext();
  initWorkbook(wb, ctx);
  const base: [string, string][] = [
    ['총예산', '100,000,000'],
    ['선택 수', '2'],
    ['선택 방식', '최대'],
    ['규칙 위반 투표', '무효'],
    ['투표 시작', '2020-07-06'],
    ['투표 종료', '2020-07-13'],
    ['선정 방식', 'greedy'],
    ['동점 처리', '낮은 사업비'],
    ['추첨 시드', '42'],
  ];
  const merged = new Map([...base, ...settings]);
  wb.writeTab('설정', [['항목', '값'], ...[...merged.entries()]]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
    ['A03', '마을장터', '경제', '3천만'],
    ['A04', '청년 공간', '문화', '1억 5천만원'],
  ]);
  return wb;
}

describe('import then tally', () => {
  it('counts valid ballots, sets aside the rest with reasons, and cuts at the budget', () => {
    const wb = setUp();
    const ctx = testContext();
    const report = importTable(wb, ctx, {
      fileName: 'export.csv',
      encoding: 'utf-8',
      rows: [
        ['투표자', '투표일시', '선택1', '선택2'],
        ['010-1111-1111', '2020-07-06 10:00', 'A01', 'A02'],
        ['010-2222-2222', '2020-07-07 10:00', 'A01', 'A03'],
        ['010-3333-3333', '2020-07-08 10:00', 'A02', '마을장터'],
        ['01011111111', '2020-07-09 10:00', 'A04', ''],
        ['010-4444-4444', '2020-07-14 10:00', 'A04', ''],
        ['010-5555-5555', '2020-07-10 10:00', 'A99', 'A01'],
        ['010-6666-6666', '2020-07-10 11:00', '', ''],
        ['010-7777-7777', '2020-07-10 12:00', 'A04', 'A03'],
      ],
    });
    expect(report.shape).toBe('choice-columns');
    expect(report.rowsRead).toBe(8);
    expect(report.ballotsCounted).toBe(4);
    expect(report.setAside.total).toBe(4);
    expect(report.setAside.reasons).toEqual({ duplicate_voter: 1, outside_window: 1, unknown_agenda: 1, no_picks: 1 });

    const result = runTally(wb, ctx);
    expect(result.validBallots).toBe(4);
    expect(result.picks).toBe(8);
    const votes = Object.fromEntries(result.agendas.map((a) => [a.id, a.votes]));
    expect(votes).toEqual({ A01: 2, A02: 2, A03: 3, A04: 1 });
    // A03 (3 votes, 30M) first; A01/A02 tie at 2 → cheaper A02 (50M) first, then A01 (60M) does not fit 20M left.
    expect(result.agendas.map((a) => a.id)).toEqual(['A03', 'A02', 'A01', 'A04']);
    expect(result.selected).toEqual(['A03', 'A02']);
    expect(result.spent).toBe(80_000_000);
    expect(result.agendas[2].status).toBe('on_hold');
    expect(result.agendas[2].reason).toContain('60,000,000');
    expect(result.setAside).toBe(4);
    expect(result.voters).toBe(8 - 1);
  });

  it('refuses the same file twice and never double-counts a re-run tally', () => {
    const wb = setUp();
    const ctx = testContext();
    const input = { fileName: 'a.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['x1', 'A01, A02'], ['x2', 'A01']] };
    expect(importTable(wb, ctx, input).alreadyImported).toBe(false);
    const again = importTable(wb, ctx, input);
    expect(again.alreadyImported).toBe(true);
    const first = runTally(wb, ctx);
    const second = runTally(wb, ctx);
    expect(first.validBallots).toBe(2);
    expect(second).toEqual(first);
    expect(wb.readTab('결과')).toEqual(wb.readTab('결과'));
  });

  it('stores a hash, never the phone number', () => {
    const wb = setUp();
    importTable(wb, testContext(), { fileName: 'a.csv', encoding: 'utf-8', rows: [['휴대폰', '선택'], ['010-9999-8888', 'A01'], ['010-9999-8888', 'A02']] });
    const everything = JSON.stringify([...wb.tabs.values()]);
    expect(everything).not.toContain('9999');
  });

  it('keeps no name, address or e-mail in clear either: a set-aside row lists them hashed', () => {
    const wb = setUp();
    const rows = [
      // 이메일 as the sidebar sends a column staff chose not to use.
      ['휴대폰', '이름', '주소', '이메일 (사용 안 함)', '선택', '동'],
      ['010-9999-8888', '김민준', '서울 영등포구 당산로 123', 'minjun@example.org', 'A01', '당산1동'],
      ['010-9999-7777', '이서연', '서울 영등포구 여의대로 9', 'seoyeon@example.org', 'A99', '여의동'],
      ['010-9999-6666', '박지호', '', '', 'A02', '문래동', '밀린 칸'],
    ];
    const report = importTable(wb, testContext(), { fileName: 'a.csv', encoding: 'utf-8', rows });
    expect(report.ballotsCounted).toBe(1);
    expect(report.setAside.reasons).toEqual({ unknown_agenda: 1, bad_row: 1 });
    const everything = JSON.stringify([...wb.tabs.values()]);
    for (const secret of ['9999', '김민준', '이서연', '박지호', '당산로', '여의대로', 'minjun@', 'seoyeon@']) expect(everything).not.toContain(secret);
    // What is not personal stays readable, so staff can still see why a row was set aside.
    const content = (wb.tabs.get('제외') ?? []).slice(1).map((row) => row.map(String).join(' | ')).join('\n');
    expect(content).toContain('선택=A99');
    expect(content).toContain('동=여의동');
    expect(content).toMatch(/이름=v[0-9a-f]{31}/);
    expect(content).toContain('?=밀린 칸');
  });
});

describe('an export without a voter column', () => {
  it('is counted by the tally as the import counted it (no voter key is not a reason to set a ballot aside)', () => {
    const wb = setUp();
    const ctx = testContext();
    const report = importTable(wb, ctx, { fileName: 'paper.csv', encoding: 'utf-8', rows: [['선택1', '선택2'], ['A01', 'A02'], ['A01', ''], ['A02', 'A03']] });
    expect(report.ballotsCounted).toBe(3);
    expect(report.warnings.join(' ')).toMatch(/투표자 열이 없어/);
    // A second file with voters: its duplicate is still caught among the keys there are.
    importTable(wb, ctx, { fileName: 'online.csv', encoding: 'utf-8', rows: [['voter', '선택1'], ['p1', 'A03'], ['p1', 'A01']] });
    const tally = runTally(wb, ctx);
    expect(tally.validBallots).toBe(4);
    expect(tally.voters).toBe(4);
    expect(tally.agendas.find((a) => a.id === 'A01')?.votes).toBe(2);
    expect(tally.agendas.find((a) => a.id === 'A03')?.votes).toBe(2);
  });
});

describe('tally re-applies the rules', () => {
  it('sets aside at tally what a changed setting now excludes, and replaces those rows on every run', () => {
    const wb = setUp();
    const ctx = testContext();
    importTable(wb, ctx, {
      fileName: 'e.csv',
      encoding: 'utf-8',
      rows: [
        ['voter', 'timestamp', 'choices'],
        ['a', '2020-07-06 10:00', 'A01, A02'],
        ['b', '2020-07-12 10:00', 'A02'],
      ],
    });
    const settings = wb.readTab('설정') ?? [];
    wb.writeTab('설정', settings.map((row) => (row[0] === '투표 종료' ? ['투표 종료', '2020-07-10'] : row)));
    const first = runTally(wb, ctx);
    expect(first.validBallots).toBe(1);
    expect(first.setAside).toBe(1);
    runTally(wb, ctx);
    const setAside = (wb.readTab('제외') ?? []).slice(1);
    expect(setAside).toHaveLength(1);
    expect(setAside[0][0]).toBe('개표');
    expect(String(setAside[0][6])).toContain('투표 기간 밖');
  });

  it('checks picks against exactly N and reports ties at the budget line', () => {
    const wb = setUp([
      ['선택 수', '2'],
      ['선택 방식', '정확히'],
      ['총예산', '90,000,000'],
    ]);
    const ctx = testContext();
    importTable(wb, ctx, {
      fileName: 'x.csv',
      encoding: 'utf-8',
      rows: [['voter', 'choices'], ['a', 'A01, A02'], ['b', 'A02, A01'], ['c', 'A03'], ['d', 'A03, A04']],
    });
    const r = runTally(wb, ctx);
    expect(r.check).toEqual({ ballotPicks: 6, maxPicks: 6, exact: true, ok: true });
    const a01 = r.agendas.find((a) => a.id === 'A01');
    const a02 = r.agendas.find((a) => a.id === 'A02');
    // A01 (60M) and A02 (50M) tie at 2 votes; lower cost puts A02 first and only it fits beside A03.
    expect(a02?.tie).toEqual({ with: ['A01'], decidedBy: 'cost_asc', atBoundary: true });
    expect(a01?.status).toBe('on_hold');
    expect(r.selected).toEqual(['A02', 'A03']);
    const results = wb.readTab('결과') ?? [];
    expect(results.some((row) => row.some((cell) => String(cell).includes('⚠ 예산 경계')))).toBe(true);
  });

  it('refuses a file whose rows are already in 투표 without an audit row (an interrupted import)', () => {
    const wb = setUp();
    const ctx = testContext();
    const input = { fileName: 'a.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['x1', 'A01']] };
    importTable(wb, ctx, input);
    wb.writeTab('이력', (wb.readTab('이력') ?? []).slice(0, 1));
    const again = importTable(wb, ctx, input);
    expect(again.alreadyImported).toBe(true);
    expect(again.warnings[0]).toContain('일부가 이미');
    expect((wb.readTab('투표') ?? []).length).toBe(2);
  });
});

describe('hostile cells', () => {
  it('keeps a huge set-aside cell under the Sheets cell limit, and counts the row', () => {
    const wb = setUp();
    // 90,000 characters: past the cell limit (cut to 50,000), within the row's (2 × 50,000).
    const report = importTable(wb, testContext(), { fileName: 'big.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['a', 'x'.repeat(90_000)], ['b', 'A01']] });
    expect(report.rowsRead).toBe(2);
    expect(report.setAside.reasons).toEqual({ unknown_agenda: 1 });
    expect(report.warningCodes).toContain('cells_clipped');
    const cells = (wb.readTab('제외') ?? []).flat().map((c) => String(c ?? ''));
    expect(Math.max(...cells.map((c) => c.length))).toBeLessThan(50_000);
  });

  it('refuses a row longer than its cells at the limit, writing nothing', () => {
    const wb = setUp();
    const before = JSON.stringify(wb.tabNames().map((name) => wb.readTab(name)));
    expect(() => importTable(wb, testContext(), { fileName: 'big.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['a', 'x'.repeat(1_000_000)], ['b', 'A01']] })).toThrow(
      /2번째 행이 너무 깁니다 \(1,000,001자, 한도 100,000자\)/,
    );
    expect(JSON.stringify(wb.tabNames().map((name) => wb.readTab(name)))).toBe(before);
  });
});

describe('the counted ballots the tally hands on', () => {
  it('each is its own 투표 row, field by field (they are views over the tally columns)', () => {
    const wb = setUp();
    importTable(wb, testContext(), {
      fileName: 'a.csv',
      encoding: 'utf-8',
      rows: [
        ['투표자', '투표일시', '선택1', '선택2', '동', '연령대', '성별', '채널'],
        ['010-1111-1111', '2020-07-06 10:00', 'A01', 'A02', '당산1동', '30대', '여', '엠보팅'],
        ['010-2222-2222', '2020-07-07 11:30', 'A03', '', '여의동', '40대', '남', '현장'],
        ['010-3333-3333', '2020-07-08 09:15', 'A04', 'A01', '문래동', '20대', '', '엠보팅'],
        ['010-4444-4444', '2020-07-09 18:00', 'A02', 'A04', '', '', '', ''],
      ],
    });
    const ballots = (wb.tabs.get('투표') ?? []).slice(1);
    const { check } = loadTallyInputs(wb);
    const seen = check.accepted.map((b) => ({ voterKey: b.voterKey, votedAt: b.votedAt, picks: [...b.picks], channel: b.channel, source: b.source, row: b.row, dong: b.dong, ageGroup: b.ageGroup, gender: b.gender }));
    // 투표: 투표자키, 투표일시, 선택, 채널, 동, 연령대, 성별, 가져오기, 원본 행
    expect(seen).toEqual(
      ballots.map((r) => ({
        voterKey: r[0],
        votedAt: r[1] === '' ? null : parseSeoulTimestamp(String(r[1])),
        picks: String(r[2]).split(', '),
        channel: r[3],
        source: r[7],
        row: r[8],
        dong: r[4],
        ageGroup: r[5],
        gender: r[6],
      })),
    );
    expect(seen.map((b) => b.dong)).toEqual(['당산1동', '여의동', '문래동', '']);
  });
});

describe('charts and protection', () => {
  it('gives 결과 two charts over its own cells, replaced (not added) on every tally, and protects the tool\'s tabs', () => {
    const wb = setUp();
    const ctx = testContext();
    importTable(wb, ctx, { fileName: 'c.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['a', 'A01, A02'], ['b', 'A03']] });
    runTally(wb, ctx);
    runTally(wb, ctx);
    const charts = wb.charts.get('결과') ?? [];
    expect(charts.map((c) => c.kind)).toEqual(['bar', 'line']);
    const grid = wb.readTab('결과') ?? [];
    const [labels, votes] = charts[0].ranges;
    expect(grid[labels.row - 1][labels.col - 1]).toBe('의제명');
    expect(grid[votes.row - 1][votes.col - 1]).toBe('득표');
    expect(grid.slice(votes.row, votes.row + votes.rows - 1).map((r) => r[votes.col - 1])).toEqual([1, 1, 1, 0]);
    const line = charts[1].ranges[0];
    expect(grid[line.row - 1].slice(line.col - 1, line.col + 2)).toEqual(['차트: 순위', '누적 선정액', '총예산']);
    expect(grid[line.row + 3].slice(line.col - 1, line.col + 2)).toEqual([4, 80_000_000, 100_000_000]);
    expect([...wb.protectedTabs.keys()].sort()).toEqual(['결과', '이력', '제외']);
  });
});

describe('tamper evidence', () => {
  it('notices a hand edit of 결과 after the tally, and is quiet when nothing changed', () => {
    const wb = setUp();
    const ctx = testContext();
    expect(readStatus(wb).resultsEdited).toBeNull();
    importTable(wb, ctx, { fileName: 't.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['a', 'A01'], ['b', 'A02']] });
    runTally(wb, ctx);
    expect(readStatus(wb).resultsEdited).toBe(false);
    const results = wb.readTab('결과') ?? [];
    const a01 = results.findIndex((row) => row[1] === 'A01');
    results[a01][4] = 999;
    wb.writeTab('결과', results);
    expect(readStatus(wb).resultsEdited).toBe(true);
  });
});
