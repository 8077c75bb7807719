/** Native charts and warning-only protection through the Apps Script host, with the real workflows. */
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { initWorkbook, runTally } from '../../src/workflows';
import { createFakeGas, FakeChart, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

beforeEach(() => {
  fake = createFakeGas();
  uninstall = installFakeGas(fake);
});
afterEach(() => uninstall());

/** 설정 with a budget of 100 and 2 picks. */
function seedSettings(): void {
  fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 100], ['선택 수', 2]]);
}

test('a tally builds the 결과 and 통계 charts and re-running replaces them; tool tabs get one warning-only protection', () => {
  seedSettings();
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '하나', 60], ['A02', '둘', 50], ['A03', '셋', 30]]);
  fake.spreadsheet.seed('투표', [
    ['투표자키', '투표일시', '선택', '동'],
    ['k1', '2020-07-06 10:00:00', 'A01, A02', '여의동'],
    ['k2', '2020-07-07 10:00:00', 'A01', '문래동'],
    ['k3', '2020-07-07 11:00:00', 'A03', '여의동'],
    ['k1', '2020-07-08 11:00:00', 'A03', '여의동'],
  ]);
  runTally(new SheetsWorkbook(), gasContext('ko'));
  runTally(new SheetsWorkbook(), gasContext('ko'));
  const results = fake.spreadsheet.sheet('결과');
  expect(results?.charts.map((c) => [c.type, c.options.title])).toEqual([
    ['BAR', '의제별 득표'],
    ['LINE', '누적 선정액과 예산선'],
  ]);
  const votes = results?.charts[0].ranges[1];
  expect(results?.get(votes?.row ?? 0, votes?.column ?? 0)).toBe('득표');
  expect(fake.spreadsheet.sheet('통계')?.charts.map((c) => c.type)).toEqual(['COLUMN', 'BAR']);
  for (const name of ['결과', '제외', '이력']) {
    expect(fake.spreadsheet.sheet(name)?.protections).toEqual([{ description: expect.stringContaining('Civic Sheets') as string, warningOnly: true, editors: ['staff@example.org'] }]);
  }
});

test('init protects the tool tabs as it makes them; a tally only checks, and puts back a protection removed by hand', () => {
  initWorkbook(new SheetsWorkbook(), gasContext('ko'));
  const toolTabs = ['결과', '제외', '이력'];
  const warned = [{ description: expect.stringContaining('Civic Sheets') as string, warningOnly: true, editors: ['staff@example.org'] }];
  for (const name of toolTabs) expect(fake.spreadsheet.sheet(name)?.protections).toEqual(warned);
  // Tabs staff fill in are not protected.
  for (const name of ['설정', '의제', '투표']) expect(fake.spreadsheet.sheet(name)?.protections).toEqual([]);
  seedSettings();
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '하나', 60]]);
  fake.log.reset();
  runTally(new SheetsWorkbook(), gasContext('ko'));
  expect([fake.log.count('Sheet.getProtections'), fake.log.count('Sheet.protect')]).toEqual([3, 0]);
  // Someone removed 제외's protection: the next tally puts it back, once.
  fake.spreadsheet.sheet('제외')!.protections.length = 0;
  fake.log.reset();
  runTally(new SheetsWorkbook(), gasContext('ko'));
  expect(fake.log.count('Sheet.protect')).toBe(1);
  for (const name of toolTabs) expect(fake.spreadsheet.sheet(name)?.protections).toEqual(warned);
});

test('a re-tally reshapes the charts in place: styling staff gave them stays, a chart staff added is removed, two calls a chart', () => {
  seedSettings();
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '하나', 60], ['A02', '둘', 50]]);
  fake.spreadsheet.seed('투표', [['투표자키', '투표일시', '선택'], ['k1', '2020-07-06 10:00:00', 'A01, A02'], ['k2', '2020-07-07 10:00:00', 'A01']]);
  runTally(new SheetsWorkbook(), gasContext('ko'));
  const results = fake.spreadsheet.sheet('결과');
  if (results === undefined) throw new Error('no 결과');
  const first = results.charts.map((c) => ({ type: c.type, options: c.options, ranges: c.ranges, position: c.position }));
  // Staff colour the first chart, and draw one of their own on 결과.
  const styled = results.charts[0];
  results.charts[0] = new FakeChart(styled.type, { ...styled.options, colors: ['#2a9d8f'] }, styled.ranges, styled.position, styled.id);
  results.charts.push(new FakeChart('PIE', { title: '내 차트' }, [], { row: 1, column: 1 }, 999));
  // A vote more: the ranges grow by a row.
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '하나', 60], ['A02', '둘', 50], ['A03', '셋', 30]]);
  fake.log.reset();
  runTally(new SheetsWorkbook(), gasContext('ko'));
  expect(results.charts.map((c) => [c.type, c.options.title])).toEqual([
    ['BAR', '의제별 득표'],
    ['LINE', '누적 선정액과 예산선'],
  ]);
  expect(results.charts[0].options.colors).toEqual(['#2a9d8f']);
  expect(results.charts[0].ranges.map((r) => r.numRows)).toEqual(first[0].ranges.map((r) => r.numRows + 1));
  expect(results.charts.map((c) => c.id)).toEqual([styled.id, expect.any(Number)]);
  // 결과's 2 and 통계's: each reshaped by one modify and one updateChart; the extra one removed.
  const charted = 2 + (fake.spreadsheet.sheet('통계')?.charts.length ?? 0);
  expect(charted).toBeGreaterThanOrEqual(3);
  expect([fake.log.count('EmbeddedChart.modify'), fake.log.count('Sheet.updateChart'), fake.log.count('Sheet.insertChart'), fake.log.count('Sheet.removeChart')]).toEqual([charted, charted, 0, 1]);
});
