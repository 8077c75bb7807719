/**
 * Budget plans (사업계획) and the execution record (집행) of the example's selected agendas, for the
 * 2020 plan year. Designed so the review has something to say under the shipped EXAMPLE rules
 * (2020 rows: 시설비 ≤ 50%, 민간이전 ≤ 70% of a project; 201-* ≤ 3천만원 per project):
 *
 * - A03, A05, A02 keep every rule (A02 carries a △ reduction from a plan change);
 * - A01 puts 60% into 시설비 (401-01): over by 12,000,000원;
 * - A07 puts 75,000,000 of 95,000,000 into 민간이전 (307-05): 78.9%, over by 8,500,000원;
 * - A06 plans 55,000,000 against a voted 60,000,000: a warning beyond the 5% tolerance;
 * - in 집행, A05 is carried over (명시이월 70,000,000) and A06 is done with 7,000,000 unused.
 *
 * Amounts are typed the ways clerks type them, to exercise the parser; `amount` is the won value
 * the tests compute with.
 */

export interface ExamplePlanLine {
  agenda: string;
  code: string;
  item: string;
  amount: number;
  amountText: string;
  source: string;
}

export const PLAN_YEAR = 2020;

export const PLAN_LINES: readonly ExamplePlanLine[] = [
  { agenda: 'A03', code: '201-01', item: '방역물품 구입', amount: 25_000_000, amountText: '2,500만원', source: '구비' },
  { agenda: 'A03', code: '201-03', item: '봉사단 발대식', amount: 5_000_000, amountText: '5,000,000', source: '구비' },
  { agenda: 'A03', code: '307-04', item: '자원봉사단 활동 보조', amount: 50_000_000, amountText: '5천만원', source: '시비' },
  { agenda: 'A01', code: '401-01', item: '임시 주차·동선 시설 설치', amount: 72_000_000, amountText: '72,000,000', source: '시비' },
  { agenda: 'A01', code: '201-03', item: '행사 운영', amount: 20_000_000, amountText: '2천만원', source: '구비' },
  { agenda: 'A01', code: '201-01', item: '홍보물 제작', amount: 8_000_000, amountText: '8,000천원', source: '구비' },
  { agenda: 'A01', code: '405-01', item: '천막·방역 장비 구입', amount: 20_000_000, amountText: '20,000,000', source: '구비' },
  { agenda: 'A07', code: '307-05', item: '안부확인 콜센터 민간위탁', amount: 75_000_000, amountText: '7천5백만원', source: '시비' },
  { agenda: 'A07', code: '201-01', item: '안내문 제작', amount: 10_000_000, amountText: '１０，０００，０００', source: '구비' },
  { agenda: 'A07', code: '405-01', item: 'AI 스피커 구입', amount: 10_000_000, amountText: '금 10,000,000원', source: '구비' },
  { agenda: 'A05', code: '201-01', item: '플랫폼 운영', amount: 25_000_000, amountText: '25,000,000', source: '구비' },
  { agenda: 'A05', code: '307-02', item: '입점 소상공인 지원', amount: 40_000_000, amountText: '4천만원', source: '시비' },
  { agenda: 'A05', code: '401-01', item: '공동 물류 거점 정비', amount: 20_000_000, amountText: '20,000천원', source: '시비' },
  { agenda: 'A02', code: '201-03', item: '대면 교육 운영', amount: 25_000_000, amountText: '25,000,000', source: '구비' },
  { agenda: 'A02', code: '201-03', item: '대면 교육 축소 (계획 변경)', amount: -5_000_000, amountText: '△5,000,000', source: '구비' },
  { agenda: 'A02', code: '201-01', item: '온라인 교재 제작', amount: 10_000_000, amountText: '1천만원', source: '구비' },
  { agenda: 'A02', code: '307-04', item: '교육 단체 보조', amount: 20_000_000, amountText: '20,000,000', source: '시비' },
  { agenda: 'A06', code: '201-01', item: '장바구니 제작', amount: 30_000_000, amountText: '3천만원', source: '구비' },
  { agenda: 'A06', code: '307-02', item: '자활기업 재활용 보조', amount: 25_000_000, amountText: '25,000,000', source: '구비' },
];

export interface ExampleExecution {
  agenda: string;
  granted: number;
  executed: number;
  status: string;
  carriedOver: number;
  unused: number;
  reason: string;
  councilDate: string;
}

export const EXECUTION: readonly ExampleExecution[] = [
  { agenda: 'A03', granted: 80_000_000, executed: 80_000_000, status: '완료', carriedOver: 0, unused: 0, reason: '', councilDate: '' },
  { agenda: 'A01', granted: 120_000_000, executed: 90_000_000, status: '변경', carriedOver: 0, unused: 0, reason: '거리두기로 드라이브스루 방식으로 변경', councilDate: '' },
  { agenda: 'A07', granted: 95_000_000, executed: 95_000_000, status: '완료', carriedOver: 0, unused: 0, reason: '', councilDate: '' },
  { agenda: 'A05', granted: 85_000_000, executed: 15_000_000, status: '명시이월', carriedOver: 70_000_000, unused: 0, reason: '코로나19로 입점 모집 지연', councilDate: '2020. 12. 18.' },
  { agenda: 'A02', granted: 50_000_000, executed: 42_000_000, status: '진행', carriedOver: 0, unused: 0, reason: '', councilDate: '' },
  { agenda: 'A06', granted: 55_000_000, executed: 48_000_000, status: '완료', carriedOver: 0, unused: 7_000_000, reason: '현장 나눔 행사 축소', councilDate: '' },
];
