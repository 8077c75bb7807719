import { sha256Hex } from './hash';
import type { Agenda, TieBreaker } from './types';

export interface Ranked {
  agenda: Agenda;
  votes: number;
  rank: number;
  /** Set when another agenda has the same votes: who, and which rule ordered them. */
  tie: { with: string[]; decidedBy: TieBreaker } | null;
}

/**
 * Orders agendas by votes, highest first; equal votes are ordered by the tie-break list in turn.
 * Agenda order always closes the list, so the order is total and never depends on input order.
 * The lottery is a published draw: each tied agenda's ticket is SHA-256(seed:id), lowest first,
 * so anyone with the seed can recompute it by hand.
 */
export interface RankOptions {
  /** Rank by this key (higher first) instead of votes: the weighted final score's exact order. */
  score?: ReadonlyMap<string, number>;
  /** Committee mean points, for the `committee_desc` tie-break (more points first). */
  committee?: ReadonlyMap<string, number>;
}

export function rankAgendas(
  agendas: readonly Agenda[],
  votes: ReadonlyMap<string, number>,
  tieBreak: readonly TieBreaker[],
  seed: string,
  options: RankOptions = {},
): Ranked[] {
  const order: TieBreaker[] = [...tieBreak.filter((t) => t !== 'order'), 'order'];
  const ticket = new Map(agendas.map((a) => [a.id, lotteryTicket(seed, a.id)]));
  const compareBy = (rule: TieBreaker, a: Agenda, b: Agenda): number => {
    switch (rule) {
      case 'cost_asc':
        return a.cost - b.cost;
      case 'cost_desc':
        return b.cost - a.cost;
      case 'order':
        return a.order - b.order;
      case 'lottery':
        return compareText(ticket.get(a.id) ?? '', ticket.get(b.id) ?? '');
      case 'committee_desc':
        return (options.committee?.get(b.id) ?? 0) - (options.committee?.get(a.id) ?? 0);
    }
  };
  const decidingRule = (a: Agenda, b: Agenda): TieBreaker => order.find((rule) => compareBy(rule, a, b) !== 0) ?? 'order';
  const votesOf = (a: Agenda): number => votes.get(a.id) ?? 0;
  const scoreOf = (a: Agenda): number => (options.score === undefined ? votesOf(a) : (options.score.get(a.id) ?? -1));

  const sorted = [...agendas].sort((a, b) => scoreOf(b) - scoreOf(a) || compareBy(decidingRule(a, b), a, b));
  return sorted.map((agenda, index) => {
    const tied = sorted.filter((other) => other !== agenda && scoreOf(other) === scoreOf(agenda));
    const neighbour = index > 0 && tied.includes(sorted[index - 1]) ? sorted[index - 1] : tied[0];
    return {
      agenda,
      votes: votesOf(agenda),
      rank: index + 1,
      tie: tied.length === 0 ? null : { with: tied.map((a) => a.id), decidedBy: decidingRule(neighbour, agenda) },
    };
  });
}

export function lotteryTicket(seed: string, agendaId: string): string {
  return sha256Hex(`${seed}:${agendaId}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
