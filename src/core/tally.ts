import { UserError } from './errors';
import { rankAgendas, type Ranked } from './ranking';
import type { Agenda, Ballot, ChannelTotal, Field, Settings, TieBreaker } from './types';

export interface TallyInput {
  agendas: readonly Agenda[];
  fields: readonly Field[];
  /** Ballots that passed the rules (see checkBallots). */
  ballots: readonly Ballot[];
  totals: readonly ChannelTotal[];
  settings: Settings;
}

export type Status = 'selected' | 'on_hold' | 'not_selected';

/** Why an agenda got its status, as data; the spreadsheet layer words it in Korean or English. */
export type Decision =
  | { code: 'selected'; phase: 'field' | 'pool' | 'budget'; left: number }
  | { code: 'does_not_fit'; cost: number; left: number; phase: 'field' | 'pool' | 'budget' }
  | { code: 'after_stop'; stoppedAt: string }
  | { code: 'below_threshold'; votes: number; threshold: number }
  | { code: 'no_votes' };

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
}

export interface FieldOutcome {
  field: string;
  budget: number;
  spent: number;
  /** What the field left unspent, handed to the pool. */
  returned: number;
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
    for (const pick of ballot.picks) {
      ballotVotes.set(pick, (ballotVotes.get(pick) ?? 0) + 1);
      ballotPicks += 1;
    }
  }
  const totalsVotes = new Map<string, number>();
  for (const total of input.totals) totalsVotes.set(total.agendaId, (totalsVotes.get(total.agendaId) ?? 0) + total.votes);
  const votes = new Map(agendas.map((a) => [a.id, (ballotVotes.get(a.id) ?? 0) + (totalsVotes.get(a.id) ?? 0)]));
  const picks = ballotPicks + [...totalsVotes.values()].reduce((sum, v) => sum + v, 0);

  const ranked = rankAgendas(agendas, votes, settings.tieBreak, settings.seed);
  const threshold = minimumVotes(settings, input.ballots.length);
  const fieldBudgets = input.fields.filter((f): f is Field & { budget: number } => f.budget !== null);
  const budget = totalBudget(settings, fieldBudgets);
  const cut = cutBudget(ranked, fieldBudgets, budget, settings, threshold);

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
    sanity: { ballotPicks, maxPicks, exact, ok: exact ? ballotPicks === maxPicks : ballotPicks <= maxPicks },
    threshold,
  };
}

function statusOf(decision: Decision): Status {
  switch (decision.code) {
    case 'selected':
      return 'selected';
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
}

function cutBudget(
  ranked: readonly Ranked[],
  fieldBudgets: readonly { name: string; budget: number }[],
  budget: number,
  settings: Settings,
  threshold: number,
): Cut {
  const decisions = new Map<string, Decision>();
  const eligible: Ranked[] = [];
  for (const r of ranked) {
    if (r.votes === 0) decisions.set(r.agenda.id, { code: 'no_votes' });
    else if (r.votes < threshold) decisions.set(r.agenda.id, { code: 'below_threshold', votes: r.votes, threshold });
    else eligible.push(r);
  }
  if (fieldBudgets.length === 0) {
    fillGreedy(eligible, budget, 'budget', settings, decisions);
    return { decisions, fields: [], pool: null };
  }
  // Field budgets that add up to more than the total (real files round them) never overspend
  // it: a field's pick must also fit what is left of the total.
  let totalLeft = budget;
  const fields: FieldOutcome[] = fieldBudgets.map((field) => {
    const ofField = eligible.filter((r) => r.agenda.field === field.name);
    const spent = fillGreedy(ofField, Math.min(field.budget, totalLeft), 'field', settings, decisions, true);
    totalLeft -= spent;
    return { field: field.name, budget: field.budget, spent, returned: field.budget - spent };
  });
  const spentInFields = fields.reduce((sum, f) => sum + f.spent, 0);
  const pool = budget - spentInFields;
  const rest = eligible.filter((r) => decisions.get(r.agenda.id)?.code !== 'selected');
  for (const r of rest) decisions.delete(r.agenda.id);
  fillGreedy(rest, pool, 'pool', settings, decisions);
  return { decisions, fields, pool };
}

/** Returns the money spent. In a field pass a miss is provisional: the pool pass decides. */
function fillGreedy(
  candidates: readonly Ranked[],
  money: number,
  phase: 'field' | 'pool' | 'budget',
  settings: Settings,
  decisions: Map<string, Decision>,
  provisional = false,
): number {
  let left = money;
  let stoppedAt: string | null = null;
  for (const { agenda } of candidates) {
    if (stoppedAt !== null) {
      if (!provisional) decisions.set(agenda.id, { code: 'after_stop', stoppedAt });
    } else if (agenda.cost <= left) {
      left -= agenda.cost;
      decisions.set(agenda.id, { code: 'selected', phase, left });
    } else {
      if (!provisional) decisions.set(agenda.id, { code: 'does_not_fit', cost: agenda.cost, left, phase });
      if (settings.rule === 'greedy-stop') stoppedAt = agenda.id;
    }
  }
  return money - left;
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
