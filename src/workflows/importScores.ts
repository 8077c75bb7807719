import { readAgendas } from '../sheets/agendas';
import { fingerprintTable, trimEmptyRows } from '../sheets/fingerprint';
import { checkScoreRows, describeScoreProblem, pairKey } from '../sheets/scores';
import { TABS } from '../sheets/schema';
import { field, matchColumn, readTable } from '../sheets/table';
import type { ImportInput, ImportReport } from './api';
import { appendAudit, findAudit } from './audit';
import type { HostContext } from './context';
import { newImportReport } from './importReport';
import { appendRecords, readTab, requireTable } from './tabs';
import type { Cell, Workbook } from './workbook';

/**
 * Imports a committee score sheet (심사: agenda, scorer, score) into the 심사 tab, the way ballots
 * are imported: the same file twice is refused, every row is counted or listed in 제외 with its
 * reason (unknown agenda, no scorer, unreadable score, a second score by the same scorer for the
 * same agenda — the first counts, also across imports).
 */
export function importScores(wb: Workbook, ctx: HostContext, input: ImportInput): ImportReport {
  const agendas = readAgendas(requireTable(wb, 'agendas'));
  const [headerRow, ...dataRows] = trimEmptyRows(input.rows);
  const header = headerRow.map((h) => h.trim());
  const column = (key: string): number => header.findIndex((h) => matchColumn(h, TABS.scores.columns.find((c) => c.key === key) as (typeof TABS.scores.columns)[number]));
  const [agendaAt, scorerAt, scoreAt] = [column('agenda'), column('scorer'), column('score')];
  const fingerprint = fingerprintTable(input.rows);
  const source = fingerprint.slice(0, 12);
  const report: ImportReport = { ...newImportReport(input, 'scores', fingerprint, dataRows.length), scoresCounted: 0 };
  const audit = readTab(wb, 'audit');
  if (findAudit(audit, 'import', fingerprint)) return { ...report, alreadyImported: true };

  const scoresTab = readTab(wb, 'scores');
  const existing = scoresTab === null || scoresTab.grid.length === 0 ? null : readTable(scoresTab.grid, TABS.scores, scoresTab.name);
  const taken = new Set(existing === null ? [] : existing.rows.map((row) => pairKey(field(existing, row, 'agenda'), field(existing, row, 'scorer'))));

  const cell = (row: readonly string[], at: number): string => (row[at] ?? '').trim();
  const check = checkScoreRows(dataRows.map((row, i) => ({ agenda: cell(row, agendaAt), scorer: cell(row, scorerAt), score: cell(row, scoreAt), row: i + 2 })), agendas, taken);
  const ko = ctx.language === 'ko';
  const setAside: Record<string, Cell>[] = check.rejected.map((r) => {
    report.setAside.reasons[r.problem.code] = (report.setAside.reasons[r.problem.code] ?? 0) + 1;
    return {
      stage: ko ? '가져오기' : 'import',
      action: ko ? '제외' : 'set aside',
      source,
      file: input.fileName,
      row: r.row,
      voterKey: '',
      reason: describeScoreProblem(r.problem, ctx.language),
      content: header.map((h, i) => `${h}=${dataRows[r.row - 2][i] ?? ''}`).join('; '),
    };
  });
  report.setAside.total = check.rejected.length;
  report.rowsCounted = check.accepted.length;
  report.scoresCounted = check.accepted.length;
  if (report.rowsCounted + report.setAside.total !== report.rowsRead) throw new Error('accounting broken in the score import');
  appendRecords(wb, 'scores', ctx.language, check.accepted.map((s) => ({ agenda: s.agendaId, scorer: s.scorer, score: s.score, source, row: s.row })), scoresTab);
  if (setAside.length > 0) appendRecords(wb, 'setAside', ctx.language, setAside);
  appendAudit(wb, ctx, audit, {
    what: 'import',
    detail: `${input.fileName} (${input.encoding}, scores): ${report.rowsRead} read, ${report.rowsCounted} counted, ${report.setAside.total} set aside`,
    input: fingerprint,
    settings: '',
    result: '',
  });
  return report;
}
