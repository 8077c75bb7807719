/**
 * What `init` puts in 예산과목 and 지침. The code table lists the common 통계목 of resident
 * budgets (shared/guide/domain.md) and stays editable: numbers change between years. The
 * guideline rows are EXAMPLES: the city's real ratios are not public, so every row says so
 * and the review marks every result of an example row. The user enters the official numbers.
 */
import type { Grid } from '../workflows/workbook';

type Language = 'ko' | 'en';

/** [code, name, group (편성목), categories, from, until, note]. */
const CODES: [string, string, string, string, string, string, string, string][] = [
  ['101-01', '보수', '101 인건비', '인건비', '', '', '', 'personnel'],
  ['201-01', '사무관리비', '201 일반운영비', '운영비', '', '', '홍보비는 별도 과목이 아닌 사무관리비의 내역', 'office costs; publicity is a line under it'],
  ['201-03', '행사운영비', '201 일반운영비', '운영비', '', '', '', 'event costs'],
  ['202-01', '국내여비', '202 여비', '여비', '', '', '', 'travel'],
  ['307-02', '민간경상사업보조', '307 민간이전', '민간이전', '', '', '', 'private transfer'],
  ['307-04', '민간행사사업보조', '307 민간이전', '민간이전', '', '', '', 'private transfer'],
  ['307-05', '민간위탁금', '307 민간이전', '민간이전', '', '', '', 'private transfer'],
  ['401-01', '시설비', '401 시설비및부대비', '시설비', '', '', '', 'facility costs'],
  ['401-04', '행사관련시설비', '401 시설비및부대비', '시설비', '', '2026', '2027년 폐지', 'abolished in 2027'],
  ['402-01', '민간자본사업보조(자체재원)', '402 민간자본이전', '민간이전', '', '', '402-01/02 통합 시기는 시 예산편성 기준으로 확인', '402-01/02 merge: check the year in the city budget guide'],
  ['402-02', '민간자본사업보조(이전재원)', '402 민간자본이전', '민간이전', '', '', '402-01/02 통합 시기는 시 예산편성 기준으로 확인', '402-01/02 merge: check the year in the city budget guide'],
  ['405-01', '자산취득비', '405 자산취득비', '자산취득', '', '', '', 'asset purchases'],
];

export function defaultBudgetCodes(language: Language): Grid {
  return CODES.map(([code, name, group, category, from, until, noteKo, noteEn]) => [code, name, group, category, from, until, language === 'ko' ? noteKo : noteEn]);
}

const EXAMPLE_NOTE = {
  ko: '예시 값: 공식 비율이 아닙니다. 시 운영지침의 실제 값으로 바꾸세요',
  en: 'Example value, not the official ratio: replace it with the city guideline’s number',
};

/** [from, until, category, limit type, limit, base, severity, note (ko), note (en)]. */
const GUIDELINES: [string, string, string, string, string, string, string, string, string][] = [
  ['2019', '', '시설비', 'max_share', '30%', 'project', 'error', '', ''],
  ['2020', '', '시설비', 'max_share', '50%', 'project', 'error', '2020년 완화 (시 통보 2020. 6. 15.)', 'relaxed in 2020 (city notice 2020-06-15)'],
  ['2019', '', '민간이전', 'max_share', '50%', 'project', 'error', '', ''],
  ['2020', '', '민간이전', 'max_share', '70%', 'project', 'error', '2020년 완화 (시 통보 2020. 6. 15.)', 'relaxed in 2020 (city notice 2020-06-15)'],
  ['2019', '', '인건비', 'forbidden', '', 'project', 'error', '주민참여예산 공통 원칙: 인건비 제외', 'common participatory-budget rule: no personnel costs'],
  ['2019', '', '시설비', 'max_share', '30%', 'plan', 'warning', '계획 전체의 시설비 비중', 'facility share of the whole plan'],
  ['2019', '', '201-*', 'max_amount', '3천만원', 'project', 'warning', '운영비 과다 편성 점검', 'running costs per project'],
];

const WORDS: Record<string, { ko: string; en: string }> = {
  max_share: { ko: '최대 비율', en: 'max_share' },
  max_amount: { ko: '최대 금액', en: 'max_amount' },
  forbidden: { ko: '금지', en: 'forbidden' },
  project: { ko: '사업 합계', en: 'project' },
  plan: { ko: '계획 전체', en: 'plan' },
  error: { ko: '오류', en: 'error' },
  warning: { ko: '경고', en: 'warning' },
};

export function exampleGuidelines(language: Language): Grid {
  const word = (key: string): string => WORDS[key]?.[language] ?? key;
  return GUIDELINES.map(([from, until, category, type, limit, base, severity, noteKo, noteEn]) => {
    const source = language === 'ko' ? noteKo : noteEn;
    const note = source === '' ? EXAMPLE_NOTE[language] : `${EXAMPLE_NOTE[language]} — ${source}`;
    return [from, until, category, word(type), limit, word(base), word(severity), note, language === 'ko' ? '예시' : 'example'];
  });
}
