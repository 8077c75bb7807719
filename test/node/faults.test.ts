/**
 * Every write path of the CLI under a failing disk and a killed process: a full disk (a real 5 MB
 * tmpfs, and ENOSPC injected at chosen bytes), a folder it may not write (EACCES; root ignores
 * permissions, so it is injected), a missing folder (real), and SIGKILL / SIGTERM at random points.
 * Each ends with the target as it was or as a whole new file, never between; the user sees one line
 * (no stack trace) and exit 2; no temporary file stays behind.
 */
import { typeIntoBook } from '../helpers/staffBook';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cliUnderTest, ROOT } from '../helpers/cliProcess';
import { tmpdir } from 'node:os';

const { work, run } = cliUnderTest('faults');
const bundle = path.join(work, 'cli.js');
const FAULTY_FS = path.join(ROOT, 'test/helpers/faultyFs.cjs');
const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };

jest.setTimeout(240_000);

/** The CLI with the disk failing as `fault` says (see faultyFs.cjs). */
function runFaulty(fault: Record<string, string>, ...args: string[]): { status: number; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--require', FAULTY_FS, bundle, ...args], { cwd: work, encoding: 'utf8', env: { ...env, ...fault } });
  return { status: r.status ?? -1, stderr: r.stderr, stdout: r.stdout };
}

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp') || /\.tmp-\d+$/.test(name));
}

/** One line on stderr, the given reason in both languages, and nothing of a stack trace. */
function expectOneLine(stderr: string, reason: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(reason);
  expect(stderr).not.toMatch(/\n\s+at |internal error|내부 오류/);
}

const BOOK = (): string => path.join(work, 'book.xlsx');
let base: Buffer;
let exportCsv: string;

function votes(file: string, from: number, count: number): void {
  const rows = ['투표자,투표일시,선택1,선택2'];
  for (let i = from; i < from + count; i++) rows.push(`010-9${String(i).padStart(7, '0')},2020-07-10 10:00:00,A0${1 + (i % 3)},A0${1 + ((i + 1) % 3)}`);
  writeFileSync(file, rows.join('\n'));
}

/** A small workbook as staff make it (init, settings and agendas typed in, one import), and a second export. */
beforeAll(async () => {
  const file = path.join(work, 'base.xlsx');
  expect(run('init', file).status).toBe(0);
  await typeIntoBook(file, { 총예산: '1억', '선택 수': '2', '투표 시작': '2020-07-06', '투표 종료': '2020-07-13' }, (book) => {
    (book.getWorksheet('일정') as ExcelJS.Worksheet).addRow(['주민총회', '2020-07-20', '2020-07-20', '주민자치과', '', '7', '', '']);
  });
  votes(path.join(work, 'first.csv'), 0, 2000);
  expect(run('import', file, path.join(work, 'first.csv')).status).toBe(0);
  base = readFileSync(file);
  exportCsv = path.join(work, 'late.csv');
  votes(exportCsv, 5000, 300);
});

/** The prepared workbook and its voter key (kept beside it, `<book>.key`), copied as a colleague would. */
function copyBook(to: string): void {
  copyFileSync(path.join(work, 'base.xlsx'), to);
  copyFileSync(path.join(work, 'base.xlsx.key'), `${to}.key`);
}

beforeEach(() => {
  for (const name of readdirSync(work)) if (!['cli.js', 'base.xlsx', 'base.xlsx.key', 'late.csv', 'first.csv'].includes(name)) rmSync(path.join(work, name), { recursive: true, force: true });
  copyBook(BOOK());
});

/** Each write path: the command, and the file it writes (which exists before only when it is the book). */
const WRITE_PATHS: { name: string; args: () => string[]; target: () => string }[] = [
  { name: 'import', args: () => ['import', BOOK(), exportCsv], target: BOOK },
  { name: 'tally', args: () => ['tally', BOOK()], target: BOOK },
  { name: 'report --out', args: () => ['report', BOOK(), '--out', path.join(work, 'result.html')], target: () => path.join(work, 'result.html') },
  { name: 'export', args: () => ['export', BOOK(), path.join(work, 'out.pb')], target: () => path.join(work, 'out.pb') },
  { name: 'reminders --ics', args: () => ['reminders', BOOK(), '--today', '2020-07-20', '--ics', path.join(work, 'plan.ics')], target: () => path.join(work, 'plan.ics') },
  { name: 'demo', args: () => ['demo', '--out', path.join(work, 'fresh.xlsx')], target: () => path.join(work, 'fresh.xlsx') },
];

/** Old content of a target that exists before the command: an earlier file of the same name. */
function seedTarget(target: string): Buffer {
  if (target === BOOK()) return base;
  const old = Buffer.from(`an earlier ${path.basename(target)}, which a failed run must keep\n`);
  writeFileSync(target, old);
  return old;
}

describe.each(WRITE_PATHS)('$name', ({ name, args, target }) => {
  // Every path part-way through its file; the workbook's own save also at its first byte.
  it.each(name === 'import' ? [['at its first byte', '0'], ['part-way', '100']] : [['part-way', '100']])('a full disk %s: exit 2, one line, the old file kept, no temporary file', (_when, after) => {
    const old = seedTarget(target());
    const r = runFaulty({ CIVIC_FAULT: 'ENOSPC', CIVIC_FAULT_AFTER: after }, ...args());
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /디스크 공간이 부족해 저장하지 못했습니다.*not saved: the disk is full/);
    expect(readFileSync(target()).equals(old)).toBe(true);
    expect(readFileSync(BOOK()).equals(base)).toBe(true);
    expect(leftovers(work)).toEqual([]);
  });

  it('a folder it may not write: exit 2, one line, nothing changed', () => {
    const old = seedTarget(target());
    const r = runFaulty({ CIVIC_FAULT: 'EACCES' }, ...args());
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /쓰기 권한이 없어 저장하지 못했습니다.*not saved: no permission to write there/);
    expect(readFileSync(target()).equals(old)).toBe(true);
    expect(readFileSync(BOOK()).equals(base)).toBe(true);
    expect(leftovers(work)).toEqual([]);
  });
});

describe('a missing folder', () => {
  it.each(WRITE_PATHS.filter((p) => p.target !== BOOK))('$name: exit 2, one line, the workbook unchanged', ({ args, target }) => {
    const moved = args().map((arg) => (arg === target() ? path.join(work, 'no-such-folder', path.basename(arg)) : arg));
    const r = run(...moved);
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /폴더가 없어 저장하지 못했습니다.*not saved: the folder does not exist/);
    expect(readFileSync(BOOK()).equals(base)).toBe(true);
    expect(existsSync(path.join(work, 'no-such-folder'))).toBe(false);
  });
});

describe('a real full disk (a 5 MB tmpfs)', () => {
  const mountPoint = mkdtempSync(path.join(tmpdir(), 'civic-faults-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=5m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  afterAll(() => {
    if (mounted.status === 0) spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  // Mounting needs root with CAP_SYS_ADMIN; where it is refused the injected ENOSPC above stands in.
  const onTmpfs = mounted.status === 0 ? it : it.skip;

  onTmpfs.each(['import', 'tally'])('%s on a disk with 100 KB left: exit 2, one line, the workbook as it was', (command) => {
    const book = path.join(mountPoint, 'book.xlsx');
    copyBook(book);
    // Fill the disk but for 100 KB: less than the saved workbook needs.
    const filler = path.join(mountPoint, 'filler');
    const free = Number(spawnSync('df', ['-B1', '--output=avail', mountPoint], { encoding: 'utf8' }).stdout.trim().split('\n')[1]);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 100 * 1024)));
    const r = run(...(command === 'import' ? ['import', book, exportCsv] : ['tally', book]));
    rmSync(filler);
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /디스크 공간이 부족해 저장하지 못했습니다.*not saved: the disk is full/);
    expect(readFileSync(book).equals(base)).toBe(true);
    expect(leftovers(mountPoint)).toEqual([]);
  });
});

/** A small seeded generator (mulberry32): the same "random" kill points on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function killedAfter(ms: number, args: string[]): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: work, env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The process gets `signal` once `bytes` of the new file went out: a kill inside the write itself. */
function signalledInWrite(signal: 'SIGKILL' | 'SIGTERM', bytes: number, args: string[]): void {
  spawnSync(process.execPath, ['--require', FAULTY_FS, bundle, ...args], { cwd: work, env: { ...env, CIVIC_FAULT: signal, CIVIC_FAULT_AFTER: String(bytes) } });
}

describe.each(['import', 'tally'])('%s killed at random points', (command) => {
  const args = (): string[] => (command === 'import' ? ['import', BOOK(), exportCsv] : ['tally', BOOK()]);
  let duration = 0;
  let written = 0;

  /**
   * Old (the very bytes), or the whole new workbook: it opens, with the import's 300 ballots more
   * or the tally's 결과. After SIGKILL the next write to the book removes the dead run's temporary file.
   */
  const expectOldOrNew = async (signal: string, outcomes: { old: number; new: number }): Promise<void> => {
    if (readFileSync(BOOK()).equals(base)) outcomes.old += 1;
    else {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(BOOK());
      if (command === 'import') expect(book.getWorksheet('투표')?.actualRowCount).toBe(2301);
      else expect(book.getWorksheet('결과')?.actualRowCount).toBeGreaterThan(1);
      outcomes.new += 1;
    }
    if (signal === 'SIGTERM') expect(leftovers(work)).toEqual([]);
    else {
      expect(run('check', BOOK()).status).toBe(0);
      expect(leftovers(work)).toEqual([]);
    }
  };

  beforeEach(async () => {
    if (duration > 0) return;
    // The whole run once, undisturbed: how long it takes, how large its file, and that it is "new".
    const started = Date.now();
    expect(run(...args()).status).toBe(0);
    duration = Date.now() - started;
    written = readFileSync(BOOK()).length;
    await expectOldOrNew('SIGTERM', { old: 0, new: 0 });
    copyBook(BOOK());
  });

  const trials = command === 'import' ? 2 : 1;
  it.each(['SIGKILL', 'SIGTERM'] as const)('%s inside the write, at seeded random bytes', async (signal) => {
    const random = seeded(signal === 'SIGKILL' ? 17 : 18);
    const outcomes = { old: 0, new: 0 };
    for (let trial = 0; trial < trials; trial++) {
      copyBook(BOOK());
      signalledInWrite(signal, Math.floor(random() * written), args());
      await expectOldOrNew(signal, outcomes);
    }
    // SIGKILL stops the write where it is: the rename never came.
    if (signal === 'SIGKILL') expect(outcomes).toEqual({ old: trials, new: 0 });
    else expect(outcomes.old + outcomes.new).toBe(trials);
  });

  it('SIGKILL at seeded random moments of the whole run', async () => {
    const random = seeded(command === 'import' ? 29 : 31);
    const outcomes = { old: 0, new: 0 };
    for (let trial = 0; trial < trials; trial++) {
      copyBook(BOOK());
      await killedAfter(Math.round(duration * (0.3 + 0.8 * random())), args());
      await expectOldOrNew('SIGKILL', outcomes);
    }
    expect(outcomes.old + outcomes.new).toBe(trials);
  });
});
