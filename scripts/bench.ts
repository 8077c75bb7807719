/**
 * `npm run bench [-- --json] [--max N] [--sizes a,b,c] [--out file.md]`: the figures of issue 8 in
 * one run — import + tally of generated exports against a plain pass over the same bytes, the CLI
 * end to end, the Apps Script host's service calls, the bundle sizes, the integrity check's
 * false-flag and detection rates — and the pabulib timings of issue 3. Heavy runs happen in child
 * processes so each peak memory is its own. With --json, stdout carries one JSON object and
 * nothing else (progress goes to stderr).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBenchArgs } from './bench/args';
import { runCli } from './bench/cliRun';
import type { StageCosts } from './bench/core';
import { FLOOR_HASHING } from './bench/floor';
import { checkFingerprints, type VoteFingerprints } from './bench/fingerprints';
import { generateExport } from './bench/generate';
import { COST_MODEL, estimatedSeconds, scaleCells, type GasRun } from './bench/gasHost';
import { measureIntegrity } from './bench/integrity';
import { describeMachine } from './bench/machine';
import type { PabulibRun } from './bench/pabulib';
import { ProcessRunner } from './bench/processes';
import { describeBench, markdownReport, type BenchResult, type SizeResult } from './bench/report';

const root = path.resolve(__dirname, '..');
const worker = path.join(__dirname, 'bench-worker.js');
const cli = path.join(root, 'lib', 'cli.js');
const bundle = { code: path.join(root, 'dist', 'Code.js'), sidebar: path.join(root, 'dist', 'Sidebar.html') };

/** The Apps Script fake keeps every cell as a JS value: above this many ballots it is too big to hold. */
const GAS_FAKE_CAP = 100_000;
/** Goals of issues 8 and 20 at the largest size. */
const GOAL = { ratio: 2, peakRssMb: 600, appsScriptSeconds: 360, vsFloor: 2 };
/** Issue 20: Spreadsheet service calls of one click on the strict Sheets fake (they do not grow with rows). */
const CALL_GOAL = { import: 25, tally: 40 };
/** Assumed slowdown of Apps Script's V8 against this machine's Node, for the compute part of the estimate. */
const APPS_SCRIPT_COMPUTE_FACTOR = 2;

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const progress = (text: string): void => {
    process.stderr.write(text + '\n');
  };
  if (![cli, bundle.code, bundle.sidebar].every((file) => existsSync(file))) {
    progress('building (npm run build) …');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const loadBefore = os.loadavg()[0];
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'civic-bench-'));
  const runner = new ProcessRunner(workDir);
  const exportFile = (ballots: number): string => {
    const file = path.join(workDir, `export-${ballots}.csv`);
    if (!existsSync(file)) writeFileSync(file, generateExport(ballots).bytes);
    return file;
  };
  try {
    const sizes: SizeResult[] = [];
    for (const ballots of args.sizes) {
      progress(`${ballots.toLocaleString('en')} ballots: generating, then baseline and import + tally …`);
      const file = exportFile(ballots);
      const core = JSON.parse(runner.node([worker, 'core', file, String(ballots)]).stdout) as Omit<SizeResult, 'ballots' | 'gas' | 'ratio' | 'vsFloor' | 'stages' | 'fingerprints'> & { fingerprints: VoteFingerprints };
      progress(`${ballots.toLocaleString('en')} ballots: the required stages on their own …`);
      const stages = JSON.parse(runner.node([worker, 'stages', file, String(ballots)]).stdout) as StageCosts;
      const floorMs = stages.decodeMs + stages.rowsMs + stages.voterKeysMs + stages.fingerprintMs;
      const gasBallots = Math.min(ballots, GAS_FAKE_CAP);
      progress(`${ballots.toLocaleString('en')} ballots: Apps Script host on the counting fakes (${gasBallots.toLocaleString('en')} ballots) …`);
      const gasRun = runner.node([worker, 'gas', exportFile(gasBallots), String(gasBallots)]);
      // Above the fake's cap, calls are the measured ones (they do not grow with rows) and cells are scaled up.
      const gas = scaleCells(JSON.parse(gasRun.stdout) as GasRun, ballots / gasBallots);
      const importSeconds = estimatedSeconds(gas.import) + (core.importMs / 1000) * APPS_SCRIPT_COMPUTE_FACTOR;
      const tallySeconds = estimatedSeconds(gas.tally) + (core.tallyMs / 1000) * APPS_SCRIPT_COMPUTE_FACTOR;
      sizes.push({
        ballots,
        ...core,
        ratio: core.coreMs / core.baselineMs,
        vsFloor: core.coreMs / core.requiredFloorMs,
        stages: { ...stages, floorMs, floorRatio: floorMs / core.baselineMs },
        fingerprints: checkFingerprints(ballots, core.fingerprints, { ballots: gasBallots, fingerprints: gas.fingerprints }),
        gas: {
          measuredBallots: gasBallots,
          cellsExtrapolated: gasBallots !== ballots,
          importCalls: gas.import.calls,
          tallyCalls: gas.tally.calls,
          retallyCalls: gas.retally.calls,
          cellsWritten: gas.import.cellsWritten + gas.tally.cellsWritten,
          cellsRead: gas.import.cellsRead + gas.tally.cellsRead,
          import: gas.import,
          tally: gas.tally,
          retally: gas.retally,
          clicks: gas.clicks,
          importSeconds,
          tallySeconds,
          estimatedSeconds: Math.max(importSeconds, tallySeconds),
          peakRssMb: gasRun.peakRssMb,
        },
      });
    }
    // 100,000 ballots on a full run; a tenth of the largest size on a quick one.
    const cliBallots = Math.min(100_000, Math.max(1_000, Math.round(args.max / 10)));
    progress(`CLI end to end on ${cliBallots.toLocaleString('en')} ballots …`);
    const cli100k = await runCli(runner, cli, exportFile(cliBallots), cliBallots, workDir);
    // The largest size as well: the .xlsx host keeps a large 투표 tab out of ExcelJS, and this shows it holds.
    const largestBallots = args.sizes[args.sizes.length - 1];
    let cliLargest = null;
    if (largestBallots > cliBallots) {
      progress(`CLI end to end on ${largestBallots.toLocaleString('en')} ballots …`);
      cliLargest = await runCli(runner, cli, exportFile(largestBallots), largestBallots, workDir);
    }
    progress(`integrity: ${args.honestVotes} honest votes, ${args.plantedVotes} with a planted bloc …`);
    const integrity = measureIntegrity(args.honestVotes, args.plantedVotes);
    progress('pabulib …');
    // JSON writes the won district's NaN parse time (no file) as null.
    const pabulib = (JSON.parse(runner.node([worker, 'pabulib']).stdout) as (Omit<PabulibRun, 'parseMs'> & { parseMs: number | null })[]).map((run) => ({ ...run, parseMs: run.parseMs ?? NaN }));
    const largest = sizes[sizes.length - 1];
    const result: BenchResult = {
      machine: { ...describeMachine(), loadAverage: [loadBefore, os.loadavg()[0]].map((l) => Math.round(l * 10) / 10) },
      goals: {
        ...GOAL,
        atBallots: largest.ballots,
        ratioMet: largest.ratio <= GOAL.ratio,
        peakRssMet: largest.peakRssMb <= GOAL.peakRssMb,
        vsFloorMet: largest.vsFloor <= GOAL.vsFloor,
        appsScriptCalls: {
          ...CALL_GOAL,
          importMet: largest.gas.importCalls <= CALL_GOAL.import,
          tallyMet: largest.gas.tallyCalls <= CALL_GOAL.tally,
        },
      },
      floorHashing: { ...FLOOR_HASHING },
      costModel: { ...COST_MODEL, appsScriptComputeFactor: APPS_SCRIPT_COMPUTE_FACTOR, gasFakeCap: GAS_FAKE_CAP },
      sizes,
      cli100k,
      cliLargest,
      bundleBytes: { code: statSync(bundle.code).size, sidebar: statSync(bundle.sidebar).size },
      integrity,
      pabulib,
    };
    if (args.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write(describeBench(result) + '\n');
    if (args.out !== null) {
      writeFileSync(args.out, markdownReport(result));
      progress(`wrote ${path.relative(process.cwd(), args.out)}`);
    }
    // A fingerprint that changed, or differs between the hosts, is a result that changed: never "met".
    const fingerprintsKept = sizes.every((s) => s.fingerprints.matchesAppsScript !== false && s.fingerprints.matchesRecorded !== false);
    const met = result.goals.ratioMet && result.goals.peakRssMet && result.goals.vsFloorMet && fingerprintsKept && pabulib.every((p) => p.met);
    return met ? 0 : 3;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
