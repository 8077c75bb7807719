import { formatMoney, formatWon } from '../core/amount';
import type { Decision } from '../core/tally';
import type { Problem, TieBreaker } from '../core/types';
import { TIE_BREAK_LABELS } from './settings';

export type Language = 'ko' | 'en';

type Detail = Record<string, string | number>;
const won = (value: string | number | undefined): string => formatWon(Number(value ?? 0));
/** Money that may carry cents (MES shares): whole units with thousands commas, then the cents. */
const money = (value: number): string => {
  const whole = Math.trunc(value);
  const cents = Math.round(Math.abs(value - whole) * 100);
  return cents === 0 ? formatWon(whole) : `${formatWon(whole)}.${String(cents).padStart(2, '0')}`;
};

const PROBLEMS: Record<Problem['code'], Record<Language, (d: Detail) => string>> = {
  no_voter: { ko: () => '투표자 정보 없음', en: () => 'no voter identifier' },
  bad_timestamp: { ko: (d) => `투표일시를 읽을 수 없음: '${d.time}'`, en: (d) => `unreadable time: '${d.time}'` },
  outside_window: { ko: (d) => `투표 기간 밖: ${d.time}`, en: (d) => `outside the voting window: ${d.time}` },
  unknown_agenda: { ko: (d) => `없는 의제: '${d.choice}'`, en: (d) => `unknown agenda: '${d.choice}'` },
  duplicate_pick: { ko: (d) => `같은 의제 중복 선택: ${d.agenda}`, en: (d) => `same agenda picked twice: ${d.agenda}` },
  duplicate_voter: {
    ko: (d) => `중복 투표 (인정된 투표: ${d.first === 'earlier import' ? '이전 가져오기' : d.first})`,
    en: (d) => `second vote by the same voter (counted: ${d.first})`,
  },
  over_vote: {
    ko: (d) => `선택 초과: ${d.picks}개 (최대 ${d.limit}개${d.dropped ? `, 제외: ${d.dropped}` : ''})`,
    en: (d) => `too many picks: ${d.picks} (limit ${d.limit}${d.dropped ? `, dropped: ${d.dropped}` : ''})`,
  },
  over_field: {
    ko: (d) => `분야 선택 초과: ${d.field} ${d.picks}개 (분야별 최대 ${d.limit}개, 제외: ${d.dropped})`,
    en: (d) => `too many picks in field ${d.field}: ${d.picks} (limit ${d.limit} per field, dropped: ${d.dropped})`,
  },
  under_field: {
    ko: (d) => `분야 선택 부족: ${d.field} ${d.picks}개 (분야별 ${d.required}개 필요)`,
    en: (d) => `too few picks in field ${d.field}: ${d.picks} (${d.required} required per field)`,
  },
  under_vote: { ko: (d) => `선택 부족: ${d.picks}개 (${d.required}개 필요)`, en: (d) => `too few picks: ${d.picks} (${d.required} required)` },
  no_picks: { ko: () => '선택한 의제 없음', en: () => 'no picks' },
  bad_row: { ko: (d) => `열 개수가 머리글과 다름 (${d.cells}칸, 머리글 ${d.header}칸)`, en: (d) => `row has ${d.cells} cells, header has ${d.header}` },
  bad_votes: { ko: (d) => `득표수를 읽을 수 없음: '${d.votes}'`, en: (d) => `unreadable vote count: '${d.votes}'` },
  // The formula itself is never kept or quoted: only where it was.
  formula_cell: { ko: (d) => `수식 셀: ${d.column} 열 (수식은 투표·투표자·일시로 읽지 않음)`, en: (d) => `formula cell in column ${d.column} (a formula is never a vote, a voter or a time)` },
  cell_clipped: {
    ko: (d) => `너무 긴 셀을 ${Number(d.limit).toLocaleString('en-US')}자로 자름: ${d.column} 열 (${Number(d.length).toLocaleString('en-US')}자)`,
    en: (d) => `cell cut to ${Number(d.limit).toLocaleString('en-US')} characters: column ${d.column} (${Number(d.length).toLocaleString('en-US')} characters)`,
  },
};

/** Values quoted from an export are clipped: a reason must stay readable and fit in a cell. */
const MAX_QUOTED = 120;

export function describeProblem(problem: Problem, language: Language): string {
  const detail: Detail = {};
  for (const [key, value] of Object.entries(problem.detail)) {
    detail[key] = typeof value === 'string' && value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  }
  return PROBLEMS[problem.code][language](detail);
}

export function describeProblems(problems: readonly Problem[], language: Language): string {
  return problems.map((p) => describeProblem(p, language)).join('; ');
}

/** `scale`: the money's decimals (pabulib files with cents: amounts are in minor units); 0 for won. */
export function describeDecision(decision: Decision, rank: number, language: Language, scale = 0): string {
  const ko = language === 'ko';
  const amount = (value: number): string => (scale === 0 ? won(value) : formatMoney(value, scale));
  const payment = (value: number): string => (scale === 0 ? money(value) : formatMoney(value, scale));
  switch (decision.code) {
    case 'selected': {
      const where = { budget: ko ? '예산 내' : 'fits', field: ko ? '분야 예산 내' : 'fits the field budget', pool: ko ? '분야 잔액을 모은 예산 내' : 'fits the pooled leftover' }[decision.phase];
      return ko ? `선정: ${rank}위, ${where} (남은 예산 ${amount(decision.left)})` : `selected: rank ${rank}, ${where} (remaining ${amount(decision.left)})`;
    }
    case 'does_not_fit':
      return ko ? `보류: 사업비 ${amount(decision.cost)}, 남은 예산 ${amount(decision.left)}` : `skipped: costs ${amount(decision.cost)}, ${amount(decision.left)} left`;
    case 'after_stop':
      return ko ? `보류: ${decision.stoppedAt}에서 선정 중단 (예산 소진 또는 중단 규칙)` : `on hold: selection stopped at ${decision.stoppedAt} (budget used up, or the stop rule)`;
    case 'below_threshold':
      return ko
        ? `미선정: 최소 득표 ${won(decision.threshold)}표 미만 (${won(decision.votes)}표)`
        : `below threshold ${won(decision.threshold)} (${won(decision.votes)} votes)`;
    case 'no_votes':
      return ko ? '미선정: 득표 없음' : 'not selected: no votes';
    case 'overshoot':
      return ko
        ? `선정(초과 허용): 사업비 ${amount(decision.cost)}, 남은 예산 ${amount(decision.left)} (사업비의 ${decision.percent}% 이상), 초과액 ${amount(decision.overspend)}`
        : `selected by overshoot: costs ${amount(decision.cost)}, ${amount(decision.left)} left (at least ${decision.percent}% of its cost), overspend ${amount(decision.overspend)}`;
    case 'mes_selected':
      return ko
        ? `선정: 균등 배분(MES) ${decision.round}번째, 지지자 ${won(decision.supporters)}명이 1인당 최대 ${payment(decision.payment)} 부담`
        : `selected: MES round ${decision.round}, ${won(decision.supporters)} supporters paid at most ${payment(decision.payment)} each`;
    case 'mes_short':
      return ko
        ? `미선정: MES 지지자들의 남은 몫 ${payment(decision.shares)} < 사업비 ${amount(decision.cost)} (${payment(decision.needed)} 부족)`
        : `MES: supporters' remaining shares ${payment(decision.shares)} < cost ${amount(decision.cost)} (${payment(decision.needed)} more needed)`;
    case 'withdrawn':
      return ko ? '미선정: 철회된 의제 (사업비 999,999,999)' : 'not selected: withdrawn (cost 999,999,999)';
    case 'override': {
      const by = [decision.decidedBy ?? '', decision.date ?? ''].filter((t) => t !== '').join(', ');
      const rule = describeDecision(decision.ruleDecision, rank, language, scale);
      return ko
        ? `조정: ${decision.selected ? '선정' : '제외'} — 사유: ${decision.reason}${by === '' ? '' : ` (${by})`}; 규칙에 따른 결과: ${rule}`
        : `override: ${decision.selected ? 'funded' : 'excluded'} — reason: ${decision.reason}${by === '' ? '' : ` (${by})`}; by the rule: ${rule}`;
    }
  }
}

/** `at` replaces "N votes" when agendas are ranked by something else (the weighted final score). */
export function describeTie(tie: { with: string[]; decidedBy: TieBreaker; atBoundary: boolean }, votes: number, language: Language, at?: string): string {
  const by = TIE_BREAK_LABELS[tie.decidedBy][language];
  const others = tie.with.join(', ');
  if (language === 'ko') return `동점: ${others}와 ${at ?? `${won(votes)}표`}, ${by}(으)로 결정${tie.atBoundary ? ' ⚠ 예산 경계' : ''}`;
  return `tie with ${others} at ${at ?? `${won(votes)} votes`}, broken by ${by}${tie.atBoundary ? ' ⚠ at the budget line' : ''}`;
}

/** The status cell of an overridden agenda says so, so the override is never mistaken for the rule's outcome. */
export const OVERRIDDEN_LABEL: Record<Language, string> = { ko: '조정', en: 'override' };

export const STATUS_LABELS: Record<'selected' | 'on_hold' | 'not_selected', Record<Language, string>> = {
  selected: { ko: '선정', en: 'selected' },
  on_hold: { ko: '보류', en: 'on hold' },
  not_selected: { ko: '미선정', en: 'not selected' },
};

/**
 * Each reason's fixed opening, in both languages: a 제외 row's text is classified by it. Made on
 * first use, so that a bundle taking only messageIn from this module (the sidebar) leaves the
 * reason texts out.
 */
let problemOpenings: { code: Problem['code']; opening: string }[] | null = null;
function openings(): { code: Problem['code']; opening: string }[] {
  problemOpenings ??= (Object.keys(PROBLEMS) as Problem['code'][])
    .flatMap((code) =>
      (['ko', 'en'] as const).map((language) => {
        const text = PROBLEMS[code][language](new Proxy({}, { get: () => '\u0001' }) as Detail);
        return { code, opening: text.split('\u0001')[0] };
      }),
    )
    .sort((a, b) => b.opening.length - a.opening.length);
  return problemOpenings;
}

/**
 * The reason code of a 제외 row's reason text (its first reason: a row is counted once, under its
 * first), or null for a text this version did not write (a hand-typed note).
 */
export function problemCodeOf(reasonText: string): Problem['code'] | null {
  const first = reasonText.trim();
  return openings().find((p) => p.opening !== '' && first.startsWith(p.opening))?.code ?? null;
}

const HANGUL = /[\uac00-\ud7a3\u3131-\u318e]/;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '‘': '’', '“': '”' };
const CLOSERS = new Set(Object.values(OPENERS));

/**
 * The half of a `한국어 / English` message in one language. The halves part at the first ' / '
 * that stands outside quotes and brackets and follows some Korean: a quoted value ('A01 / A02',
 * an agenda title, a file name) or a parenthesis in the Korean half may hold ' / ' of its own.
 * A quote or bracket left open (an apostrophe in a quoted value) falls back to the first ' / '
 * after some Korean; a message with no separator (one language only) is given whole.
 */
export function messageIn(message: string, language: Language): string {
  const at = bilingualSeparator(message);
  if (at < 0) return message;
  return language === 'ko' ? message.slice(0, at) : message.slice(at + 3);
}

function bilingualSeparator(message: string): number {
  const outside = separatorOutsideQuotes(message);
  if (outside >= 0) return outside;
  const korean = message.search(HANGUL);
  return korean < 0 ? -1 : message.indexOf(' / ', korean);
}

function separatorOutsideQuotes(message: string): number {
  const open: string[] = [];
  let quote: string | null = null;
  let korean = false;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if ((c === "'" || c === '"') && opensQuote(message, i)) quote = c;
    else if (OPENERS[c] !== undefined) open.push(OPENERS[c]);
    else if (CLOSERS.has(c) && open[open.length - 1] === c) open.pop();
    else if (c === ' ' && open.length === 0 && korean && message.startsWith(' / ', i)) return i;
    if (!korean && HANGUL.test(c)) korean = true;
  }
  return -1;
}

/** A quote mark opens a quoted value after a space or punctuation: not in `don't`, nor a mark named in brackets, `(")`. */
function opensQuote(message: string, at: number): boolean {
  const before = at === 0 ? ' ' : message[at - 1];
  const after = message[at + 1] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !(OPENERS[before] !== undefined && OPENERS[before] === after);
}
