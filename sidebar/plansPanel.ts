/**
 * The 예산 검토 (Check plans) panel: one button, the counts, and every check that did not pass.
 * Self-contained (its own texts and DOM) so the sidebar shell only mounts it. Text goes in through
 * textContent only (el/table), never as HTML.
 */
import type { PlanReviewJson } from '../src/workflows/api';
import { clear, el, groupDigits, table } from './dom';
import type { Lang } from './i18n';

const TEXTS = {
  ko: {
    run: '예산 검토하기',
    running: '검토하는 중…',
    summary: (projects: number, pass: number, warning: number, fail: number) => `사업 ${projects}개: 통과 ${pass}, 경고 ${warning}, 실패 ${fail}`,
    execution: (g: string, e: string, c: string, u: string, o: string) => `집행: 교부 ${g} = 집행 ${e} + 이월 ${c} + 불용 ${u} + 잔액 ${o}`,
    caption: '통과하지 못한 항목',
    allPass: '모든 검토 항목을 통과했습니다.',
    cols: ['번호', '사업명', '결과', '내용'],
    status: { pass: '통과', warning: '경고', fail: '실패' },
    details: "자세한 내용은 '검토' 탭에 있습니다.",
  },
  en: {
    run: 'Check plans',
    running: 'Checking…',
    summary: (projects: number, pass: number, warning: number, fail: number) => `${projects} projects: pass ${pass}, warning ${warning}, fail ${fail}`,
    execution: (g: string, e: string, c: string, u: string, o: string) => `Execution: granted ${g} = executed ${e} + carried over ${c} + unused ${u} + open ${o}`,
    caption: 'Checks that did not pass',
    allPass: 'Every check passed.',
    cols: ['ID', 'Project', 'Result', 'Detail'],
    status: { pass: 'pass', warning: 'warning', fail: 'fail' },
    details: "Details are in the 'Review' tab.",
  },
};

export function plansPanelTexts(lang: Lang): (typeof TEXTS)['ko'] {
  return TEXTS[lang];
}

export function renderPlanReview(out: HTMLElement, r: PlanReviewJson, lang: Lang): void {
  const t = TEXTS[lang];
  clear(out);
  const rows: string[][] = [];
  for (const p of r.projects) for (const c of p.checks) if (c.status !== 'pass') rows.push([p.id, p.title, t.status[c.status], c.message]);
  for (const p of r.plans) for (const c of p.checks) if (c.status !== 'pass') rows.push([String(p.year), '', t.status[c.status], c.message]);
  for (const x of r.rejected) rows.push([String(x.row), '', t.status.fail, x.message]);
  for (const e of r.execution.projects) for (const c of e.checks) rows.push([e.id, e.title, t.status[c.status], c.message]);
  const x = r.execution;
  out.append(
    el('p', {}, t.summary(r.projects.length, r.summary.pass, r.summary.warning, r.summary.fail)),
    el('p', x.balanced ? {} : { class: 'warn' }, t.execution(groupDigits(x.granted), groupDigits(x.executed), groupDigits(x.carriedOver), groupDigits(x.unused), groupDigits(x.open))),
    ...r.warnings.map((w) => el('p', { class: 'warn' }, w)),
    rows.length === 0 ? el('p', {}, t.allPass) : el('div', { class: 'scroll' }, table(t.caption, t.cols, rows)),
    el('p', {}, t.details),
  );
}
