import { headerNames, TAB_ORDER, TABS, type TabKey } from '../sheets/schema';
import { findTab } from './tabs';
import { protectToolTabs, TOOL_TABS } from './toolTabs';
import { printLayout } from '../sheets/printLayout';
import { defaultBudgetCodes, exampleGuidelines } from '../sheets/planDefaults';
import { TOLERANCE_SETTING } from '../sheets/plans';
import { seoulDay } from '../core/schedule/calendarDays';
import { YEAR_SETTING } from '../sheets/schedule';
import { SETTING_SPECS } from '../sheets/settings';
import type { InitReport } from './api';
import type { HostContext } from './context';
import type { FormatSpan } from '../sheets/typedCells';
import type { Grid, Workbook } from './workbook';

type Language = 'ko' | 'en';

/** Example values a district edits; the seed makes any lottery draw re-runnable by anyone. */
function exampleSettings(ctx: HostContext): Grid {
  const seed = String(parseInt(ctx.randomSecret().replace(/[^0-9a-f]/gi, '').slice(0, 8) || '0', 16) % 1000000).padStart(6, '0');
  const ko = ctx.language === 'ko';
  const rows: Record<string, [string, string, string]> = {
    budget: ['500,000,000', '5억원 내외 (예시)', 'e.g. 500,000,000 or 5억'],
    picks: ['3', '1인당 선택할 수 있는 의제 수', 'agendas each voter may pick'],
    pickRule: [ko ? '최대' : 'up_to', '최대(이하) 또는 정확히', 'up_to or exactly'],
    invalidBallot: [ko ? '무효' : 'void', '무효: 규칙을 어긴 투표 전체 제외 / 앞에서 N개: 앞의 N개만 인정', 'void the ballot, or keep_first N picks'],
    windowStart: ['', '예: 2020-07-06 00:00', 'e.g. 2020-07-06 00:00'],
    windowEnd: ['', '예: 2020-07-13 (그날 끝까지 포함)', 'e.g. 2020-07-13 (whole day included)'],
    rule: ['greedy', 'greedy: 예산에 맞지 않으면 건너뜀 / greedy-stop: 그 자리에서 중단 / mes: 균등 배분(Method of Equal Shares)', 'greedy skips what does not fit; greedy-stop stops; mes: Method of Equal Shares'],
    tieBreak: [ko ? '낮은 사업비, 추첨' : 'cost_asc, lottery', '낮은 사업비, 높은 사업비, 의제 순서, 추첨 (순서대로 적용)', 'cost_asc, cost_desc, order, lottery (in order)'],
    seed: [seed, '추첨 시드: 공개하면 누구나 같은 추첨을 재현', 'published lottery seed'],
    threshold: ['0', '최소 득표 (예: 100 또는 5%)', 'minimum votes (e.g. 100 or 5%)'],
    leftover: [ko ? '공동 예산' : 'pool', '분야 예산의 남은 금액: 공동 예산(득표순으로 다시 배분) 또는 미집행', 'what field budgets leave: pool (filled by votes across fields) or none (unspent)'],
    overshoot: ['', '예: 80% — 맞지 않는 첫 의제도 남은 예산이 사업비의 80% 이상이면 선정 (비우면 사용 안 함)', 'e.g. 80%: fund the first agenda that does not fit if the money left is at least 80% of its cost (empty = off)'],
    weights: ['', '가중치 (비우면 득표순): 예) 투표 50, 심사 50 / 온라인 45, 현장 45, 심사 10 (채널 이름은 투표 탭의 채널)', 'weights (empty = by votes): e.g. votes 50, committee 50 / online 45, booth 45, committee 10 (channel names as in Ballots)'],
    picksPerField: ['', '분야별 선택 수 (비우면 제한 없음): 예) 2 → 분야마다 최대 2개 (선택 방식이 정확히면 분야마다 정확히 2개)', 'picks per field (empty = no limit): e.g. 2 → at most 2 in each field (exactly 2 each with pick_rule exactly)'],
    normalization: [ko ? '득표율' : 'share', '점수 환산: 득표율(전체 대비 비율) / 최고점 대비 / 순위 점수', 'normalisation: share (of the total), top (share of the top score), rank (rank points)'],
    organization: ['', '결과 공고에 쓸 기관명 (예: 영등포구청)', 'organiser named on the result notice (e.g. Yeongdeungpo-gu Office)'],
    title: ['', '결과 공고 제목 (예: 2020년 주민참여예산 주민투표)', 'title of the result notice (e.g. 2020 participatory budget vote)'],
    noticeDate: ['', '공고일 (비우면 출력한 날)', 'date of the notice (empty = the day it is printed)'],
    department: ['', '공고의 담당 부서 (예: 자치행정과)', 'department named on the notice'],
    publishChecks: [ko ? '예' : 'yes', '검증 공개: 예 — 공고에 투표 검증 결과 요약을 싣습니다 / 아니오', 'publish_checks: yes puts a summary of the integrity checks on the notice; no leaves it out'],
    mesCompletion: ['add1', 'MES 보완: add1(1씩 올려 예산에 맞는 마지막 결과) / add1-exhaustive / none', 'MES completion: add1 (raise by 1, keep the last that fits), add1-exhaustive, none'],
  };
  const voting = SETTING_SPECS.map((spec): Grid[number] => {
    const [value, noteKo, noteEn] = rows[spec.key];
    return [ko ? spec.ko : spec.en, value, ko ? noteKo : noteEn];
  });
  const tolerance = ko
    ? [TOLERANCE_SETTING.ko, '5%', '사업계획 합계와 의제 사업비의 차이 허용 범위 (예: 5% 또는 1,000,000)']
    : [TOLERANCE_SETTING.en, '5%', 'how far a plan total may differ from the voted cost (e.g. 5% or 1,000,000)'];
  return [...voting, tolerance];
}

function initialRows(key: TabKey, ctx: HostContext): Grid {
  const spec = TABS[key];
  if (key === 'results') return [[ctx.language === 'ko' ? '개표를 실행하면 결과가 여기에 나옵니다' : 'Run the tally to fill this tab']];
  if (key === 'review') return [[ctx.language === 'ko' ? '예산 검토를 실행하면 결과가 여기에 나옵니다' : 'Run Check plans to fill this tab']];
  const header = headerNames(spec, ctx.language);
  if (key === 'settings') return [header, ...exampleSettings(ctx)];
  if (key === 'budgetCodes') return [header, ...defaultBudgetCodes(ctx.language)];
  if (key === 'guidelines') return [header, ...exampleGuidelines(ctx.language)];
  if (key === 'schedule') return [scheduleYearRow(ctx), header];
  return [header];
}

/** 일정 starts with its 기준 연도 (this year), the year of dates written without one (`8. 10. 限`). */
function scheduleYearRow(ctx: HostContext): Grid[number] {
  const year = Number(seoulDay(ctx.now()).slice(0, 4));
  const note = ctx.language === 'ko' ? '연도 없이 쓴 날짜(예: 8. 10. 限, 7~8월)는 이 연도로 읽습니다' : 'dates written without a year (e.g. 8. 10. 限) are read in this year';
  return [ctx.language === 'ko' ? YEAR_SETTING.ko : YEAR_SETTING.en, year, note];
}

/** Rows of a new tab whose columns are formatted before anyone types into them. */
const TYPED_ROWS = 500;

/**
 * Columns where what people type must stay the text they typed: 설정's values (`2020-07-13`, `80%`,
 * `01` would otherwise become a date, 0.8 and 1) and 의제's ids. Plain text (`@`) in both hosts.
 */
function typedColumns(key: TabKey): FormatSpan[] | undefined {
  const column = (columnKey: string): number => TABS[key].columns.findIndex((c) => c.key === columnKey) + 1;
  if (key === 'settings') return [{ col: column('value'), fromRow: 2, toRow: TYPED_ROWS, format: 'text' }];
  if (key === 'agendas' || key === 'fields') return [{ col: column(key === 'agendas' ? 'id' : 'name'), fromRow: 2, toRow: TYPED_ROWS, format: 'text' }];
  return undefined;
}

/** Creates every missing tab with its header (and example settings); never touches a tab that exists. */
export function initWorkbook(wb: Workbook, ctx: HostContext): InitReport {
  const report: InitReport = { created: [], existing: [] };
  const created: TabKey[] = [];
  for (const key of TAB_ORDER) {
    const spec = TABS[key];
    const existing = findTab(wb, spec);
    // A tab that exists but holds nothing gets its header too: an init cut short (Apps Script
    // creates the tab at once and writes its cells later) is finished by running it again.
    if (existing !== null && !isBlank(wb.readTab(existing))) {
      report.existing.push(existing);
      continue;
    }
    const name = existing ?? tabName(key, ctx.language);
    const headerRow = key === 'schedule' ? 2 : 1;
    wb.writeTab(name, initialRows(key, ctx), { frozenRows: key === 'results' || key === 'review' ? 0 : headerRow, boldRows: [headerRow], formats: typedColumns(key), ...(key === 'execution' ? { pageSetup: printLayout('execution', headerRow) } : {}) });
    report.created.push(name);
    created.push(key);
  }
  // The tool's tabs are protected as they are made (a tab just made needs no asking whether it is),
  // so a first tally does not: it only checks the protection is still there.
  protectToolTabs(wb, ctx, TOOL_TABS.filter((key) => created.includes(key)));
  return report;
}

function isBlank(grid: Grid | null): boolean {
  return grid === null || grid.every((row) => row.every((cell) => cell === null || cell === ''));
}

function tabName(key: TabKey, language: Language): string {
  return language === 'ko' ? TABS[key].ko : TABS[key].en;
}
