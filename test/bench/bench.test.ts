/**
 * `npm run bench` on small sizes: the JSON contract of issue 8 and the invariants behind the
 * figures (every ballot accounted for, Apps Script calls that do not grow with rows). No timing is
 * asserted: benchmarks measure, tests check shape and invariants.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

interface Size {
  ballots: number;
  coreMs: number;
  baselineMs: number;
  ratio: number;
  requiredFloorMs: number;
  vsFloor: number;
  peakRssMb: number;
  rowsCounted: number;
  setAside: number;
  validBallots: number;
  stages: { decodeMs: number; rowsMs: number; voterKeysMs: number; fingerprintMs: number; floorMs: number; floorRatio: number };
  fingerprints: { fingerprints: { import: string; input: string; result: string }; matchesAppsScript: boolean | null; matchesRecorded: boolean | null };
  gas: {
    measuredBallots: number;
    importCalls: number;
    tallyCalls: number;
    retallyCalls: number;
    cellsWritten: number;
    estimatedSeconds: number;
    import: { byMethod: Record<string, number> };
    tally: { byMethod: Record<string, number> };
    clicks: { import: { calls: number; byMethod: Record<string, number> }; tally: { calls: number; byMethod: Record<string, number> } };
  };
}

let run: { status: number | null; stdout: string; stderr: string };
let json: {
  sizes: Size[];
  cli100k: { ms: number; peakRssMb: number; ballots: number; validBallots: number };
  cliLargest: { ms: number; peakRssMb: number; ballots: number; validBallots: number } | null;
  bundleBytes: { code: number; sidebar: number };
  integrity: { honestVotes: number; falseFlagged: number; falseFlagRate: number; plantedVotes: number; detected: number; detectionRate: number };
  pabulib: { file: string }[];
  machine: { cpu: string; cores: number; node: string };
  goals: { vsFloor: number; vsFloorMet: boolean; appsScriptCalls: { import: number; tally: number; importMet: boolean; tallyMet: boolean } };
  floorHashing: { node: string; appsScript: string };
};

beforeAll(() => {
  run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--max', '10000', '--sizes', '2000,10000', '--json'], { cwd: root, encoding: 'utf8' });
  json = JSON.parse(run.stdout);
}, 300_000);

test('prints one JSON object and nothing else on stdout; progress goes to stderr', () => {
  // 0: every goal met; 3: a goal missed (a measurement, not a failure of the tool).
  expect([0, 3]).toContain(run.status);
  expect(run.stdout.trim().startsWith('{')).toBe(true);
  expect(run.stdout.trim().endsWith('}')).toBe(true);
  expect(run.stderr).toContain('ballots');
});

test('has the fields issue 8 names, for each size up to --max', () => {
  expect(json.sizes.map((s) => s.ballots)).toEqual([2_000, 10_000]);
  for (const s of json.sizes) {
    for (const key of ['coreMs', 'baselineMs', 'ratio', 'peakRssMb'] as const) expect(s[key]).toBeGreaterThan(0);
    expect(s.ratio).toBeCloseTo(s.coreMs / s.baselineMs, 6);
    for (const key of ['importCalls', 'tallyCalls', 'cellsWritten', 'estimatedSeconds'] as const) expect(s.gas[key]).toBeGreaterThan(0);
    expect(s.gas.measuredBallots).toBe(s.ballots);
    // The required stages alone: each measured, their sum the floor, read against the same baseline.
    const st = s.stages;
    for (const key of ['decodeMs', 'rowsMs', 'voterKeysMs', 'fingerprintMs'] as const) expect(st[key]).toBeGreaterThan(0);
    expect(st.floorMs).toBeCloseTo(st.decodeMs + st.rowsMs + st.voterKeysMs + st.fingerprintMs, 6);
    expect(st.floorRatio).toBeCloseTo(st.floorMs / s.baselineMs, 6);
    // Issue 20: the required-work floor, measured in the core job's process, and import + tally against it.
    expect(s.requiredFloorMs).toBeGreaterThan(0);
    expect(s.vsFloor).toBeCloseTo(s.coreMs / s.requiredFloorMs, 6);
    // The vote's fingerprints: the Node host's (native crypto) as the Apps Script host's (portable), and as recorded.
    expect(s.fingerprints.fingerprints.import).toMatch(/^[0-9a-f]{64}$/);
    expect([s.ballots, s.fingerprints.matchesAppsScript, s.fingerprints.matchesRecorded]).toEqual([s.ballots, true, true]);
  }
  expect(json.goals.vsFloor).toBe(2);
  expect(json.goals.vsFloorMet).toBe(json.sizes[1].vsFloor <= 2);
  // The calls per click against issue 20's goals, read from the largest size's measured calls.
  const calls = json.goals.appsScriptCalls;
  expect([calls.import, calls.tally]).toEqual([25, 40]);
  expect(calls.importMet).toBe(json.sizes[1].gas.importCalls <= 25);
  expect(calls.tallyMet).toBe(json.sizes[1].gas.tallyCalls <= 40);
  expect(json.floorHashing.node).toContain('native crypto');
  expect(json.floorHashing.appsScript).toContain('@noble/hashes');
  expect(json.cli100k.ms).toBeGreaterThan(0);
  expect(json.cli100k.peakRssMb).toBeGreaterThan(0);
  expect(json.bundleBytes.code).toBeGreaterThan(10_000);
  expect(json.bundleBytes.sidebar).toBeGreaterThan(1_000);
  expect(json.machine.cores).toBeGreaterThan(0);
  expect(json.machine.node).toBe(process.version);
  // Łódź, Wieliczka, Warsaw 2026 (and Budapest 2024 when PABULIB_CORPUS holds it).
  expect(json.pabulib.length).toBeGreaterThanOrEqual(3);
});

test('every generated ballot is counted or set aside, and the CLI counts what the core counts', () => {
  for (const s of json.sizes) {
    expect(s.rowsCounted + s.setAside).toBe(s.ballots);
    expect(s.validBallots).toBe(s.rowsCounted);
    // The generator plants a few defects (second votes, unknown agendas), never many.
    expect(s.setAside).toBeGreaterThan(0);
    expect(s.setAside).toBeLessThan(s.ballots / 100);
  }
  expect(json.cli100k.ballots).toBe(1_000);
  expect(json.cli100k.validBallots).toBeGreaterThan(990);
  // The largest size also runs through the CLI, and counts exactly what the core counted.
  expect(json.cliLargest?.ballots).toBe(10_000);
  expect(json.cliLargest?.validBallots).toBe(json.sizes[1].validBallots);
});

test('Apps Script calls do not grow with rows; cells do', () => {
  const [small, large] = json.sizes;
  expect(large.gas.importCalls).toBe(small.gas.importCalls);
  expect(large.gas.tallyCalls).toBe(small.gas.tallyCalls);
  expect(large.gas.retallyCalls).toBe(small.gas.retallyCalls);
  // A re-tally finds its tabs by name: fewer calls than the first, which lists them to make 검증 and 통계.
  expect(small.gas.retallyCalls).toBeLessThan(small.gas.tallyCalls);
  expect(large.gas.import.byMethod).toEqual(small.gas.import.byMethod);
  expect(large.gas.tally.byMethod).toEqual(small.gas.tally.byMethod);
  expect(large.gas.cellsWritten).toBeGreaterThan(4 * small.gas.cellsWritten);
});

test('the clicks staff make cost more than the workflows alone; the tally click does not grow with rows, the import click does, in pieces', () => {
  const [small, large] = json.sizes;
  for (const s of json.sizes) {
    expect(s.gas.clicks.import.calls).toBeGreaterThan(s.gas.importCalls);
    expect(s.gas.clicks.tally.calls).toBeGreaterThan(s.gas.tallyCalls);
    // The cell-cap check sizes every tab; the job flushes before each checkpoint.
    expect(s.gas.clicks.import.byMethod['Sheet.getMaxRows']).toBeGreaterThan(s.gas.import.byMethod['Sheet.getMaxRows']);
    expect(s.gas.clicks.tally.byMethod['SpreadsheetApp.flush']).toBeGreaterThan(0);
  }
  expect(large.gas.clicks.tally.byMethod).toEqual(small.gas.clicks.tally.byMethod);
  expect(large.gas.clicks.import.calls).toBeGreaterThan(small.gas.clicks.import.calls);
});

test('reports the integrity rates over the votes it ran', () => {
  const i = json.integrity;
  expect(i.honestVotes).toBeGreaterThan(0);
  expect(i.falseFlagRate).toBeCloseTo(i.falseFlagged / i.honestVotes, 9);
  expect(i.plantedVotes).toBeGreaterThan(0);
  expect(i.detectionRate).toBeCloseTo(i.detected / i.plantedVotes, 9);
});
