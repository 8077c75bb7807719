import { formatUnits, formatWon } from '../core/amount';
import type { ImportReport, TallyJson } from '../workflows/api';
import type { IntegrityJson } from '../workflows/integrity';
import type { StatisticsResult } from '../core/statistics';
import { DIMENSION_LABELS } from '../workflows/statistics';
import { reasonLabel } from '../sheets/reasonLabels';
import { renderTable } from './terminalTable';
import type { Warning } from '../core/warnings';

type Language = 'ko' | 'en';

const STATUS: Record<TallyJson['agendas'][number]['status'], Record<Language, string>> = {
  selected: { ko: '선정', en: 'selected' },
  on_hold: { ko: '보류', en: 'on hold' },
  not_selected: { ko: '미선정', en: 'not selected' },
};

/** The accounting line printed after every import: rows read = counted + set aside. */
export function describeImport(report: ImportReport, language: Language): string {
  const ko = language === 'ko';
  if (report.alreadyImported) {
    const head = ko
      ? `${report.fileName}: 이미 가져온 파일입니다. 아무것도 추가하지 않았습니다 (지문 ${report.fingerprint.slice(0, 12)})`
      : `${report.fileName}: already imported, nothing added (fingerprint ${report.fingerprint.slice(0, 12)})`;
    // Why, when it was not the very same file (the same totals, the same rows in another order).
    return [head, ...report.warnings.map((w) => `  ! ${w}`)].join('\n');
  }
  const reasons = Object.entries(report.setAside.reasons)
    .map(([code, n]) => `${reasonLabel(code, ko ? 'ko' : 'en')} ${formatWon(n)}`)
    .join(', ');
  const head = ko
    ? `${report.fileName} [${report.encoding}, ${report.shape}]: ${formatWon(report.rowsRead)}행 읽음 = ${formatWon(report.rowsCounted)}행 반영 + ${formatWon(report.setAside.total)}행 제외`
    : `${report.fileName} [${report.encoding}, ${report.shape}]: ${formatWon(report.rowsRead)} rows read = ${formatWon(report.rowsCounted)} counted + ${formatWon(report.setAside.total)} set aside`;
  const detail = [
    report.shape === 'scores'
      ? (ko ? `  심사 점수 ${formatWon(report.scoresCounted ?? 0)}건 (심사 탭)` : `  committee scores ${formatWon(report.scoresCounted ?? 0)} (Scores tab)`)
      : report.shape === 'totals'
      ? (ko ? `  집계 득표 ${formatWon(report.totalsVotes)}표` : `  totals-only votes ${formatWon(report.totalsVotes)}`)
      : (ko ? `  투표 ${formatWon(report.ballotsCounted)}건` : `  ballots ${formatWon(report.ballotsCounted)}`) + (report.trimmed > 0 ? (ko ? ` (일부 반영 ${report.trimmed}건)` : ` (${report.trimmed} counted in part)`) : ''),
    ...(reasons === '' ? [] : [(ko ? '  제외 사유: ' : '  set aside: ') + reasons]),
    ...report.warnings.map((w) => `  ! ${w}`),
  ];
  return [head, ...detail].join('\n');
}

export function describeTally(result: TallyJson, language: Language): string {
  const ko = language === 'ko';
  const header = ko ? ['순위', '번호', '의제명', '득표', '득표율', '사업비', '상태'] : ['Rank', 'ID', 'Title', 'Votes', 'Share', 'Cost', 'Status'];
  const rows = result.agendas.map((a) => [
    String(a.rank),
    a.id,
    a.title,
    formatUnits(a.votes),
    `${(a.share * 100).toFixed(1)}%`,
    formatUnits(a.cost),
    a.override === null ? STATUS[a.status][language] : `${STATUS[a.status][language]} (${language === 'ko' ? '조정' : 'override'})`,
  ]);
  const counted = result.validBallots > 0 || result.picks > 0;
  const seed = result.seed === '' ? (ko ? '없음' : 'none') : result.seed;
  // Before the numbers: nobody should read them without these.
  const warnings = result.warnings.map((w) => `! [${w.code}] ${w.message}`);
  const summary = ko
    ? [
        ...warnings,
        `참여자 ${formatWon(result.voters)}명, 유효 투표 ${formatWon(result.validBallots)}건, 유효 선택 ${formatUnits(result.picks)}개, 제외 ${formatWon(result.setAside)}건`,
        `총예산 ${formatUnits(result.budget)}원, 선정 ${result.selected.length}건 ${formatUnits(result.spent)}원, 남은 예산 ${formatUnits(result.budget - result.spent)}원`,
        `선정 방식 ${result.rule}, 동점 처리 ${result.tieBreak.join(' → ')}${result.tieBreak.includes('lottery') ? ` (추첨 시드 ${seed})` : ''}`,
        `검산: 개별 투표의 선택 ${formatWon(result.check.ballotPicks)} ${result.check.exact ? '=' : '≤'} 유효 투표 × 선택 수 ${formatWon(result.check.maxPicks)} ${!counted ? '— 센 투표 없음' : result.check.ok ? '✓' : '✗ 불일치'}`,
        ...weightLines(result, language),
        ...ties(result, language),
        ...overrideLines(result, language),
        `입력 지문 ${result.inputFingerprint.slice(0, 16)}…  결과 지문 ${result.resultFingerprint.slice(0, 16)}…`,
      ]
    : [
        ...warnings,
        `${formatWon(result.voters)} voters, ${formatWon(result.validBallots)} valid ballots, ${formatUnits(result.picks)} valid picks, ${formatWon(result.setAside)} set aside`,
        `budget ${formatUnits(result.budget)}, ${result.selected.length} selected for ${formatUnits(result.spent)}, ${formatUnits(result.budget - result.spent)} left`,
        `rule ${result.rule}, tie-break ${result.tieBreak.join(' → ')}${result.tieBreak.includes('lottery') ? ` (lottery seed ${seed})` : ''}`,
        `check: picks on individual ballots ${formatWon(result.check.ballotPicks)} ${result.check.exact ? '=' : '≤'} valid ballots × picks ${formatWon(result.check.maxPicks)} ${!counted ? '— nothing counted' : result.check.ok ? '✓' : '✗ mismatch'}`,
        ...weightLines(result, language),
        ...ties(result, language),
        ...overrideLines(result, language),
        `input ${result.inputFingerprint.slice(0, 16)}…  result ${result.resultFingerprint.slice(0, 16)}…`,
      ];
  return [renderTable(header, rows, new Set([0, 3, 4, 5])), '', ...summary].join('\n');
}

/** Warnings as the CLI prints them: one line each, with the code scripts look for. */
function warningLines(warnings: readonly Warning[]): string[] {
  return warnings.map((w) => `  ! [${w.code}] ${w.message}`);
}

/** With weights the ranking is not by votes: the formula and one scorer's weight are printed. */
function weightLines(result: TallyJson, language: Language): string[] {
  const w = result.weighted;
  if (w === null) return [];
  const ratios = w.effectiveWeights.map((e) =>
    language === 'ko' ? `심사위원 1명 = ${e.part} 투표자 약 ${formatWon(Math.round(e.ratio))}명` : `one scorer ≈ ${formatWon(Math.round(e.ratio))} ${e.part} voters`,
  );
  const scores = result.agendas.map((a) => `${a.id} ${a.score?.final.toFixed(3) ?? '-'}`).join(', ');
  return [w.formula, ...ratios, (language === 'ko' ? '최종 점수: ' : 'final scores: ') + scores];
}

/** Every override is printed with its reason: a committee's change is never silent. */
function overrideLines(result: TallyJson, language: Language): string[] {
  const lines = result.overrides.map((o) =>
    language === 'ko'
      ? `조정: ${o.id} ${o.decision === 'fund' ? '선정' : '제외'} — 사유: ${o.reason}${o.decidedBy === '' ? '' : ` (${o.decidedBy}${o.date === '' ? '' : `, ${o.date}`})`}`
      : `override: ${o.id} ${o.decision === 'fund' ? 'funded' : 'excluded'} — reason: ${o.reason}${o.decidedBy === '' ? '' : ` (${o.decidedBy}${o.date === '' ? '' : `, ${o.date}`})`}`,
  );
  if (result.spent > result.budget) {
    lines.push(language === 'ko' ? `⚠ 예산 초과: ${formatWon(result.spent - result.budget)}원` : `⚠ over budget by ${formatWon(result.spent - result.budget)}`);
  }
  return lines;
}

/** Ties at the budget line decide who gets money: they are printed, never buried in the tab. */
function ties(result: TallyJson, language: Language): string[] {
  return result.agendas
    .filter((a) => a.tie?.atBoundary)
    .map((a) =>
      language === 'ko'
        ? `⚠ 예산 경계 동점: ${a.id}(${STATUS[a.status].ko}) = ${a.tie?.with.join(', ')}, ${formatUnits(a.votes)}표, ${a.tie?.decidedBy}(으)로 결정`
        : `⚠ tie at the budget line: ${a.id} (${STATUS[a.status].en}) with ${a.tie?.with.join(', ')} at ${formatUnits(a.votes)} votes, broken by ${a.tie?.decidedBy}`,
    );
}

export function describeIntegrity(report: IntegrityJson, language: Language): string {
  const ko = language === 'ko';
  const lines = [ko ? `투표 ${formatWon(report.ballotsChecked)}건 검사` : `${formatWon(report.ballotsChecked)} ballots checked`, ...warningLines(report.warnings)];
  if (report.flags.length === 0) lines.push(ko ? '특이 사항 없음' : 'nothing unusual found');
  for (const f of report.flags) {
    const effect = f.changesOutcome ? (ko ? ' ⚠ 제외하면 선정 결과가 바뀜' : ' ⚠ excluding them changes the outcome') : '';
    lines.push(`[${f.severity}] ${f.kind} ${f.agendas.join(', ')} (score ${f.score}, ${f.ballots}${ko ? '건' : ' ballots'})${effect}`);
    lines.push(`    ${f.description}`);
    if (f.filter !== '') lines.push(`    ${ko ? '필터' : 'filter'}: ${f.filter}`);
  }
  lines.push('', ...report.method);
  return lines.join('\n');
}

export function describeStatistics(stats: StatisticsResult, language: Language): string {
  const ko = language === 'ko';
  const hidden = `<${stats.minCell}`;
  const sections = stats.breakdowns.map((b) => {
    const hasPopulation = b.rows.some((r) => r.population !== undefined);
    const header = [DIMENSION_LABELS[b.dimension][language], ko ? '투표자' : 'voters', ko ? '비율' : 'share', ...(hasPopulation ? [ko ? '투표율' : 'turnout'] : [])];
    const rows = b.rows.map((r) => [
      r.label,
      r.voters === null ? hidden : formatWon(r.voters),
      r.share === null ? '' : `${(r.share * 100).toFixed(1)}%`,
      ...(hasPopulation ? [r.turnout === null || r.turnout === undefined ? '' : `${(r.turnout * 100).toFixed(1)}%`] : []),
    ]);
    return renderTable(header, rows, new Set([1, 2, 3]));
  });
  return [ko ? `투표자 ${formatWon(stats.voters)}명 (${hidden}: 가림)` : `${formatWon(stats.voters)} voters (${hidden}: hidden)`, ...sections].join('\n\n');
}
