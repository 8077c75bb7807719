/**
 * The 일정 (Schedule) tab: milestones as staff write them. Rows above the header are the tab's own
 * settings (`기준 연도 | 2020`: the year of dates written without one); the header is the first
 * row naming the milestone column. Reading never changes a cell; `scheduleOutputs` gives the
 * three computed columns (읽은 날짜, 상태, 지연 일수) for the workflow to write back.
 */
import { UserError } from '../core/errors';
import type { IsoDay } from '../core/schedule/calendarDays';
import { parseScheduleDate, type DateProblem, type ScheduleDates } from '../core/schedule/koreanDates';
import { milestoneState, type MilestoneState, type MilestoneStatus } from '../core/schedule/milestones';
import { describeDates, parseLeadDays, parseRecipients } from '../core/schedule/reminders';
import type { Cell, ReadonlyGrid } from '../workflows/workbook';
import { normalizeHeader, TABS } from './schema';
import { cellText, matchColumn } from './table';

type Lang = 'ko' | 'en';

export const YEAR_SETTING = { ko: '기준 연도', en: 'year', aliases: ['기준연도', '연도', '기준 년도', 'base year'] };

export interface ScheduleRow {
  /** 1-based sheet row. */
  rowNumber: number;
  name: string;
  start: string;
  end: string;
  owner: string;
  email: string;
  leadDays: string;
  status: string;
}

export interface ScheduleSheet {
  tabName: string;
  /** 0-based index of the header row in the grid. */
  headerIndex: number;
  header: string[];
  /** Column key → 0-based index, for the columns the tab has. */
  columns: Map<string, number>;
  /** The tab's 기준 연도, null when absent. */
  year: number | null;
  /** The 기준 연도 cell's text when it is not a year (reported, and then no default year is used). */
  badYear: string | null;
  rows: ScheduleRow[];
}

export function readScheduleSheet(grid: ReadonlyGrid, tabName: string): ScheduleSheet {
  const spec = TABS.schedule;
  const nameColumn = spec.columns[0];
  const headerIndex = grid.findIndex((row) => row.some((cell) => matchColumn(cellText(cell), nameColumn)));
  if (headerIndex < 0) {
    throw new UserError('missing_column', `'${tabName}' 탭에 '${nameColumn.ko}' 열이 없습니다 / The '${tabName}' tab has no '${nameColumn.en}' column`);
  }
  const header = grid[headerIndex].map((cell) => cellText(cell));
  const columns = new Map<string, number>();
  for (const column of spec.columns) {
    const index = header.findIndex((h) => h !== '' && matchColumn(h, column));
    if (index >= 0) columns.set(column.key, index);
  }
  let year: number | null = null;
  let badYear: string | null = null;
  const yearNames = [YEAR_SETTING.ko, YEAR_SETTING.en, ...YEAR_SETTING.aliases].map(normalizeHeader);
  for (const row of grid.slice(0, headerIndex)) {
    const at = row.findIndex((cell) => yearNames.includes(normalizeHeader(cellText(cell))));
    if (at < 0) continue;
    const text = cellText(row.slice(at + 1).find((cell) => cellText(cell) !== '')).replace(/년$/, '');
    if (/^\d{4}$/.test(text) && Number(text) >= 1000) year = Number(text);
    else badYear = text;
  }
  const get = (row: readonly Cell[], key: string): string => {
    const index = columns.get(key);
    return index === undefined ? '' : cellText(row[index]);
  };
  const rows: ScheduleRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const row = grid[i];
    if (row.every((cell) => cellText(cell) === '')) continue;
    rows.push({
      rowNumber: i + 1,
      name: get(row, 'name'),
      start: get(row, 'start'),
      end: get(row, 'end'),
      owner: get(row, 'owner'),
      email: get(row, 'email'),
      leadDays: get(row, 'leadDays'),
      status: get(row, 'status'),
    });
  }
  return { tabName, headerIndex, header, columns, year, badYear, rows };
}

export type MilestoneProblem = DateProblem | 'no_name' | 'bad_email' | 'bad_lead_days';

export interface Milestone extends MilestoneState {
  row: ScheduleRow;
  /** The date text as written: the start and end cells joined with ~ when both are filled. */
  text: string;
  dates: ScheduleDates | null;
  problems: MilestoneProblem[];
  recipients: string[];
  leadDays: number[];
}

const WRITTEN_STATUS: Record<Exclude<MilestoneStatus, 'unparsed'>, string[]> = {
  planned: ['예정', 'planned', 'plan'],
  in_progress: ['진행', '진행중', '진행 중', 'in progress', 'in_progress', 'ongoing'],
  done: ['완료', '끝', '종료됨', 'done', 'complete', 'completed', 'finished'],
  overdue: ['지연', 'overdue', 'late', 'delayed'],
};

export function readWrittenStatus(text: string): MilestoneStatus | null {
  const wanted = normalizeHeader(text);
  if (wanted === '') return null;
  const found = (Object.entries(WRITTEN_STATUS) as [MilestoneStatus, string[]][]).find(([, names]) => names.some((n) => normalizeHeader(n) === wanted));
  return found?.[0] ?? null;
}

/**
 * One row's milestone on `today`. The start and end cells are read separately and joined: an end
 * alone is a deadline (the column is 기한); both give the start of one and the end of the other.
 */
export function interpretMilestone(row: ScheduleRow, year: number | null, today: IsoDay): Milestone {
  const problems: MilestoneProblem[] = [];
  if (row.name === '') problems.push('no_name');
  const text = [row.start, row.end].filter((t) => t !== '').join(' ~ ');
  const dates = joinDates(row.start, row.end, year, problems);
  const recipients = parseRecipients(row.email);
  if (recipients === null) problems.push('bad_email');
  const leadDays = parseLeadDays(row.leadDays);
  if (leadDays === null) problems.push('bad_lead_days');
  const state = milestoneState(dates, readWrittenStatus(row.status), today);
  return { ...state, row, text, dates, problems, recipients: recipients ?? [], leadDays: leadDays ?? [] };
}

function joinDates(startText: string, endText: string, year: number | null, problems: MilestoneProblem[]): ScheduleDates | null {
  const start = startText === '' ? null : parseScheduleDate(startText, year);
  const end = endText === '' ? null : parseScheduleDate(endText, year);
  if (start === null && end === null) {
    problems.push('empty');
    return null;
  }
  for (const r of [start, end]) if (r !== null && !r.ok) problems.push(r.problem);
  if ((start !== null && !start.ok) || (end !== null && !end.ok)) return null;
  if (start === null) return end !== null && end.ok ? { ...end.dates, deadline: true } : null;
  if (end === null) return start.ok ? start.dates : null;
  if (!start.ok || !end.ok) return null;
  if (end.dates.end < start.dates.start) {
    problems.push('reversed');
    return null;
  }
  return { start: start.dates.start, end: end.dates.end, time: null, endTime: null, deadline: end.dates.deadline };
}

const STATUS_LABELS: Record<MilestoneStatus, { ko: string; en: string }> = {
  planned: { ko: '예정', en: 'planned' },
  in_progress: { ko: '진행', en: 'in progress' },
  done: { ko: '완료', en: 'done' },
  overdue: { ko: '지연', en: 'overdue' },
  unparsed: { ko: '확인 필요', en: 'check dates' },
};

export function statusLabel(status: MilestoneStatus, lang: Lang): string {
  return STATUS_LABELS[status][lang];
}

const PROBLEM_TEXT: Record<MilestoneProblem, { ko: string; en: string }> = {
  empty: { ko: '날짜가 없습니다', en: 'no date' },
  needs_year: { ko: '연도가 없습니다: 위의 기준 연도를 채우세요', en: 'no year: fill in the year above the header' },
  impossible: { ko: '없는 날짜입니다', en: 'no such date' },
  wrong_weekday: { ko: '요일이 날짜와 맞지 않습니다', en: 'the weekday does not match the date' },
  reversed: { ko: '끝이 시작보다 앞섭니다', en: 'ends before it starts' },
  unreadable: { ko: '읽을 수 없는 날짜입니다', en: 'unreadable date' },
  no_name: { ko: '일정 이름이 없습니다', en: 'no milestone name' },
  bad_email: { ko: '이메일 주소를 확인하세요', en: 'check the e-mail address' },
  bad_lead_days: { ko: "알림 일수를 확인하세요 (예: 7,3,1)", en: 'check the lead days (e.g. 7,3,1)' },
};

export function describeProblem(problem: MilestoneProblem, lang: Lang): string {
  return PROBLEM_TEXT[problem][lang];
}

/** What a person reads to confirm the parse: the dates, or what is wrong, Korean first. */
export function parsedText(m: Milestone, lang: Lang): string {
  const problems = [...new Set(m.problems)].map((p) => describeProblem(p, lang));
  if (m.dates === null) return `${lang === 'ko' ? '읽을 수 없음' : 'cannot read'}: ${problems.join('; ')}`;
  const when = describeDates(m.dates) + (m.dates.deadline ? (lang === 'ko' ? '까지' : ' (deadline)') : '');
  return problems.length === 0 ? when : `${when} — ${problems.join('; ')}`;
}

/** The computed cells of each row, by column key. */
export function scheduleOutputs(m: Milestone, lang: Lang): Record<'parsed' | 'status' | 'daysLate', Cell> {
  return { parsed: parsedText(m, lang), status: statusLabel(m.status, lang), daysLate: m.daysLate > 0 ? m.daysLate : null };
}
