import { a1Notation, SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { chartRoom, type ChartSpec } from '../../src/workflows/workbook';
import { createFakeGas, installFakeGas, zonedTime, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

function setup(options: Parameters<typeof createFakeGas>[0] = {}): SheetsWorkbook {
  fake = createFakeGas(options);
  uninstall = installFakeGas(fake);
  return new SheetsWorkbook();
}

afterEach(() => uninstall?.());

function table(rows: number): (string | number)[][] {
  return [
    ['투표자키', '투표일시', '선택', '채널'],
    ...Array.from({ length: rows }, (_, i) => [`k${i}`, '2020-07-06 10:00:00', 'A01, A03', i % 7]),
  ];
}

describe('SheetsWorkbook round trips', () => {
  test('missing tab reads as null; an empty tab as []', () => {
    const wb = setup();
    expect(wb.readTab('투표')).toBeNull();
    fake.spreadsheet.seed('빈 탭', []);
    expect(wb.readTab('빈 탭')).toEqual([]);
  });

  test('writeTab then readTab gives back text, numbers and booleans; null reads as empty', () => {
    const wb = setup();
    wb.writeTab('의제', [
      ['번호', '의제명', '사업비', '확정'],
      ['A01', '골목 정원', 30000000, true],
      ['A02', null, 1.5, false],
    ]);
    expect(wb.readTab('의제')).toEqual([
      ['번호', '의제명', '사업비', '확정'],
      ['A01', '골목 정원', 30000000, true],
      ['A02', '', 1.5, false],
    ]);
    expect(wb.tabNames()).toEqual(['의제']);
  });

  test('text that Sheets would coerce stays text', () => {
    const wb = setup();
    const tricky = ['0012', '1e5', '1,000', 'TRUE', '2020-07-06', '2020-07-06 10:00', "'quoted", ' =1+1', '\t=1'];
    wb.writeTab('t', [tricky]);
    expect(wb.readTab('t')).toEqual([tricky]);
    expect(fake.log.formulas).toEqual([]);
  });

  test('ragged rows are padded to one width', () => {
    const wb = setup();
    wb.writeTab('t', [['a'], ['b', 'c', 'd'], []]);
    expect(fake.spreadsheet.sheet('t')?.dump()).toEqual([
      ['a', '', ''],
      ['b', 'c', 'd'],
    ]);
  });

  test('writeTab replaces everything that was there', () => {
    const wb = setup();
    wb.writeTab('결과', table(50));
    wb.writeTab('결과', [['only'], ['two']]);
    expect(wb.readTab('결과')).toEqual([['only'], ['two']]);
  });

  test('writeTab freezes and bolds the header rows, and un-bolds the rest', () => {
    const wb = setup();
    wb.writeTab('결과', [['h'], ['x'], ['y']], { boldRows: [1, 3] });
    wb.writeTab('결과', [['h'], ['x'], ['y']], { frozenRows: 1, boldRows: [1] });
    const sheet = fake.spreadsheet.sheet('결과')!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect([sheet.isBold(1), sheet.isBold(2), sheet.isBold(3)]).toEqual([true, false, false]);
  });

  test('appendRows adds below the last row, and creates the tab when missing', () => {
    const wb = setup();
    wb.appendRows('이력', [['일시', '작업']]);
    wb.appendRows('이력', [['2020-07-06 10:00:00', 'import'], ['2020-07-06 11:00:00', 'tally']]);
    wb.appendRows('이력', []);
    expect(wb.readTab('이력')).toEqual([
      ['일시', '작업'],
      ['2020-07-06 10:00:00', 'import'],
      ['2020-07-06 11:00:00', 'tally'],
    ]);
  });

  test('writes beyond the 1,000 × 26 grid of a new tab grow it', () => {
    const wb = setup();
    const wide = Array.from({ length: 30 }, (_, i) => `c${i}`);
    wb.writeTab('투표', [wide, ...table(2000).slice(1)]);
    wb.appendRows('투표', table(1500).slice(1));
    expect(wb.readTab('투표')).toHaveLength(1 + 2000 + 1500);
  });

  test('new tabs go at the end, in creation order; the tab list is read once', () => {
    const wb = setup();
    fake.spreadsheet.seed('Sheet1', []);
    fake.spreadsheet.seed('메모', [['x']]);
    expect(wb.readTab('설정')).toBeNull();
    wb.writeTab('설정', [['항목', '값']]);
    expect(wb.tabNames()).toEqual(['Sheet1', '메모', '설정']);
    wb.writeTab('의제', [['번호']]);
    wb.appendRows('투표', [['투표자키']]);
    expect(wb.tabNames()).toEqual(['Sheet1', '메모', '설정', '의제', '투표']);
    expect(fake.spreadsheet.sheets.map((s) => s.name)).toEqual(['Sheet1', '메모', '설정', '의제', '투표']);
    expect(fake.log.count('Spreadsheet.getSheets')).toBe(1);
  });

  test('a tab is read once per workbook until the workbook writes it, and every write is seen next', () => {
    const wb = setup();
    fake.spreadsheet.seed('이력', [['일시', '작업'], ['2020-07-06 10:00:00', 'import']]);
    const first = wb.readRows('이력');
    expect(wb.readTab('이력')).toEqual(first);
    expect(fake.log.count('Sheet.getSheetValues')).toBe(1);
    expect(fake.log.count('Sheet.getDataRange')).toBe(0);
    wb.appendRows('이력', [['2020-07-06 11:00:00', 'tally']]);
    // The read told where the data ends: the append asks nothing more about it.
    expect(fake.log.count('Sheet.getLastRow')).toBe(0);
    expect(wb.readTab('이력')).toEqual([['일시', '작업'], ['2020-07-06 10:00:00', 'import'], ['2020-07-06 11:00:00', 'tally']]);
    wb.writeRange('이력', 2, 2, [['undo']]);
    expect(wb.readTab('이력')?.[1]).toEqual(['2020-07-06 10:00:00', 'undo']);
    wb.writeTab('이력', [['일시', '작업']]);
    expect(wb.readTab('이력')).toEqual([['일시', '작업']]);
    expect(fake.log.count('Sheet.getSheetValues')).toBe(4);
    // A new workbook (the next click) reads the tab again.
    expect(new SheetsWorkbook().readTab('이력')).toEqual([['일시', '작업']]);
    expect(fake.log.count('Sheet.getSheetValues')).toBe(5);
  });

  test('readTab hands out a copy; readRows the rows it keeps, which cannot be changed', () => {
    const wb = setup();
    fake.spreadsheet.seed('의제', [['번호', '의제명'], ['A01', '놀이터']]);
    const copy = wb.readTab('의제') as (string | number | boolean | null)[][];
    copy[1][1] = 'changed';
    copy.push(['A02', 'added']);
    expect(wb.readTab('의제')).toEqual([['번호', '의제명'], ['A01', '놀이터']]);
    const kept = wb.readRows('의제') as (string | number | boolean | null)[][];
    expect(() => {
      kept[1][1] = 'changed';
    }).toThrow(TypeError);
    expect(fake.log.count('Sheet.getSheetValues')).toBe(1);
  });

  test('a tab of plain text is read without its formats; a number, a date or an apostrophe asks for them', () => {
    const wb = setup();
    fake.spreadsheet.seed('분야', [['분야', '설명'], ['환경', '공원'], ['복지', '']]);
    expect(wb.readTab('분야')).toEqual([['분야', '설명'], ['환경', '공원'], ['복지', '']]);
    expect(fake.log.count('Range.getNumberFormats')).toBe(0);
    // Each of these reads differently by its format: the digits a `00` cell shows, a percent, an
    // apostrophe a plain-text cell keeps as a character, a date alone.
    fake.spreadsheet.typeIn('설정', [['항목', '값'], ['번호', '01'], ['비율', '80%'], ['메모', "'예산"], ['시작', '2020-07-06']], [[null, null], [null, '00'], [null, null], [null, '@'], [null, null]]);
    expect(new SheetsWorkbook().readTab('설정')).toEqual([['항목', '값'], ['번호', '01'], ['비율', '80%'], ['메모', '예산'], ['시작', '2020-07-06']]);
    expect(fake.log.count('Range.getNumberFormats')).toBe(1);
  });

  test('a grid is sized once per workbook: later writes to the tab ask Sheets nothing about it', () => {
    const wb = setup();
    wb.writeTab('결과', [['a', 'b'], [1, 2]], { frozenRows: 1 });
    const asked = fake.log.count('Sheet.getMaxRows') + fake.log.count('Sheet.getMaxColumns') + fake.log.count('Sheet.getFrozenRows');
    wb.writeTab('결과', [['a', 'b', 'c'], [1, 2, 3], [4, 5, 6]], { frozenRows: 1 });
    wb.replaceCharts('결과', [{ title: 't', kind: 'bar', ranges: [{ row: 1, col: 1, rows: 3, cols: 1 }], anchor: { row: 2, col: 5 } }]);
    wb.appendRows('결과', [[7, 8, 9]]);
    expect(fake.log.count('Sheet.getMaxRows') + fake.log.count('Sheet.getMaxColumns') + fake.log.count('Sheet.getFrozenRows')).toBe(asked);
    const sheet = fake.spreadsheet.sheet('결과')!;
    expect(sheet.dump()).toEqual([['a', 'b', 'c'], [1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    // Grown to the chart's anchor column, then fitted to the content again by the append: the
    // sizes this workbook kept track of are the grid's real ones.
    expect([sheet.maxRows, sheet.maxColumns, sheet.frozenRows]).toEqual([4, 3, 1]);
    expect(sheet.charts).toHaveLength(1);
  });

  test('room for charts: a new tab keeps the columns its charts sit on, and ends as it would have after growing', () => {
    const wb = setup();
    const charts: ChartSpec[] = [{ title: 't', kind: 'bar', ranges: [{ row: 1, col: 1, rows: 3, cols: 2 }], anchor: { row: 2, col: 5 } }];
    const rows = [['a', 'b'], ['x', 1], ['y', 2]];
    // Without room, the grid is cut to the content, then grown again for the chart.
    wb.writeTab('검증', rows.map((r) => [...r]), { frozenRows: 1 });
    wb.replaceCharts('검증', charts);
    expect(fake.log.count('Sheet.insertColumnsAfter')).toBe(1);
    fake.log.reset();
    wb.writeTab('통계', rows.map((r) => [...r]), { frozenRows: 1, room: chartRoom(charts) });
    wb.replaceCharts('통계', charts);
    expect(fake.log.count('Sheet.insertColumnsAfter') + fake.log.count('Sheet.insertRowsAfter')).toBe(0);
    expect([fake.log.count('Sheet.getMaxRows'), fake.log.count('Sheet.getMaxColumns')]).toEqual([0, 0]);
    const [without, withRoom] = [fake.spreadsheet.sheet('검증')!, fake.spreadsheet.sheet('통계')!];
    for (const sheet of [without, withRoom]) {
      expect([sheet.maxRows, sheet.maxColumns, sheet.frozenRows]).toEqual([3, 5, 1]);
      expect(sheet.dump()).toEqual(rows);
      expect(sheet.charts.map((c) => c.ranges)).toEqual([[{ row: 1, column: 1, numRows: 3, numColumns: 2 }]]);
    }
    expect(withRoom.dumpFormats()).toEqual(without.dumpFormats());
    // Rewritten, the room's cells are cleared: nothing typed there lingers.
    fake.spreadsheet.type('통계', 3, 5, 'stale');
    new SheetsWorkbook().writeTab('통계', rows.map((r) => [...r]), { frozenRows: 1, room: chartRoom(charts) });
    expect(withRoom.dump()).toEqual(rows);
    expect([withRoom.maxRows, withRoom.maxColumns]).toEqual([3, 5]);
  });

  test('appending below data rows: the rows go in right below the data, the width asked only for a bulk append (1,000 rows or more)', () => {
    const wb = setup();
    // A person's tab with spare rows and columns below and beside the data.
    const sheet = fake.spreadsheet.seed('이력', [['일시', '작업'], ['2020-07-06 10:00:00', 'import']]);
    wb.readTab('이력');
    fake.log.reset();
    // No more rows than the tab holds, and no wider than its data: nothing about the grid is asked.
    wb.appendRows('이력', [['2020-07-06 11:00:00', 'tally'], ['2020-07-06 12:00:00', 'report']]);
    expect(fake.log.snapshot()).toEqual({
      'Range.setNumberFormats': 1,
      'Range.setValues': 1,
      'Sheet.getRange': 1,
      'Sheet.insertRowsAfter': 1,
    });
    expect(sheet.dump()).toEqual([['일시', '작업'], ['2020-07-06 10:00:00', 'import'], ['2020-07-06 11:00:00', 'tally'], ['2020-07-06 12:00:00', 'report']]);
    // The spare rows stay below and the spare columns beside (the cell budget counts both, as it
    // asks every grid's size): two rows more pay for them twice more.
    expect([sheet.maxRows, sheet.maxColumns]).toEqual([1002, 26]);
    // More rows than the tab holds, but a few: the spare columns stay (3 rows pay 24 cells for them).
    const setAside = fake.spreadsheet.seed('제외', [['단계', '사유'], ['가져오기', '중복']]);
    wb.readTab('제외');
    fake.log.reset();
    wb.appendRows('제외', [['개표', '기한'], ['개표', '기한'], ['개표', '중복']]);
    expect(fake.log.snapshot()).toEqual({ 'Range.setNumberFormats': 1, 'Range.setValues': 1, 'Sheet.getRange': 1, 'Sheet.insertRowsAfter': 1 });
    expect(setAside.dump()).toEqual([['단계', '사유'], ['가져오기', '중복'], ['개표', '기한'], ['개표', '기한'], ['개표', '중복']]);
    expect([setAside.maxRows, setAside.maxColumns]).toEqual([1003, 26]);
    // A bulk append (more rows than the tab holds, and 1,000 or more): the spare columns, which
    // every appended row would pay for again, are asked and removed first.
    const bulkRows = Array.from({ length: 1_000 }, (_, i) => ['개표', `사유${i}`]);
    const bulk = fake.spreadsheet.seed('제외2', [['단계', '사유'], ['가져오기', '중복']]);
    wb.readTab('제외2');
    fake.log.reset();
    wb.appendRows('제외2', bulkRows);
    expect(fake.log.snapshot()).toEqual({
      'Range.setNumberFormats': 1,
      'Range.setValues': 1,
      'Sheet.deleteColumns': 1,
      'Sheet.getMaxColumns': 1,
      'Sheet.getRange': 1,
      'Sheet.insertRowsAfter': 1,
    });
    expect(bulk.dump()).toEqual([['단계', '사유'], ['가져오기', '중복'], ...bulkRows]);
    expect([bulk.maxRows, bulk.maxColumns]).toEqual([2000, 2]);
    // One row below a header alone goes into the row below it, which getRange finds in the grid:
    // nothing is asked, and the spare rows and columns stay, as below data rows.
    const ballots = fake.spreadsheet.seed('투표', [['투표자키', '선택']]);
    wb.readTab('투표');
    fake.log.reset();
    wb.appendRows('투표', [['k1', 'A01']]);
    expect(fake.log.snapshot()).toEqual({ 'Range.setNumberFormats': 1, 'Range.setValues': 1, 'Sheet.getRange': 1 });
    expect([ballots.maxRows, ballots.maxColumns]).toEqual([1000, 26]);
    expect(ballots.dump()).toEqual([['투표자키', '선택'], ['k1', 'A01']]);
    // A grid of the header alone has no such row: getRange refuses it (a call), and the rows are
    // asked and grown.
    const lone = fake.spreadsheet.seed('투표1', [['투표자키', '선택']]);
    lone.maxRows = 1;
    wb.readTab('투표1');
    fake.log.reset();
    wb.appendRows('투표1', [['k1', 'A01']]);
    expect(fake.log.snapshot()).toEqual({ 'Range.setNumberFormats': 1, 'Range.setValues': 1, 'Sheet.getMaxRows': 1, 'Sheet.getRange': 2, 'Sheet.insertRowsAfter': 1 });
    expect([lone.maxRows, lone.maxColumns]).toEqual([2, 26]);
    expect(lone.dump()).toEqual([['투표자키', '선택'], ['k1', 'A01']]);
    // Two rows below the header alone: the rows are asked (new rows inserted below the header would
    // take its look) and fitted; the width is left, as for any few rows.
    const votes = fake.spreadsheet.seed('투표2', [['투표자키', '선택']]);
    wb.readTab('투표2');
    fake.log.reset();
    wb.appendRows('투표2', [['k1', 'A01'], ['k2', 'A02']]);
    expect(fake.log.count('Sheet.insertRowsAfter')).toBe(0);
    expect([fake.log.count('Sheet.getMaxRows'), fake.log.count('Sheet.getMaxColumns')]).toEqual([1, 0]);
    expect([votes.maxRows, votes.maxColumns]).toEqual([3, 26]);
    expect(votes.dump()).toEqual([['투표자키', '선택'], ['k1', 'A01'], ['k2', 'A02']]);
    // 1,000 rows below the header alone: a bulk append, rows and width both asked and fitted.
    const many = Array.from({ length: 1_000 }, (_, i) => [`k${i}`, 'A01']);
    const bulkVotes = fake.spreadsheet.seed('투표3', [['투표자키', '선택']]);
    wb.readTab('투표3');
    fake.log.reset();
    wb.appendRows('투표3', many);
    expect([fake.log.count('Sheet.getMaxRows'), fake.log.count('Sheet.getMaxColumns')]).toEqual([1, 1]);
    expect([bulkVotes.maxRows, bulkVotes.maxColumns]).toEqual([1001, 2]);
    expect(bulkVotes.dump()).toEqual([['투표자키', '선택'], ...many]);
  });

  test('rewriting a tab clears it only where the new cells do not reach', () => {
    const wb = setup();
    const sheet = fake.spreadsheet.seed('결과', [['a', 'b', 'c'], [1, 2, 3], [4, 5, 6]]);
    // Fitted to the new content, the grid is exactly what is written: nothing left to clear.
    wb.writeTab('결과', [['x', 'y'], [7, null]]);
    expect(fake.log.count('Sheet.clearContents')).toBe(0);
    expect([sheet.maxRows, sheet.maxColumns]).toEqual([2, 2]);
    expect(sheet.dump()).toEqual([['x', 'y'], [7, '']]);
    // A frozen header keeps a row below it, which the write does not reach: that row is cleared.
    fake.spreadsheet.seed('검토', [['h'], ['old']]);
    new SheetsWorkbook().writeTab('검토', [['h']], { frozenRows: 1 });
    expect(fake.log.count('Sheet.clearContents')).toBe(1);
    expect(fake.spreadsheet.sheet('검토')!.dump()).toEqual([['h']]);
  });

  test('three chart ranges or more are asked in one getRangeList, and plot the same cells', () => {
    expect(a1Notation({ row: 2, col: 1, rows: 9, cols: 1 })).toBe('A2:A10');
    expect(a1Notation({ row: 1, col: 26, rows: 1, cols: 3 })).toBe('Z1:AB1');
    expect(a1Notation({ row: 5, col: 702, rows: 2, cols: 2 })).toBe('ZZ5:AAA6');
    const wb = setup();
    wb.writeTab('결과', [['의제', '득표', '금액'], ['A', 3, 10], ['B', 2, 20]]);
    const ranges = [{ row: 1, col: 1, rows: 3, cols: 1 }, { row: 1, col: 2, rows: 3, cols: 1 }, { row: 1, col: 3, rows: 3, cols: 1 }];
    fake.log.reset();
    wb.replaceCharts('결과', [
      { title: 'a', kind: 'bar', ranges: ranges.slice(0, 2), anchor: { row: 1, col: 1 } },
      { title: 'b', kind: 'line', ranges: ranges.slice(2), anchor: { row: 1, col: 2 } },
    ]);
    expect([fake.log.count('Sheet.getRangeList'), fake.log.count('RangeList.getRanges'), fake.log.count('Sheet.getRange')]).toEqual([1, 1, 0]);
    const charts = fake.spreadsheet.sheet('결과')!.charts;
    expect(charts.map((c) => c.ranges)).toEqual([
      [{ row: 1, column: 1, numRows: 3, numColumns: 1 }, { row: 1, column: 2, numRows: 3, numColumns: 1 }],
      [{ row: 1, column: 3, numRows: 3, numColumns: 1 }],
    ]);
  });

  test("a new tab is shrunk without asking its size; one smaller than Sheets' 1000 × 26 is asked", () => {
    const wb = setup();
    wb.writeTab('검증', [['항목', '결과'], ['합계', 'OK']], { frozenRows: 1 });
    expect([fake.log.count('Sheet.getMaxRows'), fake.log.count('Sheet.getMaxColumns')]).toEqual([0, 0]);
    const sheet = fake.spreadsheet.sheet('검증')!;
    expect([sheet.maxRows, sheet.maxColumns]).toEqual([2, 2]);
    expect(sheet.dump()).toEqual([['항목', '결과'], ['합계', 'OK']]);
    // Were Sheets to make new tabs smaller, the deletion past the grid fails and the size is asked.
    fake.spreadsheet.newTab = { rows: 500, columns: 10 };
    wb.writeTab('통계', [['a', 'b', 'c']]);
    expect([fake.log.count('Sheet.getMaxRows'), fake.log.count('Sheet.getMaxColumns')]).toEqual([1, 1]);
    const small = fake.spreadsheet.sheet('통계')!;
    expect([small.maxRows, small.maxColumns]).toEqual([1, 3]);
    expect(small.dump()).toEqual([['a', 'b', 'c']]);
    // A tab the content outgrows is asked and grown, as any other.
    wb.writeTab('투표', [['k'], ...Array.from({ length: 600 }, (_, i) => [`k${i}`])]);
    expect(fake.spreadsheet.sheet('투표')!.maxRows).toBe(601);
  });

  test('flush applies what this workbook wrote, and is no call when it wrote nothing since', () => {
    const wb = setup();
    fake.spreadsheet.seed('이력', [['일시', '작업']]);
    wb.readTab('이력');
    wb.flush();
    expect(fake.log.count('SpreadsheetApp.flush')).toBe(0);
    wb.appendRows('이력', [['2020-07-06 10:00:00', 'import']]);
    wb.flush();
    wb.flush();
    expect(fake.log.count('SpreadsheetApp.flush')).toBe(1);
    wb.protectTab('이력', '도구가 씁니다');
    wb.flush();
    expect(fake.log.count('SpreadsheetApp.flush')).toBe(2);
    // What was flushed survives an execution killed right after.
    fake.kill();
    expect(fake.spreadsheet.sheet('이력')!.dump()).toEqual([['일시', '작업'], ['2020-07-06 10:00:00', 'import']]);
  });

  test('secrets live in document properties, not in cells', () => {
    const wb = setup();
    expect(wb.getSecret('salt')).toBeNull();
    wb.setSecret('salt', 'abc');
    expect(wb.getSecret('salt')).toBe('abc');
    expect(fake.properties.get('salt')).toBe('abc');
    expect(fake.spreadsheet.sheets).toHaveLength(0);
  });
});

describe('Date cells', () => {
  test('come back as YYYY-MM-DD HH:mm:ss text in the spreadsheet time zone; a date alone as YYYY-MM-DD', () => {
    const wb = setup({ timeZone: 'Asia/Seoul' });
    const sheet = fake.spreadsheet.seed('투표', [
      ['투표일시', '날짜만', '자정'],
      [new Date(zonedTime('Asia/Seoul', 2020, 7, 6, 9, 5, 7)), new Date(zonedTime('Asia/Seoul', 2020, 7, 13)), new Date(zonedTime('Asia/Seoul', 2020, 7, 13))],
    ]);
    sheet.setFormat(2, 1, 'yyyy-mm-dd h:mm:ss');
    sheet.setFormat(2, 2, 'yyyy-mm-dd');
    sheet.setFormat(2, 3, 'yyyy-mm-dd hh:mm:ss');
    expect(wb.readTab('투표')).toEqual([
      ['투표일시', '날짜만', '자정'],
      ['2020-07-06 09:05:07', '2020-07-13', '2020-07-13 00:00:00'],
    ]);
  });

  test('use the spreadsheet zone, read once per workbook', () => {
    const wb = setup({ timeZone: 'America/New_York' });
    const instant = new Date(Date.UTC(2020, 6, 6, 1, 0, 0)); // 10:00 in Seoul, 21:00 the day before in New York
    fake.spreadsheet.seed('t', [[instant], [instant]]);
    expect(wb.readTab('t')).toEqual([['2020-07-05 21:00:00'], ['2020-07-05 21:00:00']]);
    wb.readTab('t');
    expect(fake.log.count('Spreadsheet.getSpreadsheetTimeZone')).toBe(1);
  });

  test('text written as a date string reads back unchanged', () => {
    const wb = setup();
    wb.writeTab('t', [['2020-07-06 10:00:00']]);
    expect(wb.readTab('t')).toEqual([['2020-07-06 10:00:00']]);
    expect(fake.spreadsheet.sheet('t')!.get(1, 1)).toBe('2020-07-06 10:00:00');
  });

  test('only JSON-safe values leave readTab', () => {
    const wb = setup();
    fake.spreadsheet.seed('t', [[new Date(0), 1, true, 'x', '']]);
    const grid = wb.readTab('t')!;
    expect(JSON.parse(JSON.stringify(grid))).toEqual(grid);
  });
});

describe('formula injection', () => {
  const payloads = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", '@SUM(A1)', '-2+3', '=1+1', ' =1+1', "'=still text"];

  test.each(payloads)('%s is stored as literal text by writeTab', (payload) => {
    const wb = setup();
    wb.writeTab('t', [['머리글'], [payload]]);
    expect(fake.log.formulas).toEqual([]);
    expect(fake.spreadsheet.sheet('t')!.get(2, 1)).toBe(payload);
    expect(wb.readTab('t')).toEqual([['머리글'], [payload]]);
  });

  test('appendRows neutralises them too', () => {
    const wb = setup();
    wb.appendRows('t', payloads.map((p) => [p, p]));
    expect(fake.log.formulas).toEqual([]);
    expect(wb.readTab('t')).toEqual(payloads.map((p) => [p, p]));
  });

  test('the fake does record an unprotected formula (so the checks above mean something)', () => {
    setup();
    const sheet = fake.spreadsheet.insertSheet('raw');
    sheet.getRange(1, 1, 1, 2).setValues([['=1+1', '-2+3']]);
    SpreadsheetApp.flush();
    expect(fake.log.formulas.map((f) => f.text)).toEqual(['=1+1', '-2+3']);
  });
});

describe('service calls do not grow with rows', () => {
  function countsFor(rows: number, action: (wb: SheetsWorkbook) => void): Record<string, number> {
    const wb = setup();
    // A grid that fits the data exactly, so that appending grows it in both cases (at most one
    // insertRowsAfter call: growth is one call too, whatever the number of rows).
    const sheet = fake.spreadsheet.seed('투표', table(rows));
    sheet.maxRows = rows + 1;
    fake.log.reset();
    action(wb);
    const snapshot = fake.log.snapshot();
    uninstall();
    return snapshot;
  }

  test.each([
    ['readTab', (wb: SheetsWorkbook) => wb.readTab('투표')],
    ['writeTab', (wb: SheetsWorkbook) => wb.writeTab('투표', wb.readTab('투표')!, { frozenRows: 1, boldRows: [1] })],
    ['appendRows', (wb: SheetsWorkbook) => wb.appendRows('투표', wb.readTab('투표')!.slice(1))],
  ])('%s: 10 rows and 10,000 rows make the same calls', (_name, action) => {
    const small = countsFor(10, action as (wb: SheetsWorkbook) => void);
    const large = countsFor(10_000, action as (wb: SheetsWorkbook) => void);
    expect(large).toEqual(small);
    expect(small['Sheet.getSheetValues'] ?? 0).toBeLessThanOrEqual(1);
    expect(small['Range.setValues'] ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('typed cells and number formats (issue 14)', () => {
  test('writes text as @, formula-like or apostrophe text as General behind an apostrophe, numbers as General, spans as asked', () => {
    const wb = setup();
    wb.writeTab('t', [['01', '=1+1', "'x", 7, true, null, 0.25, 1234567]], { formats: [{ col: 7, fromRow: 1, format: 'share' }, { col: 8, fromRow: 1, format: 'amount' }] });
    const sheet = fake.spreadsheet.sheet('t')!;
    expect(sheet.dumpFormats()).toEqual([['@', 'General', 'General', 'General', 'General', 'General', '0.0%', '#,##0']]);
    expect(sheet.dump()).toEqual([['01', '=1+1', "'x", 7, true, '', 0.25, 1234567]]);
    expect(sheet.dumpDisplay()).toEqual([['01', '=1+1', "'x", '7', 'TRUE', '', '25.0%', '1,234,567']]);
    expect(fake.log.formulas).toEqual([]);
    // One format call beside the one value call.
    expect(fake.log.count('Range.setNumberFormats')).toBe(1);
  });

  test('reads values and formats together: typed dates, percents and zero-padded ids as the person meant them', () => {
    const wb = setup();
    fake.spreadsheet.typeIn('설정', [['항목', '값'], ['투표 종료', '2020-07-13'], ['초과 허용', '80%'], ['시각', '2020-07-13 18:00']]);
    const sheet = fake.spreadsheet.typeIn('의제', [['번호'], ['01']], [[null], ['00']]);
    expect(sheet.get(2, 1)).toBe(1);
    fake.log.reset();
    expect(wb.readTab('설정')).toEqual([['항목', '값'], ['투표 종료', '2020-07-13'], ['초과 허용', '80%'], ['시각', '2020-07-13 18:00:00']]);
    expect(wb.readTab('의제')).toEqual([['번호'], ['01']]);
    expect(fake.log.count('Sheet.getSheetValues')).toBe(2);
    expect(fake.log.count('Range.getNumberFormats')).toBe(2);
  });

  test('a tab written whole is fitted to what it holds (rows and columns); an appended new tab starts at its rows', () => {
    const wb = setup();
    wb.writeTab('결과', [['a', 'b', 'c'], ['1', '2', '3']], { frozenRows: 1 });
    const sheet = fake.spreadsheet.sheet('결과')!;
    expect([sheet.maxRows, sheet.maxColumns]).toEqual([2, 3]);
    wb.writeTab('결과', [['a']], { frozenRows: 1 });
    // Sheets keeps a row below the frozen header.
    expect([sheet.maxRows, sheet.maxColumns]).toEqual([2, 1]);
    wb.appendRows('이력', [['일시', '작업', '누가']]);
    expect([fake.spreadsheet.sheet('이력')!.maxRows, fake.spreadsheet.sheet('이력')!.maxColumns]).toEqual([1, 3]);
    wb.appendRows('이력', [['x', 'y', 'z'], ['x', 'y', 'z']]);
    expect(fake.spreadsheet.sheet('이력')!.maxRows).toBe(3);
    expect(fake.spreadsheet.totalCells()).toBe(2 * 1 + 3 * 3);
  });
});

describe('formulaRows', () => {
  /** 투표-like rows, a formula in the cells listed ([row, column], 1-based), '=' in plain text elsewhere. */
  function tabWithFormulas(rows: number, formulaCells: [number, number][], textEvery = 3): void {
    const grid: (string | number)[][] = [['투표자키', '선택', '메모'], ...Array.from({ length: rows }, (_, i) => [`k${i}`, 'A01', i % textEvery === 0 ? 'a=b' : ''])];
    for (const [r, c] of formulaCells) grid[r - 1][c - 1] = `#FORMULA =IF(NOW()>0,"A0${r % 9}","")`;
    fake.spreadsheet.seed('투표', grid);
  }
  const calls = (): number => Object.entries(fake.log.snapshot()).filter(([name]) => /^(Sheet|Range|TextFinder)\./.test(name)).reduce((sum, [, n]) => sum + n, 0);

  test('a few formula cells are looked at one by one; their rows only, not text holding =', () => {
    const wb = setup();
    tabWithFormulas(50, [[3, 2], [3, 3], [10, 2], [51, 3]], 10);
    wb.readRows('투표');
    fake.log.reset();
    expect([...wb.formulaRows('투표')].sort((a, b) => a - b)).toEqual([3, 10, 51]);
    // createTextFinder, matchFormulaText, findAll; then for each of the 9 cells found (4 formulas,
    // 5 texts holding =) a getRow and a getFormula, or a getRow alone for a row already found.
    expect(fake.log.snapshot()['Range.getFormulas'] ?? 0).toBe(0);
    expect(calls()).toBeLessThanOrEqual(3 + 2 * 9);
  });

  test('a column of formulas filled down costs the same few calls as a handful, and finds the same rows', () => {
    const wb = setup();
    const filled: [number, number][] = Array.from({ length: 400 }, (_, i) => [i + 2, 3]);
    tabWithFormulas(1000, [...filled, [700, 2]]);
    wb.readRows('투표');
    fake.log.reset();
    const found = wb.formulaRows('투표');
    expect(found.size).toBe(401);
    expect([...found].sort((a, b) => a - b)).toEqual([...filled.map(([r]) => r), 700].sort((a, b) => a - b));
    expect(fake.log.snapshot()['Range.getFormulas']).toBe(1);
    expect(fake.log.snapshot()['Range.getFormula'] ?? 0).toBe(0);
    expect(calls()).toBe(5);
  });

  test('without an earlier read, the data range is asked', () => {
    const wb = setup();
    tabWithFormulas(100, Array.from({ length: 30 }, (_, i): [number, number] => [i + 40, 1]));
    const found = wb.formulaRows('투표');
    expect([...found].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 40));
    expect(fake.log.snapshot()['Sheet.getLastRow']).toBe(1);
  });
});
