/**
 * The domain of a budget plan (사업계획): budget lines by statistical object code (통계목), the
 * city's operating guideline (지침) as data, and the execution record (집행) the council reviews.
 * Amounts are integer won; shares are fractions (0.38 = 38%).
 */

/** Years a budget code or a rule is in force, both ends inclusive; null = open. */
export interface YearSpan {
  from: number | null;
  until: number | null;
}

/** One row of 예산과목: a code, its group (편성목) and the categories rules refer to (시설비, 민간이전 …). */
export interface BudgetCode {
  code: string;
  name: string;
  group: string;
  categories: string[];
  years: YearSpan;
  row: number;
}

export type LimitType = 'max_share' | 'min_share' | 'max_amount' | 'forbidden';
/** What a share is a share of: the project's own total, or the whole plan's total for the year. */
export type RuleBase = 'project' | 'plan';
export type Severity = 'error' | 'warning';
export type CheckStatus = 'pass' | 'warning' | 'fail';

/** One row of 지침. `limit` is in basis points (1/100 of a percent) for shares, won for amounts, 0 for forbidden. */
export interface Guideline {
  row: number;
  years: YearSpan;
  /** Category names and/or code patterns, e.g. `시설비` or `307-02, 402-*`. */
  category: string;
  limitType: LimitType;
  limit: number;
  base: RuleBase;
  severity: Severity;
  note: string;
  /** Shipped as an example, not an official number: the review says so next to every result. */
  example: boolean;
}

/** One budget line of 사업계획. `amount` is null when its text could not be read. */
export interface PlanLine {
  row: number;
  /** The agenda id when the project came from the vote, else the project's name. */
  projectId: string;
  title: string;
  agendaId: string;
  field: string;
  code: string;
  item: string;
  amount: number | null;
  amountText: string;
  amountError: string | null;
  year: number;
  source: string;
}

/** 집행 status: 진행 in progress, 변경 changed, 명시이월/사고이월 carried over, 불용 unused, 완료 done. */
export type ExecutionStatus = 'in_progress' | 'changed' | 'carried_over_explicit' | 'carried_over_accident' | 'unused' | 'done';

export interface ExecutionRecord {
  row: number;
  projectId: string;
  title: string;
  field: string;
  /** Amounts in won; null when the cell could not be read (named in `errors`). */
  granted: number | null;
  executed: number | null;
  /** 이월액 */
  carriedOver: number | null;
  /** 불용액 */
  unused: number | null;
  /** 잔액 as typed by staff, when they keep one; null when the column is absent or empty. */
  openTyped: number | null;
  status: ExecutionStatus | null;
  statusText: string;
  reason: string;
  /** 의회 의결일 (as typed). */
  councilDate: string;
  /** Cells that could not be read: column key → text. */
  errors: Record<string, string>;
}

export interface MoneyTotals {
  granted: number;
  executed: number;
  carriedOver: number;
  unused: number;
  /** Still open: granted − executed − carried over − unused. */
  open: number;
}
