/**
 * One measurement in its own process (`node lib/bench-worker.js <job> <export.csv> <ballots>`), so its peak
 * memory is its own and a large run cannot skew the next. Prints one JSON object on stdout.
 *   core — import + tally over an in-memory workbook with its peak RSS, then the baseline and the
 *          required-work floor;
 *   gas  — the same import and tally on the Apps Script host against the counting fakes;
 *   stages — what reading the rows, hashing the voters and fingerprinting cost on their own;
 *   pabulib — the tally timings on real votes (no export: `node lib/bench-worker.js pabulib`), in a
 *             fresh process, as a user's CLI run is: after the 1M-ballot runs the main process's heap
 *             made Warsaw's MES twice as slow (3.6 s against 1.8–1.9 s).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { benchContext } from './book';
import { baseline, importAndTally, stageCosts, type CoreRun } from './core';
import { requiredFloor } from './floor';
import { runOnFakeGas } from './gasHost';
import { benchPabulib } from './pabulib';
import { limitHeapGrowth } from '../../src/node/heapGrowth';

/** Peak resident memory of this process so far, in MB (maxRSS is in KiB). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Small sizes are repeated and the best run kept, so JIT warm-up and GC noise do not dominate;
 * large ones run once, so the peak memory is that of one run.
 */
function repeatsFor(rows: number): number {
  return rows <= 20_000 ? 5 : 1;
}

function coreJob(file: string, ballots: number): object {
  const repeats = repeatsFor(ballots);
  // Import + tally first, and their peak memory taken before anything else runs: the plain passes
  // split the whole text into a million lines, and their garbage (about 740 MB of heap at a million
  // ballots) set the process's peak before import + tally had begun (a CLI run does no such pass).
  let best: CoreRun | null = null;
  for (let i = 0; i < repeats; i++) {
    // The file is read afresh for each run (untimed), as a CLI import reads it, and let go once decoded.
    const run = importAndTally(() => readFileSync(file), basename(file));
    if (best === null || run.ms < best.ms) best = run;
  }
  const corePeakRssMb = peakRssMb();
  const bytes = readFileSync(file);
  // The baseline, once to warm up, then the best of its runs.
  baseline(bytes);
  let baselineMs = Infinity;
  for (let i = 0; i < Math.max(3, repeats); i++) baselineMs = Math.min(baselineMs, baseline(bytes).ms);
  // The required-work floor in the same process on the same bytes; its first run warms it up.
  const salt = benchContext().randomSecret();
  let requiredFloorMs = Infinity;
  for (let i = 0; i < Math.max(2, repeats); i++) requiredFloorMs = Math.min(requiredFloorMs, requiredFloor(bytes, salt).ms);
  const { ms, ...rest } = best as CoreRun;
  return { coreMs: ms, baselineMs, requiredFloorMs, ...rest, peakRssMb: corePeakRssMb };
}

/** The stages on their own, in a process of their own so the core job's peak memory stays its own. */
function stagesJob(file: string): object {
  const bytes = readFileSync(file);
  stageCosts(bytes);
  return stageCosts(bytes);
}

function gasJob(file: string): object {
  return runOnFakeGas(readFileSync(file), basename(file));
}

// Every job runs as a CLI command does (src/node/cli.ts): the core's peak memory is the one a
// user's run would have.
limitHeapGrowth();
const [job, file, ballots] = process.argv.slice(2);
if (job === 'core') process.stdout.write(JSON.stringify(coreJob(file, Number(ballots))) + '\n');
else if (job === 'gas') process.stdout.write(JSON.stringify(gasJob(file)) + '\n');
else if (job === 'stages') process.stdout.write(JSON.stringify(stagesJob(file)) + '\n');
else if (job === 'pabulib') process.stdout.write(JSON.stringify(benchPabulib()) + '\n');
else {
  process.stderr.write('usage: bench-worker core|gas|stages <export.csv> <ballots> | bench-worker pabulib\n');
  process.exitCode = 2;
}
