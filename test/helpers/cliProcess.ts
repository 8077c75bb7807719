/**
 * The CLI as a user runs it: the bundle `npm run build:cli` makes (built here from the current
 * source into a temp folder), started as a separate process, its stdout, stderr and exit code read.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import ExcelJS from 'exceljs';
import { tempFolder } from './tempFolder';

export const ROOT = path.resolve(__dirname, '../..');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface Cli {
  /** A fresh temp folder for the test's files, removed after the test file. */
  work: string;
  run(...args: string[]): CliRun;
  /** Runs with --json; a non-zero exit fails the test with the command's stderr. */
  runJson<T>(...args: string[]): T;
}

/** Call at the top of a test file; the bundle is built once, in beforeAll. */
export function cliUnderTest(prefix: string, options: { cwd?: 'root' | 'work' } = {}): Cli {
  const work = tempFolder(prefix);
  const bundle = path.join(work, 'cli.js');
  beforeAll(() => {
    buildSync({ entryPoints: [path.join(ROOT, 'src/node/cli.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'silent', nodePaths: [path.join(ROOT, 'node_modules')] });
  });
  const run = (...args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [bundle, ...args], { cwd: options.cwd === 'work' ? work : ROOT, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const runJson = <T>(...args: string[]): T => {
    const r = run(...args, '--json');
    if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  return { work, run, runJson };
}

/** A tab of a written workbook, read back with ExcelJS (row n at index n − 1). */
export async function readTabBack(file: string, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(name);
  if (ws === undefined) throw new Error(`no tab ${name}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}
