/** Why an agenda got its status, as data; the spreadsheet layer words it in Korean or English. */
export type Phase = 'field' | 'pool' | 'budget';

export type Decision =
  | { code: 'selected'; phase: Phase; left: number }
  | { code: 'does_not_fit'; cost: number; left: number; phase: Phase }
  | { code: 'after_stop'; stoppedAt: string }
  | { code: 'below_threshold'; votes: number; threshold: number }
  | { code: 'no_votes' }
  /** Funded although it did not fit: the money left was at least `percent`% of its cost. */
  | { code: 'overshoot'; cost: number; left: number; percent: number; overspend: number; phase: Phase }
  /** Method of Equal Shares: funded in `round`, each supporter paying at most `payment`. */
  | { code: 'mes_selected'; round: number; payment: number; supporters: number }
  /** Method of Equal Shares: its supporters' remaining money (`shares`) is less than its cost. */
  | { code: 'mes_short'; shares: number; cost: number; needed: number }
  /** pabulib marks a withdrawn project with the cost 999,999,999. */
  | { code: 'withdrawn' }
  /** The committee's decision after the rule (관리자 조정), with its mandatory reason. */
  | { code: 'override'; selected: boolean; reason: string; decidedBy?: string; date?: string; ruleDecision: Decision };

export interface FieldOutcome {
  field: string;
  budget: number;
  spent: number;
  /** What the field left unspent, handed to the pool (0 when the leftover policy is `none`). */
  returned: number;
}
