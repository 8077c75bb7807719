import { formatWon } from '../core/amount';
import type { AgendaOutcome, TallyResult } from '../core/tally';
import type { ScoreSource, Settings } from '../core/types';
import type { WeightedScoring } from '../core/weightedScores';
import type { ChartSpec, Grid } from '../workflows/workbook';
import type { Warning } from '../core/warnings';
import type { FormatSpan } from './typedCells';
import { describeDecision, describeTie, OVERRIDDEN_LABEL, STATUS_LABELS, type Language } from './messages';
import { NORMALIZATION_LABELS, TIE_BREAK_LABELS } from './settings';

export interface ResultsHeader {
  voters: number;
  setAside: number;
  inputFingerprint: string;
  resultFingerprint: string;
  /** Shown at the top, one row each, so nobody reads the numbers without them. */
  warnings?: readonly Warning[];
}

const L = (language: Language, ko: string, en: string): string => (language === 'ko' ? ko : en);

export function ruleLabel(settings: Settings, language: Language): string {
  const overshoot =
    settings.overshoot === null || settings.rule === 'mes'
      ? ''
      : L(language, `; 초과 허용 ${settings.overshoot}% (남은 예산이 사업비의 ${settings.overshoot}% 이상이면 맞지 않는 첫 의제도 선정)`, `; overshoot ${settings.overshoot}% (the first agenda that does not fit is funded if the money left is at least ${settings.overshoot}% of its cost)`);
  switch (settings.rule) {
    case 'greedy':
      return L(language, 'greedy: 득표순, 예산에 맞지 않으면 건너뛰고 계속', 'greedy: by votes, skip what does not fit') + overshoot;
    case 'greedy-stop':
      return L(language, 'greedy-stop: 득표순, 예산에 맞지 않는 첫 의제에서 중단', 'greedy-stop: by votes, stop at the first that does not fit') + overshoot;
    case 'mes':
      return mesLabel(settings, language);
  }
}

function mesLabel(settings: Settings, language: Language): string {
  const base = L(
    language,
    'mes: 균등 배분(Method of Equal Shares, 찬성투표·사업비 효용). 투표자마다 같은 몫을 주고, 지지자 1인당 부담이 가장 낮은 의제부터 지지자들의 몫으로 선정. 동점은 낮은 사업비, 많은 득표 순',
    'mes: Method of Equal Shares (approval, cost utilities). Every voter gets an equal share; the agenda whose supporters pay least per unit is funded from their shares first. Ties: lower cost, then more votes',
  );
  const completion = {
    add1: L(language, '보완 add1: 1인당 몫을 floor(예산/투표자)에서 1씩 올리며 예산에 맞는 마지막 결과', 'completion add1: per-voter share from floor(budget/voters), raised by 1 while the outcome fits; the last that fits is kept'),
    'add1-exhaustive': L(language, '보완 add1-exhaustive: 1씩 올리다 더 선정할 의제가 없는 첫 결과에서 멈춤', 'completion add1-exhaustive: raised by 1 until the first outcome where nothing else fits'),
    none: L(language, '보완 없음: 1인당 몫 = 예산/투표자', 'no completion: per-voter share = budget/voters'),
  }[settings.mesCompletion];
  return `${base}; ${completion}`;
}

/** A part of the weighted score in words: 투표 (all resident votes), a channel, or 심사. */
export function partName(source: ScoreSource, language: Language): string {
  if (source.kind === 'votes') return L(language, '투표', 'votes');
  if (source.kind === 'committee') return L(language, '심사', 'committee');
  return source.channel;
}

/** `최종 점수 = 100 × (50/100 × 투표 + 50/100 × 심사), 점수 환산: …` — printed so anyone can redo it. */
export function scoreFormula(w: WeightedScoring, language: Language): string {
  const total = w.weights.reduce((sum, x) => sum + x.weight, 0);
  const terms = w.weights.map((x) => `${x.weight}/${total} × ${partName(x.source, language)}`).join(' + ');
  const committee = w.weights.some((x) => x.source.kind === 'committee')
    ? L(language, '; 심사 = 의제별 심사위원 점수의 평균', '; committee = the mean of the scorers’ points for the agenda')
    : '';
  return L(language, `최종 점수 = 100 × (${terms}), 각 항목은 ${NORMALIZATION_LABELS[w.normalization].ko}로 0~1 환산${committee}`, `final score = 100 × (${terms}), each part normalised by ${NORMALIZATION_LABELS[w.normalization].en} to 0..1${committee}`);
}

function effectiveWeightText(w: WeightedScoring, language: Language): string {
  return w.effectiveWeights
    .map((e) =>
      L(
        language,
        `심사위원 1명 = ${partName(e.source, language)} 투표자 약 ${formatWon(Math.round(e.ratio))}명 (심사 비중 ÷ 심사위원 ${e.scorers}명 vs 투표 비중 ÷ 투표자 ${formatWon(e.voters)}명)`,
        `one scorer ≈ ${formatWon(Math.round(e.ratio))} ${partName(e.source, language)} voters (committee weight ÷ ${e.scorers} scorers vs vote weight ÷ ${formatWon(e.voters)} voters)`,
      ),
    )
    .join('; ');
}

export function tieBreakLabel(settings: Settings, language: Language): string {
  const names = settings.tieBreak.map((t) => TIE_BREAK_LABELS[t][language]);
  if (!settings.tieBreak.includes('order')) names.push(TIE_BREAK_LABELS.order[language]);
  const seedText = settings.seed === '' ? L(language, '없음', 'none') : settings.seed;
  const seed = settings.tieBreak.includes('lottery') ? L(language, ` (추첨 시드 ${seedText})`, ` (lottery seed ${seedText})`) : '';
  return names.join(' → ') + seed;
}

/**
 * The 결과 tab: a header block a committee can read on its own (who voted, what was spent, which
 * rule decided, the fingerprints), then one row per agenda in rank order. Nothing in it depends on
 * the clock, so the same inputs always give the same cells.
 */
export function resultsGrid(result: TallyResult, settings: Settings, header: ResultsHeader, language: Language): { grid: Grid; tableHeaderRow: number; charts: ChartSpec[]; formats: FormatSpan[] } {
  // A share is a number shown as a percent (`0.0%`), so it sorts and sums as one.
  const pct = (share: number): number => Math.round(share * 1e6) / 1e6;
  const hasTotals = result.picks !== result.ballotPicks;
  const overridden = result.outcomes.filter((o) => o.decision.code === 'override');
  const fundedByOverride = overridden.some((o) => o.status === 'selected');
  const overspendLabel = fundedByOverride
    ? L(language, '예산 초과액 (조정 포함)', 'Overspend (overrides included)')
    : L(language, '예산 초과액 (초과 허용)', 'Overspend (overshoot rule)');
  const counted = result.validBallots > 0 || result.picks > 0;
  const sanity = result.sanity.exact
    ? `${formatWon(result.sanity.ballotPicks)} = ${formatWon(result.validBallots)} × ${settings.picks}`
    : `${formatWon(result.sanity.ballotPicks)} ≤ ${formatWon(result.validBallots)} × ${settings.picks}`;
  const block: Grid = [
    [L(language, '개표 결과', 'Tally result'), ''],
    ...(header.warnings ?? []).map((w) => [L(language, '주의', 'Warning'), w.message]),
    [L(language, '참여자 수', 'Voters'), header.voters],
    [L(language, '유효 투표', 'Valid ballots'), result.validBallots],
    [L(language, '총 선택 수 (유효)', 'Valid picks'), result.picks],
    ...(hasTotals ? [[L(language, '  그중 집계 채널', '  of which totals-only channels'), result.picks - result.ballotPicks]] : []),
    [L(language, '제외된 투표', 'Set-aside ballots'), header.setAside],
    [L(language, '총예산', 'Budget'), result.budget],
    [L(language, '선정 합계', 'Spent'), result.spent],
    [L(language, '남은 예산', 'Left'), result.left],
    ...(result.overspend > 0 ? [[overspendLabel, result.overspend]] : []),
    ...(overridden.length > 0
      ? [[
          L(language, '조정', 'Overrides'),
          L(
            language,
            `규칙 적용 후 위원회 조정 ${overridden.length}건: ${overridden.map((o) => `${o.agenda.id} ${o.status === 'selected' ? '선정' : '제외'}`).join(', ')} (사유는 각 의제 행)`,
            `${overridden.length} committee override(s) applied after the rule: ${overridden.map((o) => `${o.agenda.id} ${o.status === 'selected' ? 'funded' : 'excluded'}`).join(', ')} (reasons on each agenda's row)`,
          ),
        ]]
      : []),
    ...(result.mes !== null ? [[L(language, 'MES 1인당 몫', 'MES per-voter share'), `${result.mes.perVoterBudget} (${L(language, '실행 횟수', 'runs')} ${result.mes.runs})`]] : []),
    [L(language, '선정 방식', 'Rule'), ruleLabel(settings, language)],
    ...(result.weighted !== null
      ? [
          [L(language, '순위 기준', 'Ranked by'), L(language, '가중 최종 점수 (득표 수가 아님)', 'the weighted final score (not raw votes)')],
          [L(language, '최종 점수 공식', 'Final score formula'), scoreFormula(result.weighted, language)],
          ...(result.weighted.effectiveWeights.length > 0 ? [[L(language, '심사위원 1명의 비중', 'Weight of one scorer'), effectiveWeightText(result.weighted, language)]] : []),
          ...(settings.rule === 'mes' ? [[L(language, '참고', 'Note'), L(language, 'MES는 투표만으로 선정하며 가중치는 순위 표시에만 쓰입니다', 'MES selects from the ballots alone; the weights only order the table')]] : []),
        ]
      : []),
    [L(language, '동점 처리', 'Tie-break'), tieBreakLabel(settings, language)],
    [L(language, '최소 득표', 'Minimum votes'), result.threshold],
    [L(language, '검산', 'Check'), counted ? `${sanity} ${result.sanity.ok ? '✓' : L(language, '✗ 불일치', '✗ mismatch')}` : L(language, '— 센 투표 없음', '— nothing counted')],
    [L(language, '입력 지문', 'Input fingerprint'), header.inputFingerprint],
    [L(language, '결과 지문', 'Result fingerprint'), header.resultFingerprint],
  ];
  if (result.fields.length > 0 && result.pool === null) {
    block.push([
      L(language, '분야별 예산', 'Field budgets'),
      L(language, '분야별 예산 안에서만 선정했고, 분야에서 남은 금액은 집행하지 않습니다 (분야 잔액: 미집행)', 'Each field was filled from its own budget only; what fields left stays unspent (leftover: none)'),
    ]);
  }
  if (result.pool !== null) {
    block.push([
      L(language, '분야별 예산', 'Field budgets'),
      L(language, '분야별 예산을 먼저 채우고, 분야에서 남은 금액은 공동 예산으로 돌려 득표순으로 채웠습니다', 'Each field budget was filled first; what fields left unspent went back to the pool, filled by votes'),
    ]);
  }
  const tableHeader = [
    L(language, '순위', 'Rank'),
    L(language, '번호', 'ID'),
    L(language, '의제명', 'Title'),
    L(language, '분야', 'Field'),
    L(language, '득표', 'Votes'),
    ...(hasTotals ? [L(language, '집계 채널 득표', 'Totals-only votes')] : []),
    L(language, '득표율', 'Share'),
    ...weightedHeader(result.weighted, language),
    L(language, '사업비', 'Cost'),
    L(language, '누적 선정액', 'Cumulative selected'),
    L(language, '상태', 'Status'),
    L(language, '사유', 'Reason'),
    L(language, '동점', 'Tie'),
  ];
  let cumulative = 0;
  const cumulatives: number[] = [];
  const rows: Grid = result.outcomes.map((o) => {
    if (o.status === 'selected') cumulative += o.agenda.cost;
    cumulatives.push(cumulative);
    return [
      o.rank,
      o.agenda.id,
      o.agenda.title,
      o.agenda.field,
      o.votes,
      ...(hasTotals ? [o.totalsVotes] : []),
      pct(o.share),
      ...weightedCells(o.score, result.weighted),
      o.agenda.cost,
      cumulative,
      o.decision.code === 'override' ? `${STATUS_LABELS[o.status][language]} (${OVERRIDDEN_LABEL[language]})` : STATUS_LABELS[o.status][language],
      describeDecision(o.decision, o.rank, language),
      o.tie === null ? '' : describeTie(o.tie, o.votes, language, o.score === null ? undefined : L(language, `최종 점수 ${o.score.final.toFixed(3)}점`, `final score ${o.score.final.toFixed(3)}`)),
    ];
  });
  const fieldRows: Grid =
    result.fields.length === 0
      ? []
      : [
          [],
          [L(language, '분야', 'Field'), L(language, '분야 예산', 'Field budget'), L(language, '분야에서 선정', 'Spent in field'), L(language, '공동 예산으로', 'Returned to pool')],
          ...result.fields.map((f) => [f.field, f.budget, f.spent, f.returned]),
        ];
  // Chart data beside the table: cumulative selected cost against the budget, by rank.
  const chartCol = tableHeader.length + 2;
  tableHeader.push('', L(language, '차트: 순위', 'Chart: rank'), L(language, '누적 선정액', 'Cumulative selected'), L(language, '총예산', 'Budget'));
  rows.forEach((row, i) => row.push('', result.outcomes[i].rank, cumulatives[i], result.budget));
  const grid = [...block, [], tableHeader, ...rows, ...fieldRows];
  const tableHeaderRow = block.length + 2;
  const formats = resultsFormats(block, tableHeader, tableHeaderRow, rows.length, fieldRows.length > 0);
  const span = rows.length + 1;
  const charts: ChartSpec[] = [
    {
      title: L(language, '의제별 득표', 'Votes per agenda'),
      kind: 'bar',
      ranges: [
        { row: tableHeaderRow, col: 3, rows: span, cols: 1 },
        { row: tableHeaderRow, col: 5, rows: span, cols: 1 },
      ],
      anchor: { row: 2, col: 4 },
    },
    {
      title: L(language, '누적 선정액과 예산선', 'Cumulative selected cost and the budget line'),
      kind: 'line',
      ranges: [{ row: tableHeaderRow, col: chartCol, rows: span, cols: 3 }],
      anchor: { row: 2, col: 10 },
    },
  ];
  return { grid, tableHeaderRow, charts, formats };
}

/**
 * Number formats of 결과: counts and amounts `#,##0`, shares `0.0%`, ids as text. Found by the
 * header's words so that optional columns (totals, weighted parts) cannot shift them.
 */
function resultsFormats(block: Grid, tableHeader: readonly string[], tableHeaderRow: number, agendaRows: number, hasFieldRows: boolean): FormatSpan[] {
  const spans: FormatSpan[] = [];
  block.forEach((row, i) => {
    if (typeof row[1] === 'number') spans.push({ col: 2, fromRow: i + 1, toRow: i + 1, format: 'amount' });
  });
  const first = tableHeaderRow + 1;
  const last = tableHeaderRow + agendaRows;
  const column = (ko: string, en: string): number => tableHeader.findIndex((h) => h === ko || h === en) + 1;
  const set = (col: number, format: FormatSpan['format']): void => {
    if (col > 0) spans.push({ col, fromRow: first, toRow: last, format });
  };
  set(column('번호', 'ID'), 'text');
  set(column('득표', 'Votes'), 'amount');
  set(column('집계 채널 득표', 'Totals-only votes'), 'amount');
  set(column('득표율', 'Share'), 'share');
  set(column('사업비', 'Cost'), 'amount');
  tableHeader.forEach((h, i) => {
    if (h === '누적 선정액' || h === 'Cumulative selected' || h === '총예산' || h === 'Budget') set(i + 1, 'amount');
  });
  if (hasFieldRows) for (const col of [2, 3, 4]) spans.push({ col, fromRow: last + 3, format: 'amount' });
  return spans;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

/** Per part: its raw number, its 0..1 value and its points; then the final score. */
function weightedHeader(w: WeightedScoring | null, language: Language): string[] {
  if (w === null) return [];
  return [
    L(language, '최종 점수', 'Final score'),
    ...w.weights.flatMap((x) => {
      const name = partName(x.source, language);
      const raw = x.source.kind === 'committee' ? L(language, `${name} 평균`, `${name} mean`) : L(language, `${name} 득표`, `${name} votes`);
      return [raw, L(language, `${name} 환산`, `${name} normalised`), L(language, `${name} 점수 (${x.weight})`, `${name} points (${x.weight})`)];
    }),
  ];
}

function weightedCells(score: AgendaOutcome['score'], w: WeightedScoring | null): (number | string)[] {
  if (w === null) return [];
  if (score === null) return ['', ...w.weights.flatMap(() => ['', '', ''])];
  return [round(score.final, 3), ...score.parts.flatMap((p) => [round(p.raw, 3), round(p.normalized, 4), round(p.points, 3)])];
}
