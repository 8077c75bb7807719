/** Opens dist/Sidebar.html (one self-contained file) on a given panel, in the user's language. */
import { texts, type Lang } from './i18n';

export type SidebarPanel = 'status' | 'import' | 'settings' | 'tally';

/**
 * The template carries `data-start="status"` and `data-lang=""` on <html>; we fill them in rather
 * than use an HtmlTemplate, so that nothing in the bundled script is ever read as a scriptlet.
 */
export function sidebarHtml(content: string, panel: SidebarPanel, lang: Lang): string {
  return content
    .replace('data-start="status"', () => `data-start="${panel}"`)
    .replace('data-lang=""', () => `data-lang="${lang}"`);
}

export function showSidebar(panel: SidebarPanel, lang: Lang): void {
  const content = HtmlService.createHtmlOutputFromFile('Sidebar').getContent();
  const output = HtmlService.createHtmlOutput(sidebarHtml(content, panel, lang)).setTitle(
    texts(lang).sidebarTitle,
  );
  SpreadsheetApp.getUi().showSidebar(output);
}
