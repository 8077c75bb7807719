import { describeBench, markdownReport, type BenchResult, type SizeResult } from '../../scripts/bench/report';

const use = { calls: 47, cellsRead: 900, cellsWritten: 1000, byMethod: { 'Range.getValues': 7, 'Sheet.getRange': 40 } };
const click = (calls: number) => ({ calls, cellsRead: 900, cellsWritten: 1000, byMethod: { 'Range.getValues': 7, 'Sheet.getRange': 40, 'SpreadsheetApp.flush': calls - 47 } });

function size(ballots: number, coreMs: number, baselineMs: number, floorMs: number): SizeResult {
  return {
    ballots,
    coreMs,
    baselineMs,
    ratio: coreMs / baselineMs,
    requiredFloorMs: floorMs * 1.3,
    vsFloor: coreMs / (floorMs * 1.3),
    importMs: coreMs * 0.6,
    tallyMs: coreMs * 0.4,
    peakRssMb: Math.round(ballots / 1000),
    rowsCounted: ballots,
    setAside: 0,
    validBallots: ballots,
    selected: ['A01'],
    stages: { decodeMs: floorMs / 4, rowsMs: floorMs / 4, voterKeysMs: floorMs / 4, fingerprintMs: floorMs / 4, floorMs, floorRatio: floorMs / baselineMs },
    fingerprints: { fingerprints: { import: 'a'.repeat(64), input: 'b'.repeat(64), result: 'c'.repeat(64) }, matchesAppsScript: true, matchesRecorded: ballots === 10_000 ? true : null },
    gas: { measuredBallots: ballots, cellsExtrapolated: false, importCalls: 47, tallyCalls: 107, retallyCalls: 101, cellsWritten: 2000, cellsRead: 1800, import: use, tally: use, retally: use, clicks: { import: click(47 + ballots / 2000), tally: click(60) }, importSeconds: 4, tallySeconds: 6, estimatedSeconds: 6, peakRssMb: 100 },
  };
}

const result: BenchResult = {
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 8, node: 'v20', platform: 'linux', loadAverage: [1, 2] },
  goals: { ratio: 2, peakRssMb: 600, appsScriptSeconds: 360, atBallots: 100_000, ratioMet: false, peakRssMet: true, vsFloor: 2, vsFloorMet: false, appsScriptCalls: { import: 25, tally: 40, importMet: false, tallyMet: false } },
  floorHashing: { node: 'native crypto', appsScript: 'portable hashes' },
  costModel: { perCallMs: 50, perThousandCellsWrittenMs: 10, perThousandCellsReadMs: 2, appsScriptComputeFactor: 2, gasFakeCap: 100_000 },
  sizes: [size(10_000, 200, 20, 60), size(100_000, 2_600, 200, 900)],
  cli100k: { ballots: 1_000, ms: 3_000, peakRssMb: 150, steps: [{ command: 'import', ms: 1_000, peakRssMb: 120 }, { command: 'tally', ms: 2_000, peakRssMb: 150 }], validBallots: 1_000, xlsxBytes: 64 * 1024 },
  cliLargest: { ballots: 100_000, ms: 30_000, peakRssMb: 400, steps: [{ command: 'import', ms: 10_000, peakRssMb: 300 }, { command: 'tally', ms: 20_000, peakRssMb: 400 }], validBallots: 100_000, xlsxBytes: 8 * 1024 * 1024 },
  bundleBytes: { code: 400_000, sidebar: 99_000 },
  integrity: { voters: 13_000, honestVotes: 200, falseFlagged: 0, falseFlagRate: 0, plantedVotes: 100, blocSize: 300, blocHours: 2, detected: 100, detectionRate: 1, detectedAsAlert: 100, ms: 1 },
  pabulib: [],
};

test('the benchmark page has a row per size in each table, with the figures it was given', () => {
  const page = markdownReport(result).split('\n');
  const rowOf = (first: string, header: string): string | undefined => {
    const start = page.findIndex((line) => line.startsWith(`| ${header}`));
    return page.slice(start).find((line) => line.startsWith(`| ${first} |`));
  };
  expect(rowOf('100,000', 'ballots | import + tally')).toBe('| 100,000 | 2,600 ms | 1,560 ms | 1,040 ms | 200 ms | 13.00× | 100 MB |');
  expect(rowOf('100,000', 'ballots | decode')).toBe('| 100,000 | 225 ms | 225 ms | 225 ms | 225 ms | 900 ms | 4.50× |');
  expect(rowOf('10,000', 'ballots | measured at')).toBe('| 10,000 | 10,000 | 47 | 107 | 2,000 | 1,800 | 4 s | 6 s |');
  const cliStart = page.findIndex((line) => line.startsWith('| ballots | command'));
  const cliRows = page.slice(cliStart, page.indexOf('', cliStart));
  expect(cliRows.filter((line) => line.includes('**total**'))).toEqual(['| 1,000 | **total** | **3,000 ms** | **150 MB** | 64 KB |', '| 100,000 | **total** | **30,000 ms** | **400 MB** | 8,192 KB |']);
  expect(cliRows).toContain('| 100,000 | tally | 20,000 ms | 400 MB |  |');
  expect(page).toContain('| ballots | import + tally | import | tally | baseline | ratio | peak RSS |');
  expect(page).toContain('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  expect(page.join('\n')).toContain('≤ 2× the baseline — **missed (13.00×)**; peak memory ≤ 600 MB — **met**');
  expect(page.join('\n')).toContain('At 100,000 ballots the floor alone is 4.50× the baseline');
  // Issue 20: import + tally against the required-work floor, and what each host hashes with.
  expect(page).toContain('| ballots | import + tally | required-work floor | vs floor | baseline | floor ÷ baseline |');
  expect(rowOf('100,000', 'ballots | import + tally | required-work floor')).toBe('| 100,000 | 2,600 ms | 1,170 ms | 2.22× | 200 ms | 5.85× |');
  expect(page.join('\n')).toContain('≤ 2× the required-work floor — **missed (2.22×)**');
  expect(page.join('\n')).toContain('with native crypto');
  expect(page.join('\n')).toContain('it hashes with portable hashes');
});

test('the terminal lines show the floor, each size against it, and the goal', () => {
  const text = describeBench(result);
  expect(text).toContain('100,000 ballots: import + tally 2,600 ms');
  expect(text).toContain('  required-work floor 1,170 ms (same process, native crypto); import + tally 2.22× the floor');
  expect(text).toContain('≤ 2× the required-work floor MISSED (2.22×)');
  expect(text).toContain('the Apps Script host hashes with portable hashes');
  // Calls by kind, most frequent first, against the goals of issue 20.
  expect(text).toContain('  import 47 (goal ≤ 25 MISSED): Sheet.getRange 40, Range.getValues 7');
  expect(text).toContain('  tally 107 (goal ≤ 40 MISSED): Sheet.getRange 40, Range.getValues 7');
  expect(text).toContain('rpcImport 52 at 10,000, 97 at 100,000; 개표 menu 60 at 10,000, 60 at 100,000');
  // The cost model's assumptions, each with what it rests on.
  expect(text).toContain('Apps Script cost model (assumed): 50 ms per Spreadsheet service call');
  expect(text).toContain('(https://developers.google.com/apps-script/guides/support/best-practices)');
});

test('the benchmark page lists the Apps Script calls by kind, with their totals and the goals', () => {
  const page = markdownReport(result).split('\n');
  const start = page.indexOf('| call | import | tally | re-tally | rpcImport | 개표 menu |');
  expect(start).toBeGreaterThan(0);
  expect(page.slice(start + 2, start + 6)).toEqual([
    '| `Sheet.getRange` | 40 | 40 | 40 | 40 | 40 |',
    '| `SpreadsheetApp.flush` | 0 | 0 | 0 | 50 | 13 |',
    '| `Range.getValues` | 7 | 7 | 7 | 7 | 7 |',
    '| **total** | **47** | **107** | **101** | **97** | **60** |',
  ]);
  // The clicks staff make, beside the workflows: what they add, and how the import's grows with rows.
  expect(page.join('\n')).toContain('by 3.2 calls per 2,000 rows of 투표: 52 at 10,000, 97 at 100,000 ballots.');
  expect(page.join('\n')).toContain('import ≤ 25 — **missed (47)**, tally ≤ 40 — **missed (107)**');
});

test('the summary says whether each size kept its fingerprints, across the hosts and against the recorded ones', () => {
  const text = describeBench(result);
  expect(text).toContain('fingerprints (import aaaaaaaaaaaa, result cccccccccccc): same as the Apps Script host, same as recorded');
  expect(text).toContain('same as the Apps Script host, none recorded for this size');
  const changed = { ...result, sizes: [{ ...result.sizes[0], fingerprints: { ...result.sizes[0].fingerprints, matchesAppsScript: false, matchesRecorded: false } }] };
  expect(describeBench(changed)).toContain('DIFFER from the Apps Script host, DIFFER from the recorded ones');
});
