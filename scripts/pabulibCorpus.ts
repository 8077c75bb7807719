/**
 * How many official pabulib outcomes the tool reproduces (issue 19): every `.pb` file in the folder
 * given on the command line that has a `selected` column is tallied with the settings its own META
 * states (and once more with ties broken cheaper first), and compared with the city's outcome.
 *
 *   npm run corpus -- <folder> [--json] [--only SUBSTRING]
 *
 * The corpus is pabulib's (pabulib.org; github.com/pabulib/pabulib_files, `pb_files/`): cite
 * Faliszewski et al., "Participatory Budgeting: Data, Tools and Analysis", IJCAI 2023. It is never
 * committed here; point the script at a local copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../src/core/errors';
import { parsePabulib, PbFormatError } from '../src/io/pabulib';
import { tallyPabulib, type PbOptions } from '../src/workflows/pabulib';
import type { HostContext } from '../src/workflows/context';

interface FileRun {
  file: string;
  voteType: string;
  rule: string;
  outcome: 'match' | 'differs' | 'refused' | 'crash';
  /** Also reproduced with ties broken cheaper first. */
  matchesCheaperFirst: boolean;
  matchingSettings: string[];
  ms: number;
  message?: string;
}

const ctx: HostContext = { now: () => Date.UTC(2026, 0, 1), actor: 'corpus', randomSecret: () => 'corpus-0123456789abcdef', language: 'en' };

function tallyOne(file: string): FileRun {
  const start = process.hrtime.bigint();
  const ms = (): number => Number(process.hrtime.bigint() - start) / 1e6;
  const base = { file: path.basename(file), voteType: '', rule: '', matchesCheaperFirst: false, matchingSettings: [] as string[] };
  try {
    const instance = parsePabulib(readFileSync(file, 'utf8'));
    const meta = (key: string): string => (instance.meta.find(([k]) => k === key)?.[1] ?? '').trim();
    base.voteType = meta('vote_type');
    base.rule = meta('rule');
    const run = (options: PbOptions) => tallyPabulib(instance, options, ctx).json;
    const json = run({});
    const official = json.official;
    if (official === null) return { ...base, outcome: 'refused', ms: ms(), message: 'no selected column' };
    const cheaper = official.matches ? true : run({ tieBreak: ['cost_asc'] }).official?.matches === true;
    return { ...base, outcome: official.matches ? 'match' : 'differs', matchesCheaperFirst: cheaper, matchingSettings: official.matchingSettings ?? [], ms: ms() };
  } catch (error) {
    const known = error instanceof UserError || error instanceof PbFormatError;
    return { ...base, outcome: known ? 'refused' : 'crash', ms: ms(), message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error) };
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const folder = args.find((a) => !a.startsWith('--'));
  if (folder === undefined) {
    process.stderr.write('usage: npm run corpus -- <folder of .pb files> [--json] [--only SUBSTRING]\n');
    process.exit(2);
  }
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
  const files = readdirSync(folder)
    .filter((f) => f.toLowerCase().endsWith('.pb') && f.includes(only))
    .sort()
    .map((f) => path.join(folder, f))
    // Only files that publish the city's outcome can be compared with it.
    .filter((f) => /^project_id;.*\bselected\b/m.test(readFileSync(f, 'utf8').slice(0, 200_000)));
  const runs: FileRun[] = [];
  for (const file of files) {
    const r = tallyOne(file);
    runs.push(r);
    process.stderr.write(`${r.outcome.padEnd(8)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.file}${r.message === undefined ? '' : `  (${r.message})`}\n`);
  }
  const count = (outcome: FileRun['outcome']): number => runs.filter((r) => r.outcome === outcome).length;
  const byType = new Map<string, { files: number; match: number }>();
  for (const r of runs) {
    const t = byType.get(r.voteType) ?? { files: 0, match: 0 };
    t.files += 1;
    if (r.outcome === 'match') t.match += 1;
    byType.set(r.voteType, t);
  }
  const slowest = [...runs].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => ({ file: r.file, ms: Math.round(r.ms) }));
  const summary = {
    files: runs.length,
    match: count('match'),
    matchRate: runs.length === 0 ? 0 : count('match') / runs.length,
    matchWithCheaperFirst: runs.filter((r) => r.matchesCheaperFirst).length,
    reproducibleWithOtherSettings: runs.filter((r) => r.outcome === 'differs' && r.matchingSettings.length > 0).length,
    differs: count('differs'),
    refused: count('refused'),
    crash: count('crash'),
    byVoteType: Object.fromEntries(byType),
    slowest,
  };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ summary, runs }, null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main();
