/**
 * Issue 20: the resumable import writes 투표 in pieces of STEP_ROWS rows, and grows its grid once
 * for all of them (Workbook.reserveRows) instead of once a piece, and checkpoints (a flush and the
 * job's property) once per CHECKPOINT_ROWS rows instead of once a piece. On the strict fake
 * (writes buffered until a flush; a killed execution loses them; a range outside the grid refused):
 * - the tabs end cell for cell, format for format and grid for grid as before;
 * - an execution struck after any piece (killed at its time limit, or a service timing out, whose
 *   finally flushes pieces past the checkpoint) leaves 투표 with blank grid rows below its data,
 *   which count as nothing: resumed, the import ends as an undisturbed one; cancelled, 투표 holds
 *   what it held (every piece of the run the checkpoint names undone), and the same file imported
 *   again is counted once;
 * - a whole-tab rewrite cut into pieces ends as the one-shot rewrite.
 */
import { gasContext } from '../../src/gas/context';
import { menuTally } from '../../src/gas/menu';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { rpcImport, rpcInit, rpcJobCancel, rpcJobStatus } from '../../src/gas/rpc';
import { runJobStep, STEP_ROWS } from '../../src/workflows/jobs/engine';
import type { Grid } from '../../src/workflows/workbook';
import type { FakeGas, Stored } from './fakeSpreadsheetApp';
import { faultBooks, SERVICE_TIMEOUT, TIME_LIMIT } from './faultBook';


const freshBook = faultBooks();

function book(): FakeGas {
  const fake = freshBook();
  // The tabs as the tool sets them up: 투표 holds its header, which a cancelled import leaves.
  rpcInit();
  return fake;
}

/** A file of `ballots` rows: a few voters vote twice, a few choose an unknown agenda (those go to 제외). */
function table(ballots: number): string[][] {
  const pick = (i: number): string => (i % 97 === 0 ? 'A99' : ['A02', 'A03'][i % 2]);
  return [['투표자', '투표일시', '선택1', '선택2'], ...Array.from({ length: ballots }, (_, i) => [`010${String(i % (ballots - 7)).padStart(8, '0')}`, `2020-07-0${1 + (i % 9)} 10:00`, 'A01', pick(i)])];
}

/** 투표 as a person and Sheets see it: values, formats, the bold header, frozen rows, and the grid. */
function ballotsTab(fake: FakeGas): { values: Stored[][]; formats: string[][]; bold: boolean[]; frozen: number; grid: [number, number] } {
  const sheet = fake.spreadsheet.sheet('투표');
  if (!sheet) throw new Error('no 투표');
  const values = sheet.dump();
  return {
    values,
    formats: sheet.dumpFormats(),
    bold: values[0].map((_, c) => sheet.isBold(1, c + 1)),
    frozen: sheet.frozenRows,
    grid: [sheet.maxRows, sheet.maxColumns],
  };
}

/** The 결과 the 개표 menu writes, and what it said. */
function tally(fake: FakeGas): { shown: string; results: Stored[][] } {
  menuTally();
  return { shown: fake.ui.alerts.at(-1)?.message ?? '', results: fake.spreadsheet.sheet('결과')?.dump() ?? [] };
}

const BALLOTS = 5 * STEP_ROWS + 500;
const FILE = table(BALLOTS);

function undisturbed(): { ballots: ReturnType<typeof ballotsTab>; calls: Record<string, number>; tally: ReturnType<typeof tally> } {
  const fake = book();
  fake.log.reset();
  rpcImport({ fileName: 'x.csv', encoding: 'utf-8', rows: FILE });
  const calls = fake.log.snapshot();
  return { ballots: ballotsTab(fake), calls, tally: tally(fake) };
}

const reference = undisturbed();

test('the pieces fill a grid grown once, which ends at the last ballot', () => {
  // Most ballots are 투표's rows (more than five pieces of them); the grid holds them and no more.
  expect(reference.ballots.values.length).toBeGreaterThan(5 * STEP_ROWS + 1);
  expect(reference.ballots.grid[0]).toBe(reference.ballots.values.length);
  expect(reference.ballots.frozen).toBe(1);
  expect(reference.ballots.bold[0]).toBe(true);
  // Six pieces of 투표 (a getRange and a setValues each), but its grid is grown once (제외 once too).
  expect(reference.calls['Range.setValues']).toBeGreaterThanOrEqual(Math.ceil(BALLOTS / STEP_ROWS));
  expect(reference.calls['Sheet.insertRowsAfter']).toBeLessThanOrEqual(2);
  expect(reference.tally.shown).toMatch(/선정/);
});

/**
 * A fault at a piece of 투표: the execution killed at its time limit (its unflushed writes lost), or
 * a service that timed out (the execution goes on to its finally, whose flush applies the pieces
 * written since the last checkpoint: the tabs are then ahead of the checkpoint by up to a run).
 */
describe.each([
  ['killed at the time limit', TIME_LIMIT, true],
  ['a service timed out', SERVICE_TIMEOUT, false],
])('%s after a piece of 투표', (_name, message, dead) => {
  /** The k-th Range.setValues of the click fails (the first stores the plan). */
  function struckAt(k: number): FakeGas {
    const fake = book();
    fake.log.failAt(k, message, (name) => name === 'Range.setValues', dead);
    expect(() => rpcImport({ fileName: 'x.csv', encoding: 'utf-8', rows: FILE })).toThrow();
    if (dead) fake.kill();
    fake.log.heal();
    expect(rpcJobStatus()).toMatchObject({ kind: 'import' });
    return fake;
  }

  const pieces = Math.ceil(BALLOTS / STEP_ROWS);
  const strikes = Array.from({ length: pieces - 1 }, (_, i) => i + 3);

  test.each(strikes)('at setValues %i: blank rows below the data, and the same click again ends as an undisturbed one', (k) => {
    const fake = struckAt(k);
    const struck = ballotsTab(fake);
    // The grid was grown for every ballot; fewer rows hold data, and reading 투표 ends at them.
    expect(struck.grid[0]).toBe(reference.ballots.grid[0]);
    expect(struck.values.length).toBeLessThan(reference.ballots.values.length);
    rpcImport({ fileName: 'x.csv', encoding: 'utf-8', rows: FILE });
    expect(rpcJobStatus()).toBeNull();
    expect(ballotsTab(fake)).toEqual(reference.ballots);
    expect(tally(fake)).toEqual(reference.tally);
  });

  test.each(strikes)('at setValues %i, then cancelled: 투표 as it was, and the file imported again is counted once', (k) => {
    const fake = struckAt(k);
    for (let guard = 0; guard < 20 && !rpcJobCancel().done; guard++);
    expect(rpcJobStatus()).toBeNull();
    const cancelled = ballotsTab(fake);
    // Every piece the run may have written is undone, flushed or not.
    expect(cancelled.values).toEqual([reference.ballots.values[0]]);
    // The blank rows stay (cells, not data) and the next import writes into them.
    expect(cancelled.grid[0]).toBe(reference.ballots.grid[0]);
    rpcImport({ fileName: 'x.csv', encoding: 'utf-8', rows: FILE });
    expect(ballotsTab(fake)).toEqual(reference.ballots);
    expect(tally(fake)).toEqual(reference.tally);
  });
});

describe('a whole-tab rewrite cut into pieces (제외 rewritten by a job)', () => {
  /** A tab of 7,000 old rows, some with their own formats, rewritten with 5,000 rows and a bold, frozen header. */
  function rewritten(asJob: boolean): { tab: ReturnType<typeof ballotsTab>; calls: Record<string, number> } {
    const fake = book();
    const old = fake.spreadsheet.seed('투표', Array.from({ length: 7000 }, (_, r) => [`old ${r}`, r, r % 2 === 0]));
    for (let r = 1; r <= 7000; r += 500) old.setFormat(r, 2, '0.00%');
    const rows: Grid = [['번호', '내용'], ...Array.from({ length: 4999 }, (_, r) => [`A${r}`, r % 7 === 0 ? '01' : `내용 ${r}`])];
    fake.log.reset();
    const write = (wb: SheetsWorkbook): null => {
      wb.writeTab('투표', rows, { frozenRows: 1, boldRows: [1] });
      return null;
    };
    if (asJob) {
      const step = runJobStep(new SheetsWorkbook(), gasContext('ko'), { kind: 'import', id: 'rewrite', undoable: true, plan: (w) => write(w as SheetsWorkbook) }, Number.POSITIVE_INFINITY);
      expect(step.done).toBe(true);
    } else write(new SheetsWorkbook());
    return { tab: ballotsTab(fake), calls: fake.log.snapshot() };
  }

  test('ends cell for cell, format for format and grid for grid as the one-shot rewrite, its grid grown once after the first piece', () => {
    const oneShot = rewritten(false);
    const job = rewritten(true);
    expect(job.tab).toEqual(oneShot.tab);
    expect(job.tab.grid).toEqual([5000, 2]);
    // The first piece fits the grid to itself (old rows deleted with their formats), the next grows it for the rest.
    expect(job.calls['Sheet.insertRowsAfter']).toBe(1);
    expect(job.calls['Range.setValues']).toBeGreaterThanOrEqual(Math.ceil(5000 / STEP_ROWS));
  });
});
