/** 예산 검토 over the in-memory host: init's tabs, typed plan lines, the 검토 tab, fills and 이력. */
import { checkPlans, initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { testContext } from '../helpers/context';

function book(planRows: (string | number)[][], header = ['사업명', '의제 번호', '분야', '통계목', '산출내역', '금액', '연도', '재원']): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '드라이브스루 벼룩시장', '마을공동체', '1억 5천만원'],
    ['A02', '비대면 협치교육', '마을공동체', '5천만'],
  ]);
  wb.writeTab('사업계획', [header, ...planRows]);
  return wb;
}

describe('init', () => {
  test('creates the plan tabs, a code table and example rules marked as examples', () => {
    const wb = new MemoryWorkbook();
    const report = initWorkbook(wb, testContext());
    expect(report.created).toEqual(expect.arrayContaining(['사업계획', '예산과목', '지침', '검토', '집행']));
    const codes = wb.readTab('예산과목') ?? [];
    expect(codes[0]).toEqual(['통계목', '과목명', '편성목', '분류', '시작 연도', '종료 연도', '비고']);
    expect(codes.find((r) => r[0] === '401-04')?.[5]).toBe('2026');
    expect(codes.filter((r) => r[3] === '민간이전').map((r) => r[0])).toEqual(['307-02', '307-04', '307-05', '402-01', '402-02']);
    const rules = wb.readTab('지침') ?? [];
    expect(rules.length).toBeGreaterThan(1);
    for (const rule of rules.slice(1)) {
      expect(rule[8]).toBe('예시');
      expect(String(rule[7])).toMatch(/^예시 값: 공식 비율이 아닙니다/);
    }
    expect((wb.readTab('설정') ?? []).find((r) => r[0] === '계획 허용 오차')?.[1]).toBe('5%');
  });
});

describe('checkPlans', () => {
  test('the issue example: 시설비 38.0% > 30% by 12,000,000원 under the 2019 rules; the 2020 rules pass it', () => {
    const wb = book([
      ['드라이브스루 벼룩시장', 'A01', '', '401-01', '임시 시설', '57,000,000', '2019', '구비'],
      ['드라이브스루 벼룩시장', 'A01', '', '201-03', '행사 운영', '9,300만원', '2019', '구비'],
      ['드라이브스루 벼룩시장', 'A01', '', '401-01', '임시 시설', '57,000,000', '2020', '구비'],
      ['드라이브스루 벼룩시장', 'A01', '', '201-03', '행사 운영', '9,300만원', '2020', '구비'],
    ]);
    const r = checkPlans(wb, testContext());
    const facility = (year: number) => r.projects.find((p) => p.year === year)?.checks.find((c) => c.category === '시설비' && c.rule === 'max_share');
    expect(facility(2019)).toMatchObject({ actual: 0.38, limit: 0.3, base: 'project', status: 'fail', excess: 12_000_000, example: true, message: '시설비 38.0% > 30% (12,000,000원 초과) [예시 규칙]' });
    expect(facility(2020)).toMatchObject({ actual: 0.38, limit: 0.5, status: 'pass' });
    // 201-* (운영비) 93,000,000 > 30,000,000 warns in both years.
    expect(r.projects[0].checks.find((c) => c.rule === 'max_amount')).toMatchObject({ status: 'warning', excess: 63_000_000 });

    const review = wb.readTab('검토') ?? [];
    const fills = wb.formats.get('검토')?.fills ?? [];
    const failRow = review.findIndex((row) => row[12] === facility(2019)?.message) + 1;
    expect(failRow).toBeGreaterThan(0);
    expect(review[failRow - 1].slice(0, 11)).toEqual([2019, 'A01', '드라이브스루 벼룩시장', '마을공동체', 150_000_000, '최대 비율', '시설비', '38.0%', '30%', '사업 합계', '실패']);
    expect(fills).toEqual(expect.arrayContaining([{ row: failRow, col: 11, color: '#f4c7c3' }, { row: failRow, col: 8, color: '#f4c7c3' }]));
    const passRow = review.findIndex((row) => row[0] === 2020 && row[6] === '시설비' && row[5] === '최대 비율') + 1;
    expect(fills.filter((f) => f.row === passRow)).toEqual([]);
    const audit = wb.readTab('이력') ?? [];
    expect(audit[audit.length - 1][2]).toBe('예산 검토');
    expect(audit[audit.length - 1][4]).toBe(r.inputFingerprint);
  });

  test('unreadable amounts, unknown codes, duplicates, rows without a project, cost far from the vote', () => {
    const wb = book([
      ['비대면 협치교육', 'A02', '', '201-03', '교육 운영', '2천만원', '2020', '구비'],
      ['비대면 협치교육', 'A02', '', '201-03', '교육 운영', '2천만원', '2020', '구비'],
      ['비대면 협치교육', 'A02', '', '999-01', '무엇', '1,000', '2020', '구비'],
      ['비대면 협치교육', 'A02', '', '201-01', '교재', '백만만', '2020', '구비'],
      ['', '', '', '201-01', '주인 없는 줄', '1,000', '2020', ''],
      ['비대면 협치교육', 'A02', '', '201-01', '교재', '1,000', '20', ''],
    ]);
    const r = checkPlans(wb, testContext());
    expect(r.projects).toHaveLength(1);
    const p = r.projects[0];
    expect(p.total).toBe(40_001_000);
    expect(p.checks.filter((c) => c.status !== 'pass').map((c) => [c.rule, c.rows])).toEqual([
      ['max_amount', [2, 3, 5]],
      ['unknown_code', [4]],
      ['bad_amount', [5]],
      ['duplicate_line', [2, 3]],
      ['agenda_cost', []],
    ]);
    expect(p.checks.find((c) => c.rule === 'agenda_cost')?.message).toBe('사업 합계 40,001,000원 ≠ 의제 사업비 50,000,000원 (차이 -9,999,000원)');
    expect(r.rejected.map((x) => [x.row, x.reason])).toEqual([[6, 'no_project'], [7, 'bad_year']]);
    // Every plan row is accounted for: 4 lines in the project + 2 rejected = 6 rows.
    expect(p.lines + r.rejected.length).toBe(6);
  });

  test('amounts under a 금액(천원) header are thousands of won, unless they carry their own unit', () => {
    const wb = book(
      [
        ['교육', '', '', '201-03', '운영', '1,500', '2020'],
        ['교육', '', '', '201-01', '교재', '△500', '2020'],
        ['교육', '', '', '307-04', '보조', '2억', '2020'],
      ],
      ['사업명', '의제 번호', '분야', '통계목', '산출내역', '금액(천원)', '연도'],
    );
    expect(checkPlans(wb, testContext()).projects[0].total).toBe(1_500_000 - 500_000 + 200_000_000);
  });

  test('execution: totals per field and overall, carried over and unused, checks that add up', () => {
    const wb = book([
      ['드라이브스루 벼룩시장', 'A01', '', '201-03', '행사', '1억 5천만원', '2020', '구비'],
      ['비대면 협치교육', 'A02', '안전', '201-03', '교육', '5천만원', '2020', '구비'],
    ]);
    wb.writeTab('집행', [
      ['사업명', '의제 번호', '분야', '교부액', '집행액', '상태', '이월액', '불용액', '잔액', '사유', '의회 의결일'],
      ['', 'A01', '', '150,000,000', '30,000,000', '명시이월', '120,000,000', '', '', '코로나19', ''],
      ['비대면 협치교육', '', '', '5천만원', '4,600만원', '완료', '', '4,000,000', '', '', ''],
      ['없는 사업', '', '환경', '1,000', '2,000', '진행', '', '', '', '', ''],
    ]);
    const r = checkPlans(wb, testContext());
    expect(r.execution).toMatchObject({ granted: 200_001_000, executed: 76_002_000, carriedOver: 120_000_000, unused: 4_000_000, open: -1_000, balanced: false });
    expect(r.execution.fields).toEqual([
      { field: '마을공동체', granted: 150_000_000, executed: 30_000_000, carriedOver: 120_000_000, unused: 0, open: 0 },
      { field: '안전', granted: 50_000_000, executed: 46_000_000, carriedOver: 0, unused: 4_000_000, open: 0 },
      { field: '환경', granted: 1_000, executed: 2_000, carriedOver: 0, unused: 0, open: -1_000 },
    ]);
    expect(r.execution.projects.map((p) => [p.id, p.result, p.checks.map((c) => c.issue)])).toEqual([
      ['A01', 'warning', ['no_council_decision']],
      ['A02', 'pass', []],
      ['없는 사업', 'fail', ['overspent']],
    ]);
    const review = wb.readTab('검토') ?? [];
    expect(review.find((row) => row[0] === '합계')?.slice(4, 9)).toEqual([200_001_000, 76_002_000, 120_000_000, 4_000_000, -1_000]);
  });

  test('a guideline row that cannot be read stops the check and writes nothing', () => {
    const wb = book([['교육', '', '', '201-03', '운영', '1,500', '2020']]);
    wb.writeTab('지침', [['시작 연도', '분류', '한도 종류', '한도'], ['2020', '시설비', '최대 비율', '삼십']]);
    const before = wb.readTab('검토');
    expect(() => checkPlans(wb, testContext())).toThrow(/^'지침' 탭을 읽을 수 없습니다 \/ Cannot read guidelines: 2행: 한도 '삼십'/);
    expect(wb.readTab('검토')).toEqual(before);
  });

  test('same tabs, same review and fingerprints; English labels with --lang en', () => {
    const rows = [['교육', '', '', '401-01', '시설', '6,000', '2019'], ['교육', '', '', '201-01', '교재', '4,000', '2019']];
    const a = checkPlans(book(rows), testContext());
    const b = checkPlans(book(rows), testContext());
    expect(b).toEqual(a);
    const en = checkPlans(book(rows), testContext({ language: 'en' }));
    expect(en.projects[0].checks[0].message).toBe('시설비 60.0% > 30% by 3,000 KRW [example rule]');
  });
});
