import type { CheckStatus, ExecutionRecord, ExecutionStatus, MoneyTotals } from './types';

export type ExecutionIssue =
  | 'bad_amount'
  | 'bad_status'
  | 'overspent'
  | 'balance_mismatch'
  | 'open_after_close'
  | 'carry_without_amount'
  | 'carry_without_status'
  | 'no_council_decision';

export interface ExecutionCheck {
  issue: ExecutionIssue;
  status: Exclude<CheckStatus, 'pass'>;
  /** The amount involved, in won (the open balance, the overspend, the mismatch …). */
  amount: number;
  detail: string;
}

export interface ExecutionProject extends MoneyTotals {
  row: number;
  id: string;
  title: string;
  field: string;
  status: ExecutionStatus | null;
  statusText: string;
  /** The worst of its checks. */
  result: CheckStatus;
  checks: ExecutionCheck[];
}

export interface ExecutionSummary extends MoneyTotals {
  fields: ({ field: string } & MoneyTotals)[];
  projects: ExecutionProject[];
  /**
   * Every project's money adds up: nothing spent beyond the grant, a typed balance (잔액) equal to
   * granted − executed − carried over − unused, and nothing left open on a closed project.
   */
  balanced: boolean;
}

const BALANCE_ISSUES: ExecutionIssue[] = ['bad_amount', 'overspent', 'balance_mismatch', 'open_after_close'];

const CLOSED: ExecutionStatus[] = ['done', 'unused'];
const CARRIED: ExecutionStatus[] = ['carried_over_explicit', 'carried_over_accident'];

/**
 * Sums the execution record per field and overall, and checks each project's money adds up:
 * granted = executed + carried over (이월) + unused (불용) + still open. A closed project (완료,
 * 불용) must have nothing open; a carried-over one must say how much; 명시이월 needs the council's
 * prior decision, so its date is expected.
 */
export function summarizeExecution(records: readonly ExecutionRecord[]): ExecutionSummary {
  const projects = records.map((r): ExecutionProject => {
    const money = {
      granted: r.granted ?? 0,
      executed: r.executed ?? 0,
      carriedOver: r.carriedOver ?? 0,
      unused: r.unused ?? 0,
    };
    const open = money.granted - money.executed - money.carriedOver - money.unused;
    const checks: ExecutionCheck[] = [];
    for (const [column, text] of Object.entries(r.errors)) checks.push({ issue: 'bad_amount', status: 'fail', amount: 0, detail: `${column}: ${text}` });
    if (r.status === null && r.statusText !== '') checks.push({ issue: 'bad_status', status: 'fail', amount: 0, detail: r.statusText });
    if (open < 0) checks.push({ issue: 'overspent', status: 'fail', amount: -open, detail: '' });
    if (r.openTyped !== null && r.openTyped !== open) checks.push({ issue: 'balance_mismatch', status: 'fail', amount: r.openTyped - open, detail: String(r.openTyped) });
    if (r.status !== null && CLOSED.includes(r.status) && open > 0) checks.push({ issue: 'open_after_close', status: 'fail', amount: open, detail: '' });
    if (r.status !== null && CARRIED.includes(r.status) && money.carriedOver <= 0) checks.push({ issue: 'carry_without_amount', status: 'fail', amount: 0, detail: '' });
    if (money.carriedOver > 0 && (r.status === null || !CARRIED.includes(r.status))) checks.push({ issue: 'carry_without_status', status: 'warning', amount: money.carriedOver, detail: r.statusText });
    if (r.status === 'carried_over_explicit' && r.councilDate === '') checks.push({ issue: 'no_council_decision', status: 'warning', amount: money.carriedOver, detail: '' });
    const worst: CheckStatus = checks.some((c) => c.status === 'fail') ? 'fail' : checks.length > 0 ? 'warning' : 'pass';
    return { row: r.row, id: r.projectId, title: r.title, field: r.field, status: r.status, statusText: r.statusText, result: worst, ...money, open, checks };
  });

  const byField = new Map<string, MoneyTotals>();
  for (const p of projects) byField.set(p.field, add(byField.get(p.field) ?? zero(), p));
  const overall = projects.reduce<MoneyTotals>((t, p) => add(t, p), zero());
  const balanced = projects.every((p) => p.checks.every((c) => !BALANCE_ISSUES.includes(c.issue)));
  return { ...overall, fields: [...byField].map(([field, totals]) => ({ field, ...totals })), projects, balanced };
}

function zero(): MoneyTotals {
  return { granted: 0, executed: 0, carriedOver: 0, unused: 0, open: 0 };
}

function add(a: MoneyTotals, b: MoneyTotals): MoneyTotals {
  return {
    granted: a.granted + b.granted,
    executed: a.executed + b.executed,
    carriedOver: a.carriedOver + b.carriedOver,
    unused: a.unused + b.unused,
    open: a.open + b.open,
  };
}
