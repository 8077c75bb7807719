import { participationStatistics, type Dimension, type ParticipantRecord, type StatisticsResult } from '../core/statistics';
import { printLayout } from '../sheets/printLayout';
import { TABS } from '../sheets/schema';
import { field, readTable } from '../sheets/table';
import { isSettingKey } from '../sheets/settings';
import { hashingOf, type HostContext } from './context';
import { loadTallyInputs, type TallyInputs } from './tally';
import { optionalTable, readTab, tabNameFor } from './tabs';
import type { FormatSpan } from '../sheets/typedCells';
import { chartRoom, type ChartSpec, type Grid, type Workbook } from './workbook';

const DEFAULT_MIN_CELL = 5;

export const DIMENSION_LABELS: Record<Dimension, { ko: string; en: string }> = {
  day: { ko: '날짜별', en: 'By day' },
  hour: { ko: '시간대별', en: 'By hour of day' },
  channel: { ko: '채널별', en: 'By channel' },
  dong: { ko: '동별', en: 'By dong' },
  ageGroup: { ko: '연령대별', en: 'By age group' },
  gender: { ko: '성별', en: 'By gender' },
};

/** 통계's columns: voters and population as `#,##0`, share and turnout as `0.0%` (numbers only). */
const STATISTICS_FORMATS: FormatSpan[] = [
  { col: 2, fromRow: 1, format: 'amount' },
  { col: 3, fromRow: 1, format: 'share' },
  { col: 4, fromRow: 1, format: 'amount' },
  { col: 5, fromRow: 1, format: 'share' },
];

/** The 통계 tab: participation of the counted ballots, small cells suppressed. */
export function runStatistics(wb: Workbook, ctx: HostContext, given?: TallyInputs): StatisticsResult {
  const inputs = given ?? loadTallyInputs(wb, hashingOf(ctx));
  // The counted ballots carry their 동, age group and gender: they are the statistics' records.
  const records: readonly ParticipantRecord[] = inputs.check.accepted;
  const result = participationStatistics(records, { minCell: minCellSetting(wb), population: readPopulation(wb) });
  const name = tabNameFor(wb, TABS.statistics, ctx.language);
  const { grid, charts } = statisticsGrid(result, ctx.language);
  // Its breakdowns are several small tables: the title row heads every printed page.
  wb.writeTab(name, grid, { boldRows: [1], formats: STATISTICS_FORMATS, pageSetup: printLayout('statistics', 1), room: chartRoom(charts) });
  wb.replaceCharts?.(name, charts);
  return result;
}

/** 최소 표시 인원 / min_cell in 설정: the smallest count shown (default 5). */
function minCellSetting(wb: Workbook): number {
  const tab = readTab(wb, 'settings');
  if (tab === null) return DEFAULT_MIN_CELL;
  const table = readTable(tab.grid, TABS.settings, tab.name);
  const row = table.rows.find((r) => isSettingKey(field(table, r, 'key'), ['최소 표시 인원', 'min_cell', 'minimum cell']));
  const value = row === undefined ? NaN : Number(field(table, row, 'value'));
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_MIN_CELL;
}

function readPopulation(wb: Workbook): Map<string, number> | undefined {
  const table = optionalTable(wb, 'population');
  if (table === null || table.rows.length === 0) return undefined;
  const population = new Map<string, number>();
  for (const row of table.rows) {
    // A 동 typed before its population (a blank cell) has none yet, not a population of 0.
    const digits = field(table, row, 'population').replace(/[,\s명]/g, '');
    const people = Number(digits);
    if (digits !== '' && Number.isFinite(people)) population.set(field(table, row, 'dong'), people);
  }
  return population;
}

function statisticsGrid(result: StatisticsResult, language: 'ko' | 'en'): { grid: Grid; charts: ChartSpec[] } {
  const ko = language === 'ko';
  // Shares are numbers shown as percents (`0.0%`, see STATISTICS_FORMATS), so they sort and sum.
  const pct = (v: number | null | undefined): number | string => (v === null || v === undefined ? '' : Math.round(v * 1e6) / 1e6);
  const hidden = `<${result.minCell}`;
  const grid: Grid = [
    [ko ? `참여 통계 (투표자 ${result.voters}명)` : `Participation (${result.voters} voters)`],
    [ko ? `${result.minCell}명 미만인 칸은 개인을 알아볼 수 있어 가립니다 (${hidden}).` : `Cells under ${result.minCell} people are hidden (${hidden}): they could identify someone.`],
  ];
  const charts: ChartSpec[] = [];
  for (const b of result.breakdowns) {
    const hasPopulation = b.rows.some((r) => r.population !== undefined);
    grid.push([]);
    grid.push([DIMENSION_LABELS[b.dimension][language]]);
    grid.push(ko ? ['구분', '투표자 수', '비율', ...(hasPopulation ? ['인구', '투표율'] : [])] : ['', 'Voters', 'Share', ...(hasPopulation ? ['Population', 'Turnout'] : [])]);
    if (b.dimension === 'day' || b.dimension === 'dong') {
      charts.push({
        title: DIMENSION_LABELS[b.dimension][language] + (ko ? ' 투표자 수' : ' voters'),
        kind: b.dimension === 'day' ? 'column' : 'bar',
        ranges: [{ row: grid.length, col: 1, rows: b.rows.length + 1, cols: 2 }],
        anchor: { row: grid.length, col: hasPopulation ? 7 : 5 },
      });
    }
    for (const r of b.rows) {
      grid.push([r.label, r.voters ?? hidden, r.voters === null ? '' : pct(r.share), ...(hasPopulation ? [r.population ?? '', pct(r.turnout)] : [])]);
    }
  }
  return { grid, charts };
}
