/** The add-on menu and its actions. Results and UserErrors are shown in a dialog, never a stack. */
import { checkPlans, initWorkbook, runReminders } from '../workflows';
import { buildReport } from '../workflows/report';
import { cancelOpenJob, continueOpenJob, openJobProgress, tallyStep } from '../workflows/resumable';
import { refuseWhileOtherJob } from '../workflows/jobs/engine';
import { scheduleJobContinuation } from './jobTrigger';
import { gasContext, userLanguage } from './context';
import { userMessage } from './errors';
import { groupDigits, texts, type Lang } from './i18n';
import { withDocumentLock } from './lock';
import { activeWorkbook } from './sheetsWorkbook';
import { showSidebar } from './sidebar';
import { printLinks } from './printLinks';
import { escapeHtml } from '../report/html';

/**
 * Builds the menu. In AuthMode.NONE (add-on installed but not yet used in this document) only the
 * Ui service and the guarded locale lookup run: no spreadsheet, properties or lock access.
 */
export function onOpen(): void {
  const t = texts(userLanguage());
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t.menuTally, 'menuTally')
    .addItem(t.menuImport, 'menuImport')
    .addItem(t.menuCheckPlans, 'menuCheckPlans')
    .addItem(t.menuOpenSidebar, 'menuOpenSidebar')
    .addItem(t.menuReminders, 'menuReminders')
    .addItem(t.menuReport, 'menuReport')
    .addItem(t.menuPrint, 'menuPrint')
    .addSeparator()
    .addItem(t.menuContinueJob, 'menuContinueJob')
    .addItem(t.menuCancelJob, 'menuCancelJob')
    .addItem(t.menuInit, 'menuInit')
    .addToUi();
}

function runAction(title: (lang: Lang) => string, action: (lang: Lang) => string): void {
  const lang = userLanguage();
  const ui = SpreadsheetApp.getUi();
  let message: string;
  try {
    message = action(lang);
  } catch (err) {
    message = userMessage(err, lang);
  }
  ui.alert(title(lang), message, ui.ButtonSet.OK);
}

export function menuTally(): void {
  runAction(
    (lang) => texts(lang).tallyTitle,
    (lang) => {
      // A step within the time budget: a large tally goes on in a one-off trigger (or the sidebar).
      const step = withDocumentLock(lang, () => tallyStep(activeWorkbook(), gasContext(lang)), 'tally');
      if (!step.done) return texts(lang).jobContinues('tally', step.progress.done, step.progress.total, scheduleJobContinuation());
      const r = step.result;
      return texts(lang).tallySummary(r.selected.length, groupDigits(r.spent), groupDigits(r.budget));
    },
  );
}

/** Menu: goes on with the open import or tally (or its cancelling), whoever started it. */
export function menuContinueJob(): void {
  runAction(
    (lang) => texts(lang).jobTitle,
    (lang) => {
      const open = withDocumentLock(lang, () => continueOpenJob(activeWorkbook(), gasContext(lang)), 'write');
      if (open.kind === null) return texts(lang).noJob;
      if (open.kind === 'cancel') {
        return open.step.done ? texts(lang).jobCancelled : texts(lang).jobCancelContinues(open.step.progress.done, scheduleJobContinuation());
      }
      const step = open.step;
      if (!step.done) return texts(lang).jobContinues(open.kind, step.progress.done, step.progress.total, scheduleJobContinuation());
      return texts(lang).jobFinished(open.kind);
    },
  );
}

/**
 * Menu: cancels the open import or tally after a yes from the person — the way out of a job whose
 * step fails every time. An import's rows are taken out again; a tally's tabs wait for the next tally.
 */
export function menuCancelJob(): void {
  const lang = userLanguage();
  const ui = SpreadsheetApp.getUi();
  const t = texts(lang);
  let message: string;
  try {
    const job = openJobProgress(activeWorkbook(), gasContext(lang));
    if (job === null) message = t.noJob;
    else if (ui.alert(t.jobTitle, t.jobCancelConfirm(job.kind, job.done, job.total, job.by, job.since, job.cancelling === true), ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
    else {
      const step = withDocumentLock(lang, () => cancelOpenJob(activeWorkbook(), gasContext(lang)), 'write');
      message = step.done ? t.jobCancelled : t.jobCancelContinues(step.progress.done, scheduleJobContinuation());
    }
  } catch (err) {
    message = userMessage(err, lang);
  }
  ui.alert(t.jobTitle, message, ui.ButtonSet.OK);
}

export function menuCheckPlans(): void {
  runAction(
    (lang) => texts(lang).checkPlansTitle,
    (lang) => {
      const r = withDocumentLock(lang, () => checkPlans(activeWorkbook(), gasContext(lang)), 'plans');
      return texts(lang).checkPlansSummary(r.summary.pass, r.summary.warning, r.summary.fail, r.projects.length, lang === 'ko' ? '검토' : 'Review');
    },
  );
}

export function menuInit(): void {
  runAction(
    (lang) => texts(lang).initTitle,
    (lang) => {
      const r = withDocumentLock(lang, () => initWorkbook(activeWorkbook(), gasContext(lang)), 'init');
      return texts(lang).initSummary(r.created, r.existing);
    },
  );
}

export function menuImport(): void {
  showSidebar('import', userLanguage());
}

export function menuOpenSidebar(): void {
  showSidebar('status', userLanguage());
}

/** Menu: refresh 일정 (parsed dates, 지연) and 알림, and say what is late and due. */
export function menuReminders(): void {
  runAction(
    (lang) => texts(lang).remindersTitle,
    (lang) => {
      const r = withDocumentLock(lang, () => runReminders(activeWorkbook(), gasContext(lang)), 'reminders');
      const overdue = r.milestones.filter((m) => m.status === 'overdue').map((m) => (lang === 'ko' ? `${m.name} (${m.daysLate}일)` : `${m.name} (${m.daysLate} days)`));
      return texts(lang).remindersSummary(r.milestones.length, overdue, r.due.length);
    },
  );
}

/**
 * Menu: the publishable report (tallied first, so it matches the tabs) in a dialog, with a link to
 * download it as one self-contained HTML file that prints on A4 from any browser.
 */
export function menuReport(): void {
  const lang = userLanguage();
  const ui = SpreadsheetApp.getUi();
  try {
    const page = withDocumentLock(
      lang,
      () => {
        const wb = activeWorkbook();
        const ctx = gasContext(lang);
        // The report tallies in one go: never in the middle of a resumable import or tally.
        refuseWhileOtherJob(wb, ctx);
        return buildReport(wb, ctx);
      },
      'tally',
    );
    ui.showModalDialog(HtmlService.createHtmlOutput(withDownloadLink(page, texts(lang).reportDownload)).setWidth(960).setHeight(720), texts(lang).reportTitle);
  } catch (err) {
    ui.alert(texts(lang).reportTitle, userMessage(err, lang), ui.ButtonSet.OK);
  }
}

/** The report itself as a data: URL behind a download link: no script, nothing fetched. */
export function withDownloadLink(page: string, label: string): string {
  const link = `<p style="margin:8px 0"><a download="civic-sheets-result.html" href="data:text/html;charset=utf-8,${encodeURIComponent(page)}">${label}</a></p>`;
  return page.replace(/<body>/, () => `<body>${link}`);
}

/** Menu: a link per printed tab to its A4 PDF (Apps Script cannot set Sheets' own print setup). */
export function menuPrint(): void {
  const lang = userLanguage();
  const t = texts(lang);
  const ui = SpreadsheetApp.getUi();
  try {
    const links = printLinks();
    const items = links
      .map((l) => `<li><a href="${escapeHtml(l.url)}" target="_blank" rel="noopener">${escapeHtml(l.name)}</a> (${escapeHtml(t.printOrientation[l.orientation])})</li>`)
      .join('');
    const body = links.length === 0 ? `<p>${escapeHtml(t.printNone)}</p>` : `<p>${escapeHtml(t.printIntro)}</p><ul>${items}</ul>`;
    const page = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><base target="_blank"></head><body style="font-family:sans-serif;font-size:14px">${body}</body></html>`;
    ui.showModalDialog(HtmlService.createHtmlOutput(page).setWidth(480).setHeight(360), t.printTitle);
  } catch (err) {
    ui.alert(t.printTitle, userMessage(err, lang), ui.ButtonSet.OK);
  }
}
