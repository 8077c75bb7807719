/** Command-line flags of `npm run bench`. */
import { parseArgs } from 'node:util';
import * as path from 'node:path';

export interface BenchArgs {
  json: boolean;
  /** Ballot counts to measure, ascending. */
  sizes: number[];
  /** The largest size allowed; smaller runs shrink the CLI and integrity loops too. */
  max: number;
  /** Where to write the markdown report; null for none. */
  out: string | null;
  honestVotes: number;
  plantedVotes: number;
}

export const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
/** A full run (no --max, no --sizes) rewrites the figures the README links to. */
export const DEFAULT_REPORT = path.join('docs', 'benchmarks.md');

function positiveInteger(text: string, flag: string): number {
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag}: a positive whole number, not ${text}`);
  return value;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      max: { type: 'string' },
      sizes: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const max = values.max === undefined ? Infinity : positiveInteger(values.max, '--max');
  const requested = values.sizes === undefined ? DEFAULT_SIZES : values.sizes.split(',').map((s) => positiveInteger(s.trim(), '--sizes'));
  let sizes = [...new Set(requested)].filter((n) => n <= max).sort((a, b) => a - b);
  if (sizes.length === 0) sizes = [max];
  const largest = sizes[sizes.length - 1];
  const full = values.max === undefined && values.sizes === undefined;
  // 200 honest votes of 13,000 voters take about a minute; a quick run checks a handful.
  const honestVotes = largest >= 1_000_000 ? 200 : largest >= 100_000 ? 40 : 4;
  return {
    json: values.json ?? false,
    sizes,
    max: largest,
    out: values.out ?? (full ? DEFAULT_REPORT : null),
    honestVotes,
    plantedVotes: Math.max(2, honestVotes / 2),
  };
}
