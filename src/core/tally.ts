import { UserError } from './errors';
import { rankAgendas, type Ranked } from './ranking';
import type { Decision, FieldOutcome } from './rules/decisions';
import { equalShares } from './rules/equalShares';
import { cutGreedy } from './rules/greedy';
import type { Agenda, Ballot, ChannelTotal, CommitteeScore, Field, Override, Settings, TieBreaker } from './types';
import { committeeMeans, weightedScores, type AgendaScore, type WeightedScoring } from './weightedScores';

export interface TallyInput {
  agendas: readonly Agenda[];
  fields: readonly Field[];
  /** Ballots that passed the rules (see checkBallots). */
  ballots: readonly Ballot[];
  totals: readonly ChannelTotal[];
  settings: Settings;
  /** 조정: the committee's decisions, applied after the rule (each with its reason). */
  overrides?: readonly Override[];
  /** 심사: committee scores, for weighted scores and the `committee_desc` tie-break. */
  committee?: readonly CommitteeScore[];
}

export type Status = 'selected' | 'on_hold' | 'not_selected';

export type { Decision, FieldOutcome } from './rules/decisions';

export interface AgendaOutcome {
  agenda: Agenda;
  rank: number;
  votes: number;
  /** Of which from individual ballots and from totals-only channels. */
  ballotVotes: number;
  totalsVotes: number;
  /** Votes / all valid picks (the way Korean districts publish it), 0..1. */
  share: number;
  status: Status;
  decision: Decision;
  tie: { with: string[]; decidedBy: TieBreaker; atBoundary: boolean } | null;
  /** The weighted final score and its parts (null when the agendas are ranked by votes). */
  score: AgendaScore | null;
}

export interface TallyResult {
  outcomes: AgendaOutcome[];
  selected: string[];
  budget: number;
  spent: number;
  left: number;
  validBallots: number;
  /** Picks from individual ballots, and all votes including totals-only channels. */
  ballotPicks: number;
  picks: number;
  fields: FieldOutcome[];
  /** The money the per-field pass left for the pooled pass (null without field budgets). */
  pool: number | null;
  sanity: { ballotPicks: number; maxPicks: number; exact: boolean; ok: boolean };
  /** Minimum votes actually applied, after turning a percentage into votes. */
  threshold: number;
  /** Money spent beyond the budget by the overshoot rule (0 otherwise). */
  overspend: number;
  /** Method of Equal Shares details (null for greedy rules). */
  mes: { completion: Settings['mesCompletion']; perVoterBudget: string; runs: number; replays: number } | null;
  /** Weighted scores (가중치): how the final score was made; null when ranked by votes. */
  weighted: WeightedScoring | null;
}

/**
 * Counts the votes, ranks, and fills the budget in rank order (greedy). With field budgets
 * (분야별 예산) each field is filled first from its own budget, then what is left of the total
 * — including what fields did not spend — is filled across all fields in global rank order.
 * `greedy` skips an agenda that does not fit and goes on; `greedy-stop` stops at it.
 */
export function tally(input: TallyInput): TallyResult {
  const { agendas, settings } = input;
  const ballotVotes = new Map<string, number>(agendas.map((a) => [a.id, 0]));
  let ballotPicks = 0;
  for (const ballot of input.ballots) {
    ballot.picks.forEach((pick, i) => {
      // Cumulative ballots count points; approval and choose-1 ballots count 1 a pick.
      ballotVotes.set(pick, (ballotVotes.get(pick) ?? 0) + (ballot.points?.[i] ?? 1));
      ballotPicks += 1;
    });
  }
  const totalsVotes = new Map<string, number>();
  for (const total of input.totals) totalsVotes.set(total.agendaId, (totalsVotes.get(total.agendaId) ?? 0) + total.votes);
  const votes = new Map(agendas.map((a) => [a.id, (ballotVotes.get(a.id) ?? 0) + (totalsVotes.get(a.id) ?? 0)]));
  const picks = ballotPicks + [...totalsVotes.values()].reduce((sum, v) => sum + v, 0);

  const committee = input.committee ?? [];
  const weighted =
    settings.weights === undefined || settings.weights.length === 0
      ? null
      : weightedScores({ agendas, ballots: input.ballots, totals: input.totals, committee, weights: settings.weights, normalization: settings.normalization ?? 'share' });
  const committeePoints = weighted?.committeePoints ?? new Map([...committeeMeans(committee).means].map(([id, mean]) => [id, mean.valueOf()]));
  const ranked = rankAgendas(agendas, votes, settings.tieBreak, settings.seed, { score: weighted?.rankKey, committee: committeePoints });
  const threshold = minimumVotes(settings, input.ballots.length);
  const fieldBudgets = input.fields.filter((f): f is Field & { budget: number } => f.budget !== null);
  const budget = totalBudget(settings, fieldBudgets);
  const cut = cutBudget(ranked, fieldBudgets, budget, settings, threshold, input.ballots);
  applyOverrides(cut.decisions, input.overrides ?? []);

  const outcomes: AgendaOutcome[] = ranked.map((r) => {
    const decision = cut.decisions.get(r.agenda.id) as Decision;
    return {
      agenda: r.agenda,
      rank: r.rank,
      votes: r.votes,
      ballotVotes: ballotVotes.get(r.agenda.id) ?? 0,
      totalsVotes: totalsVotes.get(r.agenda.id) ?? 0,
      share: picks === 0 ? 0 : r.votes / picks,
      status: statusOf(decision),
      decision,
      tie: null,
      score: weighted?.scores.get(r.agenda.id) ?? null,
    };
  });
  markTies(outcomes, ranked);

  const selected = outcomes.filter((o) => o.status === 'selected').map((o) => o.agenda.id);
  const spent = outcomes.filter((o) => o.status === 'selected').reduce((sum, o) => sum + o.agenda.cost, 0);
  const maxPicks = input.ballots.length * settings.picks;
  const exact = settings.pickRule === 'exactly';
  return {
    outcomes,
    selected,
    budget,
    spent,
    left: budget - spent,
    validBallots: input.ballots.length,
    ballotPicks,
    picks,
    fields: cut.fields,
    pool: cut.pool,
    overspend: Math.max(0, spent - budget),
    mes: cut.mes,
    weighted,
    sanity: { ballotPicks, maxPicks, exact, ok: exact ? ballotPicks === maxPicks : ballotPicks <= maxPicks },
    threshold,
  };
}

/**
 * Overrides come after the rule, so the rule's own decision stays on record beside the
 * committee's (the result shows both). The money follows the override: spent and left are
 * computed from the final statuses, and an override that overspends shows as overspend.
 */
function applyOverrides(decisions: Map<string, Decision>, overrides: readonly Override[]): void {
  const seen = new Set<string>();
  for (const o of overrides) {
    const ruleDecision = decisions.get(o.agendaId);
    if (ruleDecision === undefined) throw new UserError('bad_override', `조정: 없는 의제 '${o.agendaId}' / Override of an unknown agenda '${o.agendaId}'`);
    if (o.reason.trim() === '') throw new UserError('bad_override', `조정: '${o.agendaId}'에 사유가 없습니다 / Override of '${o.agendaId}' has no reason`);
    if (seen.has(o.agendaId)) throw new UserError('bad_override', `조정: '${o.agendaId}'가 두 번 있습니다 / '${o.agendaId}' is overridden twice`);
    seen.add(o.agendaId);
    decisions.set(o.agendaId, { code: 'override', selected: o.selected, reason: o.reason.trim(), decidedBy: o.decidedBy, date: o.date, ruleDecision });
  }
}

function statusOf(decision: Decision): Status {
  switch (decision.code) {
    case 'selected':
    case 'overshoot':
    case 'mes_selected':
      return 'selected';
    case 'override':
      return decision.selected ? 'selected' : 'not_selected';
    case 'does_not_fit':
    case 'after_stop':
      return 'on_hold';
    default:
      return 'not_selected';
  }
}

function minimumVotes(settings: Settings, validBallots: number): number {
  const t = settings.threshold;
  if (t === null) return 0;
  return t.kind === 'votes' ? t.value : Math.ceil((t.value / 100) * validBallots);
}

function totalBudget(settings: Settings, fieldBudgets: readonly { name: string; budget: number }[]): number {
  const budget = settings.budget > 0 ? settings.budget : fieldBudgets.reduce((sum, f) => sum + f.budget, 0);
  if (budget <= 0) {
    throw new UserError('no_budget', '설정 탭에 총예산이 없습니다 / The Settings tab has no total budget (총예산/budget)');
  }
  return budget;
}

interface Cut {
  decisions: Map<string, Decision>;
  fields: FieldOutcome[];
  pool: number | null;
  mes: TallyResult['mes'];
}

/** Applies the threshold, then the selection rule of the settings to the agendas left. */
function cutBudget(
  ranked: readonly Ranked[],
  fieldBudgets: readonly { name: string; budget: number }[],
  budget: number,
  settings: Settings,
  threshold: number,
  ballots: readonly Ballot[],
): Cut {
  const decisions = new Map<string, Decision>();
  const eligible: Ranked[] = [];
  for (const r of ranked) {
    if (r.agenda.withdrawn === true) decisions.set(r.agenda.id, { code: 'withdrawn' });
    else if (r.votes === 0) decisions.set(r.agenda.id, { code: 'no_votes' });
    else if (r.votes < threshold) decisions.set(r.agenda.id, { code: 'below_threshold', votes: r.votes, threshold });
    else eligible.push(r);
  }
  if (settings.rule === 'mes') return { decisions, fields: [], pool: null, mes: cutEqualShares(eligible, ballots, budget, settings, decisions) };
  const greedy = cutGreedy(eligible, fieldBudgets, budget, settings, decisions);
  return { decisions, ...greedy, mes: null };
}

/**
 * MES over the eligible agendas, with every counted ballot as a voter (field budgets do not
 * apply: MES shares the whole budget among voters). See rules/equalShares.ts for the rule.
 */
function cutEqualShares(eligible: readonly Ranked[], ballots: readonly Ballot[], budget: number, settings: Settings, decisions: Map<string, Decision>): TallyResult['mes'] {
  const index = new Map(eligible.map((r, i) => [r.agenda.id, i]));
  const supporters: number[][] = eligible.map(() => []);
  ballots.forEach((ballot, voter) => {
    for (const pick of ballot.picks) {
      const i = index.get(pick);
      if (i !== undefined) supporters[i].push(voter);
    }
  });
  // Add1 raises each voter's money by one whole currency unit a step, also when amounts are in cents.
  const outcome = equalShares({ costs: eligible.map((r) => r.agenda.cost), supporters, voters: ballots.length, budget, completion: settings.mesCompletion, step: 10 ** (settings.moneyScale ?? 0) });
  eligible.forEach((r, i) => {
    const p = outcome.projects[i];
    if (p.selected) decisions.set(r.agenda.id, { code: 'mes_selected', round: p.round ?? 0, payment: p.payment ?? 0, supporters: supporters[i].length });
    else decisions.set(r.agenda.id, { code: 'mes_short', shares: p.shares, cost: r.agenda.cost, needed: Math.max(0, Math.round((r.agenda.cost - p.shares) * 100) / 100) });
  });
  return { completion: settings.mesCompletion, perVoterBudget: outcome.perVoterBudget, runs: outcome.runs, replays: outcome.replays };
}

/** A tie matters most when it straddles the budget line: those are flagged. */
function markTies(outcomes: AgendaOutcome[], ranked: readonly Ranked[]): void {
  const statusById = new Map(outcomes.map((o) => [o.agenda.id, o.status]));
  outcomes.forEach((outcome, index) => {
    const tie = ranked[index].tie;
    if (tie === null) return;
    const atBoundary = tie.with.some((id) => statusById.get(id) !== outcome.status);
    outcome.tie = { ...tie, atBoundary };
  });
}
