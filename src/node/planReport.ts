import { formatWon } from '../core/amount';
import type { PlanReviewJson } from '../workflows/api';
import { renderTable } from './terminalTable';

type Language = 'ko' | 'en';

const STATUS: Record<'pass' | 'warning' | 'fail', Record<Language, string>> = {
  pass: { ko: '통과', en: 'pass' },
  warning: { ko: '경고', en: 'warning' },
  fail: { ko: '실패', en: 'fail' },
};

/** What `check-plans` prints: every check that did not pass, then the counts and the execution totals. */
export function describePlanReview(review: PlanReviewJson, language: Language): string {
  const ko = language === 'ko';
  const rows: string[][] = [];
  for (const p of review.projects) {
    for (const c of p.checks) if (c.status !== 'pass') rows.push([String(p.year), p.id, p.title, STATUS[c.status][language], c.message]);
  }
  for (const plan of review.plans) {
    for (const c of plan.checks) if (c.status !== 'pass') rows.push([String(plan.year), ko ? '전체' : 'all', ko ? '계획 전체' : 'whole plan', STATUS[c.status][language], c.message]);
  }
  for (const r of review.rejected) rows.push(['', '', ko ? `사업계획 ${r.row}행` : `plan row ${r.row}`, STATUS.fail[language], r.message]);
  for (const e of review.execution.projects) {
    for (const c of e.checks) rows.push(['', e.id, e.title, STATUS[c.status][language], (ko ? '집행: ' : 'execution: ') + c.message]);
  }
  const header = ko ? ['연도', '번호', '사업명', '결과', '내용'] : ['Year', 'ID', 'Project', 'Result', 'Detail'];
  const x = review.execution;
  const lines = [
    rows.length > 0 ? renderTable(header, rows, new Set()) : ko ? '모든 검토 항목을 통과했습니다.' : 'Every check passed.',
    '',
    ko
      ? `사업 ${review.projects.length}개: 통과 ${review.summary.pass}, 경고 ${review.summary.warning}, 실패 ${review.summary.fail}`
      : `${review.projects.length} projects: pass ${review.summary.pass}, warning ${review.summary.warning}, fail ${review.summary.fail}`,
    ...review.plans.map((p) => (ko ? `${p.year}년 계획 합계 ${formatWon(p.total)}원` : `${p.year} plan total ${formatWon(p.total)}`)),
    ko
      ? `집행: 교부 ${formatWon(x.granted)} = 집행 ${formatWon(x.executed)} + 이월 ${formatWon(x.carriedOver)} + 불용 ${formatWon(x.unused)} + 잔액 ${formatWon(x.open)} ${x.balanced ? '✓' : '✗'}`
      : `execution: granted ${formatWon(x.granted)} = executed ${formatWon(x.executed)} + carried over ${formatWon(x.carriedOver)} + unused ${formatWon(x.unused)} + open ${formatWon(x.open)} ${x.balanced ? '✓' : '✗'}`,
    ...review.warnings.map((w) => `! ${w}`),
    ko ? `입력 지문 ${review.inputFingerprint.slice(0, 16)}…  결과 지문 ${review.resultFingerprint.slice(0, 16)}…` : `input ${review.inputFingerprint.slice(0, 16)}…  result ${review.resultFingerprint.slice(0, 16)}…`,
  ];
  return lines.join('\n');
}
