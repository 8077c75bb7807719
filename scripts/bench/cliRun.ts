/**
 * The CLI end to end as staff would run it: `init`, 설정 and 의제 filled in, `import` of the
 * export, `tally`, each a separate `node lib/cli.js` writing the .xlsx. Filling in the tabs stands
 * for a person typing and is not timed.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { benchContext, prepareBook } from './book';
import type { ProcessRunner } from './processes';

export interface CliRun {
  ballots: number;
  ms: number;
  peakRssMb: number;
  /** Each command's wall time and peak memory. */
  steps: { command: string; ms: number; peakRssMb: number }[];
  validBallots: number;
  xlsxBytes: number;
}

export async function runCli(runner: ProcessRunner, cli: string, exportFile: string, ballots: number, workDir: string): Promise<CliRun> {
  const book = path.join(workDir, `book-${ballots}.xlsx`);
  const steps: CliRun['steps'] = [];
  const step = (command: string, ...args: string[]): string => {
    const run = runner.node([cli, command, ...args]);
    steps.push({ command, ms: Math.round(run.ms), peakRssMb: run.peakRssMb });
    return run.stdout;
  };
  step('init', book);
  const wb = await XlsxWorkbook.open(book);
  prepareBook(wb, benchContext());
  await wb.save();
  step('import', book, exportFile, '--json');
  const tally = JSON.parse(step('tally', book, '--json')) as { validBallots: number };
  return {
    ballots,
    ms: steps.reduce((sum, s) => sum + s.ms, 0),
    peakRssMb: Math.max(...steps.map((s) => s.peakRssMb)),
    steps,
    validBallots: tally.validBallots,
    xlsxBytes: statSync(book).size,
  };
}
