/**
 * The Apps Script host against the counting fakes: the real SheetsWorkbook over a fake
 * SpreadsheetApp that counts every service call and every cell read and written. `import` and
 * `tally` are the workflows alone (importTable, runTally) on the host; `clicks` are the same two
 * through the entry points staff use, `rpcImport` (the sidebar has decoded and parsed the file)
 * and the 개표 menu item, which add the cell-cap check, the document lock and the resumable job's
 * checkpoint tab and flushes (a job writes 투표 in pieces of STEP_ROWS rows, each its own calls).
 */
import { parseCsv } from '../../src/io/csv';
import { decodeBytes } from '../../src/io/decode';
import { gasContext } from '../../src/gas/context';
import type { HostContext } from '../../src/workflows/context';
import { menuTally } from '../../src/gas/menu';
import { rpcImport } from '../../src/gas/rpc';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { importTable } from '../../src/workflows/importBallots';
import { runTally } from '../../src/workflows/tally';
import { createFakeGas, installFakeGas, type CallLog } from '../../test/gas/fakeSpreadsheetApp';
import { benchContext, prepareBook } from './book';
import type { VoteFingerprints } from './fingerprints';

/** What one workflow cost on the Spreadsheet service. */
export interface ServiceUse {
  /** SpreadsheetApp, Spreadsheet, Sheet, Range, RangeList, Protection, TextFinder and EmbeddedChart calls (SPREADSHEET_SERVICE). */
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Every call by method, for the report. */
  byMethod: Record<string, number>;
}

export interface GasRun {
  import: ServiceUse;
  tally: ServiceUse;
  /**
   * A second tally of the same workbook, as staff re-run it (after a fix, for the committee): the
   * tabs the first one made are there, so it finds every tab by name.
   */
  retally: ServiceUse;
  /** One rpcImport and one 개표 menu click, on a workbook of their own. */
  clicks: { import: ServiceUse; tally: ServiceUse };
  /** The vote's fingerprints as this host made them (portable hashing), to compare with the Node host's. */
  fingerprints: VoteFingerprints;
}

/**
 * The Spreadsheet service calls counted: those of its classes that act on the document, Protection
 * (each setter changes the protection), TextFinder (findAll searches the tab) and EmbeddedChart
 * (modify() hands back a builder holding the chart's state; Google does not say whether that is a
 * round trip, so it is counted) included. Not counted: EmbeddedChartBuilder, a local builder
 * ("Changes made to the chart are not saved until Sheet.updateChart(chart) is called",
 * developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder): its chart
 * reaches the sheet in the one Sheet.insertChart or Sheet.updateChart call, which is counted.
 */
export const SPREADSHEET_SERVICE = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|Protection|TextFinder|EmbeddedChart)\./;

function take(log: CallLog): ServiceUse {
  const byMethod = Object.fromEntries(Object.entries(log.snapshot()).filter(([name]) => SPREADSHEET_SERVICE.test(name)));
  const use = {
    calls: Object.values(byMethod).reduce((a, b) => a + b, 0),
    cellsRead: log.cellsRead,
    cellsWritten: log.cellsWritten,
    byMethod,
  };
  log.reset();
  return use;
}

export function runOnFakeGas(bytes: Uint8Array, fileName: string): GasRun {
  const { text, encoding } = decodeBytes(bytes);
  const { rows } = parseCsv(text);
  // The Apps Script context (its portable hashing) with the bench's clock and salt, so its
  // fingerprints can be compared with the Node host's. Made once the fake is in place: it asks Session.
  const benchGasContext = (): HostContext => {
    const bench = benchContext();
    return { ...gasContext('ko'), now: bench.now, randomSecret: bench.randomSecret };
  };
  const workflows = onPreparedFake(benchGasContext, (log, _fake, ctx) => {
    // Each workflow gets the workbook the entry point would make for it.
    const imported = importTable(new SheetsWorkbook(), ctx, { fileName, rows, encoding });
    const importUse = take(log);
    const tally = runTally(new SheetsWorkbook(), ctx);
    const fingerprints = { import: imported.fingerprint, input: tally.inputFingerprint, result: tally.resultFingerprint };
    const tallyUse = take(log);
    const again = runTally(new SheetsWorkbook(), ctx);
    if (again.resultFingerprint !== tally.resultFingerprint) throw new Error('a second tally of the same workbook gave another result');
    return { import: importUse, tally: tallyUse, retally: take(log), fingerprints };
  });
  // The entry points make their own context, as they do in Apps Script.
  const clicks = onPreparedFake(() => gasContext('ko'), (log, fake) => {
    rpcImport({ fileName, rows, encoding });
    const importUse = take(log);
    menuTally();
    const shown = fake.ui.alerts.at(-1)?.message ?? '';
    // The menu shows a failure as a message: a count of calls that tallied nothing would mislead.
    if (!/선정|selected/.test(shown)) throw new Error(`the 개표 menu did not tally: ${shown}`);
    return { import: importUse, tally: take(log) };
  });
  return { ...workflows, clicks };
}

/** `measure` on a fresh fake holding the benchmark's 설정 and 의제, its counts reset. */
function onPreparedFake<T>(context: () => HostContext, measure: (log: CallLog, fake: ReturnType<typeof createFakeGas>, ctx: HostContext) => T): T {
  const fake = createFakeGas();
  const uninstall = installFakeGas(fake);
  try {
    const ctx = context();
    prepareBook(new SheetsWorkbook(), ctx);
    fake.log.reset();
    return measure(fake.log, fake, ctx);
  } finally {
    uninstall();
  }
}

/** Cells scaled from the size the fake held to the size asked for; calls kept as measured. */
export function scaleCells(run: GasRun, factor: number): GasRun {
  const scale = (use: ServiceUse): ServiceUse => ({ ...use, cellsRead: Math.round(use.cellsRead * factor), cellsWritten: Math.round(use.cellsWritten * factor) });
  return { ...run, import: scale(run.import), tally: scale(run.tally), retally: scale(run.retally), clicks: { import: scale(run.clicks.import), tally: scale(run.clicks.tally) } };
}

/**
 * Apps Script publishes quotas (6 minutes per execution) but no per-call prices, so the estimate
 * uses assumed costs, stated wherever the figures are printed: a round trip to the Spreadsheet
 * service in tens of milliseconds, and bulk Range.getValues/setValues throughput in the order of
 * 10⁵–10⁶ cells per second (writes slower than reads). These are assumptions, not measurements.
 */
export const COST_MODEL = { perCallMs: 50, perThousandCellsWrittenMs: 10, perThousandCellsReadMs: 2 };

/**
 * What the assumptions rest on, printed beside the estimates. Google gives the rule and the limit,
 * not a price per call; the public measurements bracket the per-call figure (a few ms for a read
 * the look-ahead cache serves, up to ~160 ms for an uncached call) without pinning it.
 */
export const COST_MODEL_SOURCES: readonly { says: string; url: string }[] = [
  {
    says: 'Google: calls to Sheets are much slower than JavaScript in the script; read and write in batches (one getValues, one setValues), not cell by cell (no per-call figure)',
    url: 'https://developers.google.com/apps-script/guides/support/best-practices',
  },
  { says: 'Google: 6 minutes per execution', url: 'https://developers.google.com/apps-script/guides/services/quotas' },
  {
    says: 'Google (Apps Script team, 2010): calls to the spreadsheet are relatively slow; reads are cached ahead and writes held until the next read, which commits them first, so interleaved reads and writes cost most (no per-call figure)',
    url: 'http://googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html',
  },
  {
    says: 'public measurement (2018, Apps Script execution transcript): of 16 Range format setters in a row, the first took 0.058 s and each of the others 0-0.001 s (held in the write cache): a run of writes costs less than the per-call figure says',
    url: 'https://ramblings.mcpher.com/gassnippets2/optimizing-sheet-formatting-with-apps-script/',
  },
  {
    says: 'public measurement (2019, 1,000 rows): getLastRow called on every turn of a loop, 160 s (~160 ms a call) against 0.8 s called once; 1,000 single-cell getValue calls 3.1 s against 0.9 s for one batched read and write',
    url: 'https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html',
  },
  {
    says: "public measurement (2022): reading a 10,000,000-cell sheet's size (max rows and columns) took 0.3 s",
    url: 'https://gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e',
  },
];

export function estimatedSeconds(use: ServiceUse): number {
  const ms =
    use.calls * COST_MODEL.perCallMs +
    (use.cellsWritten / 1000) * COST_MODEL.perThousandCellsWrittenMs +
    (use.cellsRead / 1000) * COST_MODEL.perThousandCellsReadMs;
  return ms / 1000;
}
