/**
 * The Apps Script host against the counting fakes: the real SheetsWorkbook over a fake
 * SpreadsheetApp that counts every service call and every cell read and written. The import is
 * the server side of one `rpcImport` (the sidebar has decoded and parsed the file already).
 */
import { parseCsv } from '../../src/io/csv';
import { decodeBytes } from '../../src/io/decode';
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { importTable } from '../../src/workflows/importBallots';
import { runTally } from '../../src/workflows/tally';
import { createFakeGas, installFakeGas, type CallLog } from '../../test/gas/fakeSpreadsheetApp';
import { benchContext, prepareBook } from './book';
import type { VoteFingerprints } from './fingerprints';

/** What one workflow cost on the Spreadsheet service. */
export interface ServiceUse {
  /** SpreadsheetApp, Spreadsheet, Sheet and Range calls. */
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Every call by method, for the report. */
  byMethod: Record<string, number>;
}

export interface GasRun {
  import: ServiceUse;
  tally: ServiceUse;
  /** The vote's fingerprints as this host made them (portable hashing), to compare with the Node host's. */
  fingerprints: VoteFingerprints;
}

const SPREADSHEET_SERVICE = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;

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
  const fake = createFakeGas();
  const uninstall = installFakeGas(fake);
  try {
    // The Apps Script context (its portable hashing) with the bench's clock and salt, so its
    // fingerprints can be compared with the Node host's.
    const bench = benchContext();
    const ctx = { ...gasContext('ko'), now: bench.now, randomSecret: bench.randomSecret };
    prepareBook(new SheetsWorkbook(), ctx);
    fake.log.reset();
    const { text, encoding } = decodeBytes(bytes);
    const { rows } = parseCsv(text);
    // Each workflow gets the workbook the entry point would make for it.
    const imported = importTable(new SheetsWorkbook(), ctx, { fileName, rows, encoding });
    const importUse = take(fake.log);
    const tally = runTally(new SheetsWorkbook(), ctx);
    const fingerprints = { import: imported.fingerprint, input: tally.inputFingerprint, result: tally.resultFingerprint };
    return { import: importUse, tally: take(fake.log), fingerprints };
  } finally {
    uninstall();
  }
}

/** Cells scaled from the size the fake held to the size asked for; calls kept as measured. */
export function scaleCells(run: GasRun, factor: number): GasRun {
  const scale = (use: ServiceUse): ServiceUse => ({ ...use, cellsRead: Math.round(use.cellsRead * factor), cellsWritten: Math.round(use.cellsWritten * factor) });
  return { ...run, import: scale(run.import), tally: scale(run.tally) };
}

/**
 * Apps Script publishes quotas (6 minutes per execution) but no per-call prices, so the estimate
 * uses assumed costs, stated wherever the figures are printed: a round trip to the Spreadsheet
 * service in tens of milliseconds, and bulk Range.getValues/setValues throughput in the order of
 * 10⁵–10⁶ cells per second (writes slower than reads). These are assumptions, not measurements.
 */
export const COST_MODEL = { perCallMs: 50, perThousandCellsWrittenMs: 10, perThousandCellsReadMs: 2 };

export function estimatedSeconds(use: ServiceUse): number {
  const ms =
    use.calls * COST_MODEL.perCallMs +
    (use.cellsWritten / 1000) * COST_MODEL.perThousandCellsWrittenMs +
    (use.cellsRead / 1000) * COST_MODEL.perThousandCellsReadMs;
  return ms / 1000;
}
