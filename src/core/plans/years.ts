import type { YearSpan } from './types';

/** Whether a year falls inside a span (open ends reach forever). */
export function inSpan(span: YearSpan, year: number): boolean {
  return (span.from === null || span.from <= year) && (span.until === null || year <= span.until);
}

/**
 * A year as staff type it: `2020`, `2020년`, `'20`? No — only four digits, with or without 년,
 * so that a typo never silently picks another year. Returns null for anything else.
 */
export function parseYear(text: string): number | null {
  const m = /^(\d{4})\s*(?:년|년도)?$/.exec(text.normalize('NFKC').trim());
  if (m === null) return null;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2999 ? year : null;
}
