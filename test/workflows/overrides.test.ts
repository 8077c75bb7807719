import { initWorkbook, importTable, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { testContext } from '../helpers/context';

/** Four agendas, budget 100M: by votes A03 (30M), A02 (50M) fit; A01 (60M) and A04 (150M) do not. */
function setUp(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ctx = testContext();
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [
    ['항목', '값'],
    ['총예산', '100,000,000'],
    ['선택 수', '2'],
    ['선정 방식', 'greedy'],
    ['동점 처리', '낮은 사업비'],
  ]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
    ['A03', '마을장터', '경제', '3천만'],
    ['A04', '청년 공간', '문화', '1억 5천만원'],
  ]);
  importTable(wb, ctx, {
    fileName: 'e.csv',
    encoding: 'utf-8',
    rows: [['voter', 'choices'], ['a', 'A03, A02'], ['b', 'A03, A01'], ['c', 'A02, A03'], ['d', 'A01, A04']],
  });
  return wb;
}

const OVERRIDE_HEADER = ['의제', '결정', '사유', '결정자', '결정일'];

describe('manual override (조정)', () => {
  it('is applied after the rule, shown with its reason, and the money follows it', () => {
    const wb = setUp();
    const ctx = testContext();
    const before = runTally(wb, ctx);
    expect(before.selected).toEqual(['A03', 'A02']);
    expect(before.overrides).toEqual([]);
    expect(before.agendas.every((a) => a.override === null)).toBe(true);

    wb.writeTab('조정', [OVERRIDE_HEADER, ['A02', '제외', '다른 사업과 중복 (동일 예산 기지원)', '운영위원회', '2020-07-20']]);
    const after = runTally(wb, ctx);
    // After the rule: the others keep the rule's outcome (A01 is not pulled in), the money follows.
    expect(after.selected).toEqual(['A03']);
    expect(after.spent).toBe(30_000_000);
    const a02 = after.agendas.find((a) => a.id === 'A02');
    expect(a02?.status).toBe('not_selected');
    expect(a02?.override).toMatchObject({ decision: 'exclude', reason: '다른 사업과 중복 (동일 예산 기지원)', decidedBy: '운영위원회', date: '2020-07-20' });
    expect(a02?.override?.ruleReason).toMatch(/^선정: 2위/);
    expect(a02?.reason).toContain('조정: 제외 — 사유: 다른 사업과 중복 (동일 예산 기지원) (운영위원회, 2020-07-20); 규칙에 따른 결과: 선정');
    expect(after.agendas.find((a) => a.id === 'A01')?.override).toBeNull();
    expect(after.overrides).toEqual([expect.objectContaining({ id: 'A02', decision: 'exclude' })]);
    expect(after.inputFingerprint).not.toBe(before.inputFingerprint);

    const results = wb.readTab('결과') ?? [];
    const row = results.find((r) => r[1] === 'A02') ?? [];
    expect(row).toContain('미선정 (조정)');
    const left = results.find((r) => r[0] === '남은 예산');
    expect(left?.[1]).toBe(70_000_000);
    expect(results.some((r) => r[0] === '조정' && String(r[1]).includes('A02 제외'))).toBe(true);

    const audit = wb.readTab('이력') ?? [];
    const last = audit[audit.length - 1].map(String);
    expect(last.some((c) => c.includes('조정 1건 (A02 제외)'))).toBe(true);
    const settingsCell = last.find((c) => c.startsWith('{')) ?? '{}';
    expect(JSON.parse(settingsCell).overrides).toEqual([{ agenda: 'A02', decision: 'exclude', reason: '다른 사업과 중복 (동일 예산 기지원)', decidedBy: '운영위원회', date: '2020-07-20' }]);
  });

  it('funds an agenda the rule left out and says when that overspends the budget', () => {
    const wb = setUp();
    const ctx = testContext();
    wb.writeTab('조정', [OVERRIDE_HEADER, ['청년 공간', '선정', '구청 공모사업과 연계, 추가 재원 확보', '', '']]);
    const r = runTally(wb, ctx);
    expect(r.selected).toEqual(['A03', 'A02', 'A04']);
    expect(r.spent).toBe(230_000_000);
    expect(r.overspend).toBe(130_000_000);
    const a04 = r.agendas.find((a) => a.id === 'A04');
    expect(a04?.status).toBe('selected');
    expect(a04?.reason).toContain('규칙에 따른 결과: 보류');
    const results = wb.readTab('결과') ?? [];
    expect(results.find((row) => row[0] === '예산 초과액 (조정 포함)')?.[1]).toBe(130_000_000);
    expect(results.find((row) => row[1] === 'A04')).toContain('선정 (조정)');
  });

  it('refuses an override without a reason (or of an unknown agenda), naming the rows, and writes nothing', () => {
    const wb = setUp();
    const ctx = testContext();
    runTally(wb, ctx);
    const resultsBefore = wb.readTab('결과');
    const auditBefore = wb.readTab('이력');
    wb.writeTab('조정', [OVERRIDE_HEADER, ['A02', '제외', '', '운영위원회', ''], ['A09', '선정', '예비 의제', '', ''], ['A01', '보류', '검토 중', '', '']]);
    expect(() => runTally(wb, ctx)).toThrow(/2행: 사유가 없습니다.*3행: 없는 의제 'A09'.*4행: 결정은 선정 또는 제외/);
    expect(wb.readTab('결과')).toEqual(resultsBefore);
    expect(wb.readTab('이력')).toEqual(auditBefore);

    wb.writeTab('조정', [OVERRIDE_HEADER, ['A02', '제외', '중복', '', ''], ['a02', '선정', '재검토', '', '']]);
    expect(() => runTally(wb, ctx)).toThrow(/3행: A02는 2행에서 이미 조정됨/);
    wb.writeTab('조정', [['의제', '결정', '결정자'], ['A02', '제외', '운영위원회']]);
    expect(() => runTally(wb, ctx)).toThrow(/'조정' 탭에 '사유' 열이 없습니다/);
  });

  it('accepts English tab and headers, and an empty 조정 tab changes nothing', () => {
    const wb = setUp();
    const ctx = testContext();
    const plain = runTally(wb, ctx);
    expect(wb.tabNames()).toContain('조정');
    expect(runTally(wb, ctx).resultFingerprint).toBe(plain.resultFingerprint);
    wb.tabs.delete('조정');
    wb.writeTab('Overrides', [['agenda', 'decision', 'reason'], ['A03', 'exclude', 'ineligible: private benefit']]);
    const r = runTally(wb, testContext({ language: 'en' }));
    expect(r.selected).toEqual(['A02']);
    expect(r.agendas.find((a) => a.id === 'A03')?.reason).toMatch(/^override: excluded — reason: ineligible: private benefit; by the rule: selected: rank 1/);
  });
});
