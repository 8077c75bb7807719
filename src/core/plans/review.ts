import { normalizeName } from '../agendaLookup';
import { categoryTokens, CodeBook, isCodePattern } from './codes';
import { applyRule, rulesInForce, sum } from './rules';
import type { CheckStatus, Guideline, PlanLine, RuleBase, Severity } from './types';

/** Checks that are about the data rather than a guideline row. */
export type DataCheck = 'bad_amount' | 'unknown_code' | 'duplicate_line' | 'agenda_cost' | 'unknown_agenda' | 'unknown_category' | 'no_rules';

export interface PlanCheck {
  /** The guideline's limit type, or a data check. */
  rule: Guideline['limitType'] | DataCheck;
  category: string;
  /** Share (fraction) for share rules; won for amounts; null when there is nothing to measure. */
  actual: number | null;
  limit: number | null;
  base: RuleBase | null;
  status: CheckStatus;
  severity: Severity;
  /** Net amount in the category (won), and the total it is measured against. */
  amount: number | null;
  baseAmount: number | null;
  /** By how much it is broken, in won (0 when it passes). */
  excess: number;
  /** Rows of 사업계획 involved. */
  rows: number[];
  /** Row of 지침 the rule comes from (null for data checks). */
  guidelineRow: number | null;
  example: boolean;
  /** The guideline's note (its source), or the offending text for data checks. */
  note: string;
}

export interface ProjectReview {
  id: string;
  title: string;
  agendaId: string;
  field: string;
  year: number;
  total: number;
  lines: number;
  checks: PlanCheck[];
}

export interface PlanYearReview {
  year: number;
  total: number;
  projects: number;
  checks: PlanCheck[];
}

export interface AgendaCost {
  id: string;
  title: string;
  field: string;
  cost: number;
}

/** How far a plan total may be from its agenda's voted cost before a warning: a share (bp) or won. */
export type Tolerance = { kind: 'share'; bp: number } | { kind: 'amount'; won: number };

export interface ReviewInput {
  lines: readonly PlanLine[];
  /** null when the workbook has no 예산과목 tab: codes are then not checked. */
  codes: CodeBook | null;
  rules: readonly Guideline[];
  /** null when the workbook has no 의제 tab. */
  agendas: ReadonlyMap<string, AgendaCost> | null;
  tolerance: Tolerance;
}

export interface ReviewResult {
  projects: ProjectReview[];
  plans: PlanYearReview[];
}

/**
 * Reviews a plan: every project against every rule in force in its year (base = the project),
 * the whole plan of each year against the plan-wide rules, and the data itself (unreadable
 * amounts, codes unknown that year, duplicated lines, a total far from the voted cost).
 */
export function reviewPlans(input: ReviewInput): ReviewResult {
  const { codes } = input;
  // Without a code table, pattern categories (`401-*`) still work; named ones match nothing.
  const book = codes ?? new CodeBook([]);
  const projects = groupProjects(input.lines).map((group): ProjectReview => {
    const first = group[0];
    const agenda = first.agendaId === '' ? undefined : input.agendas?.get(normalizeName(first.agendaId));
    const rules = rulesInForce(input.rules, first.year).filter((r) => r.base === 'project');
    const total = sum(group);
    const checks: PlanCheck[] = rules.map((rule) => fromRule(rule, applyRule(rule, group, book)));
    checks.push(...lineChecks(group, codes), ...duplicateChecks(group));
    if (first.agendaId !== '' && input.agendas !== null) checks.push(agendaCheck(first.agendaId, agenda, total, input.tolerance));
    return {
      id: first.projectId,
      title: group.find((l) => l.title !== '')?.title || agenda?.title || first.projectId,
      agendaId: first.agendaId,
      field: group.find((l) => l.field !== '')?.field || agenda?.field || '',
      year: first.year,
      total,
      lines: group.length,
      checks,
    };
  });

  const years = [...new Set(input.lines.map((l) => l.year))].sort((a, b) => a - b);
  const plans = years.map((year): PlanYearReview => {
    const lines = input.lines.filter((l) => l.year === year);
    const inForce = rulesInForce(input.rules, year);
    const checks = inForce.filter((r) => r.base === 'plan').map((rule) => fromRule(rule, applyRule(rule, lines, book)));
    if (inForce.length === 0) checks.push(dataCheck('no_rules', 'warning', '', { note: String(year) }));
    if (codes !== null) checks.push(...unknownCategories(inForce, codes, year));
    return { year, total: sum(lines), projects: new Set(lines.map((l) => l.projectId)).size, checks };
  });
  return { projects, plans };
}

/** Lines of one project in one year, in the order projects first appear. */
function groupProjects(lines: readonly PlanLine[]): PlanLine[][] {
  const groups = new Map<string, PlanLine[]>();
  for (const line of lines) {
    const key = `${line.year}\u0000${normalizeName(line.projectId)}`;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  return [...groups.values()];
}

function fromRule(rule: Guideline, outcome: ReturnType<typeof applyRule>): PlanCheck {
  return {
    rule: rule.limitType,
    category: rule.category,
    actual: outcome.actual,
    limit: outcome.limit,
    base: rule.base,
    status: outcome.status,
    severity: rule.severity,
    amount: outcome.amount,
    baseAmount: outcome.baseAmount,
    excess: outcome.excess,
    rows: outcome.rows,
    guidelineRow: rule.row,
    example: rule.example,
    note: rule.note,
  };
}

function dataCheck(rule: DataCheck, status: CheckStatus, category: string, more: Partial<PlanCheck> = {}): PlanCheck {
  return {
    rule,
    category,
    actual: null,
    limit: null,
    base: null,
    status,
    severity: status === 'fail' ? 'error' : 'warning',
    amount: null,
    baseAmount: null,
    excess: 0,
    rows: [],
    guidelineRow: null,
    example: false,
    note: '',
    ...more,
  };
}

/** Amounts that do not parse and codes the 예산과목 table does not know for the plan's year. */
function lineChecks(lines: readonly PlanLine[], codes: CodeBook | null): PlanCheck[] {
  const checks: PlanCheck[] = [];
  for (const line of lines) {
    if (line.amountError !== null) checks.push(dataCheck('bad_amount', 'fail', line.code, { rows: [line.row], note: line.amountText }));
    if (codes !== null && codes.find(line.code, line.year) === undefined) {
      checks.push(dataCheck('unknown_code', 'fail', line.code, { rows: [line.row], amount: line.amount, note: line.code === '' ? '' : `${line.code} (${line.year})` }));
    }
  }
  return checks;
}

/** The same code and description twice in one project: usually a line pasted twice. */
function duplicateChecks(lines: readonly PlanLine[]): PlanCheck[] {
  const seen = new Map<string, PlanLine[]>();
  for (const line of lines) {
    const key = `${line.code}\u0000${normalizeName(line.item)}`;
    seen.set(key, [...(seen.get(key) ?? []), line]);
  }
  return [...seen.values()]
    .filter((group) => group.length > 1)
    .map((group) => dataCheck('duplicate_line', 'warning', group[0].code, { rows: group.map((l) => l.row), amount: sum(group), note: group[0].item }));
}

function agendaCheck(agendaId: string, agenda: AgendaCost | undefined, total: number, tolerance: Tolerance): PlanCheck {
  if (agenda === undefined) return dataCheck('unknown_agenda', 'warning', '', { note: agendaId, amount: total });
  const difference = total - agenda.cost;
  const allowed = tolerance.kind === 'amount' ? tolerance.won : Number((BigInt(agenda.cost) * BigInt(tolerance.bp)) / 10000n);
  const status: CheckStatus = Math.abs(difference) > allowed ? 'warning' : 'pass';
  return dataCheck('agenda_cost', status, '', {
    actual: total,
    limit: agenda.cost,
    amount: total,
    baseAmount: agenda.cost,
    excess: status === 'pass' ? 0 : Math.abs(difference),
    note: agenda.id,
  });
}

/** A rule whose category names nothing in the table that year would pass silently: say so. */
function unknownCategories(rules: readonly Guideline[], codes: CodeBook, year: number): PlanCheck[] {
  return rules.flatMap((rule) =>
    categoryTokens(rule.category)
      .filter((token) => !isCodePattern(token) && !codes.knowsCategory(token, year))
      .map((token) => dataCheck('unknown_category', 'warning', token, { guidelineRow: rule.row, example: rule.example, note: String(year) })),
  );
}
