/**
 * Printing from Sheets on the strict fake: Apps Script cannot store a page setup, so the header
 * rows are frozen (Sheets repeats frozen rows when printing) in the same batched calls, and the
 * print links carry A4, orientation, fit-to-width and repeated rows to Sheets' PDF export.
 */
import { menuPrint } from '../../src/gas/menu';
import { pdfExportUrl, printLinks } from '../../src/gas/printLinks';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { printLayout } from '../../src/sheets/printLayout';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

function setup(): SheetsWorkbook {
  fake = createFakeGas({ locale: 'ko' });
  uninstall = installFakeGas(fake);
  return new SheetsWorkbook();
}

afterEach(() => uninstall?.());

test('a page setup freezes its repeated rows when no frozen rows are given, with no extra call', () => {
  const wb = setup();
  const rows = [['참여 통계'], ['note'], ['구분', '투표자 수']];
  wb.writeTab('통계', rows); // the tab exists: both writes below only rewrite it
  fake.log.reset();
  wb.writeTab('통계', rows, { boldRows: [1] });
  const without = fake.log.snapshot();
  fake.log.reset();
  wb.writeTab('통계', rows, { boldRows: [1], pageSetup: printLayout('statistics', 1) });
  const withSetup = fake.log.snapshot();
  expect(fake.spreadsheet.sheet('통계')?.getFrozenRows()).toBe(1);
  expect(withSetup['Sheet.setFrozenRows']).toBe(1);
  expect({ ...withSetup, 'Sheet.setFrozenRows': 0 }).toEqual({ ...without, 'Sheet.setFrozenRows': 0 });
  // Given frozen rows win: 결과 freezes its whole header block, its table header repeats.
  wb.writeTab('결과', [['a'], ['b'], ['순위']], { frozenRows: 3, pageSetup: printLayout('results', 3) });
  expect(fake.spreadsheet.sheet('결과')?.getFrozenRows()).toBe(3);
});

test('the PDF link asks Sheets for A4, the orientation, one page wide and frozen rows repeated', () => {
  const url = new URL(pdfExportUrl('abc/def', 42, printLayout('results', 25)));
  expect(url.origin + url.pathname).toBe('https://docs.google.com/spreadsheets/d/abc%2Fdef/export');
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ format: 'pdf', gid: '42', size: 'A4', portrait: 'false', fitw: 'true', fzr: 'true', gridlines: 'false' });
  expect(new URL(pdfExportUrl('x', 1, printLayout('statistics', 0))).searchParams.get('portrait')).toBe('true');
});

test('menuPrint lists a link for each printed tab there is, names escaped, nothing fetched', () => {
  const wb = setup();
  wb.writeTab('결과', [['h'], ['순위']], { frozenRows: 2, pageSetup: printLayout('results', 2) });
  wb.writeTab('통계', [['참여 통계']], { pageSetup: printLayout('statistics', 1) });
  wb.writeTab('의제', [['번호']], { frozenRows: 1 });
  const links = printLinks();
  expect(links.map((l) => [l.name, l.orientation])).toEqual([['결과', 'landscape'], ['통계', 'portrait']]);
  expect(new URL(links[0].url).searchParams.get('gid')).toBe(String(fake.spreadsheet.sheet('결과')?.getSheetId()));
  menuPrint();
  const dialog = fake.ui.sidebars[fake.ui.sidebars.length - 1].getContent();
  expect(dialog).toContain('결과</a> (가로)');
  expect(dialog).toContain('통계</a> (세로)');
  expect(dialog).toContain('&amp;size=A4&amp;');
  expect(dialog).not.toMatch(/<script/i);
});
