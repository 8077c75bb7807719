import { normalizeName } from '../agendaLookup';
import type { BudgetCode } from './types';
import { inSpan } from './years';

/**
 * `401-01`, `401 - 01`, `40101`, `401‐01` (other dashes) and full-width digits all become `401-01`.
 * Anything that is not a code is returned trimmed, so it shows as typed in the review.
 */
export function normalizeCode(text: string): string {
  const compact = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, '');
  const joined = /^(\d{3})(\d{2})$/.exec(compact);
  return joined ? `${joined[1]}-${joined[2]}` : compact;
}

/** A category token that names codes directly: `401-*`, `307-02`, `402*`, or a bare group `401`. */
export function isCodePattern(token: string): boolean {
  return /^[\d*][\d*-]*$/.test(normalizeCode(token));
}

/** Whether a code matches a pattern; `*` stands for any run of characters, a bare group `401` for `401-*`. */
export function codeMatches(pattern: string, code: string): boolean {
  let p = normalizeCode(pattern);
  if (/^\d{3}$/.test(p)) p += '-*';
  const regex = new RegExp(`^${p.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`);
  return regex.test(normalizeCode(code));
}

/** Splits a category cell (`시설비`, `307-02, 307-04, 402-*`) into its tokens. */
export function categoryTokens(category: string): string[] {
  return category
    .split(/[,;，、/]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** The 예산과목 table, looked up by code and year. */
export class CodeBook {
  constructor(readonly codes: readonly BudgetCode[]) {}

  /** The table's row for this code in this year, if the code exists then. */
  find(code: string, year: number): BudgetCode | undefined {
    const wanted = normalizeCode(code);
    return this.codes.find((c) => c.code === wanted && inSpan(c.years, year));
  }

  /** Whether a category name (not a pattern) is defined by some code in this year. */
  knowsCategory(name: string, year: number): boolean {
    const wanted = normalizeName(name);
    return this.codes.some((c) => inSpan(c.years, year) && namesOf(c).includes(wanted));
  }

  /**
   * Whether a line's code belongs to a rule's category: a pattern token matches the code itself;
   * a name token matches the categories (or the name) the table gives the code in that year.
   */
  inCategory(code: string, category: string, year: number): boolean {
    return categoryTokens(category).some((token) => {
      if (isCodePattern(token)) return codeMatches(token, code);
      const entry = this.find(code, year);
      return entry !== undefined && namesOf(entry).includes(normalizeName(token));
    });
  }
}

function namesOf(code: BudgetCode): string[] {
  return [...code.categories, code.name].map(normalizeName);
}
