/**
 * The tally's speed on real votes (issue 3), each time beside the time to merely parse the same
 * file (the baseline, measured in the same run). Goals: greedy within 2× of parse time on Łódź
 * 2024 (66,045 ballots); exact MES + Add1 on Wieliczka 2023 under 1 s.
 */
import { readFileSync } from 'node:fs';
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
  goal: string;
  met: boolean;
}

const fixtures = path.resolve(__dirname, '..', 'test', 'fixtures', 'pabulib');

function bench(file: string, rule: 'greedy' | 'mes', goal: (parse: number, rule: number) => boolean, goalText: string): PabulibRun {
  const text = readFileSync(path.join(fixtures, file), 'utf8');
  let start = process.hrtime.bigint();
  const instance = parsePabulib(text);
  const parseMs = elapsedMs(start);
  start = process.hrtime.bigint();
  const { input } = pbTallyInput(instance, { rule });
  const result = tally(input);
  const ruleMs = elapsedMs(start);
  return { file, rule, parseMs, ruleMs, selected: result.selected.length, spent: result.spent, goal: goalText, met: goal(parseMs, ruleMs) };
}

export function benchPabulib(): PabulibRun[] {
  return [
    bench('poland_lodz_2024_.pb', 'greedy', (parse, took) => took <= 2 * parse, '≤ 2× parse'),
    bench('poland_wieliczka_2023_green-budget.pb', 'mes', (_parse, took) => took < 1000, 'exact MES+Add1 < 1 s'),
  ];
}

export function describePabulib(run: PabulibRun): string {
  return (
    `${run.file}: parse ${run.parseMs.toFixed(0)} ms; ${run.rule} ${run.ruleMs.toFixed(0)} ms = ${(run.ruleMs / run.parseMs).toFixed(2)}× parse; ` +
    `${run.selected} selected, ${run.spent.toLocaleString('en')} spent — goal ${run.goal}: ${run.met ? 'met' : 'MISSED'}`
  );
}
