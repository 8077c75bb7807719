import { AgendaLookup } from '../core/agendaLookup';
import { formatMoney, minorToUnits } from '../core/amount';
import { printLayout } from '../sheets/printLayout';
import { CandidateColumns, checkBallotColumns, type CandidateBallot, type Candidates, type SetAsideBallot, type TrimmedBallot, type VotersSeen } from '../core/ballots';
import { Fingerprint, sha256Hex } from '../core/hash';
import { portableHashing, type Hashing } from '../core/hashing';
import { StringPool } from '../core/stringPool';
import { tally as countVotes, type Decision, type TallyResult } from '../core/tally';
import type { Agenda, Ballot, ChannelTotal, CommitteeScore, Field, Override, Problem, Settings } from '../core/types';
import { readAgendas, readFields } from '../sheets/agendas';
import { ChoiceSets } from '../sheets/choiceSets';
import { LIST_SEPARATOR, PARTICIPANTS_AGENDA } from '../sheets/exportTable';
import { describeDecision, describeProblems } from '../sheets/messages';
import { readOverrides } from '../sheets/overrides';
import { readScores } from '../sheets/scores';
import { partName, resultsGrid, scoreFormula } from '../sheets/results';
import { gridAsRead } from '../sheets/typedCells';
import { TABS } from '../sheets/schema';
import { cellText, field, readTable, type Table } from '../sheets/table';
import type { OverrideJson, TallyJson } from './api';
import { appendAudit } from './audit';
import { chainStartedWarning, chainStartsAt, resultsTabMac } from './auditChain';
import { documentKey } from './documentKey';
import { checkEvidence, type Evidence } from './evidence';
import { runIntegrity } from './integrity';
import { runStatistics } from './statistics';
import { hashingOf, type HostContext } from './context';
import { findTab, optionalTable, readTab, requireSettingsRead, requireTable, tabNameFor } from './tabs';
import { protectToolTabs } from './toolTabs';
import { chartRoom, type Cell, type Workbook } from './workbook';
import { warning, type Warning } from '../core/warnings';

const TALLY_STAGE = ['개표', 'tally'];
const SET_ASIDE_ACTION = ['제외', 'set aside'];

/**
 * The one-click tally: reads the tabs, re-applies the ballot rules (settings may have changed
 * since the import), counts, cuts at the budget and rewrites 결과. It is a pure function of the
 * tabs, so running it twice gives the same 결과 and never counts anything twice.
 */
export function runTally(wb: Workbook, ctx: HostContext): TallyJson {
  // Each tab is found by one getSheetByName (on Sheets) while all are there under the tool's own
  // names: init makes every tab the tally reads (인구 included), and the first tally makes the two
  // it writes besides 결과 (검증, 통계). So a tally does not grow with the tabs staff keep of their
  // own. Finding a tab missing takes the list of every tab (a call a tab): those that may be
  // missing are asked first, so that a workbook lacking one (a first tally, a workbook made before
  // init made 인구, or one where staff deleted it) lists its tabs at once and asks no tab by name as well.
  for (const spec of [TABS.integrity, TABS.statistics, TABS.population]) if (findTab(wb, spec) === null) break;
  const hashing = hashingOf(ctx);
  const inputs = loadTallyInputs(wb, hashing);
  const { settings, agendas, fields, candidates, check, totalsRead, overrides, committee } = inputs;

  const inputFingerprint = fingerprintInput(settings, fields, agendas, candidates, totalsRead.totals, overrides, committee, hashing);
  const result = countVotes({ agendas, fields, ballots: check.accepted, totals: totalsRead.totals, settings, overrides, committee });

  const tallySetAside = [
    ...check.setAside.map((s) => setAsideRecord(ctx, s.ballot.source, s.ballot.row, s.ballot.voterKey, s.problems, s.ballot, true)),
    ...check.trimmed.map((t) => setAsideRecord(ctx, t.ballot.source, t.ballot.row, t.ballot.voterKey, t.problems, null, false)),
    ...totalsRead.setAside.map((s) => setAsideRecord(ctx, s.source, s.row, '', [s.problem], null, true)),
  ];
  const setAsideSummary = rewriteTallySetAside(wb, ctx, tallySetAside);
  const voters = countVoters(check, setAsideSummary.voterKeys, check.accepted.length + setAsideSummary.setAside);

  const warnings = tallyWarnings(inputs);
  const json = tallyJson(result, settings, ctx, {
    voters,
    setAside: setAsideSummary.setAside,
    inputFingerprint,
    warnings: [...warnings, ...inputs.evidence.warnings],
  });
  const key = documentKey(wb, ctx);
  const audit = readTab(wb, 'audit');
  if (chainStartsAt(audit)) json.warnings.push(chainStartedWarning());
  const { grid, tableHeaderRow, charts, formats } = resultsGrid(result, settings, { voters, setAside: setAsideSummary.setAside, inputFingerprint, resultFingerprint: json.resultFingerprint, warnings: json.warnings }, ctx.language);
  const resultsName = tabNameFor(wb, TABS.results, ctx.language);
  wb.writeTab(resultsName, grid, { frozenRows: tableHeaderRow, boldRows: [1, tableHeaderRow], formats, pageSetup: printLayout('results', tableHeaderRow), room: chartRoom(charts) });
  wb.replaceCharts?.(resultsName, charts);
  protectToolTabs(wb, ctx);
  appendAudit(wb, ctx, audit, {
    what: 'tally',
    detail: `${json.selected.length}/${agendas.length} ${ctx.language === 'ko' ? '선정' : 'selected'}, ${json.spent}/${json.budget}${overridesDetail(overrides, ctx)}`,
    input: inputFingerprint,
    settings: settingsSummary(settings, overrides),
    result: json.resultFingerprint,
    // Over the cells as a host reads them back (a share written 0.16 as `0.0%` reads `16%`).
    resultsTab: resultsTabMac(key, gridAsRead(grid, formats)),
    seal: inputs.evidence.checkedBallots,
  });
  runIntegrity(wb, ctx, { inputs, result });
  runStatistics(wb, ctx, inputs);
  return json;
}

/** A counted ballot with the 투표 columns the integrity check and the statistics read. */
export interface CountedBallot extends Ballot {
  dong: string;
  ageGroup: string;
  gender: string;
}

/** The rule check of the 투표 tab, as the tally, the integrity check and the statistics use it. */
export interface TallyCheck {
  accepted: CountedBallot[];
  setAside: SetAsideBallot[];
  trimmed: TrimmedBallot[];
  /** Distinct voter keys in 투표, and its rows without one. */
  voters: VotersSeen;
  rowsWithoutVoter: number;
}

/** Everything a tally reads, with the ballot rules re-applied: shared by the tally and the integrity check. */
export interface TallyInputs {
  settings: Settings;
  agendas: Agenda[];
  fields: Field[];
  ballotsTable: Table | null;
  /** One per 투표 row, in row order. */
  candidates: Candidates;
  check: TallyCheck;
  totalsRead: TotalsRead;
  /** 조정: applied after the rule; empty when the workbook has no 조정 tab. */
  overrides: Override[];
  /** 심사: committee scores (empty without a 심사 tab). */
  committee: CommitteeScore[];
  /** Keys in 설정 nothing reads. */
  settingsWarnings: Warning[];
  /** What the seals and 이력's chain say (evidence.ts). */
  evidence: Evidence;
}

export function loadTallyInputs(wb: Workbook, hashing: Hashing = portableHashing): TallyInputs {
  const { settings, warnings: settingsWarnings } = requireSettingsRead(wb);
  const agendas = readAgendas(requireTable(wb, 'agendas'));
  const fields = readFields(optionalTable(wb, 'fields'));
  // 투표 checked against its seals and 이력 first; rows holding a formula are not counted.
  const evidence = checkEvidence(wb, optionalTable(wb, 'ballots'), hashing);
  const ballotsTable = evidence.ballotsTable;
  const candidates: Candidates = ballotsTable === null ? new CandidateColumns() : new TabCandidates(ballotsTable);
  const check = checkTabBallots(ballotsTable, candidates, agendas, settings);
  const totalsRead = readTotals(optionalTable(wb, 'totals'), agendas);
  const overrides = readOverrides(optionalTable(wb, 'overrides'), agendas);
  const committee = readScores(optionalTable(wb, 'scores'), agendas);
  return { settings, agendas, fields, ballotsTable, candidates, check, totalsRead, overrides, committee, settingsWarnings, evidence };
}

/**
 * What a person should check before relying on the result: settings keys nothing reads, no voting
 * window, nothing counted. Shown in `tally --json`, the CLI, the sidebar and 결과's header.
 */
export function tallyWarnings(inputs: TallyInputs): Warning[] {
  const out = [...inputs.settingsWarnings];
  const { settings } = inputs;
  if (settings.windowStart === null && settings.windowEnd === null && inputs.candidates.length > 0) {
    out.push(warning('no_window', '설정에 투표 기간(투표 시작·투표 종료)이 없어 모든 투표를 시각과 관계없이 셉니다 / No voting window in Settings: every ballot counts whatever its time'));
  }
  // `1-1` typed into a cell that is not plain text becomes a date: the ballots naming `1-1` then miss it.
  const dated = inputs.agendas.filter((a) => /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(a.id)).map((a) => a.id);
  if (dated.length > 0) {
    out.push(warning('agenda_id_date', `의제 번호 ${dated.join(', ')}은(는) 스프레드시트가 날짜로 바꾼 값입니다. 번호 열을 일반 텍스트로 지정하고 다시 입력하세요 / Agenda ids ${dated.join(', ')} are dates the spreadsheet made from what was typed: format the id column as plain text and type them again`));
  }
  const totalsVotes = inputs.totalsRead.totals.reduce((sum, t) => sum + t.votes, 0);
  if (inputs.check.accepted.length === 0 && totalsVotes === 0) {
    out.push(warning('no_ballots', '센 투표가 없습니다: 투표 탭과 설정(기간, 선택 수)을 확인하세요 / No ballot was counted: check the Ballots tab and Settings (window, picks)'));
  }
  return out;
}

/** The text of a cell by column index, '' for a column the tab lacks (-1). */
function cellAt(row: readonly Cell[], index: number): string {
  return index < 0 ? '' : cellText(row[index]);
}

/**
 * The 투표 rows as the rule check reads them: each value read from its row when asked. The rows
 * are held anyway (by the host, and in the table); copying five of their columns into arrays of
 * their own, and every pick into a list, cost about 64 MB more at a million ballots.
 */
class TabCandidates implements Candidates {
  private readonly at: Record<'voterKey' | 'votedAt' | 'choices' | 'channel' | 'source', number>;
  // A 선택 cell is one of a few hundred combinations: each is split once, its picks shared, and
  // the few distinct agenda ids kept once each.
  private readonly choiceSets = new ChoiceSets(new StringPool());

  constructor(private readonly table: Table) {
    const at = (key: string): number => table.columns.get(key) ?? -1;
    this.at = { voterKey: at('voterKey'), votedAt: at('votedAt'), choices: at('choices'), channel: at('channel'), source: at('source') };
  }

  get length(): number {
    return this.table.rows.length;
  }

  voterKey(index: number): string {
    return cellAt(this.table.rows[index], this.at.voterKey);
  }

  timeText(index: number): string {
    return cellAt(this.table.rows[index], this.at.votedAt);
  }

  channel(index: number): string {
    return cellAt(this.table.rows[index], this.at.channel);
  }

  source(index: number): string {
    return cellAt(this.table.rows[index], this.at.source);
  }

  row(index: number): number {
    return this.table.rowNumbers[index];
  }

  choicesOf(index: number): readonly string[] {
    return this.choiceSets.ofList(cellAt(this.table.rows[index], this.at.choices));
  }

  candidate(index: number): CandidateBallot {
    return { voterKey: this.voterKey(index), timeText: this.timeText(index), choices: [...this.choicesOf(index)], channel: this.channel(index), source: this.source(index), row: this.row(index) };
  }
}

/**
 * The ballot rules re-applied to 투표 (settings may have changed since the import). A row without
 * a voter key came from an export without a voter column (the import sets aside a blank voter in
 * an export that has one), so it counts; duplicates are looked for among the keys there are.
 */
function checkTabBallots(table: Table | null, candidates: Candidates, agendas: readonly Agenda[], settings: Settings): TallyCheck {
  const check: TallyCheck = { accepted: [], setAside: [], trimmed: [], voters: { count: 0, has: () => false }, rowsWithoutVoter: 0 };
  if (table === null) return check;
  for (let i = 0; i < candidates.length; i++) if (candidates.voterKey(i) === '') check.rowsWithoutVoter++;
  const at = (key: string): number => table.columns.get(key) ?? -1;
  const [dong, ageGroup, gender] = ['dong', 'ageGroup', 'gender'].map(at);
  // What the rule check decided for each counted row; a ballot reads the rest from the columns.
  const times = new Float64Array(candidates.length);
  const keptPicks = new Array<readonly string[]>(candidates.length);
  const Counted = countedBallotView(table, candidates, times, keptPicks, { dong, ageGroup, gender });
  // Room for every row made once (a million pushes cost more); cut to the counted ones after.
  const accepted = new Array<CountedBallot>(candidates.length);
  let counted = 0;
  check.voters = checkBallotColumns(candidates, agendas, settings, { hasVoterColumn: false, hasTimeColumn: false }, {
    accepted(index, votedAt, picks, fixed) {
      times[index] = votedAt ?? NaN;
      keptPicks[index] = picks;
      const ballot: CountedBallot = new Counted(index);
      accepted[counted++] = ballot;
      if (fixed !== null) check.trimmed.push({ ballot, problems: fixed });
    },
    setAside(index, problems) {
      check.setAside.push({ ballot: candidates.candidate(index), problems });
    },
  });
  accepted.length = counted;
  check.accepted = accepted;
  return check;
}

/**
 * Counted ballots as views over the tally's columns: an object holding its row index, its fields
 * read from the columns when asked. A million ballots of nine fields each (and a boxed time) were
 * about 110 MB held through the whole tally; as views they are about 30 MB.
 */
function countedBallotView(
  table: Table,
  candidates: Candidates,
  times: Float64Array,
  keptPicks: readonly (readonly string[])[],
  at: { dong: number; ageGroup: number; gender: number },
): new (index: number) => CountedBallot {
  return class implements CountedBallot {
    constructor(private readonly index: number) {}
    get voterKey(): string {
      return candidates.voterKey(this.index);
    }
    get votedAt(): number | null {
      const time = times[this.index];
      return Number.isNaN(time) ? null : time;
    }
    get picks(): readonly string[] {
      return keptPicks[this.index];
    }
    get channel(): string {
      return candidates.channel(this.index);
    }
    get source(): string {
      return candidates.source(this.index);
    }
    get row(): number {
      return candidates.row(this.index);
    }
    get dong(): string {
      return cellAt(table.rows[this.index], at.dong);
    }
    get ageGroup(): string {
      return cellAt(table.rows[this.index], at.ageGroup);
    }
    get gender(): string {
      return cellAt(table.rows[this.index], at.gender);
    }
  };
}

export function ballotCandidates(table: Table): CandidateBallot[] {
  return table.rows.map((row, i) => ({
    voterKey: field(table, row, 'voterKey'),
    timeText: field(table, row, 'votedAt'),
    choices: field(table, row, 'choices').split(LIST_SEPARATOR),
    channel: field(table, row, 'channel'),
    source: field(table, row, 'source'),
    row: table.rowNumbers[i],
  }));
}

export interface TotalsRead {
  totals: ChannelTotal[];
  /** People who voted in each totals-only channel, when the channel reported it. */
  participants: Map<string, number>;
  setAside: { source: string; row: number; problem: Problem }[];
}

function readTotals(table: Table | null, agendas: readonly Agenda[]): TotalsRead {
  const read: TotalsRead = { totals: [], participants: new Map(), setAside: [] };
  if (table === null) return read;
  const lookup = new AgendaLookup(agendas);
  table.rows.forEach((row, i) => {
    const agendaText = field(table, row, 'agenda');
    const votesText = field(table, row, 'votes').replace(/[,\s]/g, '');
    const agenda = lookup.find(agendaText);
    const source = field(table, row, 'source');
    const at = table.rowNumbers[i];
    if (agendaText === PARTICIPANTS_AGENDA && /^\d+$/.test(votesText)) {
      const channel = field(table, row, 'channel');
      read.participants.set(channel, (read.participants.get(channel) ?? 0) + Number(votesText));
    } else if (agenda === undefined) read.setAside.push({ source, row: at, problem: { code: 'unknown_agenda', detail: { choice: agendaText } } });
    else if (!/^\d+$/.test(votesText)) read.setAside.push({ source, row: at, problem: { code: 'bad_votes', detail: { votes: votesText } } });
    else read.totals.push({ channel: field(table, row, 'channel'), agendaId: agenda.id, votes: Number(votesText), source });
  });
  return read;
}

function setAsideRecord(
  ctx: HostContext,
  source: string,
  row: number,
  voterKey: string,
  problems: Problem[],
  ballot: CandidateBallot | null,
  wholeBallot: boolean,
): Record<string, Cell> {
  const ko = ctx.language === 'ko';
  return {
    stage: ko ? '개표' : 'tally',
    action: wholeBallot ? (ko ? '제외' : 'set aside') : ko ? '일부 반영' : 'counted in part',
    source,
    file: ko ? `투표 탭 ${row}행` : `Ballots tab row ${row}`,
    row,
    voterKey,
    reason: describeProblems(problems, ctx.language),
    content: ballot === null ? '' : `${ballot.timeText}; ${ballot.choices.join(', ')}; ${ballot.channel}`,
  };
}

/**
 * Replaces the rows a previous tally put in 제외 (an import's rows stay), so re-running the
 * tally never lists a ballot twice. Returns the set-aside count and the voter keys seen there.
 */
function rewriteTallySetAside(wb: Workbook, ctx: HostContext, records: Record<string, Cell>[]): { setAside: number; voterKeys: string[] } {
  const tab = readTab(wb, 'setAside');
  const spec = TABS.setAside;
  const name = tab?.name ?? tabNameFor(wb, spec, ctx.language);
  const table = tab === null || tab.grid.length === 0 ? null : readTable(tab.grid, spec, tab.name);
  const header = table?.header ?? spec.columns.map((c) => (ctx.language === 'ko' ? c.ko : c.en));
  const kept = table === null ? [] : table.rows.filter((row) => !TALLY_STAGE.includes(field(table, row, 'stage')));
  const position = (key: string): number => (table === null ? spec.columns.findIndex((c) => c.key === key) : (table.columns.get(key) ?? -1));
  const added = records.map((record) => {
    const row: Cell[] = new Array<Cell>(header.length).fill(null);
    for (const column of spec.columns) {
      const index = position(column.key);
      if (index >= 0) row[index] = record[column.key] ?? null;
    }
    return row;
  });
  const hadTallyRows = table !== null && kept.length !== table.rows.length;
  if (added.length > 0 || hadTallyRows) wb.writeTab(name, [header, ...kept.map((row) => [...row]), ...added], { frozenRows: 1, boldRows: [1] });
  const all = [...kept, ...added];
  const at = (key: string, row: readonly Cell[]): string => {
    const index = position(key);
    return index < 0 ? '' : cellText(row[index]);
  };
  return {
    setAside: all.filter((row) => SET_ASIDE_ACTION.includes(at('action', row))).length,
    voterKeys: all.map((row) => at('voterKey', row)).filter((k) => k !== ''),
  };
}

/** Participants: distinct voter keys among counted and set-aside ballots (each person once). */
function countVoters(check: TallyCheck, setAsideKeys: readonly string[], fallback: number): number {
  const elsewhere = new Set(setAsideKeys.filter((key) => !check.voters.has(key)));
  const people = check.voters.count + elsewhere.size + check.rowsWithoutVoter;
  return people > 0 ? people : fallback;
}

export function fingerprintInput(
  settings: Settings,
  fields: readonly Field[],
  agendas: readonly Agenda[],
  ballots: Candidates,
  totals: readonly ChannelTotal[],
  overrides: readonly Override[],
  committee: readonly CommitteeScore[],
  hashing: Hashing = portableHashing,
): string {
  const fp = new Fingerprint(hashing);
  fp.addText(JSON.stringify(settings));
  for (const f of fields) fp.addRow([f.name, f.budget]);
  for (const a of agendas) fp.addRow([a.id, a.title, a.field, a.cost]);
  const row: string[] = ['', '', '', ''];
  // Ballots written alike share their choices array, and so its text here.
  const joined = new Map<readonly string[], string>();
  for (let i = 0; i < ballots.length; i++) {
    const choices = ballots.choicesOf(i);
    let text = joined.get(choices);
    if (text === undefined) {
      text = choices.join(',');
      if (joined.size < 10_000) joined.set(choices, text);
    }
    row[0] = ballots.voterKey(i);
    row[1] = ballots.timeText(i);
    row[2] = text;
    row[3] = ballots.channel(i);
    fp.addRow(row);
  }
  for (const t of totals) fp.addRow([t.channel, t.agendaId, t.votes]);
  // Only when there are some, so a workbook without 조정 keeps the fingerprint it always had.
  for (const c of committee) fp.addRow(['score', c.agendaId, c.scorer, c.score]);
  for (const o of overrides) fp.addRow(['override', o.agendaId, o.selected ? 'fund' : 'exclude', o.reason, o.decidedBy, o.date]);
  return fp.hex();
}

/** The 이력 row's settings: the 설정 values, and the overrides applied (with their reasons). */
function settingsSummary(settings: Settings, overrides: readonly Override[]): string {
  const applied = overrides.map((o) => ({ agenda: o.agendaId, decision: o.selected ? 'fund' : 'exclude', reason: o.reason, decidedBy: o.decidedBy, date: o.date }));
  return JSON.stringify({ ...settings, windowStart: settings.windowStart, windowEnd: settings.windowEnd, ...(applied.length > 0 ? { overrides: applied } : {}) });
}

function overridesDetail(overrides: readonly Override[], ctx: HostContext): string {
  if (overrides.length === 0) return '';
  const list = overrides.map((o) => `${o.agendaId} ${o.selected ? (ctx.language === 'ko' ? '선정' : 'fund') : ctx.language === 'ko' ? '제외' : 'exclude'}`).join(', ');
  return ctx.language === 'ko' ? `, 조정 ${overrides.length}건 (${list})` : `, ${overrides.length} override(s) (${list})`;
}

export function tallyJson(result: TallyResult, settings: Settings, ctx: HostContext, extra: { voters: number; setAside: number; inputFingerprint: string; warnings?: Warning[] }): TallyJson {
  const scale = settings.moneyScale ?? 0;
  // Amounts are in minor units inside the tally; JSON gives them in the currency's units.
  const units = (minor: number): number => minorToUnits(minor, scale);
  const agendas = result.outcomes.map((o) => ({
    id: o.agenda.id,
    title: o.agenda.title,
    field: o.agenda.field,
    cost: units(o.agenda.cost),
    votes: o.votes,
    share: Math.round(o.share * 1e6) / 1e6,
    rank: o.rank,
    status: o.status,
    reason: describeDecision(o.decision, o.rank, ctx.language, scale),
    totalsVotes: o.totalsVotes,
    tie: o.tie,
    override: o.decision.code === 'override' ? overrideJson(o.decision, o.rank, ctx) : null,
    score: o.score === null ? null : { final: round6(o.score.final), scorers: o.score.scorers, parts: o.score.parts.map((p) => ({ part: partName(p.source, ctx.language), weight: p.weight, raw: round6(p.raw), normalized: round6(p.normalized), points: round6(p.points) })) },
  }));
  const body = {
    rule: settings.rule,
    tieBreak: settings.tieBreak.includes('order') ? settings.tieBreak : [...settings.tieBreak, 'order'],
    budget: units(result.budget),
    spent: units(result.spent),
    voters: extra.voters,
    validBallots: result.validBallots,
    setAside: extra.setAside,
    picks: result.picks,
    agendas,
    selected: result.selected,
    seed: settings.seed,
    threshold: result.threshold,
    check: result.sanity,
    fields: scale === 0 ? result.fields : result.fields.map((f) => ({ ...f, budget: units(f.budget), spent: units(f.spent), returned: units(f.returned) })),
    leftover: settings.leftover,
    overshoot: settings.overshoot,
    overspend: units(result.overspend),
    mes: result.mes === null || scale === 0 || !/^\d+$/.test(result.mes.perVoterBudget) ? result.mes : { ...result.mes, perVoterBudget: formatMoney(Number(result.mes.perVoterBudget), scale).replace(/,/g, '') },
    weighted: weightedJson(result, ctx),
    overrides: agendas.filter((a) => a.override !== null).map((a) => ({ id: a.id, ...(a.override as OverrideJson) })),
    inputFingerprint: extra.inputFingerprint,
  };
  // Warnings stay outside the fingerprint: they describe the input, the result does not depend on them.
  return { ...body, warnings: extra.warnings ?? [], resultFingerprint: sha256Hex(JSON.stringify(body)) };
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

function weightedJson(result: TallyResult, ctx: HostContext): TallyJson['weighted'] {
  const w = result.weighted;
  if (w === null) return null;
  return {
    weights: w.weights.map((x) => ({ part: partName(x.source, ctx.language), weight: x.weight })),
    normalization: w.normalization,
    formula: scoreFormula(w, ctx.language),
    scorers: w.scorers,
    effectiveWeights: w.effectiveWeights.map((e) => ({ part: partName(e.source, ctx.language), voters: e.voters, scorers: e.scorers, ratio: round6(e.ratio) })),
  };
}

function overrideJson(decision: Extract<Decision, { code: 'override' }>, rank: number, ctx: HostContext): OverrideJson {
  return {
    decision: decision.selected ? 'fund' : 'exclude',
    reason: decision.reason,
    decidedBy: decision.decidedBy ?? '',
    date: decision.date ?? '',
    ruleReason: describeDecision(decision.ruleDecision, rank, ctx.language),
  };
}

