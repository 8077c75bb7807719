import { tally, type TallyInput, type TallyResult } from './tally';
import type { Ballot, SelectionRule } from './types';

/**
 * The same votes under several rules, side by side. Besides what each rule selects and spends,
 * it reports the share of voters who got at least one agenda they voted for — the measure people
 * use to compare greedy with proportional rules such as the Method of Equal Shares.
 */
export interface RuleComparison {
  rule: SelectionRule;
  selected: string[];
  spent: number;
  /** Voters with at least one of their picks selected, and their share of all counted ballots. */
  satisfiedVoters: number;
  satisfiedShare: number;
  result: TallyResult;
}

export function compareRules(input: TallyInput, rules: readonly SelectionRule[] = ['greedy', 'mes']): RuleComparison[] {
  return rules.map((rule) => {
    const result = tally({ ...input, settings: { ...input.settings, rule } });
    const satisfiedVoters = countSatisfied(input.ballots, result.selected);
    return {
      rule,
      selected: result.selected,
      spent: result.spent,
      satisfiedVoters,
      satisfiedShare: input.ballots.length === 0 ? 0 : satisfiedVoters / input.ballots.length,
      result,
    };
  });
}

export function countSatisfied(ballots: readonly Ballot[], selected: readonly string[]): number {
  const chosen = new Set(selected);
  return ballots.filter((b) => b.picks.some((p) => chosen.has(p))).length;
}
