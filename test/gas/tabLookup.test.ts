/**
 * Issue 20: a tab is found by name (one getSheetByName) and read in one call (getSheetValues), on
 * a fake that refuses what Sheets refuses. The tab chosen is the same on every host.
 */
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { TABS } from '../../src/sheets/schema';
import { RecordingWorkbook } from '../../src/workflows/jobs/recordingWorkbook';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { findTab, readTab } from '../../src/workflows/tabs';
import type { Workbook } from '../../src/workflows/workbook';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

function setup(): SheetsWorkbook {
  fake = createFakeGas();
  uninstall = installFakeGas(fake);
  return new SheetsWorkbook();
}

afterEach(() => uninstall?.());

describe('the fake Sheet.getSheetValues', () => {
  test('-1 reads to the last row and column with data; one call, and the cells read are counted', () => {
    setup();
    fake.spreadsheet.seed('t', [['a', 'b', ''], ['c', '', ''], ['', '', '']]);
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('t') as GoogleAppsScript.Spreadsheet.Sheet;
    fake.log.reset();
    expect(sheet.getSheetValues(1, 1, -1, -1)).toEqual([['a', 'b'], ['c', '']]);
    expect(sheet.getSheetValues(2, 1, 1, 2)).toEqual([['c', '']]);
    expect(fake.log.count('Sheet.getSheetValues')).toBe(2);
    expect(fake.log.total()).toBe(2);
    expect(fake.log.cellsRead).toBe(6);
  });

  test('a tab with no data, or a range past the grid, is refused as getRange refuses it', () => {
    setup();
    fake.spreadsheet.seed('empty', []);
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const empty = book.getSheetByName('empty') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(() => empty.getSheetValues(1, 1, -1, -1)).toThrow('The coordinates or dimensions of the range are invalid.');
    expect(() => empty.getSheetValues(1, 1, empty.getMaxRows() + 1, 1)).toThrow('outside the dimensions of the sheet');
  });
});

describe('SheetsWorkbook reads', () => {
  test('an empty tab reads as no rows: the refusal is told apart by asking where the data ends', () => {
    const wb = setup();
    fake.spreadsheet.seed('빈 탭', []);
    fake.log.reset();
    expect(wb.readTab('빈 탭')).toEqual([]);
    expect(fake.log.count('Sheet.getLastRow')).toBe(1);
  });

  test('a failed read of a tab with data is an error, not an empty tab', () => {
    const wb = setup();
    fake.spreadsheet.seed('투표', [['투표자키'], ['k1']]);
    fake.log.failAt(1, 'Service Spreadsheets timed out while accessing document', (name) => name === 'Sheet.getSheetValues');
    expect(() => wb.readTab('투표')).toThrow('timed out');
  });
});

describe('which tab a workflow finds', () => {
  const layouts: string[][] = [
    ['Ballots', '투표'],
    ['투표', 'Ballots'],
    [' 투표 ', 'Ballots'],
    ['BALLOTS', '메모'],
    ['메모'],
  ];

  function sheetsHost(names: string[]): SheetsWorkbook {
    const wb = setup();
    for (const name of names) fake.spreadsheet.seed(name, [['투표자키'], [`row of ${name}`]]);
    fake.log.reset();
    return wb;
  }

  function memoryHost(names: string[]): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const name of names) wb.writeTab(name, [['투표자키'], [`row of ${name}`]]);
    return wb;
  }

  test.each(layouts)('tabs %j: the same tab on Sheets, in memory and through a job’s recording workbook', (...names: string[]) => {
    const expected = names.includes('투표') ? '투표' : (names.find((n) => ['투표', 'ballots'].includes(n.trim().toLowerCase())) ?? null);
    const hosts: Workbook[] = [memoryHost(names), new RecordingWorkbook(memoryHost(names), () => false)];
    for (const wb of hosts) expect(findTab(wb, TABS.ballots)).toBe(expected);
    expect(findTab(sheetsHost(names), TABS.ballots)).toBe(expected);
    expect(findTab(new RecordingWorkbook(sheetsHost(names), () => false), TABS.ballots)).toBe(expected);
  });

  test('the tool’s own name is found with one call; any other spelling takes the list of tabs', () => {
    const exact = sheetsHost(['메모', 'Ballots', '투표']);
    expect(readTab(exact, 'ballots')?.grid[1]).toEqual(['row of 투표']);
    expect(fake.log.count('Spreadsheet.getSheetByName')).toBe(1);
    expect(fake.log.count('Spreadsheet.getSheets')).toBe(0);
    expect(fake.log.count('Sheet.getName')).toBe(0);

    const variant = sheetsHost(['메모', ' Ballots']);
    expect(readTab(variant, 'ballots')?.grid[1]).toEqual(['row of  Ballots']);
    expect(fake.log.count('Spreadsheet.getSheets')).toBe(1);
    expect(fake.log.count('Sheet.getName')).toBe(2);
    // Once listed, nothing more is asked to find a tab.
    fake.log.reset();
    expect(findTab(variant, TABS.agendas)).toBeNull();
    expect(fake.log.total()).toBe(0);
  });

  test('a job’s recording workbook sees the tabs its recorded writes create, without listing the real ones', () => {
    const real = sheetsHost(['투표']);
    const recording = new RecordingWorkbook(real, () => false);
    recording.writeTab('검증', [['항목']]);
    expect(recording.hasTab?.('검증')).toBe(true);
    expect(findTab(recording, TABS.integrity)).toBe('검증');
    expect(recording.readTab('검증')).toEqual([['항목']]);
    expect(findTab(recording, TABS.ballots)).toBe('투표');
    expect(fake.log.count('Spreadsheet.getSheets')).toBe(0);
    // Nothing was written to the spreadsheet, and listing shows the real tabs and the recorded one.
    expect(fake.spreadsheet.sheets.map((s) => s.name)).toEqual(['투표']);
    expect(recording.tabNames()).toEqual(['투표', '검증']);
  });
});
