/**
 * 결과 공고: the result notice a district publishes and a committee prints. One self-contained
 * page (no script, no external resource), A4 portrait, two pages at most for 20 agendas.
 * Everything it says comes from NoticeFacts (src/workflows/notice.ts); this module only words it.
 */
import { formatKoreanUnits, formatWon } from '../core/amount';
import { formatSeoulDate, formatSeoulTimestamp } from '../core/datetime';
import type { Settings, Threshold } from '../core/types';
import { messageIn, type Language } from '../sheets/messages';
import { TIE_BREAK_LABELS } from '../sheets/settings';
import type { NoticeFacts, NoticeStatus } from '../workflows/notice';
import type { TallyJson } from '../workflows/api';
import { budgetChart } from './charts';
import { Html, html } from './html';

const EVIDENCE_CODES = new Set<string>(['ballots_edited', 'audit_missing', 'audit_broken']);

export interface NoticeInput {
  facts: NoticeFacts;
  tally: TallyJson;
  /** Valid ballots per voting day (from the statistics), for the participation line. */
  byDay: { label: string; voters: number | null }[];
  /** The 결과 tab differed from what its tally wrote when the notice was made. */
  resultsEdited: boolean;
  language: Language;
}

const STYLE = `
@page { size: A4 portrait; margin: 13mm 14mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic", sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 182mm; font-size: 9.5pt; line-height: 1.45; }
header { border-bottom: 2pt solid #1a1a1a; padding-bottom: 2mm; margin-bottom: 3mm; }
.org { font-size: 10pt; margin: 0; } h1 { font-size: 16pt; margin: 1mm 0; }
.dateline { margin: 0; color: #333; font-size: 9pt; }
h2 { font-size: 11pt; margin: 4.5mm 0 1.5mm; padding-left: 2mm; border-left: 3pt solid #1b5e20; break-after: avoid; }
dl.facts { display: grid; grid-template-columns: 27mm 1fr; gap: 0.6mm 3mm; margin: 0; }
dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: 8.8pt; table-layout: auto; }
thead { display: table-header-group; } tr { break-inside: avoid; }
th, td { border: 0.6pt solid #999; padding: 0.7mm 1.4mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
td.id, td.field { white-space: nowrap; }
th { background: #eee; white-space: nowrap; font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.status { white-space: nowrap; } :lang(en) td.status { white-space: normal; min-width: 26mm; } tr.selected td.status { font-weight: 700; color: #1b5e20; }
tr.selected td:first-child { box-shadow: inset 2.5pt 0 0 #1b5e20; }
tfoot td { font-weight: 700; background: #f6f6f6; }
ul.sums { margin: 1.5mm 0 0; padding-left: 5mm; } ul.sums li { margin: 0.3mm 0; }
p { margin: 1mm 0; } .small { font-size: 8.3pt; color: #333; }
.totalline { font-size: 10pt; margin: 1mm 0 1.5mm; } .totalline strong { color: #1b5e20; }
.chart { margin: 1.5mm 0 0; break-inside: avoid; } .chart figcaption { font-size: 8.5pt; font-weight: 700; }
.chart text { font-size: 11px; fill: #1a1a1a; } .segment.s0 { fill: #1b5e20; } .segment.s1 { fill: #66a266; }
.budget-line { stroke: #1a1a1a; stroke-width: 2; stroke-dasharray: 5 3; }
.edited { border: 1pt solid #8a4b00; padding: 1.5mm 2mm; margin: 2mm 0; }
footer { margin-top: 5mm; border-top: 0.75pt solid #999; padding-top: 1.5mm; font-size: 7.8pt; color: #333; break-inside: avoid; }
.fingerprint { font-family: "DejaVu Sans Mono", monospace; font-size: 7.2pt; word-break: break-all; }
@media screen { body { padding: 8mm 0; } }
`;

const WEEKDAYS = { ko: '일월화수목금토', en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2020. 7. 6.(월)` or `Mon 6 Jul 2020` (Seoul calendar); the year left out when `withYear` is false. */
export function noticeDay(ms: number, language: Language, withYear = true): string {
  const [y, m, d] = formatSeoulDate(ms).split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (language === 'ko') return `${withYear ? `${y}. ` : ''}${m}. ${d}.(${WEEKDAYS.ko[weekday]})`;
  return `${WEEKDAYS.en[weekday]} ${d} ${MONTHS[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/** The voting period: dates only when it runs from midnight to the end of a day, times otherwise. */
export function votingPeriod(start: number | null, end: number | null, language: Language): string {
  const time = (ms: number): string => formatSeoulTimestamp(ms).slice(11, 16);
  const startText = start === null ? '' : noticeDay(start, language) + (time(start) === '00:00' ? '' : ` ${time(start)}`);
  const sameYear = start !== null && end !== null && formatSeoulDate(start).slice(0, 4) === formatSeoulDate(end).slice(0, 4);
  const endText = end === null ? '' : noticeDay(end, language, !sameYear) + (time(end) === '23:59' ? '' : ` ${time(end)}`);
  if (start === null && end === null) return language === 'ko' ? '기간 제한 없음 (설정에 투표 기간이 없음)' : 'no voting period set';
  return `${startText} ~ ${endText}`;
}

/** 억/만원 as staff say it (`4억 9,000만원`); English: won with thousands commas. */
export function money(value: number, language: Language): string {
  return language === 'ko' ? formatKoreanUnits(value) : `${formatWon(value)} won`;
}

/** The exact amount beside the spoken one, where a reader may need to check it to the won. */
function exactMoney(value: number, language: Language): Html {
  if (language === 'en') return html`${money(value, language)}`;
  return html`${money(value, language)} <span class="small">(${formatWon(value)}원)</span>`;
}

const STATUS_WORDS: Record<NoticeStatus, Record<Language, string>> = {
  selected: { ko: '선정', en: 'Selected' },
  selected_override: { ko: '선정 (위원회 조정)', en: 'Selected (committee decision)' },
  no_budget: { ko: '미선정 (예산 부족)', en: 'Not selected (budget)' },
  below_threshold: { ko: '미선정 (최소 득표 미달)', en: 'Not selected (below minimum votes)' },
  no_votes: { ko: '미선정 (득표 없음)', en: 'Not selected (no votes)' },
  mes_short: { ko: '미선정 (지지자 몫 부족)', en: 'Not selected (supporters’ shares too small)' },
  withdrawn: { ko: '미선정 (철회)', en: 'Not selected (withdrawn)' },
  excluded_override: { ko: '미선정 (위원회 조정)', en: 'Not selected (committee decision)' },
};

export function statusWords(status: NoticeStatus, language: Language): string {
  return STATUS_WORDS[status][language];
}

function thresholdWords(threshold: Threshold, applied: number, language: Language): string {
  if (threshold.kind === 'percent') {
    return language === 'ko' ? `유효 득표의 ${threshold.value}% (${formatWon(applied)}표) 미만인 의제는 선정하지 않음` : `Agendas under ${threshold.value}% of the votes (${formatWon(applied)}) are not selected`;
  }
  return language === 'ko' ? `${formatWon(threshold.value)}표 미만인 의제는 선정하지 않음` : `Agendas with fewer than ${formatWon(threshold.value)} votes are not selected`;
}

/** The selection method in plain words, one sentence per rule that applied. */
export function methodWords(settings: Settings, tally: TallyJson, language: Language): string[] {
  const ko = language === 'ko';
  const lines: string[] = [];
  if (tally.weighted !== null) {
    lines.push(ko ? `순위는 득표 수가 아니라 가중 점수순 (점수 산식: ${tally.weighted.formula})` : `Ranked by a weighted score, not raw votes (formula: ${tally.weighted.formula})`);
    for (const w of tally.weighted.effectiveWeights) {
      lines.push(ko ? `심사위원 1명 = ${w.part} 투표자 약 ${formatWon(Math.round(w.ratio))}명` : `one scorer ≈ ${formatWon(Math.round(w.ratio))} ${w.part} voters`);
    }
  }
  if (settings.rule === 'mes') {
    lines.push(
      ko
        ? '균등 배분 방식(MES): 예산을 투표자 모두에게 똑같이 나누고, 지지자들의 몫으로 사업비를 낼 수 있는 의제를 지지자 1인당 부담이 적은 것부터 선정함'
        : 'Method of Equal Shares: the budget is divided equally among all voters, and agendas whose supporters can pay for them from their shares are funded, cheapest per supporter first',
    );
    if (settings.mesCompletion !== 'none') {
      lines.push(ko ? '남는 예산이 없도록 1인당 몫을 1원씩 올려 다시 계산하고, 예산 안에 드는 결과를 택함' : 'The per-voter share is raised one won at a time and the outcome that still fits the budget is kept');
    }
  } else {
    lines.push(
      settings.rule === 'greedy'
        ? ko ? '득표순으로 선정하며, 남은 예산에 맞지 않는 의제는 건너뛰고 다음 의제를 봄 (득표순, 예산에 맞지 않으면 건너뜀)' : 'By votes, highest first; an agenda that does not fit the money left is skipped and the next one considered'
        : ko ? '득표순으로 선정하며, 남은 예산에 맞지 않는 첫 의제에서 선정을 마침' : 'By votes, highest first; selection ends at the first agenda that does not fit the money left',
    );
    if (settings.overshoot !== null) {
      lines.push(ko ? `초과 허용: 남은 예산이 사업비의 ${settings.overshoot}% 이상이면 맞지 않는 첫 의제도 선정함` : `Overshoot: the first agenda that does not fit is still funded when the money left is at least ${settings.overshoot}% of its cost`);
    }
  }
  if (tally.fields.length > 0) {
    const budgets = tally.fields.map((f) => `${f.field} ${money(f.budget, language)}`).join(', ');
    lines.push(
      settings.leftover === 'pool'
        ? ko ? `분야별 예산(${budgets})으로 먼저 선정하고, 분야에서 남은 금액은 모아 득표순으로 다시 배분함` : `Each field is filled from its own budget first (${budgets}); what fields leave is pooled and filled by votes`
        : ko ? `분야별 예산(${budgets}) 안에서만 선정하고, 분야에서 남은 금액은 집행하지 않음` : `Each field is filled from its own budget only (${budgets}); what fields leave stays unspent`,
    );
  }
  if (settings.threshold !== null) lines.push(thresholdWords(settings.threshold, tally.threshold, language));
  const ties = settings.tieBreak.map((t) => TIE_BREAK_LABELS[t][language]);
  if (!settings.tieBreak.includes('order')) ties.push(TIE_BREAK_LABELS.order[language]);
  const seed = settings.tieBreak.includes('lottery') ? (ko ? ` (추첨 시드 ${settings.seed})` : ` (lottery seed ${settings.seed})`) : '';
  lines.push((ko ? '득표가 같으면: ' : 'Ties: ') + ties.join(' → ') + seed);
  return lines;
}

function pickWords(settings: Settings, language: Language): string {
  const ko = language === 'ko';
  const picks = settings.pickRule === 'exactly' ? (ko ? `1인당 정확히 ${settings.picks}개 선택` : `exactly ${settings.picks} agendas per voter`) : ko ? `1인당 최대 ${settings.picks}개 선택` : `up to ${settings.picks} agendas per voter`;
  const field = settings.picksPerField === undefined ? '' : ko ? `, 분야마다 ${settings.pickRule === 'exactly' ? '정확히' : '최대'} ${settings.picksPerField}개` : `, ${settings.pickRule === 'exactly' ? 'exactly' : 'at most'} ${settings.picksPerField} per field`;
  return picks + field;
}

function invalidWords(settings: Settings, language: Language): string {
  const ko = language === 'ko';
  return settings.invalidBallot === 'void'
    ? ko ? '규칙에 맞지 않는 투표(선택 수 초과 등)는 전체 무효' : 'a ballot that breaks the rules (too many picks, …) is void as a whole'
    : ko ? `규칙에 맞지 않는 투표는 앞에서 ${settings.picks}개까지만 인정` : `a ballot that breaks the rules keeps its first ${settings.picks} valid picks`;
}

/** A statistics day label (`2020-07-06`) as the notice writes days, without the year. */
function dayLabel(label: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  return m === null ? label : noticeDay(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 3), language, false);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}%`;
}

function checksWords(facts: NoticeFacts, language: Language): Html {
  const ko = language === 'ko';
  const c = facts.checks;
  if (!c.published) {
    return html`<p data-field="checks">${ko ? '이 공고에는 투표 검증 결과를 싣지 않았습니다 (설정 ‘검증 공개: 아니오’). 검증 자료는 담당 부서가 보관합니다.' : 'This notice leaves out the integrity checks (setting publish_checks: no); the department keeps the check records.'}</p>`;
  }
  const what = ko
    ? `개표 전 유효 투표 ${formatWon(c.ballotsChecked)}건을 대상으로 같은 사람의 중복 투표, 기간 밖 투표, 짧은 시간에 몰린 투표, 같은 선택의 반복, 특정 동·채널의 득표 쏠림을 점검하고, 득표 합계를 개별 투표와 맞춰 보았습니다.`
    : `Before the count, the ${formatWon(c.ballotsChecked)} valid ballots were checked for repeat voters, votes outside the period, bursts of votes in a short time, repeated identical ballots and votes concentrated in one dong or channel, and the totals were checked against the ballots.`;
  const found =
    c.flags === 0
      ? ko ? '특이한 점은 발견되지 않았습니다.' : 'Nothing unusual was found.'
      : c.changingOutcome === 0
        ? ko ? `살펴볼 신호 ${c.flags}건이 있었으나, 해당 투표를 빼고 다시 개표해도 선정 결과는 같습니다.` : `${c.flags} signal(s) were looked into; counting without those ballots gives the same selection.`
        : ko ? `살펴볼 신호 ${c.flags}건 가운데 ${c.changingOutcome}건은 해당 투표를 빼면 선정 결과가 달라질 수 있어 담당 부서가 확인합니다.` : `Of ${c.flags} signal(s), ${c.changingOutcome} could change the selection if those ballots were left out; the department is reviewing them.`;
  const counts = c.countsOk ? (ko ? '득표 합계는 개별 투표와 일치합니다.' : 'The totals match the ballots.') : ko ? '득표 합계가 개별 투표와 맞지 않아 확인 중입니다.' : 'The totals do not match the ballots and are being checked.';
  return html`<p data-field="checks">${what} ${found} ${counts}</p>`;
}

export function noticeHtml(input: NoticeInput): string {
  const { facts, tally, language } = input;
  const ko = language === 'ko';
  const L = (k: string, e: string): string => (ko ? k : e);
  const n = (value: number): string => formatWon(value);
  const title = facts.title !== '' ? facts.title : L('주민 의제 투표', 'Resident agenda vote');
  const heading = L(`${title} 결과 공고`, `${title}: result notice`);
  const noticeDay_ = noticeDay(facts.noticeDate ?? facts.printedAt, language);
  const ballotChannels = facts.channels.filter((c) => c.kind === 'ballots');
  const totalsChannels = facts.channels.filter((c) => c.kind === 'totals');
  const reportedTotalsPeople = totalsChannels.reduce((s, c) => s + (c.participants ?? 0), 0);
  const r = facts.reconciliation;
  // Hand edits of 투표 or 이력 are part of what the public is told (issue 16), in the tally's words.
  const evidence = tally.warnings.filter((w) => EVIDENCE_CODES.has(w.code));
  const left = tally.budget - tally.spent;
  const selected = facts.agendas.filter((a) => a.notice === 'selected' || a.notice === 'selected_override');
  const daySum = input.byDay.reduce((s, d) => s + (d.voters ?? 0), 0);
  const hiddenDays = input.byDay.filter((d) => d.voters === null).length;

  const page: Html = html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header>
  ${facts.organization === '' ? '' : html`<p class="org" data-field="organization">${facts.organization}</p>`}
  <h1 data-field="title">${heading}</h1>
  <p class="dateline"><span data-field="noticeDate">${L('공고일', 'Date')} ${noticeDay_}</span>${facts.department === '' ? '' : html` · <span data-field="department">${L('담당', 'Department')} ${facts.department}</span>`}</p>
</header>
${evidence.length === 0 ? '' : html`<ul class="edited" data-field="evidence">${evidence.map((w) => html`<li data-code="${w.code}">${messageIn(w.message, language)}</li>`)}</ul>`}
${input.resultsEdited ? html`<p class="edited" data-field="resultsEdited">${L('참고: 결과 탭이 마지막 개표 뒤에 직접 수정되어 있었습니다. 이 공고는 투표 자료로 다시 개표한 결과입니다.', 'Note: the Results tab had been edited by hand after the last tally. This notice is a fresh count of the ballots.')}</p>` : ''}
<section aria-labelledby="how">
  <h2 id="how">${L('1. 투표 개요', '1. The vote')}</h2>
  <dl class="facts">
    <dt>${L('투표 기간', 'Voting period')}</dt><dd data-field="period">${votingPeriod(facts.settings.windowStart, facts.settings.windowEnd, language)}</dd>
    <dt>${L('투표 방법', 'How to vote')}</dt><dd data-field="pickRule">${pickWords(facts.settings, language)}; ${invalidWords(facts.settings, language)}</dd>
    <dt>${L('투표 채널', 'Channels')}</dt><dd data-field="channels">${facts.channels.map((c) => (c.kind === 'totals' ? `${c.name} ${L('(득표 합계로 보고)', '(reported as totals)')}` : c.name || L('(채널 없음)', '(no channel)'))).join(', ')}</dd>
    <dt>${L('총예산', 'Budget')}</dt><dd data-field="budget">${exactMoney(tally.budget, language)}</dd>
    <dt>${L('선정 방식', 'Method')}</dt><dd data-field="method">${methodWords(facts.settings, tally, language).map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</dd>
  </dl>
</section>
<section aria-labelledby="turnout">
  <h2 id="turnout">${L('2. 참여 현황', '2. Turnout')}</h2>
  <table data-table="channels">
    <thead><tr><th>${L('채널', 'Channel')}</th><th class="num">${L('유효 투표 (명)', 'Valid ballots (people)')}</th><th class="num">${L('비율', 'Share')}</th><th class="num">${L('득표 (선택 수)', 'Votes cast')}</th></tr></thead>
    <tbody>
      ${ballotChannels.map((c) => html`<tr data-channel="${c.name}"><td>${c.name || L('(채널 없음)', '(no channel)')}</td><td class="num">${n(c.ballots)}</td><td class="num">${percent(c.ballots, facts.validBallots + reportedTotalsPeople)}</td><td class="num">${n(c.votes)}</td></tr>`)}
      ${totalsChannels.map((c) => html`<tr data-channel="${c.name}"><td>${c.name} ${L('(합계 보고)', '(totals)')}</td><td class="num">${c.participants === null ? L('인원 보고 없음', 'not reported') : n(c.participants)}</td><td class="num">${c.participants === null ? '–' : percent(c.participants, facts.validBallots + reportedTotalsPeople)}</td><td class="num">${n(c.votes)}</td></tr>`)}
    </tbody>
    <tfoot><tr><td>${L('합계', 'Total')}</td><td class="num" data-field="validBallots">${n(facts.validBallots + reportedTotalsPeople)}</td><td class="num">100.0%</td><td class="num" data-field="votes">${n(tally.picks)}</td></tr></tfoot>
  </table>
  <ul class="sums">
    <li data-field="participantsSum">${L(
      `참여자 ${n(facts.participants)}명 = 유효 투표 ${n(facts.validBallots)}건 + 투표가 모두 제외된 참여자 ${n(r.setAsideOnlyPeople)}명${r.unexplained === 0 ? '' : ` + 기타 ${n(r.unexplained)}명`}`,
      `${n(facts.participants)} voters = ${n(facts.validBallots)} valid ballots + ${n(r.setAsideOnlyPeople)} people all of whose ballots were set aside${r.unexplained === 0 ? '' : ` + ${n(r.unexplained)} other`}`,
    )}${totalsChannels.length === 0 ? '' : reportedTotalsPeople > 0 ? L(`; 합계 보고 채널 참여자 ${n(reportedTotalsPeople)}명 별도`, `; plus ${n(reportedTotalsPeople)} voters reported by totals channels`) : L('; 합계로 보고된 채널은 참여자 수를 알 수 없어 빠짐', '; channels that reported totals only did not report voters and are not included')}</li>
    <li data-field="setAsideSum">${L(
      `제외된 투표 ${n(facts.setAside)}건 = 위 ${n(r.setAsideOnlyPeople)}명의 투표 ${n(r.setAsideOnlyBallots)}건 + 이미 인정된 투표가 있는 사람의 추가 투표 ${n(r.repeatBallots)}건 + 투표자 정보가 없는 투표 ${n(r.withoutVoter)}건`,
      `${n(facts.setAside)} set-aside ballots = ${n(r.setAsideOnlyBallots)} ballots of those ${n(r.setAsideOnlyPeople)} people + ${n(r.repeatBallots)} further ballots of people already counted + ${n(r.withoutVoter)} ballots without a voter`,
    )}</li>
    <li data-field="setAsideReasons">${L('제외 사유: ', 'Set aside because: ')}${facts.setAsideByReason.length === 0 ? L('없음', 'none') : facts.setAsideByReason.map((s, i) => html`${i > 0 ? ', ' : ''}<span data-reason="${s.code ?? 'other'}">${s.label} ${n(s.count)}${L('건', '')}</span>`)}${facts.countedInPart > 0 ? L(`; 일부 선택만 인정한 투표 ${n(facts.countedInPart)}건`, `; ${n(facts.countedInPart)} ballots counted in part`) : ''}</li>
    ${facts.totalsVotes > 0 ? html`<li data-field="votesSum">${L(`득표 ${n(tally.picks)}표 = 개별 투표의 선택 ${n(facts.picksOnBallots)}표 + 합계 보고 ${n(facts.totalsVotes)}표`, `${n(tally.picks)} votes = ${n(facts.picksOnBallots)} picks on ballots + ${n(facts.totalsVotes)} reported as totals`)}</li>` : ''}
    ${input.byDay.length > 0 ? html`<li data-field="byDay">${L('날짜별 유효 투표: ', 'Valid ballots by day: ')}${input.byDay.map((d) => `${dayLabel(d.label, language)} ${d.voters === null ? '–' : n(d.voters)}`).join(' · ')}${hiddenDays > 0 ? L(` (소수 인원 칸 가림, 표시 합계 ${n(daySum)})`, ` (small cells hidden; shown sum ${n(daySum)})`) : L(` (합계 ${n(daySum)} = 유효 투표)`, ` (sum ${n(daySum)} = valid ballots)`)}</li>` : ''}
  </ul>
</section>
<section aria-labelledby="result">
  <h2 id="result">${L('3. 선정 결과', '3. Result')}</h2>
  <p class="totalline" data-field="spentLine">${L('선정', 'Selected')} <strong data-field="selectedCount">${selected.length}${L('건', '')}</strong>, ${L('사업비 합계', 'total cost')} <strong data-field="spent">${exactMoney(tally.spent, language)}</strong> / ${L('총예산', 'budget')} ${money(tally.budget, language)}, ${left >= 0 ? L('남은 예산', 'left') : L('예산 초과', 'over budget')} <span data-field="left">${money(Math.abs(left), language)}</span></p>
  <table data-table="agendas">
    <thead><tr><th class="num">${L('순위', 'Rank')}</th><th>${L('번호', 'No.')}</th><th>${L('의제명', 'Agenda')}</th><th>${L('분야', 'Field')}</th><th class="num">${L('득표', 'Votes')}</th><th class="num">${L('득표율', 'Share')}</th>${tally.weighted === null ? '' : html`<th class="num">${L('점수', 'Score')}</th>`}<th class="num">${L('사업비', 'Cost')}</th><th>${L('결과', 'Result')}</th></tr></thead>
    <tbody>
      ${facts.agendas.map(
        (a) => html`<tr class="${a.notice.startsWith('selected') ? 'selected' : ''}" data-id="${a.id}" data-status="${a.notice}">
        <td class="num">${a.rank}</td><td class="id">${a.id}</td><td class="title">${a.title}</td><td class="field">${a.field}</td>
        <td class="num" data-field="votes">${n(a.votes)}</td><td class="num">${(a.share * 100).toFixed(1)}%</td>${tally.weighted === null ? '' : html`<td class="num" data-field="score">${a.score === null ? '' : a.score.final.toFixed(2)}</td>`}
        <td class="num" data-field="cost">${money(a.cost, language)}</td><td class="status">${statusWords(a.notice, language)}</td></tr>`,
      )}
    </tbody>
  </table>
  ${budgetChart(
    L('선정 의제의 사업비와 총예산 (점선)', 'Cost of the selected agendas against the budget (dashed line)'),
    selected.map((a) => ({ label: `${a.id} ${a.title}`, cost: a.cost })),
    tally.budget,
    (v) => money(v, language),
  )}
  ${tally.overrides.length === 0
    ? ''
    : html`<p data-field="overrides">${L('위원회 조정: ', 'Committee decisions: ')}${tally.overrides.map((o, i) => html`${i > 0 ? '; ' : ''}${o.id} ${o.decision === 'fund' ? L('선정', 'funded') : L('제외', 'excluded')} — ${o.reason}${o.decidedBy === '' ? '' : ` (${o.decidedBy}${o.date === '' ? '' : `, ${o.date}`})`}`)}</p>`}
</section>
<section aria-labelledby="checks">
  <h2 id="checks">${L('4. 투표 검증', '4. Checks')}</h2>
  ${checksWords(facts, language)}
</section>
<footer>
  <p data-field="times">${L('개표', 'Tallied')} ${facts.tallyRecordedAt === null ? L(`${formatSeoulTimestamp(facts.printedAt).slice(0, 16)} (이 공고를 만들며 개표, 이력에 같은 입력의 개표 기록 없음)`, `${formatSeoulTimestamp(facts.printedAt).slice(0, 16)} (counted for this notice; no tally of these inputs in the log)`) : L(`${facts.tallyRecordedAt.slice(0, 16)} (이력 기록)`, `${facts.tallyRecordedAt.slice(0, 16)} (from the log)`)} · ${L('출력', 'Printed')} ${noticeDay(facts.printedAt, language)} ${formatSeoulTimestamp(facts.printedAt).slice(11, 16)} · Civic Sheets</p>
  <p>${L('같은 투표 자료와 설정으로 다시 개표하면 같은 결과 지문이 나옵니다.', 'Counting the same ballots with the same settings again gives the same result fingerprint.')}<br>
  ${L('입력 지문', 'Input fingerprint')} <span class="fingerprint" data-field="inputFingerprint">${tally.inputFingerprint}</span><br>
  ${L('결과 지문', 'Result fingerprint')} <span class="fingerprint" data-field="resultFingerprint">${tally.resultFingerprint}</span></p>
</footer>
</body>
</html>
`;
  return page.value;
}
