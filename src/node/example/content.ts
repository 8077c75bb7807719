/**
 * The fixed content of the built-in example: a district's 2020 online open forum (열린공론장),
 * modelled on the 영등포구 steering-committee minutes of 2020-07-03 (vote 7. 6.–7. 13., up to
 * 3 of 11 agendas, about 5억 원). Titles are invented but fit the COVID-era alternatives the
 * minutes discuss (drive-through flea market, online shop, non-face-to-face education).
 */

export interface ExampleAgenda {
  id: string;
  title: string;
  field: string;
  /** The amount in won, for the generator's own checks. */
  cost: number;
  /** The amount as a clerk would type it: the forms vary on purpose, to exercise the amount parser. */
  costText: string;
  department: string;
  /** Relative popularity among mVoting's adult voters (shares of picks, in percent). */
  appeal: number;
}

export const FIELDS = ['마을공동체', '복지·돌봄', '환경', '청년·문화', '안전'] as const;

/**
 * Listed in number order; the appeal column sets the expected rank. Costs total 8.9억 against a
 * 5억 budget, and the line is drawn so the rules disagree: ranks 1–4 (A03, A01, A07, A05) use
 * 3.8억, rank 5 (A09, 1.5억) does not fit, and the cheaper ranks 6–7 (A02, A06) do — greedy
 * "skip" funds six agendas (4.9억), "stop at the first that does not fit" funds four.
 */
export const AGENDAS: readonly ExampleAgenda[] = [
  { id: 'A01', title: '드라이브스루 벼룩시장', field: '마을공동체', cost: 120_000_000, costText: '1억 2천만원', department: '자치행정과', appeal: 14.5 },
  { id: 'A02', title: '찾아가는 비대면 협치교육', field: '마을공동체', cost: 50_000_000, costText: '5천만', department: '자치행정과', appeal: 8.6 },
  { id: 'A03', title: '골목 방역 자원봉사단', field: '안전', cost: 80_000_000, costText: '8천만원', department: '보건행정과', appeal: 17.5 },
  { id: 'A04', title: '다회용기 배달 시범사업', field: '환경', cost: 45_000_000, costText: '45,000천원', department: '청소행정과', appeal: 4.4 },
  { id: 'A05', title: '온라인 마을장터', field: '마을공동체', cost: 85_000_000, costText: '85,000천원', department: '일자리경제과', appeal: 11.5 },
  { id: 'A06', title: '폐현수막 재활용 장바구니 나눔', field: '환경', cost: 60_000_000, costText: '6천만원', department: '청소행정과', appeal: 7.5 },
  { id: 'A07', title: '비대면 어르신 안부확인 돌봄', field: '복지·돌봄', cost: 95_000_000, costText: '95,000,000', department: '어르신복지과', appeal: 12.4 },
  { id: 'A08', title: '코로나 마음돌봄 상담소', field: '복지·돌봄', cost: 70_000_000, costText: '7천만원', department: '복지정책과', appeal: 5.0 },
  { id: 'A09', title: '청년 공유공간 온라인 전환', field: '청년·문화', cost: 150_000_000, costText: '150,000,000', department: '청년정책과', appeal: 9.4 },
  { id: 'A10', title: '공원 야간 안심조명', field: '안전', cost: 110_000_000, costText: '1억 1천만원', department: '안전총괄과', appeal: 6.5 },
  { id: 'A11', title: '온라인 마을축제 공연 중계', field: '청년·문화', cost: 25_000_000, costText: '2,500만원', department: '문화체육과', appeal: 3.0 },
];

/** Rows of the 설정 tab, exactly as a district clerk would fill it in for this forum. */
export const SETTINGS: readonly [string, string][] = [
  ['총예산', '5억'],
  ['선택 수', '3'],
  ['선택 방식', '최대'],
  ['규칙 위반 투표', '무효'],
  ['투표 시작', '2020-07-06 00:00'],
  ['투표 종료', '2020-07-13 23:59:59'],
  ['선정 방식', 'greedy'],
  ['동점 처리', '낮은 사업비, 추첨'],
  ['추첨 시드', '20200706'],
  ['최소 득표', '0'],
];

/** 영등포구's 18 administrative 동, weighted roughly by population (thousands). */
export const DONGS: readonly [string, number][] = [
  ['영등포본동', 21], ['영등포동', 19], ['여의동', 31], ['당산1동', 21], ['당산2동', 25], ['도림동', 16],
  ['문래동', 30], ['양평1동', 17], ['양평2동', 13], ['신길1동', 22], ['신길3동', 22], ['신길4동', 12],
  ['신길5동', 25], ['신길6동', 25], ['신길7동', 20], ['대림1동', 20], ['대림2동', 18], ['대림3동', 23],
];

/** Age groups of people who vote online: few teenagers (they have their own channel), many 30–50s. */
export const AGE_GROUPS: readonly [string, number][] = [
  ['10대', 2], ['20대', 14], ['30대', 22], ['40대', 25], ['50대', 19], ['60대', 13], ['70대 이상', 5],
];

/**
 * How an age group's taste departs from the average: the young lean to the youth space and the
 * online festival, the old to elderly care and safety. Agendas not listed keep a factor of 1.
 */
export const AGE_TASTE: Record<string, Partial<Record<string, number>>> = {
  '10대': { A09: 1.7, A11: 1.8, A04: 1.4, A07: 0.6 },
  '20대': { A09: 1.6, A11: 1.6, A04: 1.3, A07: 0.7 },
  '30대': { A09: 1.2, A11: 1.2, A05: 1.1 },
  '60대': { A07: 1.5, A03: 1.1, A10: 1.2, A09: 0.6, A11: 0.6 },
  '70대 이상': { A07: 1.7, A03: 1.2, A10: 1.3, A09: 0.4, A11: 0.4 },
};

/** The vote window in Seoul wall-clock time (see time.ts): 2020-07-06 00:00 to 2020-07-13 23:59:59. */
export const WINDOW_FIRST_DAY = { year: 2020, month: 7, day: 6 };
export const WINDOW_DAYS = 8;
export const DEFAULT_EXAMPLE_SEED = 20200706;
