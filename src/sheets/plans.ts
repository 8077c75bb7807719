/**
 * Reading the plan tabs (사업계획, 예산과목, 지침, 집행) into the plan domain. A guideline or code
 * row that cannot be read stops the check (a rule silently skipped would pass what it should
 * fail); a plan line or execution row that cannot be read is itself a finding of the review.
 */
import { parseAmount, type AmountResult } from '../core/amount';
import { normalizeName } from '../core/agendaLookup';
import { UserError } from '../core/errors';
import {
  normalizeCode,
  parseYear,
  type BudgetCode,
  type ExecutionRecord,
  type ExecutionStatus,
  type Guideline,
  type LimitType,
  type PlanLine,
  type RuleBase,
  type Severity,
  type Tolerance,
  type YearSpan,
} from '../core/plans';
import type { Cell } from '../workflows/workbook';
import { normalizeHeader } from './schema';
import { cellText, field, rawField, type Table } from './table';
import { isSettingKey } from './settings';

/** A plan row that could not become a budget line (no project, no year): listed, never dropped. */
export interface RejectedLine {
  row: number;
  reason: 'no_project' | 'bad_year';
  text: string;
}

export interface PlanLinesRead {
  lines: PlanLine[];
  rejected: RejectedLine[];
}

/**
 * Budget books print amounts in 천원: under a header such as `금액(천원)` a bare number is
 * thousands of won. An amount written with its own unit (`3억`, `5,000원`) keeps that unit.
 */
function amountReader(table: Table): (cell: Cell) => AmountResult {
  const index = table.columns.get('amount');
  const inThousands = index !== undefined && /천\s*원|1,?000\s*krw/i.test(table.header[index] ?? '');
  return (cell) => {
    const parsed = parseAmount(typeof cell === 'number' ? cell : cellText(cell));
    const bare = typeof cell === 'number' || !/[억만천백십조원]|krw/i.test(cellText(cell));
    if (!inThousands || !bare || !parsed.ok) return parsed;
    return parseAmount(parsed.value * 1000);
  };
}

export function readPlanLines(table: Table): PlanLinesRead {
  const read: PlanLinesRead = { lines: [], rejected: [] };
  const readAmount = amountReader(table);
  table.rows.forEach((row, i) => {
    const at = table.rowNumbers[i];
    const title = field(table, row, 'project');
    const agendaId = field(table, row, 'agenda');
    const yearText = field(table, row, 'year');
    const year = parseYear(yearText);
    if (title === '' && agendaId === '') {
      read.rejected.push({ row: at, reason: 'no_project', text: row.map((c) => cellText(c)).filter((t) => t !== '').join(' | ') });
      return;
    }
    if (year === null) {
      read.rejected.push({ row: at, reason: 'bad_year', text: yearText });
      return;
    }
    const amountCell = rawField(table, row, 'amount');
    const amount = readAmount(amountCell);
    read.lines.push({
      row: at,
      projectId: agendaId !== '' ? agendaId : title,
      title,
      agendaId,
      field: field(table, row, 'field'),
      code: normalizeCode(field(table, row, 'code')),
      item: field(table, row, 'item'),
      amount: amount.ok ? amount.value : null,
      amountText: cellText(amountCell),
      amountError: amount.ok ? null : amount.error,
      year,
      source: field(table, row, 'source'),
    });
  });
  return read;
}

/** `2020`, `2020년`, or empty (open). */
function readSpan(table: Table, row: readonly Cell[], errors: string[], at: number): YearSpan {
  const year = (key: string, label: string): number | null => {
    const text = field(table, row, key);
    if (text === '') return null;
    const value = parseYear(text);
    if (value === null) errors.push(`${at}행: ${label} '${text}'`);
    return value;
  };
  const span = { from: year('from', '시작 연도/from_year'), until: year('until', '종료 연도/until_year') };
  if (span.from !== null && span.until !== null && span.from > span.until) errors.push(`${at}행: 시작 연도 > 종료 연도 / from_year > until_year`);
  return span;
}

export function readBudgetCodes(table: Table): BudgetCode[] {
  const errors: string[] = [];
  const codes = table.rows.map((row, i): BudgetCode => {
    const at = table.rowNumbers[i];
    const code = normalizeCode(field(table, row, 'code'));
    if (!/^\d{3}-\d{2}$/.test(code)) errors.push(`${at}행: 통계목 '${code}' / code (e.g. 401-01)`);
    return {
      code,
      name: field(table, row, 'name'),
      group: field(table, row, 'group'),
      categories: field(table, row, 'categories').split(/[,;，、]+/).map((c) => c.trim()).filter((c) => c !== ''),
      years: readSpan(table, row, errors, at),
      row: at,
    };
  });
  if (errors.length > 0) throw new UserError('bad_budget_codes', `'${table.tabName}' 탭을 읽을 수 없습니다 / Cannot read budget codes: ${errors.slice(0, 10).join('; ')}`);
  return codes;
}

const LIMIT_TYPES: Record<LimitType, string[]> = {
  max_share: ['max_share', '최대 비율', '비율 상한', '상한 비율', 'max share'],
  min_share: ['min_share', '최소 비율', '비율 하한', '하한 비율', 'min share'],
  max_amount: ['max_amount', '최대 금액', '금액 상한', '상한액', 'max amount'],
  forbidden: ['forbidden', '금지', '편성 불가', '불가'],
};
const BASES: Record<RuleBase, string[]> = {
  project: ['project', '사업', '사업 합계', '사업별', '사업 총액', "project's total"],
  plan: ['plan', '계획 전체', '전체', '전체 합계', '계획 합계', 'whole plan'],
};
const SEVERITIES: Record<Severity, string[]> = {
  error: ['error', '오류', '위반', '실패'],
  warning: ['warning', '경고', '주의'],
};
const YES = ['예시', 'example', 'y', 'yes', '예', 'o', 'true', '✓'];

export const LIMIT_TYPE_LABELS: Record<LimitType, { ko: string; en: string }> = {
  max_share: { ko: '최대 비율', en: 'max_share' },
  min_share: { ko: '최소 비율', en: 'min_share' },
  max_amount: { ko: '최대 금액', en: 'max_amount' },
  forbidden: { ko: '금지', en: 'forbidden' },
};
export const BASE_LABELS: Record<RuleBase, { ko: string; en: string }> = {
  project: { ko: '사업 합계', en: 'project' },
  plan: { ko: '계획 전체', en: 'plan' },
};
export const SEVERITY_LABELS: Record<Severity, { ko: string; en: string }> = {
  error: { ko: '오류', en: 'error' },
  warning: { ko: '경고', en: 'warning' },
};

function pick<T extends string>(text: string, options: Record<T, string[]>): T | undefined {
  const wanted = normalizeHeader(text);
  return (Object.entries(options) as [T, string[]][]).find(([, names]) => names.some((n) => normalizeHeader(n) === wanted))?.[0];
}

/** `30%`, `30`, `12.5 %` → basis points; a share must lie within 0–100%. */
function readShare(text: string): number | undefined {
  const m = /^(\d+(?:\.\d{1,2})?)\s*%?$/.exec(text.normalize('NFKC').trim());
  if (m === null) return undefined;
  const bp = Math.round(Number(m[1]) * 100);
  return bp <= 10000 ? bp : undefined;
}

export function readGuidelines(table: Table): Guideline[] {
  const errors: string[] = [];
  const rules = table.rows.map((row, i): Guideline | null => {
    const at = table.rowNumbers[i];
    const years = readSpan(table, row, errors, at);
    const category = field(table, row, 'category');
    const typeText = field(table, row, 'limitType');
    const limitType = pick(typeText, LIMIT_TYPES);
    const limitText = field(table, row, 'limit');
    const baseText = field(table, row, 'base');
    const base = baseText === '' ? 'project' : pick(baseText, BASES);
    const severityText = field(table, row, 'severity');
    const severity = severityText === '' ? 'error' : pick(severityText, SEVERITIES);
    if (category === '') errors.push(`${at}행: 분류 없음 / no category`);
    if (limitType === undefined) errors.push(`${at}행: 한도 종류 '${typeText}' / limit_type (최대 비율, 최소 비율, 최대 금액, 금지)`);
    if (base === undefined) errors.push(`${at}행: 기준 '${baseText}' / base (사업 합계, 계획 전체)`);
    if (severity === undefined) errors.push(`${at}행: 수준 '${severityText}' / severity (오류, 경고)`);
    let limit: number | undefined = 0;
    if (limitType === 'max_share' || limitType === 'min_share') limit = readShare(limitText);
    else if (limitType === 'max_amount') {
      const amount = parseAmount(limitText);
      limit = amount.ok && amount.value >= 0 ? amount.value : undefined;
    }
    if (limit === undefined) errors.push(`${at}행: 한도 '${limitText}' / limit`);
    if (limitType === undefined || base === undefined || severity === undefined || limit === undefined) return null;
    return {
      row: at,
      years,
      category,
      limitType,
      limit,
      base,
      severity,
      note: field(table, row, 'note'),
      example: YES.includes(normalizeHeader(field(table, row, 'example'))),
    };
  });
  if (errors.length > 0) throw new UserError('bad_guidelines', `'${table.tabName}' 탭을 읽을 수 없습니다 / Cannot read guidelines: ${errors.slice(0, 10).join('; ')}`);
  return rules as Guideline[];
}

const STATUSES: Record<ExecutionStatus, string[]> = {
  in_progress: ['in_progress', '진행', '진행중', '진행 중', '집행중', 'in progress'],
  changed: ['changed', '변경', '계획 변경'],
  carried_over_explicit: ['carried_over_explicit', '명시이월', '이월(명시)', '이월 (명시)', '명시 이월'],
  carried_over_accident: ['carried_over_accident', '사고이월', '이월(사고)', '이월 (사고)', '사고 이월'],
  unused: ['unused', '불용'],
  done: ['done', '완료', '집행완료', '집행 완료'],
};

export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, { ko: string; en: string }> = {
  in_progress: { ko: '진행', en: 'in progress' },
  changed: { ko: '변경', en: 'changed' },
  carried_over_explicit: { ko: '명시이월', en: 'carried over (approved)' },
  carried_over_accident: { ko: '사고이월', en: 'carried over (committed)' },
  unused: { ko: '불용', en: 'unused' },
  done: { ko: '완료', en: 'done' },
};

/** Project names, ids and fields from 사업계획, to fill what the execution row leaves out. */
export interface ProjectDirectory {
  find(idOrTitle: string): { id: string; title: string; field: string } | undefined;
}

export function readExecution(table: Table, projects: ProjectDirectory): ExecutionRecord[] {
  const money = (row: readonly Cell[], key: string, errors: Record<string, string>, optional: boolean): number | null => {
    const cell = rawField(table, row, key);
    const text = cellText(cell);
    if (text === '' && optional) return null;
    const parsed = parseAmount(typeof cell === 'number' ? cell : text);
    if (parsed.ok) return parsed.value;
    errors[key] = text;
    return null;
  };
  return table.rows.map((row, i) => {
    const errors: Record<string, string> = {};
    const title = field(table, row, 'project');
    const agendaId = field(table, row, 'agenda');
    const known = projects.find(agendaId) ?? projects.find(title);
    const statusText = field(table, row, 'status');
    return {
      row: table.rowNumbers[i],
      projectId: agendaId || known?.id || title,
      title: title || known?.title || agendaId,
      field: field(table, row, 'field') || known?.field || '',
      granted: money(row, 'granted', errors, false),
      executed: money(row, 'executed', errors, true) ?? (errors.executed === undefined ? 0 : null),
      carriedOver: money(row, 'carriedOver', errors, true),
      unused: money(row, 'unused', errors, true),
      openTyped: money(row, 'open', errors, true),
      status: statusText === '' ? 'in_progress' : (pick(statusText, STATUSES) ?? null),
      statusText,
      reason: field(table, row, 'reason'),
      councilDate: field(table, row, 'councilDate'),
      errors,
    };
  });
}

export function projectDirectory(lines: readonly PlanLine[], fields: (agendaId: string) => string = () => ''): ProjectDirectory {
  const byKey = new Map<string, { id: string; title: string; field: string }>();
  for (const line of lines) {
    const entry = { id: line.projectId, title: line.title, field: line.field || fields(line.agendaId) };
    for (const key of [line.projectId, line.title]) if (key !== '' && !byKey.has(normalizeName(key))) byKey.set(normalizeName(key), entry);
  }
  return { find: (text) => (text === '' ? undefined : byKey.get(normalizeName(text))) };
}

/** `계획 허용 오차` in 설정: how far a plan total may be from the voted cost. Default 5%. */
export const TOLERANCE_SETTING = { ko: '계획 허용 오차', en: 'plan_tolerance', aliases: ['허용 오차', 'tolerance'] };
export const DEFAULT_TOLERANCE: Tolerance = { kind: 'share', bp: 500 };

export function readTolerance(settings: Table | null): Tolerance {
  if (settings === null) return DEFAULT_TOLERANCE;
  const tabName = settings.tabName;
  const names = [TOLERANCE_SETTING.ko, TOLERANCE_SETTING.en, ...TOLERANCE_SETTING.aliases];
  const row = settings.rows.find((r) => isSettingKey(field(settings, r, 'key'), names));
  const text = row === undefined ? '' : field(settings, row, 'value');
  if (text === '') return DEFAULT_TOLERANCE;
  if (/%\s*$/.test(text)) {
    const bp = readShare(text);
    if (bp !== undefined) return { kind: 'share', bp };
  } else {
    const amount = parseAmount(text);
    if (amount.ok && amount.value >= 0) return { kind: 'amount', won: amount.value };
  }
  throw new UserError('bad_settings', `'${tabName}' 탭의 '${TOLERANCE_SETTING.ko}' 값 '${text}'을(를) 읽을 수 없습니다 (예: 5% 또는 1,000,000) / Cannot read ${TOLERANCE_SETTING.en} '${text}' (e.g. 5% or 1,000,000)`);
}
