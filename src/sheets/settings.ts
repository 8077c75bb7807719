import { parseAmount } from '../core/amount';
import { parseWindowBound } from '../core/datetime';
import { UserError } from '../core/errors';
import type { Settings, TieBreaker } from '../core/types';
import type { Grid } from '../workflows/workbook';
import { normalizeHeader, TABS } from './schema';
import { field, readTable } from './table';

/** One row of the 설정 tab: the name staff see, the names accepted, and how its value is read. */
interface SettingSpec {
  key: keyof Settings;
  ko: string;
  en: string;
  aliases: string[];
}

export const SETTING_SPECS: SettingSpec[] = [
  { key: 'budget', ko: '총예산', en: 'budget', aliases: ['총 예산', '예산', 'total budget'] },
  { key: 'picks', ko: '선택 수', en: 'picks', aliases: ['선택수', '1인당 선택 수', 'max picks'] },
  { key: 'pickRule', ko: '선택 방식', en: 'pick_rule', aliases: [] },
  { key: 'invalidBallot', ko: '규칙 위반 투표', en: 'invalid_ballot', aliases: [] },
  { key: 'windowStart', ko: '투표 시작', en: 'window_start', aliases: ['투표 시작일', '시작'] },
  { key: 'windowEnd', ko: '투표 종료', en: 'window_end', aliases: ['투표 종료일', '종료'] },
  { key: 'rule', ko: '선정 방식', en: 'rule', aliases: ['선정 규칙'] },
  { key: 'tieBreak', ko: '동점 처리', en: 'tie_break', aliases: ['동점', 'tiebreak'] },
  { key: 'seed', ko: '추첨 시드', en: 'seed', aliases: ['시드', 'lottery seed'] },
  { key: 'threshold', ko: '최소 득표', en: 'threshold', aliases: ['최소득표', 'minimum votes', 'min_project_score_threshold'] },
  { key: 'leftover', ko: '분야 잔액', en: 'leftover', aliases: ['분야별 잔액', 'leftover_budget', 'leftover policy'] },
  { key: 'overshoot', ko: '초과 허용', en: 'overshoot', aliases: ['예산 초과 허용', 'overshoot %'] },
  { key: 'mesCompletion', ko: 'MES 보완', en: 'mes_completion', aliases: ['균등 배분 보완', 'mes completion'] },
];

export const LEFTOVER_NAMES: Record<'pool' | 'none', string[]> = {
  pool: ['pool', '공동 예산', '모아서 배분', '합산', '득표순 배분'],
  none: ['none', '미집행', '남김', '불용', 'unspent'],
};

export const RULE_NAMES: Record<'greedy' | 'greedy-stop' | 'mes', string[]> = {
  greedy: ['greedy', 'skip', '건너뛰기', '순위순', 'greedy-threshold'],
  'greedy-stop': ['greedy-stop', 'stop', '중단', 'greedy-no-skip'],
  mes: ['mes', 'equal shares', 'equalshares', 'equalshares/add1', 'method of equal shares', '균등 배분', '균등배분'],
};

export const MES_COMPLETION_NAMES: Record<'add1' | 'add1-exhaustive' | 'none', string[]> = {
  add1: ['add1', '1씩 증액', '맞는 마지막 결과'],
  'add1-exhaustive': ['add1-exhaustive', 'exhaustive', '첫 소진 결과'],
  none: ['none', '없음'],
};

const TIE_BREAKERS: Record<TieBreaker, string[]> = {
  cost_asc: ['cost_asc', '낮은 사업비', '적은 사업비', '사업비 낮은 순', 'lower cost', 'cheaper'],
  cost_desc: ['cost_desc', '높은 사업비', '많은 사업비', '사업비 높은 순', 'higher cost'],
  order: ['order', '의제 순서', '번호순', '번호 순', 'agenda order'],
  lottery: ['lottery', '추첨', 'random'],
};

export const TIE_BREAK_LABELS: Record<TieBreaker, { ko: string; en: string }> = {
  cost_asc: { ko: '낮은 사업비', en: 'lower cost' },
  cost_desc: { ko: '높은 사업비', en: 'higher cost' },
  order: { ko: '의제 순서', en: 'agenda order' },
  lottery: { ko: '추첨', en: 'lottery' },
};

type Parsers = { [K in Exclude<keyof Settings, 'seed'>]: (text: string) => Settings[K] | undefined };

/**
 * How each value of the 설정 tab is read (undefined = unreadable). Exported so that the sidebar's
 * settings form checks a value as it is typed with exactly the rule the tally will apply.
 */
export const SETTING_PARSERS: Parsers = {
  budget: (t) => {
    const r = parseAmount(t);
    return r.ok && r.value >= 0 ? r.value : undefined;
  },
  picks: (t) => (/^\d+$/.test(t.trim()) && Number(t) > 0 ? Number(t) : undefined),
  pickRule: (t) => pickOne(t, { up_to: ['최대', 'up_to', 'up to', '이하', 'max'], exactly: ['정확히', 'exactly', 'exact'] }),
  invalidBallot: (t) =>
    /^앞에서/.test(t.trim()) ? 'keep_first' : pickOne(t, { void: ['무효', 'void'], keep_first: ['keep_first', 'keep first', 'trim'] }),
  windowStart: (t) => parseWindowBound(t, 'start') ?? undefined,
  windowEnd: (t) => parseWindowBound(t, 'end') ?? undefined,
  rule: (t) => pickOne(t, RULE_NAMES),
  tieBreak: (t) => parseTieBreak(t),
  threshold: (t) => parseThreshold(t),
  leftover: (t) => pickOne(t, LEFTOVER_NAMES),
  overshoot: (t) => parseOvershoot(t),
  mesCompletion: (t) => pickOne(t, MES_COMPLETION_NAMES),
};

/** Reads the 설정 tab. Every value that cannot be read is reported at once, in one message. */
export function readSettings(grid: Grid, tabName: string): Settings {
  const table = readTable(grid, TABS.settings, tabName);
  const values = new Map<keyof Settings, string>();
  for (const row of table.rows) {
    const name = normalizeHeader(field(table, row, 'key'));
    const spec = SETTING_SPECS.find((s) => [s.ko, s.en, ...s.aliases].some((alias) => normalizeHeader(alias) === name));
    if (spec !== undefined) values.set(spec.key, field(table, row, 'value'));
  }
  const errors: string[] = [];
  const read = <T>(key: keyof Settings, fallback: T, parse: (text: string) => T | undefined): T => {
    const text = values.get(key) ?? '';
    if (text === '') return fallback;
    const value = parse(text);
    if (value !== undefined) return value;
    const spec = SETTING_SPECS.find((s) => s.key === key) as SettingSpec;
    errors.push(`${spec.ko}/${spec.en} = "${text}"`);
    return fallback;
  };

  const settings: Settings = {
    budget: read('budget', 0, SETTING_PARSERS.budget),
    picks: read('picks', 0, SETTING_PARSERS.picks),
    pickRule: read('pickRule', 'up_to', SETTING_PARSERS.pickRule),
    invalidBallot: read('invalidBallot', 'void', SETTING_PARSERS.invalidBallot),
    windowStart: read<number | null>('windowStart', null, SETTING_PARSERS.windowStart),
    windowEnd: read<number | null>('windowEnd', null, SETTING_PARSERS.windowEnd),
    rule: read('rule', 'greedy', SETTING_PARSERS.rule),
    tieBreak: read<TieBreaker[]>('tieBreak', ['order'], SETTING_PARSERS.tieBreak),
    seed: values.get('seed') ?? '',
    threshold: read<Settings['threshold']>('threshold', null, SETTING_PARSERS.threshold),
    leftover: read<Settings['leftover']>('leftover', 'pool', SETTING_PARSERS.leftover),
    overshoot: read<Settings['overshoot']>('overshoot', null, SETTING_PARSERS.overshoot),
    mesCompletion: read<Settings['mesCompletion']>('mesCompletion', 'add1', SETTING_PARSERS.mesCompletion),
  };
  if (settings.picks === 0 && errors.length === 0 && !values.has('picks')) {
    errors.push('선택 수/picks = (비어 있음 / empty)');
  }
  if (settings.windowStart !== null && settings.windowEnd !== null && settings.windowStart > settings.windowEnd) {
    errors.push(`투표 시작/window_start > 투표 종료/window_end`);
  }
  if (errors.length > 0) {
    throw new UserError('bad_settings', `'${tabName}' 탭의 값을 읽을 수 없습니다 / Cannot read settings: ${errors.join('; ')}`);
  }
  return settings;
}

/** `80%` or `80`: a percentage of the agenda's cost; 0, 없음 or none switch it off. */
export function parseOvershoot(text: string): number | null | undefined {
  const t = text.trim();
  if (['없음', 'none', 'off', '0', '0%'].includes(t.toLowerCase())) return null;
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(t);
  if (m === null || Number(m[1]) > 100) return undefined;
  return Number(m[1]);
}

export function pickOne<T extends string>(text: string, options: Record<T, string[]>): T | undefined {
  const wanted = normalizeHeader(text);
  const entries = Object.entries(options) as [T, string[]][];
  return entries.find(([, names]) => names.some((n) => normalizeHeader(n) === wanted))?.[0];
}

export function parseTieBreak(text: string): TieBreaker[] | undefined {
  const parts = text.split(/[,;>→]+/).map((p) => p.trim()).filter((p) => p !== '');
  const parsed = parts.map((p) => pickOne(p, TIE_BREAKERS));
  if (parsed.length === 0 || parsed.some((p) => p === undefined)) return undefined;
  return parsed as TieBreaker[];
}

export function parseThreshold(text: string): Settings['threshold'] | undefined {
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  if (percent) return Number(percent[1]) <= 100 ? { kind: 'percent', value: Number(percent[1]) } : undefined;
  const votes = text.trim().replace(/[,표\s]/g, '');
  if (!/^\d+$/.test(votes)) return undefined;
  return Number(votes) === 0 ? null : { kind: 'votes', value: Number(votes) };
}
