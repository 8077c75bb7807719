/**
 * The facts of the result notice (결과 공고): everything the published page states, gathered from
 * the tabs and a fresh tally, as plain data. The page itself is src/report/notice.ts.
 */
import { tally as countVotes } from '../core/tally';
import type { Decision } from '../core/rules/decisions';
import type { Settings } from '../core/types';
import { describeDecision, problemCodeOf, type Language } from '../sheets/messages';
import { reasonLabel } from '../sheets/reasonLabels';
import { TABS } from '../sheets/schema';
import { SETTING_PARSERS } from '../sheets/settings';
import { field, readTable } from '../sheets/table';
import type { IntegrityJson } from './integrity';
import type { TallyJson } from './api';
import type { TallyInputs } from './tally';
import { readSettingsForm } from './settingsForm';
import { readTab } from './tabs';
import type { Workbook } from './workbook';

/** What an agenda's line says: selected, or why not, in the words a resident reads. */
export type NoticeStatus = 'selected' | 'selected_override' | 'no_budget' | 'below_threshold' | 'no_votes' | 'mes_short' | 'withdrawn' | 'excluded_override';

export interface NoticeChannel {
  name: string;
  /** `ballots`: one row per voter in 투표; `totals`: only vote totals were reported (집계). */
  kind: 'ballots' | 'totals';
  /** Counted ballots (0 for a totals channel). */
  ballots: number;
  /** Votes given to agendas (picks on counted ballots, or the reported totals). */
  votes: number;
  /** People the totals channel reported (참여자 수), or null when it did not. */
  participants: number | null;
}

export interface NoticeFacts {
  organization: string;
  title: string;
  department: string;
  /** 공고일 as written in 설정 (epoch ms of that day), or null: the print day is the notice day. */
  noticeDate: number | null;
  printedAt: number;
  /** When 이력 recorded a tally of exactly these inputs (`2020-07-14 10:00:00`), or null. */
  tallyRecordedAt: string | null;
  settings: Settings;
  channels: NoticeChannel[];
  participants: number;
  validBallots: number;
  setAside: number;
  /** Ballots counted with some picks dropped (규칙 위반 투표 = 앞에서 N개). */
  countedInPart: number;
  /**
   * How participants, valid ballots and set-aside ballots add up: participants = valid ballots +
   * people whose only ballots were set aside (+ `unexplained`, 0 unless the tabs disagree);
   * set aside = those people's ballots + second ballots of people counted once + rows without a voter.
   */
  reconciliation: { setAsideOnlyPeople: number; setAsideOnlyBallots: number; repeatBallots: number; withoutVoter: number; unexplained: number };
  setAsideByReason: { code: string | null; label: string; count: number }[];
  picksOnBallots: number;
  totalsVotes: number;
  agendas: (TallyJson['agendas'][number] & { notice: NoticeStatus; why: string })[];
  checks: { published: boolean; ballotsChecked: number; kinds: string[]; flags: number; changingOutcome: number; countsOk: boolean };
}

const SET_ASIDE_ACTION = ['제외', 'set aside'];
const IN_PART_ACTION = ['일부 반영', 'counted in part'];

export function noticeFacts(wb: Workbook, now: number, language: Language, tally: TallyJson, inputs: TallyInputs, integrity: IntegrityJson, auditBefore: string | null): NoticeFacts {
  const text = readSettingsForm(wb).values;
  const { settings, check, totalsRead } = inputs;
  const result = countVotes({ agendas: inputs.agendas, fields: inputs.fields, ballots: check.accepted, totals: totalsRead.totals, settings, overrides: inputs.overrides, committee: inputs.committee });
  const decisions = new Map(result.outcomes.map((o) => [o.agenda.id, o.decision]));
  const setAsideTab = readSetAside(wb, new Set(check.accepted.map((b) => b.voterKey).filter((k) => k !== '')), language);
  const reconciliation = { ...setAsideTab.reconciliation, unexplained: tally.voters - tally.validBallots - setAsideTab.reconciliation.setAsideOnlyPeople };
  return {
    organization: text.organization ?? '',
    title: text.title ?? '',
    department: text.department ?? '',
    noticeDate: SETTING_PARSERS.windowStart(text.noticeDate ?? '') ?? null,
    printedAt: now,
    tallyRecordedAt: auditBefore,
    settings,
    channels: channels(inputs),
    participants: tally.voters,
    validBallots: tally.validBallots,
    setAside: tally.setAside,
    countedInPart: setAsideTab.inPart,
    reconciliation,
    setAsideByReason: setAsideTab.byReason,
    picksOnBallots: tally.check.ballotPicks,
    totalsVotes: tally.picks - tally.check.ballotPicks,
    agendas: tally.agendas.map((a) => {
      const decision = decisions.get(a.id) as Decision;
      return { ...a, notice: noticeStatus(decision), why: describeDecision(decision, a.rank, language) };
    }),
    checks: {
      published: SETTING_PARSERS.publishChecks(text.publishChecks ?? '') ?? true,
      ballotsChecked: integrity.ballotsChecked,
      kinds: [...new Set(integrity.flags.map((f) => f.kind))],
      flags: integrity.flags.filter((f) => f.kind !== 'count_sanity').length,
      changingOutcome: integrity.flags.filter((f) => f.changesOutcome).length,
      countsOk: tally.check.ok,
    },
  };
}

export function noticeStatus(decision: Decision): NoticeStatus {
  switch (decision.code) {
    case 'selected':
    case 'overshoot':
    case 'mes_selected':
      return 'selected';
    case 'does_not_fit':
    case 'after_stop':
      return 'no_budget';
    case 'below_threshold':
      return 'below_threshold';
    case 'no_votes':
      return 'no_votes';
    case 'mes_short':
      return 'mes_short';
    case 'withdrawn':
      return 'withdrawn';
    case 'override':
      return decision.selected ? 'selected_override' : 'excluded_override';
  }
}

/** Channels of the counted ballots, then the totals-only channels, each once. */
function channels(inputs: TallyInputs): NoticeChannel[] {
  const byName = new Map<string, NoticeChannel>();
  for (const ballot of inputs.check.accepted) {
    const name = ballot.channel;
    const channel = byName.get(`b:${name}`) ?? { name, kind: 'ballots' as const, ballots: 0, votes: 0, participants: null };
    channel.ballots += 1;
    channel.votes += ballot.picks.length;
    byName.set(`b:${name}`, channel);
  }
  for (const total of inputs.totalsRead.totals) {
    const channel = byName.get(`t:${total.channel}`) ?? { name: total.channel, kind: 'totals' as const, ballots: 0, votes: 0, participants: inputs.totalsRead.participants.get(total.channel) ?? null };
    channel.votes += total.votes;
    byName.set(`t:${total.channel}`, channel);
  }
  return [...byName.values()];
}

/** The 제외 tab: set-aside ballots by reason, and how they relate to the people counted. */
function readSetAside(wb: Workbook, countedVoters: ReadonlySet<string>, language: Language): { byReason: NoticeFacts['setAsideByReason']; inPart: number; reconciliation: Omit<NoticeFacts['reconciliation'], 'unexplained'> } {
  const tab = readTab(wb, 'setAside');
  const reconciliation = { setAsideOnlyPeople: 0, setAsideOnlyBallots: 0, repeatBallots: 0, withoutVoter: 0 };
  if (tab === null || tab.grid.length === 0) return { byReason: [], inPart: 0, reconciliation };
  const table = readTable(tab.grid, TABS.setAside, tab.name);
  const counts = new Map<string, { code: string | null; label: string; count: number }>();
  const people = new Set<string>();
  let inPart = 0;
  for (const row of table.rows) {
    const action = field(table, row, 'action');
    if (IN_PART_ACTION.includes(action)) inPart += 1;
    if (!SET_ASIDE_ACTION.includes(action)) continue;
    const reason = field(table, row, 'reason');
    const code = problemCodeOf(reason);
    const label = code === null ? (language === 'ko' ? '기타' : 'other') : reasonLabel(code, language);
    const entry = counts.get(label) ?? { code, label, count: 0 };
    entry.count += 1;
    counts.set(label, entry);
    const voter = field(table, row, 'voterKey');
    if (voter === '') reconciliation.withoutVoter += 1;
    else if (countedVoters.has(voter)) reconciliation.repeatBallots += 1;
    else {
      reconciliation.setAsideOnlyBallots += 1;
      people.add(voter);
    }
  }
  reconciliation.setAsideOnlyPeople = people.size;
  return { byReason: [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)), inPart, reconciliation };
}
