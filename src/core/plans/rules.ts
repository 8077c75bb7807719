import { normalizeName } from '../agendaLookup';
import type { CodeBook } from './codes';
import type { CheckStatus, Guideline, PlanLine } from './types';
import { inSpan } from './years';

/**
 * The rules in force in a year. Guidelines change between years (the 2020 notice relaxed the
 * 시설비 and 민간이전 ratios), so a row applies from its first year until a later row for the same
 * category, limit type and base replaces it, or until its last year. A 2020 plan is therefore
 * checked against the 2020 rows, not the latest ones.
 */
export function rulesInForce(rules: readonly Guideline[], year: number): Guideline[] {
  const candidates = rules.filter((r) => inSpan(r.years, year));
  const latestFrom = new Map<string, number>();
  for (const r of candidates) {
    const key = ruleKey(r);
    latestFrom.set(key, Math.max(latestFrom.get(key) ?? -Infinity, r.years.from ?? -Infinity));
  }
  return candidates.filter((r) => (r.years.from ?? -Infinity) === latestFrom.get(ruleKey(r)));
}

function ruleKey(rule: Guideline): string {
  return [normalizeName(rule.category), rule.limitType, rule.base].join('|');
}

export interface RuleOutcome {
  /** Net amount of the lines in the rule's category. */
  amount: number;
  /** Total of all lines the share is taken of (the project's or the plan's). */
  baseAmount: number;
  /** Share (fraction) for share rules; amount in won otherwise. */
  actual: number;
  /** Share (fraction) for share rules; won otherwise. */
  limit: number;
  status: CheckStatus;
  /** By how much the rule is broken (won over the cap, or short of the minimum); 0 when it holds. */
  excess: number;
  /** Rows of the lines in the category, for finding them in 사업계획. */
  rows: number[];
}

const BP = 10000n;

/** Applies one rule to a set of lines (a project's, or the whole plan's). Lines without an amount count 0. */
export function applyRule(rule: Guideline, lines: readonly PlanLine[], codes: CodeBook): RuleOutcome {
  const inCategory = lines.filter((l) => codes.inCategory(l.code, rule.category, l.year));
  const amount = sum(inCategory);
  const baseAmount = sum(lines);
  const rows = inCategory.map((l) => l.row);
  let actual: number;
  let limit: number;
  let excess: number;
  switch (rule.limitType) {
    case 'max_share': {
      // Exact in BigInt: amount / base > limit ⇔ amount × 10000 > bp × base.
      const over = BigInt(amount) * BP > BigInt(rule.limit) * BigInt(baseAmount);
      excess = over ? amount - Number(floorDiv(BigInt(rule.limit) * BigInt(baseAmount), BP)) : 0;
      actual = share(amount, baseAmount);
      limit = rule.limit / 10000;
      break;
    }
    case 'min_share': {
      const needed = ceilDiv(BigInt(rule.limit) * BigInt(baseAmount), BP);
      excess = BigInt(amount) * BP >= BigInt(rule.limit) * BigInt(baseAmount) ? 0 : Number(needed) - amount;
      actual = share(amount, baseAmount);
      limit = rule.limit / 10000;
      break;
    }
    case 'max_amount':
      excess = Math.max(0, amount - rule.limit);
      actual = amount;
      limit = rule.limit;
      break;
    case 'forbidden': {
      // Any line in the category breaks it, even if a reduction (△) nets the sum to zero.
      const gross = inCategory.reduce((n, l) => n + Math.abs(l.amount ?? 0), 0);
      excess = gross;
      actual = amount;
      limit = 0;
      break;
    }
  }
  const broken = excess > 0 || (rule.limitType === 'forbidden' && inCategory.some((l) => (l.amount ?? 0) !== 0));
  const status: CheckStatus = !broken ? 'pass' : rule.severity === 'error' ? 'fail' : 'warning';
  return { amount, baseAmount, actual, limit, status, excess, rows };
}

export function sum(lines: readonly PlanLine[]): number {
  return lines.reduce((n, l) => n + (l.amount ?? 0), 0);
}

/** Share rounded to 6 decimals (0.0001% — enough for any display, stable in JSON). */
function share(amount: number, base: number): number {
  return base === 0 ? 0 : Math.round((amount / base) * 1e6) / 1e6;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}
