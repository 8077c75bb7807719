/**
 * Sheets: an import that a job writes in steps (rpcImport) records 투표 as it leaves it, from the
 * job's recorded writes (no extra read of the tab), and the 개표 menu's tally after it takes 투표
 * as sealed without checking each row. A direct import on the host, where reading 투표 back is a
 * service call, records nothing, and the tally checks every row as before.
 */
import * as ballotSeal from '../../src/workflows/ballotSeal';
import { menuTally } from '../../src/gas/menu';
import { rpcImport } from '../../src/gas/rpc';
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { importTable } from '../../src/workflows/importBallots';
import { runTally } from '../../src/workflows/tally';
import { prepareBook } from '../../scripts/bench/book';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;
afterEach(() => uninstall?.());

const rows = [['투표자', '투표일시', '선택1', '선택2', '선택3'], ...Array.from({ length: 300 }, (_, i) => [`010-2000-${String(1000 + i)}`, '2020-07-07 10:00', 'A01', i % 2 === 0 ? 'A03' : '', ''])];

function importSeal(): string {
  const audit = fake.spreadsheet.sheet('이력')!.dump();
  const seal = audit[0].indexOf('봉인');
  return String(audit[audit.length - 1][seal]);
}

function prepared(): void {
  fake = createFakeGas();
  uninstall = installFakeGas(fake);
  prepareBook(new SheetsWorkbook(), gasContext('ko'));
}

test('rpcImport, then the 개표 menu: 투표 taken as sealed, no row checked again', () => {
  prepared();
  rpcImport({ fileName: 'export.csv', rows, encoding: 'utf-8' });
  expect(importSeal()).toMatch(/^[0-9a-f]{32} checked:[0-9a-f]{32}$/);
  const spy = jest.spyOn(ballotSeal, 'checkBallotSeals');
  menuTally();
  expect(fake.ui.alerts.at(-1)?.message).toMatch(/선정/);
  expect(spy).not.toHaveBeenCalled();
  spy.mockRestore();
});

test('an import made on the host directly records nothing; the tally checks every row', () => {
  prepared();
  const ctx = gasContext('ko');
  importTable(new SheetsWorkbook(), ctx, { fileName: 'export.csv', rows, encoding: 'utf-8' });
  expect(importSeal()).toMatch(/^[0-9a-f]{32}$/);
  const spy = jest.spyOn(ballotSeal, 'checkBallotSeals');
  runTally(new SheetsWorkbook(), ctx);
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();
});
