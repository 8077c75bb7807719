/**
 * The tally's speed on real votes (issue 3), each time beside the time to merely parse the same
 * file (the baseline, measured in the same run). Goals: greedy within 2× of parse time on Łódź
 * 2024 (66,045 ballots); exact MES + Add1 on Wieliczka 2023 under 1 s; MES + Add1 on Warsaw 2026
 * city-wide under 3 s and on Budapest 2024 under 10 s (issue 19). Budapest is not a fixture: it is
 * measured when PABULIB_CORPUS names a folder holding `Hungary_Budapest_2024.pb` (pabulib_files).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tally } from '../../src/core/tally';
import { parsePabulib } from '../../src/io/pabulib';
import { pbTallyInput } from '../../src/workflows/pabulib';
import { elapsedMs } from './core';

export interface PabulibRun {
  file: string;
  rule: 'greedy' | 'mes';
  parseMs: number;
  ruleMs: number;
  selected: number;
  spent: number;
  /** MES: how many runs the Add1 completion made. */
  runs: number | null;
  goal: string;
  met: boolean;
}

const fixtures = path.resolve(__dirname, '..', 'test', 'fixtures', 'pabulib');

function bench(file: string, rule: 'greedy' | 'mes', goal: (parse: number, rule: number) => boolean, goalText: string, folder = fixtures): PabulibRun {
  const text = readFileSync(path.join(folder, file), 'utf8');
  let start = process.hrtime.bigint();
  const instance = parsePabulib(text);
  const parseMs = elapsedMs(start);
  start = process.hrtime.bigint();
  const { input } = pbTallyInput(instance, rule === 'mes' ? { rule, mesCompletion: 'add1' } : { rule });
  const result = tally(input);
  const ruleMs = elapsedMs(start);
  return { file, rule, parseMs, ruleMs, selected: result.selected.length, spent: result.spent, runs: result.mes?.runs ?? null, goal: goalText, met: goal(parseMs, ruleMs) };
}

export function benchPabulib(): PabulibRun[] {
  const corpus = process.env.PABULIB_CORPUS;
  const budapest = corpus !== undefined && existsSync(path.join(corpus, 'Hungary_Budapest_2024.pb'));
  return [
    bench('poland_lodz_2024_.pb', 'greedy', (parse, took) => took <= 2 * parse, '≤ 2× parse'),
    bench('poland_wieliczka_2023_green-budget.pb', 'mes', (_parse, took) => took < 1000, 'exact MES+Add1 < 1 s'),
    bench('poland_warszawa_2026_.pb', 'mes', (_parse, took) => took < 3000, 'MES+Add1 < 3 s'),
    ...(budapest ? [bench('Hungary_Budapest_2024.pb', 'mes', (_parse, took) => took < 10_000, 'MES+Add1 < 10 s', corpus)] : []),
  ];
}

export function describePabulib(run: PabulibRun): string {
  return (
    `${run.file}: parse ${run.parseMs.toFixed(0)} ms; ${run.rule} ${run.ruleMs.toFixed(0)} ms = ${(run.ruleMs / run.parseMs).toFixed(2)}× parse; ` +
    `${run.selected} selected, ${run.spent.toLocaleString('en')} spent${run.runs === null ? '' : `, ${run.runs} runs`} — goal ${run.goal}: ${run.met ? 'met' : 'MISSED'}`
  );
}
