/**
 * `npm run bench`: the tally's speed on real votes, each time printed beside the time to merely
 * parse the same file (the baseline, measured in the same run). Goals from issue 3: greedy within
 * 2× of parse time on Łódź 2024 (66,045 ballots); exact MES + Add1 on Wieliczka 2023 under 1 s.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tally } from '../src/core/tally';
import { parsePabulib } from '../src/io/pabulib';
import { pbTallyInput } from '../src/workflows/pabulib';

const fixtures = path.resolve(__dirname, '..', 'test', 'fixtures', 'pabulib');
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

function bench(file: string, rule: 'greedy' | 'mes', goal: (parse: number, rule: number) => boolean, goalText: string): boolean {
  const text = readFileSync(path.join(fixtures, file), 'utf8');
  let start = process.hrtime.bigint();
  const instance = parsePabulib(text);
  const parse = ms(start);
  start = process.hrtime.bigint();
  const { input } = pbTallyInput(instance, { rule });
  const result = tally(input);
  const took = ms(start);
  const ok = goal(parse, took);
  console.log(
    `${file}: parse ${parse.toFixed(0)} ms; ${rule} ${took.toFixed(0)} ms = ${(took / parse).toFixed(2)}× parse; ` +
      `${result.selected.length} selected, ${result.spent.toLocaleString('en')} spent — goal ${goalText}: ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}

const results = [
  bench('poland_lodz_2024_.pb', 'greedy', (parse, took) => took <= 2 * parse, '≤ 2× parse'),
  bench('poland_wieliczka_2023_green-budget.pb', 'mes', (_parse, took) => took < 1000, 'exact MES+Add1 < 1 s'),
];
process.exitCode = results.every(Boolean) ? 0 : 1;
