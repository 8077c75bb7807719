import { DEFAULT_THRESHOLDS, findAnomalies, type Flag, type VoteRecord } from '../core/integrity';
import { printLayout } from '../sheets/printLayout';
import { tally as countVotes, type TallyResult } from '../core/tally';
import { describeFilter, describeFlag, describeMethod, KIND_LABELS, SEVERITY_LABELS } from '../sheets/integrityText';
import { TABS } from '../sheets/schema';
import { hashingOf, type HostContext } from './context';
import { loadTallyInputs, type TallyInputs } from './tally';
import { tabNameFor } from './tabs';
import type { Grid, Workbook } from './workbook';
import type { Warning } from '../core/warnings';

export interface IntegrityFlagJson {
  kind: Flag['kind'];
  agendas: string[];
  severity: Flag['severity'];
  score: number;
  ballots: number;
  /** Would the selected set change if these ballots were excluded? */
  changesOutcome: boolean;
  description: string;
  filter: string;
  /** 투표 rows of the flagged ballots (the first 1,000). */
  rows: number[];
}

export interface IntegrityJson {
  flags: IntegrityFlagJson[];
  method: string[];
  thresholds: typeof DEFAULT_THRESHOLDS;
  ballotsChecked: number;
  ballotsWithoutTime: number;
  /** What the seals and 이력's chain say (codes: core/warnings), as `tally --json` gives them. */
  warnings: Warning[];
}

/** Outcome effect is re-tallied per flag; beyond this many flags the rest are marked unchecked. */
const MAX_EFFECT_CHECKS = 40;

/**
 * The 검증 tab: statistical signals and count checks over the counted ballots, each with the
 * ballots involved and whether excluding them would change who is selected. It reads and never
 * changes the vote.
 */
export function runIntegrity(wb: Workbook, ctx: HostContext, given?: { inputs: TallyInputs; result?: TallyResult }): IntegrityJson {
  const inputs = given?.inputs ?? loadTallyInputs(wb, hashingOf(ctx));
  const { settings, agendas, fields, check, totalsRead, overrides, committee } = inputs;
  const result = given?.result ?? countVotes({ agendas, fields, ballots: check.accepted, totals: totalsRead.totals, settings, overrides, committee });
  const records = voteRecords(inputs);
  const thresholds = DEFAULT_THRESHOLDS;
  const flags = [...countFlags(inputs, result), ...findAnomalies(records, thresholds)];

  const selected = [...result.selected].sort().join(',');
  const changesOutcome = (flag: Flag, index: number): boolean => {
    if (flag.rows.length === 0 || index >= MAX_EFFECT_CHECKS || flag.kind === 'duplicate_voter' || flag.kind === 'outside_window') return false;
    const excluded = new Set(flag.rows);
    const without = countVotes({ agendas, fields, ballots: check.accepted.filter((b) => !excluded.has(b.row)), totals: totalsRead.totals, settings, overrides, committee });
    return [...without.selected].sort().join(',') !== selected;
  };
  const json: IntegrityJson = {
    flags: flags.map((flag, i) => ({
      kind: flag.kind,
      agendas: flag.agendas,
      severity: flag.severity,
      score: flag.score,
      ballots: flag.rows.length > 0 ? flag.rows.length : Number(flag.detail.count ?? 0),
      changesOutcome: changesOutcome(flag, i),
      description: describeFlag(flag, ctx.language),
      filter: describeFilter(flag.filter, ctx.language),
      rows: flag.rows.slice(0, 1000),
    })),
    method: describeMethod(thresholds, ctx.language),
    thresholds,
    ballotsChecked: records.length,
    ballotsWithoutTime: records.filter((r) => r.votedAt === null).length,
    warnings: [...inputs.evidence.warnings],
  };
  const headerRow = json.method.length + 3;
  wb.writeTab(tabNameFor(wb, TABS.integrity, ctx.language), integrityGrid(json, ctx), { frozenRows: headerRow, boldRows: [1, headerRow], pageSetup: printLayout('integrity', headerRow) });
  return json;
}

/** The counted ballots carry their 동, so they are the integrity check's records as they are. */
function voteRecords(inputs: TallyInputs): readonly VoteRecord[] {
  return inputs.check.accepted;
}

/** Plain counts that must hold whatever the statistics say. */
function countFlags(inputs: TallyInputs, result: TallyResult): Flag[] {
  const flags: Flag[] = [];
  if (!result.sanity.ok) {
    flags.push({ kind: 'count_sanity', agendas: [], severity: 'alert', score: 0, rows: [], detail: { ballotPicks: result.sanity.ballotPicks, maxPicks: result.sanity.maxPicks }, filter: {} });
  }
  const withCode = (code: string): number[] => inputs.check.setAside.filter((s) => s.problems[0]?.code === code).map((s) => s.ballot.row);
  const duplicates = withCode('duplicate_voter');
  if (duplicates.length > 0) {
    flags.push({ kind: 'duplicate_voter', agendas: [], severity: 'warning', score: 0, rows: duplicates, detail: { count: duplicates.length }, filter: {} });
  }
  // A totals-only channel that said how many people voted: each agenda at most one vote per person,
  // and all its votes at most people × picks.
  const perChannel = new Map<string, { sum: number; max: number; agenda: string }>();
  for (const t of inputs.totalsRead.totals) {
    const c = perChannel.get(t.channel) ?? { sum: 0, max: 0, agenda: '' };
    c.sum += t.votes;
    if (t.votes > c.max) Object.assign(c, { max: t.votes, agenda: t.agendaId });
    perChannel.set(t.channel, c);
  }
  for (const [channel, people] of inputs.totalsRead.participants) {
    const c = perChannel.get(channel);
    if (c === undefined) continue;
    const maxPicks = people * inputs.settings.picks;
    if (c.sum > maxPicks || c.max > people) {
      flags.push({
        kind: 'count_sanity',
        agendas: c.max > people ? [c.agenda] : [],
        severity: 'alert',
        score: 0,
        rows: [],
        detail: { channel, participants: people, votes: c.sum, maxPicks, agendaVotes: c.max },
        filter: { channel },
      });
    }
  }
  const outside = withCode('outside_window');
  if (outside.length > 0) {
    flags.push({ kind: 'outside_window', agendas: [], severity: 'info', score: 0, rows: outside, detail: { count: outside.length }, filter: {} });
  }
  return flags;
}

function integrityGrid(json: IntegrityJson, ctx: HostContext): Grid {
  const ko = ctx.language === 'ko';
  const header = ko
    ? ['종류', '심각도', '의제', '점수', '투표 수', '결과 영향', '관찰 내용', '필터 (투표 탭)', '투표 행 (앞부분)']
    : ['Kind', 'Severity', 'Agendas', 'Score', 'Ballots', 'Changes outcome', 'What was seen', 'Filter (Ballots tab)', 'Ballot rows (first)'];
  const rows = json.flags.map((f) => [
    KIND_LABELS[f.kind][ctx.language],
    SEVERITY_LABELS[f.severity][ctx.language],
    f.agendas.join(', '),
    f.score,
    f.ballots,
    f.changesOutcome ? (ko ? '예: 선정 결과가 바뀜' : 'yes') : ko ? '아니오' : 'no',
    f.description,
    f.filter,
    f.rows.slice(0, 20).join(', '),
  ]);
  const none = json.flags.length === 0 && json.warnings.length === 0 ? [[ko ? '특이 사항 없음' : 'Nothing unusual found']] : [];
  const warned = json.warnings.map((w) => [ko ? '주의' : 'Warning', '', '', '', '', '', w.message]);
  return [
    [ko ? `투표 검증 (투표 ${json.ballotsChecked}건 검사)` : `Vote integrity (${json.ballotsChecked} ballots checked)`],
    ...json.method.map((line) => [line]),
    [],
    header,
    ...warned,
    ...rows,
    ...none,
  ];
}
