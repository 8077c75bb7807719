/** The pure plan checks: category matching, year-specific rules, exact share arithmetic, data checks, execution. */
import {
  applyRule,
  CodeBook,
  codeMatches,
  normalizeCode,
  parseYear,
  reviewPlans,
  rulesInForce,
  summarizeExecution,
  type BudgetCode,
  type ExecutionRecord,
  type Guideline,
  type PlanLine,
} from '../../src/core/plans';

const code = (c: string, name: string, categories: string[], from: number | null = null, until: number | null = null): BudgetCode => ({
  code: c,
  name,
  group: c.slice(0, 3),
  categories,
  years: { from, until },
  row: 0,
});

const CODES = new CodeBook([
  code('101-01', '보수', ['인건비']),
  code('201-01', '사무관리비', ['운영비']),
  code('201-03', '행사운영비', ['운영비']),
  code('307-02', '민간경상사업보조', ['민간이전']),
  code('307-04', '민간행사사업보조', ['민간이전']),
  code('401-01', '시설비', ['시설비']),
  code('401-04', '행사관련시설비', ['시설비'], null, 2026),
  code('402-01', '민간자본사업보조', ['민간이전']),
]);

let rowCounter = 1;
function line(projectId: string, codeText: string, amount: number | null, year = 2020, item = `item ${rowCounter}`): PlanLine {
  rowCounter += 1;
  return {
    row: rowCounter,
    projectId,
    title: projectId,
    agendaId: '',
    field: '',
    code: codeText,
    item,
    amount,
    amountText: amount === null ? 'x원' : String(amount),
    amountError: amount === null ? 'bad' : null,
    year,
    source: '구비',
  };
}

function rule(partial: Partial<Guideline> & Pick<Guideline, 'category' | 'limitType' | 'limit'>): Guideline {
  return { row: 2, years: { from: null, until: null }, base: 'project', severity: 'error', note: '', example: false, ...partial };
}

describe('budget codes', () => {
  test.each([
    ['401-01', '401-01'],
    ['40101', '401-01'],
    [' 401 - 01 ', '401-01'],
    ['４０１－０１', '401-01'],
    ['401‐01', '401-01'],
  ])('%p normalises to %p', (input, expected) => expect(normalizeCode(input)).toBe(expected));

  test('wildcards and bare groups', () => {
    expect(codeMatches('401-*', '401-04')).toBe(true);
    expect(codeMatches('401', '401-01')).toBe(true);
    expect(codeMatches('401-*', '402-01')).toBe(false);
    expect(codeMatches('40*', '405-01')).toBe(true);
    expect(codeMatches('307-02', '307-04')).toBe(false);
  });

  test('a code abolished in 2027 is unknown for a 2027 plan, known for 2026', () => {
    expect(CODES.find('401-04', 2026)?.name).toBe('행사관련시설비');
    expect(CODES.find('401-04', 2027)).toBeUndefined();
  });

  test('a category is a name from the table, a pattern, or a list of both', () => {
    expect(CODES.inCategory('307-04', '민간이전', 2020)).toBe(true);
    expect(CODES.inCategory('402-01', '307-02, 307-04, 402-*', 2020)).toBe(true);
    expect(CODES.inCategory('201-03', '307-02, 307-04, 402-*', 2020)).toBe(false);
    expect(CODES.inCategory('201-03', '행사운영비', 2020)).toBe(true);
    expect(CODES.inCategory('401-04', '시설비', 2027)).toBe(false);
  });

  test('years: four digits, with or without 년', () => {
    expect(parseYear('2020')).toBe(2020);
    expect(parseYear('2020년')).toBe(2020);
    expect(parseYear('２０２０')).toBe(2020);
    expect(parseYear('20')).toBeNull();
    expect(parseYear('2020.5')).toBeNull();
  });
});

describe('rules', () => {
  test('max share: exact excess in won, pass at exactly the limit', () => {
    const lines = [line('P', '401-01', 57_000_000), line('P', '201-01', 93_000_000)];
    const r = applyRule(rule({ category: '시설비', limitType: 'max_share', limit: 3000 }), lines, CODES);
    expect(r).toMatchObject({ amount: 57_000_000, baseAmount: 150_000_000, actual: 0.38, limit: 0.3, status: 'fail', excess: 12_000_000 });
    const atLimit = [line('P', '401-01', 45_000_000), line('P', '201-01', 105_000_000)];
    expect(applyRule(rule({ category: '시설비', limitType: 'max_share', limit: 3000 }), atLimit, CODES)).toMatchObject({ status: 'pass', excess: 0 });
  });

  test('max share with an odd base rounds the allowance down, so one won over fails', () => {
    // 30% of 100,000,001 = 30,000,000.3 → at most 30,000,000 is within.
    const ok = [line('P', '401-01', 30_000_000), line('P', '201-01', 70_000_001)];
    const over = [line('P', '401-01', 30_000_001), line('P', '201-01', 70_000_000)];
    const r = rule({ category: '401-*', limitType: 'max_share', limit: 3000 });
    expect(applyRule(r, ok, CODES).status).toBe('pass');
    expect(applyRule(r, over, CODES)).toMatchObject({ status: 'fail', excess: 1 });
  });

  test('min share reports the shortfall; a warning rule warns instead of failing', () => {
    const lines = [line('P', '307-02', 20_000_000), line('P', '201-01', 80_000_000)];
    const r = applyRule(rule({ category: '민간이전', limitType: 'min_share', limit: 2500, severity: 'warning' }), lines, CODES);
    expect(r).toMatchObject({ actual: 0.2, limit: 0.25, status: 'warning', excess: 5_000_000 });
  });

  test('max amount and forbidden (a reduction △ does not hide a forbidden line)', () => {
    const lines = [line('P', '201-03', 25_000_000), line('P', '201-01', 10_000_000), line('P', '101-01', 3_000_000), line('P', '101-01', -3_000_000)];
    expect(applyRule(rule({ category: '201-*', limitType: 'max_amount', limit: 30_000_000 }), lines, CODES)).toMatchObject({ actual: 35_000_000, limit: 30_000_000, status: 'fail', excess: 5_000_000 });
    expect(applyRule(rule({ category: '인건비', limitType: 'forbidden', limit: 0 }), lines, CODES)).toMatchObject({ actual: 0, status: 'fail', excess: 6_000_000 });
    expect(applyRule(rule({ category: '인건비', limitType: 'forbidden', limit: 0 }), lines.slice(0, 2), CODES).status).toBe('pass');
  });

  test('a 2020 plan uses the 2020 rule, a 2019 plan the 2019 rule, not the latest', () => {
    const rules = [
      rule({ row: 2, years: { from: 2019, until: null }, category: '시설비', limitType: 'max_share', limit: 3000 }),
      rule({ row: 3, years: { from: 2020, until: null }, category: '시설비', limitType: 'max_share', limit: 5000 }),
      rule({ row: 4, years: { from: 2022, until: null }, category: '시설비', limitType: 'max_share', limit: 2000 }),
      rule({ row: 5, years: { from: 2019, until: 2019 }, category: '민간이전', limitType: 'max_share', limit: 1000 }),
    ];
    expect(rulesInForce(rules, 2019).map((r) => r.row)).toEqual([2, 5]);
    expect(rulesInForce(rules, 2020).map((r) => r.row)).toEqual([3]);
    expect(rulesInForce(rules, 2021).map((r) => r.row)).toEqual([3]);
    expect(rulesInForce(rules, 2023).map((r) => r.row)).toEqual([4]);
    expect(rulesInForce(rules, 2018)).toEqual([]);

    const plan = (year: number) => [line('P', '401-01', 40_000_000, year), line('P', '201-01', 60_000_000, year)];
    const review = reviewPlans({ lines: [...plan(2019), ...plan(2020)], codes: CODES, rules, agendas: null, tolerance: { kind: 'share', bp: 500 } });
    const facility = (year: number) => review.projects.find((p) => p.year === year)?.checks.find((c) => c.category === '시설비');
    expect(facility(2019)).toMatchObject({ status: 'fail', limit: 0.3, guidelineRow: 2, excess: 10_000_000 });
    expect(facility(2020)).toMatchObject({ status: 'pass', limit: 0.5, guidelineRow: 3 });
  });
});

describe('reviewPlans', () => {
  const rules = [
    rule({ category: '시설비', limitType: 'max_share', limit: 5000 }),
    rule({ row: 3, category: '시설비', limitType: 'max_share', limit: 3000, base: 'plan', severity: 'warning' }),
  ];

  test('projects by id in order, plan-wide rules on the whole year, data checks per line', () => {
    const lines = [
      line('A', '401-01', 60_000_000),
      line('A', '201-01', 40_000_000, 2020, '홍보물'),
      line('B', '201-01', 30_000_000, 2020, '교재'),
      line('B', '201-01', 30_000_000, 2020, ' 교재 '),
      line('B', '999-99', 5_000_000),
      line('B', '201-03', null),
      line('A', '401-04', 1_000_000, 2027),
    ];
    const r = reviewPlans({ lines, codes: CODES, rules, agendas: null, tolerance: { kind: 'share', bp: 500 } });
    expect(r.projects.map((p) => [p.id, p.year, p.total, p.lines])).toEqual([
      ['A', 2020, 100_000_000, 2],
      ['B', 2020, 65_000_000, 4],
      ['A', 2027, 1_000_000, 1],
    ]);
    const [a, b, a2027] = r.projects;
    expect(a.checks.map((c) => [c.rule, c.status])).toEqual([['max_share', 'fail']]);
    expect(b.checks.map((c) => [c.rule, c.status, c.rows])).toEqual([
      ['max_share', 'pass', []],
      ['unknown_code', 'fail', [lines[4].row]],
      ['bad_amount', 'fail', [lines[5].row]],
      ['duplicate_line', 'warning', [lines[2].row, lines[3].row]],
    ]);
    expect(a2027.checks.map((c) => c.rule)).toContain('unknown_code');
    // The whole 2020 plan: 60M of 165M = 36.4% > 30% → warning, 10.5M over (30% of 165M = 49.5M).
    expect(r.plans[0]).toMatchObject({ year: 2020, total: 165_000_000, projects: 2 });
    expect(r.plans[0].checks[0]).toMatchObject({ rule: 'max_share', base: 'plan', status: 'warning', amount: 60_000_000, excess: 10_500_000 });
  });

  test('plan total vs the voted cost: within tolerance passes, beyond warns, unknown agenda warns', () => {
    const agendas = new Map([['a01', { id: 'A01', title: '벼룩시장', field: '마을', cost: 100_000_000 }]]);
    const linked = (amount: number, agendaId = 'A01') => ({ ...line(agendaId, '201-01', amount), agendaId, title: '' });
    const check = (amount: number, agendaId?: string) =>
      reviewPlans({ lines: [linked(amount, agendaId)], codes: CODES, rules: [], agendas, tolerance: { kind: 'share', bp: 500 } }).projects[0];
    expect(check(95_000_000).checks.find((c) => c.rule === 'agenda_cost')).toMatchObject({ status: 'pass', actual: 95_000_000, limit: 100_000_000 });
    expect(check(94_999_999).checks.find((c) => c.rule === 'agenda_cost')).toMatchObject({ status: 'warning', excess: 5_000_001 });
    expect(check(95_000_000).title).toBe('벼룩시장');
    expect(check(95_000_000).field).toBe('마을');
    expect(check(1, 'Z9').checks.find((c) => c.rule === 'unknown_agenda')).toMatchObject({ status: 'warning', note: 'Z9' });
  });

  test('a rule naming a category no code has that year is flagged, not silently passed', () => {
    const r = reviewPlans({ lines: [line('A', '201-01', 1)], codes: CODES, rules: [rule({ category: '시설', limitType: 'max_share', limit: 1000 })], agendas: null, tolerance: { kind: 'amount', won: 0 } });
    expect(r.plans[0].checks).toEqual([expect.objectContaining({ rule: 'unknown_category', category: '시설', status: 'warning' })]);
  });

  test('without a code table, pattern categories still apply and codes are not checked', () => {
    const r = reviewPlans({ lines: [line('A', '401-01', 80), line('A', '201-01', 20)], codes: null, rules: [rule({ category: '401-*', limitType: 'max_share', limit: 5000 })], agendas: null, tolerance: { kind: 'amount', won: 0 } });
    expect(r.projects[0].checks.map((c) => [c.rule, c.status, c.excess])).toEqual([['max_share', 'fail', 30]]);
  });
});

describe('summarizeExecution', () => {
  let row = 1;
  const rec = (partial: Partial<ExecutionRecord>): ExecutionRecord => ({
    row: ++row,
    projectId: `P${row}`,
    title: '',
    field: '마을',
    granted: 0,
    executed: 0,
    carriedOver: 0,
    unused: 0,
    openTyped: null,
    status: 'in_progress',
    statusText: '진행',
    reason: '',
    councilDate: '',
    errors: {},
    ...partial,
  });

  test('totals per field and overall add up: granted = executed + carried over + unused + open', () => {
    const s = summarizeExecution([
      rec({ field: '마을', granted: 120, executed: 90 }),
      rec({ field: '마을', granted: 85, executed: 15, carriedOver: 70, status: 'carried_over_explicit', councilDate: '2020-12-18' }),
      rec({ field: '환경', granted: 55, executed: 48, unused: 7, status: 'done' }),
    ]);
    expect(s).toMatchObject({ granted: 260, executed: 153, carriedOver: 70, unused: 7, open: 30 });
    expect(s.fields).toEqual([
      { field: '마을', granted: 205, executed: 105, carriedOver: 70, unused: 0, open: 30 },
      { field: '환경', granted: 55, executed: 48, carriedOver: 0, unused: 7, open: 0 },
    ]);
    expect(s.projects.map((p) => p.result)).toEqual(['pass', 'pass', 'pass']);
    expect(s.balanced).toBe(true);
  });

  test('what does not add up is named', () => {
    const s = summarizeExecution([
      rec({ granted: 100, executed: 110 }),
      rec({ granted: 100, executed: 90, status: 'done' }),
      rec({ granted: 100, executed: 50, status: 'carried_over_accident' }),
      rec({ granted: 100, executed: 50, carriedOver: 50, status: 'carried_over_explicit' }),
      rec({ granted: 100, executed: 50, openTyped: 40 }),
      rec({ granted: null, errors: { granted: '백만' }, status: null, statusText: '보류' }),
    ]);
    expect(s.projects.map((p) => p.checks.map((c) => [c.issue, c.amount]))).toEqual([
      [['overspent', 10]],
      [['open_after_close', 10]],
      [['carry_without_amount', 0]],
      [['no_council_decision', 50]],
      [['balance_mismatch', -10]],
      [['bad_amount', 0], ['bad_status', 0]],
    ]);
    expect(s.projects.map((p) => p.result)).toEqual(['fail', 'fail', 'fail', 'warning', 'fail', 'fail']);
    expect(s.balanced).toBe(false);
    expect(summarizeExecution(s.projects.slice(2, 4).map((_, i) => ({ ...rec({ granted: 100, executed: 50, carriedOver: 50, status: 'carried_over_explicit' }), row: i }))).balanced).toBe(true);
  });
});
