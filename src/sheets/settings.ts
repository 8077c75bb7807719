import { parseAmount } from '../core/amount';
import { parseWindowBound } from '../core/datetime';
import { UserError } from '../core/errors';
import type { Normalization, ScoreWeight, Settings, TieBreaker } from '../core/types';
import type { ReadonlyGrid } from '../workflows/workbook';
import { warning, type Warning } from '../core/warnings';
import { normalizeHeader, TABS } from './schema';
import { field, readTable } from './table';

/** One row of the 설정 tab: the name staff see, the names accepted, and how its value is read. */
export interface SettingSpec {
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
  { key: 'weights', ko: '가중치', en: 'weights', aliases: ['점수 가중치', '반영 비율', 'score weights'] },
  { key: 'picksPerField', ko: '분야별 선택 수', en: 'picks_per_field', aliases: ['분야별 선택수', '분야당 선택 수', 'picks per field'] },
  { key: 'normalization', ko: '점수 환산', en: 'normalization', aliases: ['환산 방식', '정규화', 'normalisation'] },
  { key: 'organization', ko: '기관명', en: 'organization', aliases: ['기관', '주최', 'organisation', 'organizer'] },
  { key: 'title', ko: '투표명', en: 'title', aliases: ['투표 이름', '공고 제목', 'vote title'] },
  { key: 'noticeDate', ko: '공고일', en: 'notice_date', aliases: ['공고 일자', 'notice date'] },
  { key: 'department', ko: '담당 부서', en: 'department', aliases: ['담당부서', '부서', 'responsible department'] },
  { key: 'publishChecks', ko: '검증 공개', en: 'publish_checks', aliases: ['검증 결과 공개', 'publish checks'] },
];

export const NORMALIZATION_NAMES: Record<Normalization, string[]> = {
  share: ['share', '득표율', '비율', '전체 대비 비율', '선택 비율', 'share of all', 'share of picks'],
  top: ['top', '최고점 대비', '최고 대비', '1위 대비', 'share of top', 'max'],
  rank: ['rank', '순위 점수', '순위', 'rank points'],
};

export const NORMALIZATION_LABELS: Record<Normalization, { ko: string; en: string }> = {
  share: { ko: '전체 대비 비율 (그 부분의 합계 중 비율)', en: 'share of the total (of that part)' },
  top: { ko: '최고점 대비 (그 부분의 1위 = 1)', en: 'share of the top (that part’s first = 1)' },
  rank: { ko: '순위 점수 (n개 중 1위 = n/n, 꼴찌 = 1/n, 동점은 높은 순위)', en: 'rank points (1st of n = n/n, last = 1/n, ties share the better rank)' },
};

const VOTES_NAMES = ['투표', '주민 투표', '주민투표', '주민', '득표', 'votes', 'vote', 'residents'];
const COMMITTEE_NAMES = ['심사', '심사 점수', '위원회', '심사위원', '심사위원회', 'committee', 'jury', 'scores'];

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
  committee_desc: ['committee_desc', '심사 점수', '높은 심사 점수', '심사 점수 높은 순', '위원회 점수', 'more committee points', 'committee points', 'committee'],
};

export const TIE_BREAK_LABELS: Record<TieBreaker, { ko: string; en: string }> = {
  cost_asc: { ko: '낮은 사업비', en: 'lower cost' },
  cost_desc: { ko: '높은 사업비', en: 'higher cost' },
  order: { ko: '의제 순서', en: 'agenda order' },
  lottery: { ko: '추첨', en: 'lottery' },
  committee_desc: { ko: '높은 심사 점수', en: 'more committee points' },
};

const YES_NO: Record<'yes' | 'no', string[]> = { yes: ['예', '공개', 'yes', 'on', 'true'], no: ['아니오', '아니요', '비공개', 'no', 'off', 'false'] };

type Parsers = { [K in Exclude<keyof Settings, 'seed' | 'weights' | 'moneyScale'>]-?: (text: string) => Settings[K] | undefined } & {
  /** null = no weights (rank by votes). */
  weights: (text: string) => ScoreWeight[] | null | undefined;
};

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
  weights: (t) => parseWeights(t),
  normalization: (t) => pickOne(t, NORMALIZATION_NAMES),
  picksPerField: (t) => (/^\d+$/.test(t.trim()) && Number(t) > 0 ? Number(t) : undefined),
  organization: (t) => t.trim(),
  title: (t) => t.trim(),
  noticeDate: (t) => (parseWindowBound(t, 'start') === null ? undefined : t.trim()),
  department: (t) => t.trim(),
  publishChecks: (t) => ({ yes: true, no: false, undefined: undefined })[String(pickOne(t, YES_NO)) as 'yes' | 'no' | 'undefined'],
};

/**
 * 설정 keys read by other parts of the tool (statistics, plan checks, the notice …): known, so that
 * they are not reported as unknown. Each module that reads a key lists it here.
 */
export const OTHER_SETTING_KEYS: { ko: string; en: string; aliases: string[] }[] = [
  { ko: '최소 표시 인원', en: 'min_cell', aliases: ['minimum cell'] },
  { ko: '계획 허용 오차', en: 'plan_tolerance', aliases: ['허용 오차', 'tolerance'] },
];

/**
 * A 설정 key as compared: width, case, spaces, `_` and `-` do not matter, so `투표종료`, `투표 종료`
 * and `Window_End` name the same setting (people type keys without the space).
 */
export function settingKey(text: string): string {
  return normalizeHeader(text).replace(/ /g, '');
}

/** True when `text` names one of `names` (each a key or an alias) as `settingKey` compares them. */
export function isSettingKey(text: string, names: readonly string[]): boolean {
  const wanted = settingKey(text);
  return wanted !== '' && names.some((n) => settingKey(n) === wanted);
}

/** The spec whose name or alias `text` is, or undefined. */
export function findSettingSpec(text: string): SettingSpec | undefined {
  return SETTING_SPECS.find((s) => isSettingKey(text, [s.ko, s.en, ...s.aliases]));
}

function knownNames(): string[] {
  return [...SETTING_SPECS, ...OTHER_SETTING_KEYS].flatMap((s) => [s.ko, s.en, ...s.aliases]);
}

/**
 * Keys in 설정 that no part of the tool reads, each with the closest known key: a typo there would
 * otherwise silently drop a setting (a voting window, a seed).
 */
export function unknownSettings(grid: ReadonlyGrid, tabName: string): Warning[] {
  const table = readTable(grid, TABS.settings, tabName);
  const names = knownNames();
  const known = new Set(names.map(settingKey));
  const out: Warning[] = [];
  for (const row of table.rows) {
    const key = field(table, row, 'key');
    if (key === '' || known.has(settingKey(key))) continue;
    const closest = closestName(key, [...SETTING_SPECS, ...OTHER_SETTING_KEYS].map((s) => s.ko).concat(names));
    const hint = closest === null ? '' : ` — '${closest}'?`;
    out.push(warning('unknown_setting', `'${tabName}' 탭의 '${key}'은(는) 알 수 없는 설정이라 쓰이지 않습니다${hint} / '${key}' in '${tabName}' is not a setting the tool reads${hint}`));
  }
  return out;
}

/** The known name nearest to `text` by edit distance, when near enough to be a typo. */
function closestName(text: string, names: readonly string[]): string | null {
  const wanted = settingKey(text);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(wanted, settingKey(name));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length];
}

/** Reads the 설정 tab. Every value that cannot be read is reported at once, in one message. */
export function readSettings(grid: ReadonlyGrid, tabName: string): Settings {
  const table = readTable(grid, TABS.settings, tabName);
  const values = new Map<keyof Settings, string>();
  for (const row of table.rows) {
    const spec = findSettingSpec(field(table, row, 'key'));
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
  // Set only when written, so a workbook that does not use them keeps its settings as they were.
  const weights = read<ScoreWeight[] | null | undefined>('weights', undefined, SETTING_PARSERS.weights);
  if (weights) settings.weights = weights;
  const normalization = read<Normalization | undefined>('normalization', undefined, SETTING_PARSERS.normalization);
  if (normalization !== undefined) settings.normalization = normalization;
  const picksPerField = read<number | undefined>('picksPerField', undefined, SETTING_PARSERS.picksPerField);
  if (picksPerField !== undefined) settings.picksPerField = picksPerField;
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

/**
 * 가중치: `투표 50, 심사 50`, `온라인 45, 현장 45, 심사 10` (a channel by its name in 투표/집계),
 * `50/50` (투표/심사). `%` is allowed; weights need not add up to 100 (they are taken as shares
 * of their sum). Empty, 0 or 없음: no weights. Anything else (a weight without a name beyond the
 * two-part form, a name twice, a negative or zero total) is unreadable.
 */
export function parseWeights(text: string): ScoreWeight[] | null | undefined {
  const t = text.trim();
  if (t === '' || ['없음', 'none', 'off', '0'].includes(t.toLowerCase())) return null;
  const number = (s: string): number | undefined => (/^\d+(?:\.\d{1,2})?$/.test(s) ? Number(s) : undefined);
  const pair = /^(\d+(?:\.\d+)?)\s*%?\s*\/\s*(\d+(?:\.\d+)?)\s*%?$/.exec(t);
  let parts: { name: string; weight: number | undefined }[];
  if (pair !== null) {
    parts = [
      { name: '투표', weight: number(pair[1]) },
      { name: '심사', weight: number(pair[2]) },
    ];
  } else {
    parts = t.split(/[,;]+/).map((p) => p.trim()).filter((p) => p !== '').map((p) => {
      const m = /^(.+?)\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%?$/.exec(p);
      return m === null ? { name: '', weight: undefined } : { name: m[1].trim(), weight: number(m[2]) };
    });
  }
  // A name must say what it weighs: `45/45/10` alone cannot tell which channel is which.
  if (parts.length === 0 || parts.some((p) => !/\p{L}/u.test(p.name) || /[-−/]$/.test(p.name) || p.weight === undefined)) return undefined;
  const weights: ScoreWeight[] = parts.map((p) => {
    const name = normalizeHeader(p.name);
    const source: ScoreWeight['source'] = VOTES_NAMES.some((n) => normalizeHeader(n) === name)
      ? { kind: 'votes' }
      : COMMITTEE_NAMES.some((n) => normalizeHeader(n) === name)
        ? { kind: 'committee' }
        : { kind: 'channel', channel: p.name };
    return { source, weight: p.weight as number };
  });
  const keys = weights.map((w) => (w.source.kind === 'channel' ? `c:${normalizeHeader(w.source.channel)}` : w.source.kind));
  if (new Set(keys).size !== keys.length || weights.reduce((sum, w) => sum + w.weight, 0) <= 0) return undefined;
  return weights;
}
