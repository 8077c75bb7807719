/** JSON-safe shapes that workflows return to hosts (CLI --json, sidebar RPC). No Date objects. */
import type { Warning, WarningCode } from '../core/warnings';
import type { JobProgress } from './jobs/engine';

export interface InitReport {
  created: string[];
  existing: string[];
}

export interface ImportInput {
  fileName: string;
  /** The export as a table of text cells, header row first. */
  rows: string[][];
  /** How the host decoded the bytes (utf-8, utf-8-bom, cp949, xlsx, ...). */
  encoding: string;
  /** Channel name for rows that do not say theirs (e.g. "현장투표"). */
  channel?: string;
  /**
   * The fingerprint of the table as the sender read it, when `rows` are not quite those rows: a
   * staged upload's voter cells were hashed on arrival. Hosts never take it from a caller.
   */
  fingerprint?: string;
  /**
   * Cells of `rows` that held a formula in the file (0-based row and column of `rows`, the header
   * row being 0). A reader gives such a cell's saved result as its text; the import sets its row
   * aside (`formula_cell`): a formula is never a vote, a voter or a time.
   */
  formulaCells?: readonly FormulaCell[];
  /**
   * A staged upload's own finding of the content rule (null: no column of phone numbers), made
   * from the rows before their phone numbers were hashed. Hosts never take it from a caller.
   */
  voterColumnByContent?: number | null;
  /**
   * Each row is one whole ballot (a pabulib VOTES row): a voter's second row is a repeat to set
   * aside, never more picks of the first — the pick-per-row shape is not tried. Hosts never take it
   * from a caller.
   */
  ballotPerRow?: true;
}

/** Where a formula was in an export (see ImportInput.formulaCells); never the formula itself. */
export interface FormulaCell {
  row: number;
  column: number;
}

export interface ImportReport {
  fileName: string;
  encoding: string;
  /** `scores`: a committee score sheet (심사: agenda, scorer, score), imported into the 심사 tab. */
  shape: 'choice-columns' | 'choice-list' | 'pick-rows' | 'totals' | 'scores';
  rowsRead: number;
  rowsCounted: number;
  ballotsCounted: number;
  /** Votes added by a totals-only channel (shape 'totals'). */
  totalsVotes: number;
  /** Rows set aside; `reasons` counts each row once, under its first reason, so they add up to `total`. */
  setAside: { total: number; reasons: Record<string, number> };
  /** Ballots counted but changed (duplicate picks merged, picks beyond N dropped). */
  trimmed: number;
  alreadyImported: boolean;
  fingerprint: string;
  /** The warnings' messages; `warningCodes` holds their codes in the same order (see core/warnings). */
  warnings: string[];
  warningCodes: WarningCode[];
  /** Score rows added to 심사 (shape `scores` only). */
  scoresCounted?: number;
}

export interface TallyAgendaJson {
  id: string;
  title: string;
  field: string;
  cost: number;
  votes: number;
  share: number;
  rank: number;
  status: 'selected' | 'on_hold' | 'not_selected';
  reason: string;
  /** Of `votes`, those reported by totals-only channels. */
  totalsVotes: number;
  /** Agendas with the same votes, the rule that ordered them, and whether the budget line splits them. */
  tie: { with: string[]; decidedBy: string; atBoundary: boolean } | null;
  /** 조정: the committee's decision after the rule, or null. `status` is the final one. */
  override: OverrideJson | null;
  /** 가중치: the final score that ranked the agenda and its parts (null when ranked by votes). */
  score: { final: number; scorers: number; parts: { part: string; weight: number; raw: number; normalized: number; points: number }[] } | null;
}

export interface OverrideJson {
  decision: 'fund' | 'exclude';
  reason: string;
  decidedBy: string;
  date: string;
  /** What the rule alone decided, in words. */
  ruleReason: string;
}

export interface TallyJson {
  rule: string;
  tieBreak: string[];
  budget: number;
  spent: number;
  voters: number;
  validBallots: number;
  setAside: number;
  picks: number;
  agendas: TallyAgendaJson[];
  selected: string[];
  /** Lottery seed, minimum votes applied, and the picks sanity check (picks ≤ or = ballots × N). */
  seed: string;
  threshold: number;
  check: { ballotPicks: number; maxPicks: number; exact: boolean; ok: boolean };
  /** Per-field budgets: what each field spent and handed back to the pool (empty without them). */
  fields: { field: string; budget: number; spent: number; returned: number }[];
  /** Leftover policy of field budgets (pool | none), and the overshoot rule (% of cost, or null). */
  leftover: 'pool' | 'none';
  overshoot: number | null;
  /** Money spent beyond the budget by the overshoot rule (0 otherwise). */
  overspend: number;
  /** Method of Equal Shares: completion, each voter's share in the kept run, runs made (null for greedy). */
  mes: { completion: string; perVoterBudget: string; runs: number; replays: number } | null;
  /** 조정 applied after the rule, in rank order (empty without a 조정 tab or rows in it). */
  overrides: ({ id: string } & OverrideJson)[];
  /** Weighted scores: weights, 점수 환산, the formula in words, and one scorer's weight in residents (null when ranked by votes). */
  weighted: {
    weights: { part: string; weight: number }[];
    normalization: 'share' | 'top' | 'rank';
    formula: string;
    scorers: number;
    effectiveWeights: { part: string; voters: number; scorers: number; ratio: number }[];
  } | null;
  /** What a person should check before relying on the result (codes: core/warnings). */
  warnings: Warning[];
  inputFingerprint: string;
  resultFingerprint: string;
}

export interface StatusReport {
  /** `problem`: why the tab cannot be read as it stands (a missing column, an unreadable setting), or null. */
  tabs: { key: string; name: string | null; rows: number; problem?: string | null }[];
  agendas: number;
  ballots: number;
  setAside: number;
  lastImport: string | null;
  lastTally: string | null;
  /** true when 결과 no longer holds what the last tally wrote (edited by hand); null before any tally. */
  resultsEdited: boolean | null;
  /** true when 이력 is missing or empty in a workbook the tool has keyed (so 결과 cannot be checked): audit_missing. */
  auditMissing?: boolean;
  /** Total budget from 설정 (null when unreadable) and what the last tally in 결과 spent (null before one). */
  budget?: number | null;
  spent?: number | null;
  /** The 일정 tab at a glance; null when the workbook has no 일정 tab (or it cannot be read). */
  schedule: ScheduleStatus | null;
  /** The open import or tally job (null when none; absent without a clock to judge a stale one by). */
  job?: JobProgress | null;
}

/** One check of `check-plans --json`. Shares are fractions (0.38), amounts won. */
export interface PlanCheckJson {
  /** max_share, min_share, max_amount, forbidden; or a data check (bad_amount, unknown_code, duplicate_line, agenda_cost, unknown_agenda, unknown_category, no_rules). */
  rule: string;
  category: string;
  actual: number | null;
  limit: number | null;
  /** What a share is taken of: the project's total or the whole plan's ('project' | 'plan'); null for data checks. */
  base: 'project' | 'plan' | null;
  status: 'pass' | 'warning' | 'fail';
  severity: 'error' | 'warning';
  /** Amount in the category, the total it is measured against, and by how much the rule is broken (won). */
  amount: number | null;
  baseAmount: number | null;
  excess: number;
  /** 사업계획 rows involved, and the 지침 row of the rule. */
  rows: number[];
  guidelineRow: number | null;
  /** The rule is one of the shipped example rows, not an official number. */
  example: boolean;
  message: string;
}

export interface PlanProjectJson {
  id: string;
  title: string;
  total: number;
  checks: PlanCheckJson[];
  agendaId: string;
  field: string;
  year: number;
  lines: number;
}

export interface MoneyTotalsJson {
  granted: number;
  executed: number;
  carriedOver: number;
  unused: number;
  open: number;
}

export interface ExecutionJson extends MoneyTotalsJson {
  fields: (MoneyTotalsJson & { field: string })[];
  projects: (MoneyTotalsJson & {
    id: string;
    title: string;
    field: string;
    row: number;
    status: string | null;
    result: 'pass' | 'warning' | 'fail';
    checks: { issue: string; status: 'warning' | 'fail'; amount: number; message: string }[];
  })[];
  /** Every project adds up: granted = executed + carried over + unused + open, with nothing negative and nothing open on a closed project. */
  balanced: boolean;
}

export interface PlanReviewJson {
  projects: PlanProjectJson[];
  /** The whole plan of each year: total and plan-wide checks. */
  plans: { year: number; total: number; projects: number; checks: PlanCheckJson[] }[];
  /** 사업계획 rows that could not become budget lines (no project, unreadable year). */
  rejected: { row: number; reason: string; message: string }[];
  execution: ExecutionJson;
  summary: { pass: number; warning: number; fail: number };
  tolerance: string;
  warnings: string[];
  inputFingerprint: string;
  resultFingerprint: string;
}

/** One 일정 row as `reminders --json` prints it. Dates are ISO days; null when they cannot be read. */
export interface MilestoneJson {
  name: string;
  /** The date text as written (start and end cells joined with ~). */
  text: string;
  start: string | null;
  end: string | null;
  /** planned 예정 · in_progress 진행 · done 완료 · overdue 지연 · unparsed (dates to check). */
  status: 'planned' | 'in_progress' | 'done' | 'overdue' | 'unparsed';
  daysLate: number;
}

export interface DueReminderJson {
  date: string;
  milestone: string;
  /** Recipient e-mail; '' when the milestone has none. */
  to: string;
  message: string;
}

export interface RemindersJson {
  /** The day the plan was evaluated for (Seoul calendar). */
  today: string;
  milestones: MilestoneJson[];
  due: DueReminderJson[];
  /** Rows in 알림 after regeneration, and how many of them are marked sent. */
  reminders: number;
  sent: number;
}

/** What one run of the e-mail sender did. */
export interface ReminderSendReport {
  today: string;
  sent: DueReminderJson[];
  /** Due but not mailed: no address, daily quota used up, or a failed send (then the run stops). */
  skipped: { noAddress: number; quota: number };
  failed: { milestone: string; to: string; error: string } | null;
}

export interface ScheduleStatus {
  milestones: number;
  /** Milestones past their deadline and not 완료, with days late. */
  overdue: { name: string; end: string; daysLate: number }[];
  /** Rows whose dates could not be read. */
  unparsed: number;
  /** Reminders due today and not sent yet. */
  dueToday: number;
}
