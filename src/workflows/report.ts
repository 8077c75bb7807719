import { formatSeoulTimestamp } from '../core/datetime';
import { resultReport } from '../report/resultReport';
import { ruleLabel, tieBreakLabel } from '../sheets/results';
import type { HostContext } from './context';
import { runIntegrity } from './integrity';
import { runStatistics } from './statistics';
import { loadTallyInputs, runTally } from './tally';
import type { Workbook } from './workbook';
import { lastAudit } from './audit';
import { resultsEdited } from './status';
import { readTab } from './tabs';

/**
 * The publishable report. It tallies first, so the page always matches the tabs; a host that
 * must not change the workbook (the CLI) runs this on its in-memory copy and does not save it.
 */
export function buildReport(wb: Workbook, ctx: HostContext, title = '주민 의제 투표 결과'): string {
  const reportCtx = { ...ctx, language: 'ko' as const };
  // Checked before re-tallying, which rewrites 결과: the report says if someone edited it by hand.
  const edited = resultsEdited(wb, lastAudit(readTab(wb, 'audit'), 'tally')) === true;
  const tally = runTally(wb, reportCtx);
  const inputs = loadTallyInputs(wb);
  return resultReport({
    title,
    generatedAt: formatSeoulTimestamp(ctx.now()).slice(0, 16),
    tally,
    integrity: runIntegrity(wb, reportCtx, { inputs }),
    statistics: runStatistics(wb, reportCtx, inputs),
    ruleText: ruleLabel(inputs.settings, 'ko'),
    tieBreakText: tieBreakLabel(inputs.settings, 'ko'),
    resultsEdited: edited,
  });
}
