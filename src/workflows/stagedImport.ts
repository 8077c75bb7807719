/**
 * A large export crosses from the sidebar in chunks (one RPC call each stays far below the payload
 * and 6-minute limits), is staged in a hidden tab, and is counted once, by the ordinary import, when
 * the last chunk is in. So a cancelled or failed upload never leaves anything half-counted: until
 * `finishStagedImport` nothing reaches 투표, 제외 or 이력.
 *
 * Staging rows are [import id, chunk, piece, pieces, text]: the JSON of the chunk's rows, cut into
 * pieces of at most STAGING_PIECE characters (Sheets refuses a cell over 50,000, and counts every
 * cell of the grid against the spreadsheet's cap, so rows are packed, not one row a line). JSON
 * keeps the cells exactly (width, blanks, text that looks like a number), and the (chunk, piece)
 * pair lets a chunk that was sent twice (a retry after a lost reply) be taken once.
 *
 * Voter identifiers are hashed as each chunk arrives, before it is staged: the staging tab (and so
 * the spreadsheet's version history, and an upload abandoned half-way) never holds a phone number.
 * The rows as they came are fingerprinted on the way in (the hash state is kept between chunks),
 * so the finish still checks that what it counts is the very file the browser fingerprinted.
 */
import { UserError } from '../core/errors';
import { hasContent } from '../sheets/fingerprint';
import { ResumableFingerprint } from '../core/resumableFingerprint';
import type { FormulaCell, ImportReport } from './api';
import { findAudit, lastAudit } from './audit';
import { hashingOf, type HostContext } from './context';
import { voterKeyHasher } from '../core/hash';
import { DOCUMENT_KEY } from './documentKey';
import { identityKey, importTable, privateColumnsOf, voterSalt } from './importBallots';
import { chooseVoterColumn, countPhones, findColumns, looksPersonal, newPhoneCounts, type PhoneCounts } from '../sheets/exportTable';
import { isScoreSheet } from '../sheets/scores';
import { readJob, refuseWhileOtherJob, runJobStep, textPieces, type JobSpec, type JobStep } from './jobs/engine';
import { readTab } from './tabs';
import type { Grid, Workbook } from './workbook';

/** Hidden tab holding the rows of the upload in progress (one per document). */
export const STAGING_TAB = '_civic_import_staging';
const SESSION_KEY = 'civicSheets.importSession';
/** Characters of staged JSON per cell: well under Sheets' 50,000. */
export const STAGING_PIECE = 40_000;
const STAGING_HEADER = ['import', 'chunk', 'piece', 'pieces', 'rows'];

export interface ImportBeginInput {
  fileName: string;
  encoding: string;
  channel?: string;
  /** fingerprintTable of the whole table as the browser read it (header included). */
  fingerprint: string;
  /** Rows of the table, header included, that the chunks will carry. */
  rowCount: number;
}

export interface ImportBeginReply {
  /** '' when the file was imported before: then nothing is staged and nothing needs sending. */
  importId: string;
  alreadyImported: boolean;
  /** When the earlier import ran (from 이력), if it did. */
  importedAt: string | null;
}

export interface ImportChunkInput {
  importId: string;
  /** 0-based chunk number; chunk i holds the rows after those of chunks 0..i-1. Sent in order. */
  index: number;
  rows: string[][];
  /** Cells of these rows that held a formula (row within the chunk), as ImportInput.formulaCells. */
  formulaCells?: FormulaCell[];
}

interface Session {
  id: string;
  fileName: string;
  encoding: string;
  channel?: string;
  fingerprint: string;
  rowCount: number;
  /** Chunks taken so far (the next one's index): a chunk may come again, never ahead of its turn. */
  chunksTaken?: number;
  /** The fingerprint of the rows taken so far, as they came (ResumableFingerprint's saved state). */
  received?: string;
  /** Where the header is (chunk and row) and which of its columns identify people, once it has come. */
  header?: {
    chunk: number;
    row: number;
    privateColumns: number[];
    scoreSheet?: boolean;
    /** With no voter column by its header: the content rule's sample of the rows as they came. */
    phoneCounts?: PhoneCounts;
  };
  /**
   * Set when the upload has been counted: its report, so finishing it again (a reply lost to a
   * timeout) answers with the same report instead of an error or a second count.
   */
  finished?: ImportReport;
}

// Korean first, like every message the tools show.
const message = (_ctx: HostContext, ko: string, en: string): string => `${ko} / ${en}`;

export function beginStagedImport(wb: Workbook, ctx: HostContext, input: ImportBeginInput): ImportBeginReply {
  refuseWhileOtherJob(wb, ctx);
  const audit = readTab(wb, 'audit');
  if (findAudit(audit, 'import', input.fingerprint)) {
    return { importId: '', alreadyImported: true, importedAt: lastAudit(audit, 'import', input.fingerprint)?.when ?? null };
  }
  const id = ctx.randomSecret().replace(/[^0-9a-z]/gi, '').slice(0, 16);
  const session: Session = { id, fileName: input.fileName, encoding: input.encoding, fingerprint: input.fingerprint, rowCount: input.rowCount };
  if (input.channel) session.channel = input.channel;
  // Voters are hashed as chunks arrive, so the salt must exist before the first one does.
  voterSalt(wb, ctx);
  // Replaces whatever an abandoned upload (a closed sidebar) left behind.
  wb.writeTab(STAGING_TAB, [STAGING_HEADER], { hidden: true, frozenRows: 1 });
  wb.flush?.();
  wb.setSecret(SESSION_KEY, JSON.stringify(session));
  return { importId: id, alreadyImported: false, importedAt: null };
}

export function addStagedChunk(wb: Workbook, ctx: HostContext, input: ImportChunkInput): { index: number; rows: number } {
  const session = requireSession(wb, ctx, input.importId);
  const taken = session.chunksTaken ?? 0;
  // Sent again after a lost reply: it is staged and fingerprinted already.
  if (input.index < taken) return { index: input.index, rows: input.rows.length };
  if (input.index > taken) {
    throw new UserError('upload_order', message(ctx, '전송 묶음의 순서가 어긋났습니다. 다시 가져오세요', 'Parts of the upload came out of order: import again'));
  }
  const received = receivedSoFar(session);
  for (const row of input.rows) if (hasContent(row)) received.addTrimmedRow(row);
  const updated: Session = { ...session, chunksTaken: taken + 1, received: received.save() };
  if (updated.header === undefined) {
    const row = input.rows.findIndex(hasContent);
    if (row >= 0) updated.header = stagedHeader(input.index, row, input.rows[row]);
  }
  if (updated.header?.phoneCounts !== undefined) {
    // Sampled before hashing: after it, the import would see keys where the phone numbers were.
    const counts = { ...updated.header.phoneCounts, filled: [...updated.header.phoneCounts.filled], phones: [...updated.header.phoneCounts.phones] };
    const { chunk, row: headerRow } = updated.header;
    input.rows.forEach((row, i) => {
      if ((input.index > chunk || i > headerRow) && hasContent(row)) countPhones(counts, row);
    });
    updated.header = { ...updated.header, phoneCounts: counts };
  }
  const rows = withIdentitiesHashed(wb, ctx, input.index, input.rows, updated.header);
  // A row's formula columns travel with the chunk (never the formulas: the browser does not send them).
  const staged: StagedChunk = input.formulaCells !== undefined && input.formulaCells.length > 0 ? { rows, formulaCells: input.formulaCells } : rows;
  const pieces = textPieces(JSON.stringify(staged), STAGING_PIECE);
  wb.appendRows(
    STAGING_TAB,
    pieces.map((text, piece) => [input.importId, input.index, piece, pieces.length, text]),
  );
  // After the rows: a failure in between leaves the chunk untaken, and its retry is taken whole
  // (rows staged twice are taken once when the upload is put together). Flushed first: the
  // session must never say a chunk is taken while its rows are still only in Sheets' write buffer.
  wb.flush?.();
  wb.setSecret(SESSION_KEY, JSON.stringify(updated));
  return { index: input.index, rows: input.rows.length };
}

function stagedHeader(chunk: number, row: number, cells: readonly string[]): NonNullable<Session['header']> {
  const header = cells.map((h) => h.trim());
  if (isScoreSheet(header)) return { chunk, row, privateColumns: [], scoreSheet: true };
  const found = findColumns(header);
  const needsContentRule = found.columns.voter === undefined && found.shape !== 'totals';
  return { chunk, row, privateColumns: privateColumnsOf(cells), ...(needsContentRule ? { phoneCounts: newPhoneCounts(header) } : {}) };
}

/**
 * The chunk's rows with each cell after the header that identifies a person (the voter, a name)
 * replaced by its key, as the import itself would hash it, and so is any other cell that looks
 * like personal data (a phone number, an e-mail, a 주민등록번호, an IP address) wherever it sits —
 * except in a committee score sheet, whose scorers are not residents.
 */
function withIdentitiesHashed(wb: Workbook, ctx: HostContext, chunk: number, rows: string[][], header: Session['header']): string[][] {
  if (header === undefined) return rows;
  const columns = new Set(header.privateColumns);
  const byContent = header.scoreSheet !== true;
  if (columns.size === 0 && !byContent) return rows;
  // Made (or found, and checked) when the upload began: each chunk only reads it.
  const hash = voterKeyHasher(wb.getSecret(DOCUMENT_KEY) || voterSalt(wb, ctx), hashingOf(ctx));
  return rows.map((row, i) => {
    if (chunk < header.chunk || (chunk === header.chunk && i < header.row)) return row;
    // The header's names stay, unless one looks like a phone number: then the "header" is a voter's row.
    const isHeader = chunk === header.chunk && i === header.row;
    let hashed: string[] | null = null;
    for (let column = 0; column < row.length; column++) {
      const cell = row[column] ?? '';
      if (!(columns.has(column) && !isHeader) && !(byContent && looksPersonal(cell))) continue;
      const key = identityKey(cell, hash);
      if (key === cell) continue;
      hashed ??= [...row];
      hashed[column] = key;
    }
    return hashed ?? row;
  });
}

/** The content rule's column for a staged upload, from the sample its chunks took as they came. */
function stagedVoterColumn(counts: PhoneCounts, rows: readonly (readonly string[])[]): number | null {
  const headerRow = rows.find(hasContent);
  if (headerRow === undefined) return null;
  const header = headerRow.map((h) => h.trim());
  return chooseVoterColumn(header, findColumns(header).columns, counts) ?? null;
}

/** The fingerprint of the rows the upload has taken so far, as they came. */
function receivedSoFar(session: Session): ResumableFingerprint {
  return session.received === undefined ? ResumableFingerprint.start() : ResumableFingerprint.resume(session.received);
}

function mismatch(ctx: HostContext): UserError {
  return new UserError('upload_mismatch', message(ctx, '받은 표가 보낸 파일과 다릅니다. 다시 가져오세요', 'The rows received differ from the file sent: import again'));
}

/**
 * Puts the chunks back together, checks that every row arrived exactly once and that the table is
 * the one the browser fingerprinted, then runs the ordinary import — as a resumable job
 * (jobs/engine.ts): the import is planned in one step and written in steps of at most STEP_ROWS
 * rows, each step ending before `budgetMs` is spent; call again with the same id to continue.
 * The staging tab is removed when the job ends, or at once when planning fails, so a failed
 * finish is retried by uploading again, never by counting twice (the import itself refuses
 * content whose fingerprint is in 이력).
 */
export function finishStagedImportStep(wb: Workbook, ctx: HostContext, importId: string, chunks: number, budgetMs?: number): JobStep<ImportReport> {
  return runJobStep(wb, ctx, stagedImportJob(ctx, importId, chunks), budgetMs);
}

/** The whole finish in one call (no time budget): the reply of the one-execution contract. */
export function finishStagedImport(wb: Workbook, ctx: HostContext, importId: string, chunks: number): ImportReport {
  const step = finishStagedImportStep(wb, ctx, importId, chunks, Number.POSITIVE_INFINITY);
  if (!step.done) throw new Error('an unbudgeted import stopped early');
  return step.result;
}

export function stagedImportJob(ctx: HostContext, importId: string, chunks: number): JobSpec<ImportReport> {
  return {
    kind: 'import',
    id: importId,
    args: { chunks },
    undoable: true,
    plan: (wb) => {
      const session = requireSession(wb, ctx, importId, true);
      if (session.finished) return session.finished;
      const { rows, formulaCells } = assemble(wb, ctx, session, chunks);
      return importTable(wb, ctx, {
        fileName: session.fileName,
        encoding: session.encoding,
        rows,
        ...(formulaCells.length > 0 ? { formulaCells } : {}),
        // The rows' voters are hashed already; the file is known by what the browser read (each
        // chunk was checked against it on arrival).
        fingerprint: session.fingerprint,
        ...(session.header?.phoneCounts !== undefined ? { voterColumnByContent: stagedVoterColumn(session.header.phoneCounts, rows) } : {}),
        ...(session.channel ? { channel: session.channel } : {}),
      });
    },
    cleanup: (wb, report) => finishStaging(wb, importId, report),
    abandon: (wb) => clearStagingOf(wb, importId),
  };
}

/** Drops the staged rows. Nothing was counted, so nothing else needs undoing. */
export function cancelStagedImport(wb: Workbook, importId: string): { cancelled: boolean } {
  const session = readSession(wb);
  if (session === null || session.id !== importId || session.finished) return { cancelled: false };
  // Once counting has started its plan is written step by step: it is finished, not dropped.
  if (readJob(wb)?.id === importId) return { cancelled: false };
  clearStaging(wb);
  return { cancelled: true };
}

/** A chunk as staged: its rows, with the formula cells among them when there were any. */
type StagedChunk = string[][] | { rows: string[][]; formulaCells: FormulaCell[] };

/** The staged rows of one upload, by chunk (a chunk staged twice is taken once: the first copy of each piece). */
export function stagedChunks(grid: Grid | null, importId: string): Map<number, string[][] | null> {
  const out = new Map<number, string[][] | null>();
  for (const [chunk, staged] of stagedChunkParts(grid, importId)) out.set(chunk, staged === null ? null : staged.rows);
  return out;
}

function stagedChunkParts(grid: Grid | null, importId: string): Map<number, { rows: string[][]; formulaCells: FormulaCell[] } | null> {
  const byChunk = new Map<number, { pieces: number; texts: Map<number, string> }>();
  for (const [id, chunk, piece, pieces, text] of (grid ?? []).slice(1)) {
    if (String(id) !== importId) continue;
    const entry = byChunk.get(Number(chunk)) ?? { pieces: Number(pieces), texts: new Map<number, string>() };
    if (!entry.texts.has(Number(piece))) entry.texts.set(Number(piece), text === null ? '' : String(text));
    byChunk.set(Number(chunk), entry);
  }
  const out = new Map<number, { rows: string[][]; formulaCells: FormulaCell[] } | null>();
  for (const [chunk, entry] of byChunk) {
    const texts: string[] = [];
    for (let p = 0; p < entry.pieces; p++) {
      const text = entry.texts.get(p);
      if (text === undefined) break;
      texts.push(text);
    }
    // A piece missing: the chunk is incomplete (null), never half-read.
    if (texts.length !== entry.pieces) {
      out.set(chunk, null);
      continue;
    }
    const staged = JSON.parse(texts.join('')) as StagedChunk;
    out.set(chunk, Array.isArray(staged) ? { rows: staged, formulaCells: [] } : staged);
  }
  return out;
}

function assemble(wb: Workbook, ctx: HostContext, session: Session, chunks: number): { rows: string[][]; formulaCells: FormulaCell[] } {
  const byChunk = stagedChunkParts(wb.readTab(STAGING_TAB), session.id);
  const table: string[][] = [];
  const formulaCells: FormulaCell[] = [];
  for (let c = 0; c < chunks; c++) {
    const rows = byChunk.get(c);
    if (rows === undefined) {
      throw new UserError('upload_incomplete', message(ctx, `전송 중 ${c + 1}번째 묶음이 빠졌습니다. 다시 가져오세요`, `Part ${c + 1} of the upload is missing: import again`));
    }
    if (rows === null) throw new UserError('upload_incomplete', message(ctx, '전송이 완전하지 않습니다. 다시 가져오세요', 'The upload is incomplete: import again'));
    for (const cell of rows.formulaCells) formulaCells.push({ row: table.length + cell.row, column: cell.column });
    for (const row of rows.rows) table.push(row);
  }
  if (table.length !== session.rowCount || receivedSoFar(session).hex() !== session.fingerprint) throw mismatch(ctx);
  return { rows: table, formulaCells };
}

function readSession(wb: Workbook): Session | null {
  const text = wb.getSecret(SESSION_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as Session;
  } catch {
    return null;
  }
}

function requireSession(wb: Workbook, ctx: HostContext, importId: string, finishedToo = false): Session {
  const session = readSession(wb);
  if (session === null || session.id !== importId || (session.finished && !finishedToo)) {
    throw new UserError(
      'import_replaced',
      message(ctx, '이 가져오기는 취소되었거나 다른 가져오기가 시작되었습니다. 다시 가져오세요', 'This import was cancelled or another one started: import again'),
    );
  }
  return session;
}

/** Drops the staging of this upload only: a newer upload may have replaced it meanwhile. */
function clearStagingOf(wb: Workbook, importId: string): void {
  const session = readSession(wb);
  if (session === null || session.id === importId) clearStaging(wb);
}

/** The staged rows go; the session stays, marked finished with its report (kept under the 9 KB property limit). */
function finishStaging(wb: Workbook, importId: string, report: ImportReport): void {
  const session = readSession(wb);
  if (session !== null && session.id !== importId) return;
  if (session !== null && !session.finished) {
    let marked = JSON.stringify({ ...session, finished: report });
    if (marked.length > 8000) marked = JSON.stringify({ ...session, finished: { ...report, warnings: report.warnings.map((w) => w.slice(0, 200)).slice(0, 5) } });
    wb.setSecret(SESSION_KEY, marked);
  }
  if (wb.deleteTab) wb.deleteTab(STAGING_TAB);
  else wb.writeTab(STAGING_TAB, [], { hidden: true });
}

function clearStaging(wb: Workbook): void {
  wb.setSecret(SESSION_KEY, '');
  if (wb.deleteTab) wb.deleteTab(STAGING_TAB);
  else wb.writeTab(STAGING_TAB, [], { hidden: true });
}
