/**
 * The 검토 tab: a header block (years, totals, pass/warning/fail counts, fingerprints), one row per
 * project and rule, the whole-plan lines, rows that could not be read, then the execution summary
 * per project, per field and overall. Failing and warning cells are returned as fills so the host
 * colours them in one call. Nothing depends on the clock: same tabs, same cells.
 */
import { formatWon } from '../core/amount';
import type { ExecutionCheck, ExecutionSummary, PlanCheck, ReviewResult, Tolerance } from '../core/plans';
import type { CheckStatus, MoneyTotals } from '../core/plans';
import type { Cell, Fill, Grid } from '../workflows/workbook';
import { BASE_LABELS, EXECUTION_STATUS_LABELS, LIMIT_TYPE_LABELS, type RejectedLine } from './plans';

type Language = 'ko' | 'en';
const L = (language: Language, ko: string, en: string): string => (language === 'ko' ? ko : en);

export const FILL_COLORS: Record<Exclude<CheckStatus, 'pass'>, string> = { fail: '#f4c7c3', warning: '#fce8b2' };

export const CHECK_STATUS_LABELS: Record<CheckStatus, { ko: string; en: string }> = {
  pass: { ko: '통과', en: 'pass' },
  warning: { ko: '경고', en: 'warning' },
  fail: { ko: '실패', en: 'fail' },
};

const DATA_CHECK_LABELS: Record<string, { ko: string; en: string }> = {
  bad_amount: { ko: '금액 오류', en: 'bad_amount' },
  unknown_code: { ko: '없는 통계목', en: 'unknown_code' },
  duplicate_line: { ko: '중복 줄', en: 'duplicate_line' },
  agenda_cost: { ko: '의제 사업비 대비', en: 'agenda_cost' },
  unknown_agenda: { ko: '없는 의제', en: 'unknown_agenda' },
  unknown_category: { ko: '없는 분류', en: 'unknown_category' },
  no_rules: { ko: '지침 없음', en: 'no_rules' },
};

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A limit as staff wrote it: 30% not 30.0%, 12.5% stays 12.5%. */
function limitPercent(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

function won(value: number, language: Language): string {
  return language === 'ko' ? `${formatWon(value)}원` : `${formatWon(value)} KRW`;
}

/** One sentence per check: "시설비 60.0% > 50% (12,000,000원 초과)". */
export function describeCheck(check: PlanCheck, language: Language): string {
  const c = check.category;
  const failed = check.status !== 'pass';
  const example = check.example ? L(language, ' [예시 규칙]', ' [example rule]') : '';
  const text = ((): string => {
    switch (check.rule) {
      case 'max_share':
        return failed
          ? L(language, `${c} ${percent(check.actual ?? 0)} > ${limitPercent(check.limit ?? 0)} (${won(check.excess, language)} 초과)`, `${c} ${percent(check.actual ?? 0)} > ${limitPercent(check.limit ?? 0)} by ${won(check.excess, language)}`)
          : `${c} ${percent(check.actual ?? 0)} ≤ ${limitPercent(check.limit ?? 0)}`;
      case 'min_share':
        return failed
          ? L(language, `${c} ${percent(check.actual ?? 0)} < ${limitPercent(check.limit ?? 0)} (${won(check.excess, language)} 부족)`, `${c} ${percent(check.actual ?? 0)} < ${limitPercent(check.limit ?? 0)}, short by ${won(check.excess, language)}`)
          : `${c} ${percent(check.actual ?? 0)} ≥ ${limitPercent(check.limit ?? 0)}`;
      case 'max_amount':
        return failed
          ? L(language, `${c} ${won(check.actual ?? 0, language)} > ${won(check.limit ?? 0, language)} (${won(check.excess, language)} 초과)`, `${c} ${won(check.actual ?? 0, language)} > ${won(check.limit ?? 0, language)} by ${won(check.excess, language)}`)
          : `${c} ${won(check.actual ?? 0, language)} ≤ ${won(check.limit ?? 0, language)}`;
      case 'forbidden':
        return failed ? L(language, `${c} 편성 불가: ${won(check.excess, language)} 편성됨`, `${c} not allowed: ${won(check.excess, language)} planned`) : L(language, `${c} 없음`, `no ${c}`);
      case 'bad_amount':
        return L(language, `금액을 읽을 수 없음: '${check.note}'`, `cannot read amount '${check.note}'`);
      case 'unknown_code':
        return check.category === '' ? L(language, '통계목이 비어 있음', 'no budget code') : L(language, `예산과목 탭에 없는 통계목: ${check.note}`, `budget code not in the code table: ${check.note}`);
      case 'duplicate_line':
        return L(language, `같은 통계목·내역이 ${check.rows.length}번: ${c} ${check.note}`, `same code and item ${check.rows.length} times: ${c} ${check.note}`);
      case 'agenda_cost': {
        const diff = (check.actual ?? 0) - (check.limit ?? 0);
        const sign = diff > 0 ? '+' : '';
        return failed
          ? L(language, `사업 합계 ${won(check.actual ?? 0, language)} ≠ 의제 사업비 ${won(check.limit ?? 0, language)} (차이 ${sign}${formatWon(diff)}원)`, `plan total ${won(check.actual ?? 0, language)} ≠ voted cost ${won(check.limit ?? 0, language)} (${sign}${formatWon(diff)})`)
          : L(language, `사업 합계 ${won(check.actual ?? 0, language)}, 의제 사업비 ${won(check.limit ?? 0, language)}`, `plan total ${won(check.actual ?? 0, language)}, voted cost ${won(check.limit ?? 0, language)}`);
      }
      case 'unknown_agenda':
        return L(language, `의제 탭에 없는 번호: ${check.note}`, `agenda id not in the agendas tab: ${check.note}`);
      case 'unknown_category':
        return L(language, `${check.note}년 예산과목 탭에 '${c}' 분류가 없어 이 규칙은 어떤 줄에도 적용되지 않음`, `no code has category '${c}' in ${check.note}: the rule applies to nothing`);
      case 'no_rules':
        return L(language, `${check.note}년에 적용할 지침이 없음`, `no guideline in force for ${check.note}`);
    }
  })();
  return text + example;
}

export function checkLabel(check: PlanCheck, language: Language): string {
  const labels = (LIMIT_TYPE_LABELS as Record<string, { ko: string; en: string }>)[check.rule] ?? DATA_CHECK_LABELS[check.rule];
  return labels[language];
}

export function describeRejected(line: RejectedLine, language: Language): string {
  return line.reason === 'no_project'
    ? L(language, `사업명과 의제 번호가 모두 비어 있음: ${line.text}`, `no project name or agenda id: ${line.text}`)
    : L(language, `연도를 읽을 수 없음: '${line.text}'`, `cannot read year '${line.text}'`);
}

export function describeExecutionCheck(check: ExecutionCheck, language: Language): string {
  const amount = won(check.amount, language);
  switch (check.issue) {
    case 'bad_amount':
      return L(language, `금액을 읽을 수 없음 (${check.detail})`, `cannot read amount (${check.detail})`);
    case 'bad_status':
      return L(language, `알 수 없는 상태 '${check.detail}' (진행, 변경, 명시이월, 사고이월, 불용, 완료)`, `unknown status '${check.detail}' (in_progress, changed, carried_over_explicit, carried_over_accident, unused, done)`);
    case 'overspent':
      return L(language, `교부액보다 ${amount} 더 씀`, `${amount} more than granted`);
    case 'balance_mismatch':
      return L(language, `적힌 잔액 ${formatWon(Number(check.detail))}원 ≠ 교부 − 집행 − 이월 − 불용 (차이 ${formatWon(check.amount)}원)`, `typed balance ${formatWon(Number(check.detail))} ≠ granted − executed − carried over − unused (${formatWon(check.amount)})`);
    case 'open_after_close':
      return L(language, `끝난 사업에 잔액 ${amount}: 불용액이나 이월액으로 적어야 함`, `closed but ${amount} still open: record it as unused or carried over`);
    case 'carry_without_amount':
      return L(language, '이월인데 이월액이 없음', 'carried over but no amount to carry');
    case 'carry_without_status':
      return L(language, `이월액 ${amount}이 있는데 상태가 이월이 아님`, `${amount} to carry over but the status is not carried over`);
    case 'no_council_decision':
      return L(language, '명시이월은 의회 사전 의결이 필요: 의결일 없음', 'approved carry-over needs the council decision date');
  }
}

export interface ReviewGridInput {
  review: ReviewResult;
  rejected: RejectedLine[];
  execution: ExecutionSummary | null;
  tolerance: Tolerance;
  counts: Record<CheckStatus, number>;
  warnings: string[];
  inputFingerprint: string;
  resultFingerprint: string;
}

export function reviewGrid(input: ReviewGridInput, language: Language): { grid: Grid; fills: Fill[]; boldRows: number[]; frozenRows: number } {
  const grid: Grid = [];
  const fills: Fill[] = [];
  const boldRows: number[] = [1];
  const { review, counts } = input;
  const tolerance = input.tolerance.kind === 'share' ? `${input.tolerance.bp / 100}%` : won(input.tolerance.won, language);
  grid.push(
    [L(language, '예산 검토', 'Plan review'), ''],
    ...review.plans.map((p): Cell[] => [L(language, `${p.year}년 계획`, `${p.year} plan`), L(language, `사업 ${p.projects}개, 합계 ${won(p.total, language)}`, `${p.projects} projects, total ${won(p.total, language)}`)]),
    [L(language, '결과', 'Result'), L(language, `통과 ${counts.pass}, 경고 ${counts.warning}, 실패 ${counts.fail}`, `pass ${counts.pass}, warning ${counts.warning}, fail ${counts.fail}`)],
    [L(language, '의제 사업비 허용 오차', 'Plan vs voted cost tolerance'), tolerance],
    [L(language, '입력 지문', 'Input fingerprint'), input.inputFingerprint],
    [L(language, '결과 지문', 'Result fingerprint'), input.resultFingerprint],
    ...input.warnings.map((w): Cell[] => [L(language, '주의', 'Note'), w]),
    [],
  );
  const header = language === 'ko'
    ? ['연도', '번호', '사업명', '분야', '사업 합계', '검토 항목', '분류', '실제', '한도', '기준', '결과', '차이(원)', '설명', '사업계획 행', '지침 행', '예시']
    : ['Year', 'ID', 'Project', 'Field', 'Project total', 'Check', 'Category', 'Actual', 'Limit', 'Base', 'Result', 'Difference', 'Description', 'Plan rows', 'Guideline row', 'Example'];
  grid.push(header);
  boldRows.push(grid.length);
  const frozenRows = grid.length;
  const statusCol = 10;
  const actualCol = 7;
  const mark = (status: CheckStatus, cols: number[]): void => {
    if (status === 'pass') return;
    for (const col of cols) fills.push({ row: grid.length, col: col + 1, color: FILL_COLORS[status] });
  };
  const checkRow = (year: number, id: string, title: string, fieldName: string, total: number, check: PlanCheck): Cell[] => [
    year,
    id,
    title,
    fieldName,
    total,
    checkLabel(check, language),
    check.category,
    formatValue(check, 'actual'),
    formatValue(check, 'limit'),
    check.base === null ? '' : BASE_LABELS[check.base][language],
    CHECK_STATUS_LABELS[check.status][language],
    check.excess === 0 ? '' : check.excess,
    describeCheck(check, language),
    check.rows.join(', '),
    check.guidelineRow ?? '',
    check.example ? L(language, '예시', 'example') : '',
  ];
  for (const p of review.projects) {
    for (const check of p.checks) {
      grid.push(checkRow(p.year, p.id, p.title, p.field, p.total, check));
      mark(check.status, [actualCol, statusCol, statusCol + 1]);
    }
  }
  for (const plan of review.plans) {
    for (const check of plan.checks) {
      grid.push(checkRow(plan.year, L(language, '전체', 'all'), L(language, '계획 전체', 'whole plan'), '', plan.total, check));
      mark(check.status, [actualCol, statusCol, statusCol + 1]);
    }
  }
  for (const line of input.rejected) {
    grid.push(['', '', '', '', '', L(language, '읽을 수 없는 줄', 'unreadable line'), '', '', '', '', CHECK_STATUS_LABELS.fail[language], '', describeRejected(line, language), String(line.row), '', '']);
    mark('fail', [statusCol]);
  }
  if (input.execution !== null) executionSection(grid, fills, boldRows, input.execution, language);
  return { grid, fills, boldRows, frozenRows };
}

function formatValue(check: PlanCheck, which: 'actual' | 'limit'): Cell {
  const value = check[which];
  if (value === null) return '';
  return check.rule === 'max_share' || check.rule === 'min_share' ? (which === 'actual' ? percent(value) : limitPercent(value)) : value;
}

function executionSection(grid: Grid, fills: Fill[], boldRows: number[], execution: ExecutionSummary, language: Language): void {
  grid.push([], [L(language, '집행 요약', 'Execution')]);
  boldRows.push(grid.length);
  grid.push(
    language === 'ko'
      ? ['구분', '번호', '사업명', '분야', '교부액', '집행액', '이월액', '불용액', '잔액', '상태', '결과', '설명', '집행 행']
      : ['Level', 'ID', 'Project', 'Field', 'Granted', 'Executed', 'Carried over', 'Unused', 'Open', 'Status', 'Result', 'Description', 'Execution row'],
  );
  boldRows.push(grid.length);
  const money = (t: MoneyTotals): Cell[] => [t.granted, t.executed, t.carriedOver, t.unused, t.open];
  for (const p of execution.projects) {
    const status = p.status === null ? p.statusText : EXECUTION_STATUS_LABELS[p.status][language];
    grid.push([L(language, '사업', 'project'), p.id, p.title, p.field, ...money(p), status, CHECK_STATUS_LABELS[p.result][language], p.checks.map((c) => describeExecutionCheck(c, language)).join('; '), p.row]);
    if (p.result !== 'pass') fills.push({ row: grid.length, col: 11, color: FILL_COLORS[p.result] }, { row: grid.length, col: 12, color: FILL_COLORS[p.result] });
  }
  for (const f of execution.fields) grid.push([L(language, '분야', 'field'), '', '', f.field, ...money(f)]);
  const balanced = execution.balanced;
  grid.push([
    L(language, '합계', 'total'), '', '', '', ...money(execution), '', '',
    L(language,
      `교부 ${formatWon(execution.granted)} = 집행 ${formatWon(execution.executed)} + 이월 ${formatWon(execution.carriedOver)} + 불용 ${formatWon(execution.unused)} + 잔액 ${formatWon(execution.open)} ${balanced ? '✓' : '✗'}`,
      `granted ${formatWon(execution.granted)} = executed ${formatWon(execution.executed)} + carried over ${formatWon(execution.carriedOver)} + unused ${formatWon(execution.unused)} + open ${formatWon(execution.open)} ${balanced ? '✓' : '✗'}`),
  ]);
  boldRows.push(grid.length);
}
