/**
 * Printing from Sheets. Apps Script has no page-setup API: paper size, orientation, scaling and
 * repeated rows cannot be stored in the spreadsheet (Sheets asks them in its print dialog each
 * time). Two things are possible, and both are done:
 * - the header rows are frozen (SheetsWorkbook.writeTab), and Sheets' print dialog repeats frozen
 *   rows on every page;
 * - Sheets' own PDF export takes the page setup as URL parameters (size, portrait, fitw, fzr), so
 *   a link per tab gives the staff member the A4 PDF in their own browser session: no extra
 *   OAuth scope, nothing fetched by the script.
 */
import { printLayout, type PrintedTab } from '../sheets/printLayout';
import { findTabName, TABS } from '../sheets/schema';
import type { PageSetup } from '../workflows/workbook';

export const PRINTED_TABS: PrintedTab[] = ['results', 'integrity', 'statistics', 'review', 'execution'];

/** Sheets' PDF export of one tab on A4, one page wide, frozen rows repeated, without gridlines. */
export function pdfExportUrl(spreadsheetId: string, sheetId: number, setup: PageSetup): string {
  const params = new URLSearchParams({
    format: 'pdf',
    gid: String(sheetId),
    size: 'A4',
    portrait: String(setup.orientation === 'portrait'),
    fitw: 'true',
    fzr: String(setup.repeatRows !== undefined),
    gridlines: 'false',
    sheetnames: 'false',
    printtitle: 'false',
    pagenum: 'CENTER',
    horizontal_alignment: 'CENTER',
  });
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheetId)}/export?${params.toString()}`;
}

/** The printed tabs this spreadsheet has, each with its PDF link (a constant number of calls per tab). */
export function printLinks(): { name: string; orientation: PageSetup['orientation']; url: string }[] {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheets = spreadsheet.getSheets();
  const names = sheets.map((s) => s.getName());
  const id = spreadsheet.getId();
  return PRINTED_TABS.flatMap((key) => {
    const name = findTabName(names, TABS[key]);
    if (name === null) return [];
    const sheet = sheets[names.indexOf(name)];
    const setup = printLayout(key, sheet.getFrozenRows());
    return [{ name, orientation: setup.orientation, url: pdfExportUrl(id, sheet.getSheetId(), setup) }];
  });
}
