import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/errors';

/**
 * Every file the CLI writes goes through here: into a temporary file in the target's folder,
 * flushed to the disk, then renamed over the target. A rename within a folder is atomic, so the
 * target is always the old file or the whole new one. A failure removes the temporary file and
 * becomes one line for staff (exit 2); a signal (Ctrl-C, a kill) removes it before the process
 * ends. SIGKILL cannot be caught: its leftover is removed by the next write to the same target.
 */

/** Where the bytes go while the file is being written: call write as many times as needed. */
export interface AtomicOutput {
  write(chunk: Uint8Array | string): void;
}

/** Temporary files being written now, removed if the process is stopped by a signal. */
const live = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

function onSignal(signal: NodeJS.Signals): void {
  for (const temp of live) rmSync(temp, { force: true });
  process.exit(SIGNAL_EXIT[signal] ?? 1);
}

/** Handlers only while a temporary file exists, so an idle process keeps Node's own signal handling. */
function track(temp: string): void {
  if (live.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  live.add(temp);
}

function untrack(temp: string): void {
  live.delete(temp);
  if (live.size === 0) for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** `.book.xlsx.1234.tmp`: hidden, beside its target, named by the process that writes it. */
export function temporaryName(target: string): string {
  return path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of this target left by a process that no longer runs (killed with SIGKILL). */
function removeStaleTemporaries(target: string): void {
  const dir = path.dirname(path.resolve(target));
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) rmSync(path.join(dir, name), { force: true });
  }
}

/** A written, flushed temporary file not yet renamed over its target. */
export interface PendingFile {
  /** Renames it over the target (a system error becomes a UserError, the temporary file removed). */
  commit(): void;
  /** Removes it; the target stays as it was. */
  abort(): void;
}

/**
 * Writes `target` atomically with what `produce` hands to the output. Any failure (a full disk, no
 * permission, a missing folder, or an error of `produce`) leaves the target as it was.
 */
export async function writeAtomically(target: string, produce: (out: AtomicOutput) => void | Promise<void>): Promise<void> {
  (await prepareAtomically(target, produce)).commit();
}

/**
 * The first half of writeAtomically: the new content complete on the disk beside the target.
 * Two files that change together (a workbook and its calendar) are both prepared, then committed.
 */
export async function prepareAtomically(target: string, produce: (out: AtomicOutput) => void | Promise<void>): Promise<PendingFile> {
  removeStaleTemporaries(target);
  const temp = temporaryName(target);
  let fd: number;
  try {
    fd = openSync(temp, 'w', 0o644);
  } catch (error) {
    throw writeFailure(target, error);
  }
  track(temp);
  const abort = (): void => {
    rmSync(temp, { force: true });
    untrack(temp);
  };
  let open = true;
  try {
    await produce({
      write: (chunk) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        // writeSync may write part of a buffer (a disk nearly full): the rest is written or it throws.
        for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
      },
    });
    fsyncSync(fd);
    open = false;
    closeSync(fd);
  } catch (error) {
    if (open) {
      try {
        closeSync(fd);
      } catch {
        // Already failing: the first error is the one to tell.
      }
    }
    abort();
    throw writeFailure(target, error);
  }
  return {
    abort,
    commit: () => {
      try {
        renameSync(temp, target);
      } catch (error) {
        abort();
        throw writeFailure(target, error);
      }
      untrack(temp);
      syncFolder(target);
    },
  };
}

/** The rename is on the disk once its folder is flushed; some systems cannot, which costs nothing. */
function syncFolder(target: string): void {
  try {
    const dir = openSync(path.dirname(path.resolve(target)), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Not every file system lets a folder be opened or flushed (Windows, some network shares).
  }
}

/** writeAtomically with the whole content at once. */
export function writeFileAtomically(target: string, content: Uint8Array | string): Promise<void> {
  return writeAtomically(target, (out) => out.write(content));
}

/** A system error of a file (ENOSPC, EACCES…) as one line for staff; any other error as it is. */
export function writeFailure(target: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new UserError('write_failed', `${target}: ${fileProblem(code)}; 파일은 바뀌지 않았습니다 / ${fileProblemEn(code)}; the file was not changed`);
}

/** What a system error code means to a person, in Korean. */
function fileProblem(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return '디스크 공간이 부족해 저장하지 못했습니다';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '쓰기 권한이 없어 저장하지 못했습니다';
  if (code === 'ENOENT' || code === 'ENOTDIR') return '폴더가 없어 저장하지 못했습니다';
  if (code === 'EISDIR') return '같은 이름의 폴더가 있어 저장하지 못했습니다';
  return `저장하지 못했습니다 (${code})`;
}

function fileProblemEn(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'not saved: the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'not saved: no permission to write there';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not saved: the folder does not exist';
  if (code === 'EISDIR') return 'not saved: a folder has that name';
  return `not saved (${code})`;
}
