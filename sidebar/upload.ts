/**
 * Sends a parsed table to the server in chunks (rpcImportBegin → rpcImportChunk × n →
 * rpcImportFinishStep until done). The server stages chunks and counts them only at the end, so cancelling, a
 * closed sidebar or a failure part-way leaves nothing counted; a chunk whose reply was lost is sent
 * again and taken once. The same file a second time is refused by begin, before any row is sent.
 */
import { fingerprintTable } from '../src/sheets/fingerprint';
import type { FormulaCell, ImportReport } from '../src/workflows/api';
import { server } from './rpc';

/** Rows per call, and a cap on characters so wide rows still make small payloads. */
const CHUNK_ROWS = 2000;
const CHUNK_CHARS = 400_000;
const ATTEMPTS = 3;

export type UploadResult =
  | { kind: 'done'; report: ImportReport }
  | { kind: 'already'; when: string | null }
  | { kind: 'cancelled' };

export interface UploadHooks {
  onProgress(sent: number, total: number): void;
  /** Counting on the server; with steps done and total once a large file goes in several executions. */
  onCounting(done?: number, total?: number): void;
  cancelled(): boolean;
}

export function chunk(rows: readonly string[][]): string[][][] {
  const chunks: string[][][] = [];
  let current: string[][] = [];
  let chars = 0;
  for (const row of rows) {
    const size = row.reduce((n, c) => n + c.length + 3, 2);
    if (current.length > 0 && (current.length >= CHUNK_ROWS || chars + size > CHUNK_CHARS)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= ATTEMPTS) throw err;
    }
  }
}

/** Each chunk's formula cells, their rows counted within the chunk. */
function formulaCellsByChunk(chunks: readonly string[][][], cells: readonly FormulaCell[]): FormulaCell[][] {
  const byChunk: FormulaCell[][] = chunks.map(() => []);
  const starts: number[] = [];
  let start = 0;
  for (const rows of chunks) {
    starts.push(start);
    start += rows.length;
  }
  for (const cell of cells) {
    let index = starts.length - 1;
    while (index > 0 && starts[index] > cell.row) index -= 1;
    if (index >= 0 && cell.row - starts[index] < chunks[index].length) byChunk[index].push({ row: cell.row - starts[index], column: cell.column });
  }
  return byChunk;
}

export async function upload(
  file: { fileName: string; encoding: string; rows: string[][]; formulaCells?: FormulaCell[] },
  channel: string,
  hooks: UploadHooks,
): Promise<UploadResult> {
  const begin = await server.rpcImportBegin({
    fileName: file.fileName,
    encoding: file.encoding,
    fingerprint: fingerprintTable(file.rows),
    rowCount: file.rows.length,
    ...(channel ? { channel } : {}),
  });
  if (begin.alreadyImported) return { kind: 'already', when: begin.importedAt };
  const importId = begin.importId;
  const chunks = chunk(file.rows);
  const formulas = formulaCellsByChunk(chunks, file.formulaCells ?? []);
  let sent = 0;
  hooks.onProgress(0, file.rows.length);
  try {
    for (let index = 0; index < chunks.length; index++) {
      if (hooks.cancelled()) {
        await server.rpcImportCancel(importId);
        return { kind: 'cancelled' };
      }
      const formulaCells = formulas[index];
      await withRetry(() => server.rpcImportChunk({ importId, index, rows: chunks[index], ...(formulaCells.length > 0 ? { formulaCells } : {}) }));
      sent += chunks[index].length;
      hooks.onProgress(sent, file.rows.length);
    }
    if (hooks.cancelled()) {
      await server.rpcImportCancel(importId);
      return { kind: 'cancelled' };
    }
  } catch (err) {
    // Best effort: drop what was staged; the server's next begin replaces it anyway.
    await server.rpcImportCancel(importId).catch(() => undefined);
    throw err;
  }
  hooks.onCounting();
  // A large file is counted in steps, one Apps Script execution each: ask again until it is done.
  // Asking again is safe after a lost reply too (the server resumes, or answers with the report).
  for (;;) {
    const step = await withRetry(() => server.rpcImportFinishStep(importId, chunks.length));
    if (step.done) return { kind: 'done', report: step.result };
    hooks.onCounting(step.progress.done, step.progress.total);
  }
}
