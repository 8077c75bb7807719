import type { Language } from '../sheets/messages';
import { noticeHtml } from '../report/notice';
import { hashingOf, type HostContext } from './context';
import { runIntegrity } from './integrity';
import { noticeFacts } from './notice';
import { runStatistics } from './statistics';
import { loadTallyInputs, runTally } from './tally';
import type { Workbook } from './workbook';
import { lastAudit } from './audit';
import { resultsEdited } from './status';
import { readTab } from './tabs';

/**
 * The publishable result notice (결과 공고). It tallies first, so the page always matches the
 * tabs; a host that must not change the workbook (the CLI) runs this on its in-memory copy and
 * does not save it. The tabs are rewritten in Korean as always (the tally's language is the
 * workbook's); `language` is the notice's.
 */
export function buildReport(wb: Workbook, ctx: HostContext, options: { language?: Language } = {}): string {
  const language = options.language ?? ctx.language;
  const reportCtx = { ...ctx, language: 'ko' as const };
  // Read before re-tallying, which rewrites 결과 and appends to 이력: the notice says if someone
  // edited 결과 by hand, and when these very inputs were tallied.
  const auditBefore = readTab(wb, 'audit');
  const edited = resultsEdited(wb, lastAudit(auditBefore, 'tally')) === true;
  const tally = runTally(wb, reportCtx);
  const inputs = loadTallyInputs(wb, hashingOf(ctx));
  const integrity = runIntegrity(wb, reportCtx, { inputs });
  const statistics = runStatistics(wb, reportCtx, inputs);
  const recorded = lastAudit(auditBefore, 'tally', tally.inputFingerprint)?.when ?? null;
  const facts = noticeFacts(wb, ctx.now(), language, tally, inputs, integrity, recorded);
  const byDay = statistics.breakdowns.find((b) => b.dimension === 'day')?.rows.map((r) => ({ label: r.label, voters: r.voters })) ?? [];
  return noticeHtml({ facts, tally, byDay, resultsEdited: edited, language });
}
