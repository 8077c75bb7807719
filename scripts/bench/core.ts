/**
 * The two measured passes over one export: the real import + tally (the code the CLI and the
 * add-on run, here over an in-memory workbook) and the baseline, the least any counter must do
 * with the same bytes (decode, split lines and fields, count picks in a Map).
 */
import { csvRowBatches } from '../../src/io/csv';
import { csvRowBatchesOfBytes } from '../../src/io/exportRows';
import { decodeBytes } from '../../src/io/decode';
import { Fingerprint, voterKeyHasher } from '../../src/core/hash';
import { nativeHashing } from '../../src/node/nativeHash';
import type { ImportReport } from '../../src/workflows/api';
import { importRows } from '../../src/workflows/importBallots';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { runTally } from '../../src/workflows/tally';
import { benchContext, prepareBook } from './book';
import type { VoteFingerprints } from './fingerprints';
import { PICK_COLUMNS } from './generate';

export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export interface BaselineRun {
  ms: number;
  picks: number;
}

export function baseline(bytes: Uint8Array): BaselineRun {
  const start = process.hrtime.bigint();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const lines = text.split('\r\n');
  const header = lines[0].split(',');
  const pickColumns = PICK_COLUMNS.map((name) => header.indexOf(name));
  const counts = new Map<string, number>();
  let picks = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    picks += countPicks(lines[i].split(','), pickColumns, counts);
  }
  return { ms: elapsedMs(start), picks };
}

/** The plain pass's work on one row, shared with the required-work floor: each pick counted once. */
export function countPicks(fields: readonly string[], pickColumns: readonly number[], counts: Map<string, number>): number {
  let picks = 0;
  for (const c of pickColumns) {
    const pick = fields[c];
    if (pick === undefined || pick === '') continue;
    counts.set(pick, (counts.get(pick) ?? 0) + 1);
    picks++;
  }
  return picks;
}

export interface CoreRun {
  ms: number;
  importMs: number;
  tallyMs: number;
  rowsCounted: number;
  setAside: number;
  validBallots: number;
  selected: string[];
  fingerprints: VoteFingerprints;
}

/**
 * As the CLI reads a CSV export (readExport.ts): nothing holds the file's bytes once they are
 * decoded, and the decoded text is not held through the import (RowSource.release).
 */
function importExport(wb: MemoryWorkbook, file: { bytes: Uint8Array | null }, fileName: string): ImportReport {
  const rows = csvRowBatchesOfBytes(takeBytes(file));
  return importRows(wb, benchContext(), { fileName, encoding: rows.encoding }, rows);
}

function takeBytes(file: { bytes: Uint8Array | null }): Uint8Array {
  const { bytes } = file;
  if (bytes === null) throw new Error('the export was read already');
  file.bytes = null;
  return bytes;
}

/**
 * `readBytes` reads the export just before the import (untimed), and the import alone holds the
 * bytes, as the CLI's does: nothing holds them once decoded. A caller keeping them for later passes
 * would add them to the peak memory measured here, which a CLI run does not have.
 */
export function importAndTally(readBytes: () => Uint8Array, fileName: string): CoreRun {
  const ctx = benchContext();
  const wb = new MemoryWorkbook();
  prepareBook(wb, ctx);
  const file = { bytes: readBytes() as Uint8Array | null };
  const start = process.hrtime.bigint();
  const report = importExport(wb, file, fileName);
  const importMs = elapsedMs(start);
  const tallyStart = process.hrtime.bigint();
  const tally = runTally(wb, ctx);
  const tallyMs = elapsedMs(tallyStart);
  return {
    ms: elapsedMs(start),
    importMs,
    tallyMs,
    rowsCounted: report.rowsCounted,
    setAside: report.setAside.total,
    validBallots: tally.validBallots,
    selected: tally.selected,
    fingerprints: { import: report.fingerprint, input: tally.inputFingerprint, result: tally.resultFingerprint },
  };
}

/**
 * What the work the issue asks for costs on its own, measured on the same bytes: reading the rows
 * (decode, CSV batches), a keyed hash of every voter identifier (HMAC-SHA-256 with the salt), and
 * the content fingerprint that makes a re-import harmless. Their sum is a floor under import +
 * tally that no reorganisation of the rest removes; the ratio's goal is read against it.
 */
export interface StageCosts {
  decodeMs: number;
  rowsMs: number;
  voterKeysMs: number;
  fingerprintMs: number;
}

export function stageCosts(bytes: Uint8Array): StageCosts {
  let start = process.hrtime.bigint();
  const { text } = decodeBytes(bytes);
  const decodeMs = elapsedMs(start);
  const { batches } = csvRowBatches(text);
  start = process.hrtime.bigint();
  let read = 0;
  for (const batch of batches()) read += batch.length;
  const rowsMs = elapsedMs(start);
  // The next two stages work on what they need, read beforehand and untimed (this job's memory
  // is not what the benchmark reports): the voter cells for the keys, the rows for the fingerprint.
  const voterKeysMs = timeVoterKeys(batches);
  const fingerprintMs = timeFingerprint(batches);
  if (read === 0) throw new Error('empty export');
  return { decodeMs, rowsMs, voterKeysMs, fingerprintMs };
}

function timeVoterKeys(batches: () => Iterable<string[][]>): number {
  const voters: string[] = [];
  for (const batch of batches()) for (const row of batch) voters.push(row[0]);
  const hash = voterKeyHasher(benchContext().randomSecret(), nativeHashing);
  const start = process.hrtime.bigint();
  let keys = 0;
  for (const voter of voters) keys += hash(voter).length;
  if (keys === 0) throw new Error('no voter keys');
  return elapsedMs(start);
}

function timeFingerprint(batches: () => Iterable<string[][]>): number {
  const rows: string[][] = [];
  for (const batch of batches()) for (const row of batch) rows.push(row);
  const fp = new Fingerprint(nativeHashing);
  const start = process.hrtime.bigint();
  for (const row of rows) fp.addTrimmedRow(row);
  fp.hex();
  return elapsedMs(start);
}
