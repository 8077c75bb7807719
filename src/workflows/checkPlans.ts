import { normalizeName } from '../core/agendaLookup';
import { printLayout } from '../sheets/printLayout';
import { isUserError, UserError } from '../core/errors';
import { Fingerprint, sha256Hex } from '../core/hash';
import { CodeBook, reviewPlans, rulesInForce, summarizeExecution, type AgendaCost, type CheckStatus, type ExecutionSummary, type PlanCheck } from '../core/plans';
import { readAgendas } from '../sheets/agendas';
import { projectDirectory, readBudgetCodes, readExecution, readGuidelines, readPlanLines, readTolerance } from '../sheets/plans';
import { describeCheck, describeExecutionCheck, describeRejected, reviewGrid } from '../sheets/review';
import { TABS } from '../sheets/schema';
import type { PlanCheckJson, PlanReviewJson } from './api';
import { appendAudit } from './audit';
import { hashingOf, type HostContext } from './context';
import { optionalTable, readTab, requireTable, tabNameFor } from './tabs';
import type { FormatSpan } from '../sheets/typedCells';
import type { Workbook } from './workbook';

type Language = 'ko' | 'en';
const L = (language: Language, ko: string, en: string): string => (language === 'ko' ? ko : en);

/**
 * 예산 검토: reads 사업계획 with 예산과목, 지침, 의제 and 집행, checks every project against the
 * rules in force in its year, rewrites 검토 (failing cells coloured) and records the run in 이력.
 * Broken rules are the result, not an error; only unusable input (no plan, an unreadable
 * guideline or code row) stops it, and then nothing is written.
 */
export function checkPlans(wb: Workbook, ctx: HostContext): PlanReviewJson {
  const language = ctx.language;
  const plansTable = requireTable(wb, 'plans');
  const { lines, rejected } = readPlanLines(plansTable);
  if (lines.length === 0 && rejected.length === 0) {
    throw new UserError('no_plan_lines', `'${plansTable.tabName}' 탭에 예산 줄이 없습니다 / The plans tab has no budget lines`);
  }
  const warnings: string[] = [];
  const codesTable = optionalTable(wb, 'budgetCodes');
  const codes = codesTable === null ? null : new CodeBook(readBudgetCodes(codesTable));
  if (codes === null) warnings.push(L(language, `'${TABS.budgetCodes.ko}' 탭이 없어 통계목을 확인하지 않았습니다`, `no '${TABS.budgetCodes.en}' tab: budget codes were not checked`));
  const guidelinesTable = optionalTable(wb, 'guidelines');
  const rules = guidelinesTable === null ? [] : readGuidelines(guidelinesTable);
  if (guidelinesTable === null) warnings.push(L(language, `'${TABS.guidelines.ko}' 탭이 없어 지침을 적용하지 않았습니다`, `no '${TABS.guidelines.en}' tab: no rules applied`));
  const agendas = readAgendaCosts(wb, warnings, language);
  const tolerance = readTolerance(optionalTable(wb, 'settings'));
  const years = [...new Set(lines.map((l) => l.year))];
  const examples = rules.filter((r) => r.example && years.some((y) => rulesInForce(rules, y).includes(r))).length;
  if (examples > 0) {
    warnings.push(L(language, `예시 규칙 ${examples}개를 적용했습니다. 공식 비율이 아니므로 '${TABS.guidelines.ko}' 탭에 실제 값을 입력하세요`, `${examples} example rules applied: they are not official numbers, enter the real ones in '${TABS.guidelines.en}'`));
  }

  const review = reviewPlans({ lines, codes, rules, agendas, tolerance });
  const executionTable = optionalTable(wb, 'execution');
  const fieldOf = (agendaId: string): string => agendas?.get(normalizeName(agendaId))?.field ?? '';
  const records = executionTable === null ? [] : readExecution(executionTable, projectDirectory(lines, fieldOf));
  const execution = summarizeExecution(records);

  const fp = new Fingerprint(hashingOf(ctx));
  for (const l of lines) fp.addRow([l.row, l.projectId, l.title, l.field, l.code, l.item, l.amount, l.amountText, l.year, l.source]);
  for (const r of rejected) fp.addRow([r.row, r.reason, r.text]);
  for (const c of codes?.codes ?? []) fp.addRow([c.code, c.name, c.group, c.categories.join(','), c.years.from, c.years.until]);
  for (const r of rules) fp.addRow([r.row, r.years.from, r.years.until, r.category, r.limitType, r.limit, r.base, r.severity, r.example]);
  for (const a of agendas?.values() ?? []) fp.addRow([a.id, a.field, a.cost]);
  for (const e of records) fp.addRow([e.row, e.projectId, e.field, e.granted, e.executed, e.carriedOver, e.unused, e.openTyped, e.statusText, e.councilDate]);
  fp.addText(JSON.stringify(tolerance));
  const inputFingerprint = fp.hex();

  const toJson = (check: PlanCheck): PlanCheckJson => ({ ...check, message: describeCheck(check, language) });
  const counts: Record<CheckStatus, number> = { pass: 0, warning: 0, fail: 0 };
  for (const check of [...review.projects.flatMap((p) => p.checks), ...review.plans.flatMap((p) => p.checks)]) counts[check.status] += 1;
  counts.fail += rejected.length;
  for (const p of execution.projects) counts[p.result] += 1;

  const body = {
    projects: review.projects.map((p) => ({ id: p.id, title: p.title, total: p.total, checks: p.checks.map(toJson), agendaId: p.agendaId, field: p.field, year: p.year, lines: p.lines })),
    plans: review.plans.map((p) => ({ year: p.year, total: p.total, projects: p.projects, checks: p.checks.map(toJson) })),
    rejected: rejected.map((r) => ({ row: r.row, reason: r.reason, message: describeRejected(r, language) })),
    execution: executionJson(execution, language),
    summary: counts,
    tolerance: tolerance.kind === 'share' ? `${tolerance.bp / 100}%` : String(tolerance.won),
    warnings,
    inputFingerprint,
  };
  const json: PlanReviewJson = { ...body, resultFingerprint: sha256Hex(JSON.stringify(body)) };

  const { grid, fills, boldRows, frozenRows } = reviewGrid(
    { review, rejected, execution: executionTable === null ? null : execution, tolerance, counts, warnings, inputFingerprint, resultFingerprint: json.resultFingerprint },
    language,
  );
  // Project totals and differences as `#,##0` numbers, ids as text (actual/limit mix shares and won: text).
  const formats: FormatSpan[] = [
    { col: 2, fromRow: frozenRows + 1, format: 'text' },
    { col: 5, fromRow: frozenRows + 1, format: 'amount' },
    { col: 12, fromRow: frozenRows + 1, format: 'amount' },
  ];
  wb.writeTab(tabNameFor(wb, TABS.review, language), grid, { frozenRows, boldRows, fills, formats, pageSetup: printLayout('review', frozenRows) });
  appendAudit(wb, ctx, readTab(wb, 'audit'), {
    what: 'checkPlans',
    detail: L(language, `통과 ${counts.pass}, 경고 ${counts.warning}, 실패 ${counts.fail}`, `pass ${counts.pass}, warning ${counts.warning}, fail ${counts.fail}`),
    input: inputFingerprint,
    settings: JSON.stringify({ tolerance, rules: rules.length, codes: codes?.codes.length ?? null }),
    result: json.resultFingerprint,
  });
  return json;
}

/** Voted costs from 의제, for the plan-vs-cost check. A broken 의제 tab is a warning here, not a stop. */
function readAgendaCosts(wb: Workbook, warnings: string[], language: Language): Map<string, AgendaCost> | null {
  const table = optionalTable(wb, 'agendas');
  if (table === null || table.rows.length === 0) return null;
  try {
    return new Map(readAgendas(table).map((a) => [normalizeName(a.id), { id: a.id, title: a.title, field: a.field, cost: a.cost }]));
  } catch (error) {
    if (!isUserError(error)) throw error;
    warnings.push(L(language, `의제 사업비와 비교하지 않았습니다: ${error.message}`, `plan totals not compared with voted costs: ${error.message}`));
    return null;
  }
}

function executionJson(summary: ExecutionSummary, language: Language): PlanReviewJson['execution'] {
  const money = (t: { granted: number; executed: number; carriedOver: number; unused: number; open: number }) => ({
    granted: t.granted,
    executed: t.executed,
    carriedOver: t.carriedOver,
    unused: t.unused,
    open: t.open,
  });
  return {
    ...money(summary),
    fields: summary.fields.map((f) => ({ field: f.field, ...money(f) })),
    projects: summary.projects.map((p) => ({
      id: p.id,
      title: p.title,
      field: p.field,
      row: p.row,
      status: p.status,
      ...money(p),
      result: p.result,
      checks: p.checks.map((c) => ({ issue: c.issue, status: c.status, amount: c.amount, message: describeExecutionCheck(c, language) })),
    })),
    balanced: summary.balanced,
  };
}
