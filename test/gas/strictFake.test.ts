/**
 * The strict fake behaves as Sheets does (each rule's reference page is in fakeSpreadsheetApp.ts's
 * header): typed input is converted, plain-text cells keep it, writes wait for a flush, the grid
 * counts against 10M cells, long cells, protection and scopes are refused.
 */
import { createFakeGas, installFakeGas, zonedTime, CELL_LIMIT, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;
beforeEach(() => {
  fake = createFakeGas({ timeZone: 'Asia/Seoul' });
  uninstall = installFakeGas(fake);
});
afterEach(() => uninstall());

const seoul = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(zonedTime('Asia/Seoul', y, mo, d, h, mi, s));
const year = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(new Date()));

describe('typed input (USER_ENTERED)', () => {
  test.each([
    ['1,000', 1000, '#,##0'],
    ['01', 1, 'General'],
    ['80%', 0.8, '0%'],
    ['12.5%', 0.125, '0.00%'],
    ['TRUE', true, 'General'],
    ['false', false, 'General'],
    ['2020-07-13', seoul(2020, 7, 13), 'yyyy-mm-dd'],
    ['2020. 7. 13.', seoul(2020, 7, 13), 'yyyy. m. d'],
    ['2020/7/13', seoul(2020, 7, 13), 'yyyy/m/d'],
    ['7/13/2020', seoul(2020, 7, 13), 'm/d/yyyy'],
    ['2020-07-13 09:30', seoul(2020, 7, 13, 9, 30), 'yyyy-mm-dd h:mm:ss'],
    ['1-1', seoul(year, 1, 1), 'm"월" d"일"'],
    ['3/4', seoul(year, 3, 4), 'm"월" d"일"'],
    ['10:30', seoul(1899, 12, 30, 10, 30), 'h:mm'],
    ["'01", '01', 'General'],
    ["'2020-07-13", '2020-07-13', 'General'],
    ['A01', 'A01', 'General'],
    ['2020-02-30', '2020-02-30', 'General'],
  ])('%s → %p (%s)', (typed, value, format) => {
    const sheet = fake.spreadsheet.typeIn('t', [[typed]]);
    expect(sheet.get(1, 1)).toEqual(value);
    expect(sheet.format(1, 1)).toBe(format);
  });

  test('a plain-text (@) cell keeps what is typed, a leading apostrophe included; = is a formula even there', () => {
    const sheet = fake.spreadsheet.typeIn('t', [['01', '80%', "'x", '2020-07-13', '=1+1']], [['@', '@', '@', '@', '@']]);
    expect(sheet.dump()).toEqual([['01', '80%', "'x", '2020-07-13', '#FORMULA =1+1']]);
    expect(fake.log.formulas.map((f) => f.text)).toEqual(['=1+1']);
  });

  test('getValues gives Number/Boolean/Date/String; getDisplayValues the shown text; getNumberFormats the formats', () => {
    fake.spreadsheet.typeIn('t', [['1,000', '80%', 'TRUE', '2020-07-13', 'x', '']]);
    const range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('t')!.getRange(1, 1, 1, 6);
    const [values] = range.getValues();
    expect(values.map((v) => Object.prototype.toString.call(v))).toEqual(['[object Number]', '[object Number]', '[object Boolean]', '[object Date]', '[object String]', '[object String]']);
    expect(range.getDisplayValues()).toEqual([['1,000', '80%', 'TRUE', '2020-07-13', 'x', '']]);
    expect(range.getNumberFormats()).toEqual([['#,##0', '0%', 'General', 'yyyy-mm-dd', 'General', 'General']]);
  });
});

describe('writes are buffered until flush or a read', () => {
  test('a kill drops what was not flushed; a read or flush makes it stay', () => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('t');
    sheet.getRange(1, 1).setValues([['first']]);
    SpreadsheetApp.flush();
    sheet.getRange(2, 1).setValues([['second']]);
    sheet.getRange(3, 1).setValues([['third']]);
    expect(fake.spreadsheet.unflushed).toBe(2);
    fake.kill();
    expect(fake.spreadsheet.sheet('t')!.dump()).toEqual([['first']]);
    sheet.getRange(2, 1).setValues([['again']]);
    sheet.getLastRow(); // a read applies what came before it
    fake.kill();
    expect(fake.spreadsheet.sheet('t')!.dump()).toEqual([['first'], ['again']]);
  });
});

describe('limits', () => {
  test('every grid cell counts against 10,000,000: a new tab is 1000 × 26 and an insert past the cap fails', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const first = ss.insertSheet('a');
    expect(fake.spreadsheet.totalCells()).toBe(26_000);
    first.insertColumnsAfter(26, 74);
    first.insertRowsAfter(1000, (CELL_LIMIT - 26_000) / 100 - 1000);
    expect(fake.spreadsheet.totalCells()).toBe(CELL_LIMIT - 26_000);
    ss.insertSheet('b');
    expect(fake.spreadsheet.totalCells()).toBe(CELL_LIMIT);
    expect(() => ss.insertSheet('c')).toThrow('above the limit of 10000000 cells');
    expect(() => first.insertRowsAfter(1, 1)).toThrow('above the limit of 10000000 cells');
    expect(() => first.insertColumnsAfter(1, 1)).toThrow('above the limit of 10000000 cells');
  });

  test('a cell over 50,000 characters is refused', () => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('t');
    sheet.getRange(1, 1).setValues([['x'.repeat(50_000)]]);
    expect(() => sheet.getRange(1, 1).setValues([['x'.repeat(50_001)]])).toThrow('more than the maximum of 50000 characters');
  });

  test('a protected tab refuses edits by anyone not among its editors; warning-only protection does not', () => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('t');
    sheet.protect().setDescription('locked');
    fake.options.email = 'other@example.org';
    expect(() => sheet.getRange(1, 1).setValues([['x']])).toThrow('protected cell or object');
    expect(() => sheet.clearContents()).toThrow('protected cell or object');
    fake.options.email = 'staff@example.org';
    sheet.getRange(1, 1).setValues([['mine']]);
    const other = SpreadsheetApp.getActiveSpreadsheet().insertSheet('u');
    other.protect().setWarningOnly(true);
    fake.options.email = 'other@example.org';
    other.getRange(1, 1).setValues([['fine']]);
    expect(fake.spreadsheet.sheet('u')!.dump()).toEqual([['fine']]);
    // Protecting a protected tab again hands back its protection, as Google documents: no second one.
    fake.options.email = 'staff@example.org';
    other.protect().setDescription('again');
    expect(fake.spreadsheet.sheet('u')!.protections).toEqual([{ description: 'again', warningOnly: true, editors: ['staff@example.org'] }]);
  });

  test('Session.getActiveUser needs the userinfo.email scope of the manifest', () => {
    expect(Session.getActiveUser().getEmail()).toBe('staff@example.org');
    fake.options.scopes = fake.options.scopes.filter((s) => !s.endsWith('userinfo.email'));
    expect(() => Session.getActiveUser()).toThrow('Required permissions: https://www.googleapis.com/auth/userinfo.email');
  });

  test('an injected fault makes the n-th call throw instead of running', () => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('t');
    fake.log.failAt(2, 'Service Spreadsheets timed out while accessing document with id fake.');
    sheet.getRange(1, 1);
    expect(() => sheet.getRange(1, 1)).toThrow('Service Spreadsheets timed out');
    expect(() => sheet.getRange(1, 1)).not.toThrow();
  });
});

test('getRangeList takes A1 notation, and refuses a range outside the grid as getRange does', () => {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('t');
  const [one, block] = sheet.getRangeList(['B2', 'Y3:Z1000']).getRanges();
  expect([one.getRow(), one.getColumn(), one.getNumRows(), one.getNumColumns()]).toEqual([2, 2, 1, 1]);
  expect([block.getRow(), block.getColumn(), block.getNumRows(), block.getNumColumns()]).toEqual([3, 25, 998, 2]);
  expect(() => sheet.getRangeList(['A1001'])).toThrow('outside the dimensions');
  expect(() => sheet.getRangeList(['AA1'])).toThrow('outside the dimensions');
});

describe('counting', () => {
  test('every call of a chain is counted, not only the first', () => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('t');
    sheet.protect().setDescription('d').setWarningOnly(true);
    sheet.createTextFinder('=').matchFormulaText(true).findAll();
    sheet.insertRowsAfter(1, 1).insertRowsAfter(1, 1);
    expect(fake.log.snapshot()).toMatchObject({
      'Protection.setDescription': 1,
      'Protection.setWarningOnly': 1,
      'TextFinder.matchFormulaText': 1,
      'TextFinder.findAll': 1,
      'Sheet.insertRowsAfter': 2,
    });
  });
});
