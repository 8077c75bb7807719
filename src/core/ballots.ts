import { AgendaLookup } from './agendaLookup';
import { parseSeoulTimestamp } from './datetime';
import type { Agenda, Ballot, Problem, Settings } from './types';

/** A ballot as read from an export or from the 투표 tab, before any rule is applied. */
export interface CandidateBallot {
  /** Hashed voter key; '' when the row had none. */
  voterKey: string;
  /** The time as written, '' when absent. */
  timeText: string;
  /** Choices as written: agenda ids or titles, in the voter's order. */
  choices: string[];
  channel: string;
  source: string;
  row: number;
}

export interface SetAsideBallot {
  ballot: CandidateBallot;
  problems: Problem[];
}

export interface TrimmedBallot {
  ballot: Ballot;
  problems: Problem[];
}

export interface BallotCheck {
  accepted: Ballot[];
  setAside: SetAsideBallot[];
  /** Accepted, but only in part (keep_first dropped some picks): each is also in accepted. */
  trimmed: TrimmedBallot[];
}

export interface BallotCheckOptions {
  /** Keys already counted (earlier imports): a ballot with one of them is a second vote. */
  knownVoterKeys?: ReadonlySet<string>;
  /** Whether the export had a voter column at all; without one, duplicates cannot be seen. */
  hasVoterColumn: boolean;
  /** Whether the export had a time column at all; without one, the window cannot be checked. */
  hasTimeColumn: boolean;
}

/**
 * Applies the ballot rules of the settings to every candidate. Each candidate ends up exactly
 * once in `accepted` or `setAside`, so rows in = counted + set aside always holds.
 *
 * One vote per voter (mVoting's rule: one per phone number): among ballots with the same key the
 * earliest cast is the vote and later ones are set aside, whatever their content.
 */
export function checkBallots(
  candidates: readonly CandidateBallot[],
  agendas: readonly Agenda[],
  settings: Settings,
  options: BallotCheckOptions,
): BallotCheck {
  const lookup = new AgendaLookup(agendas);
  const times = candidates.map((c) => (c.timeText === '' ? null : parseSeoulTimestamp(c.timeText)));
  const duplicateOf = findLaterVotes(candidates, times, options.knownVoterKeys);

  const result: BallotCheck = { accepted: [], setAside: [], trimmed: [] };
  candidates.forEach((candidate, index) => {
    const problems: Problem[] = [];
    const earlier = duplicateOf.get(index);
    if (earlier !== undefined) {
      problems.push({ code: 'duplicate_voter', detail: { first: earlier } });
    } else if (options.hasVoterColumn && candidate.voterKey === '') {
      problems.push({ code: 'no_voter', detail: {} });
    }
    const votedAt = times[index];
    // A time that is written must be readable; a missing one only matters when the export has times.
    if (options.hasTimeColumn || candidate.timeText !== '') {
      if (votedAt === null) {
        problems.push({ code: 'bad_timestamp', detail: { time: candidate.timeText } });
      } else if (outsideWindow(votedAt, settings)) {
        problems.push({ code: 'outside_window', detail: { time: candidate.timeText } });
      }
    }
    const picks = checkPicks(candidate.choices, lookup, settings);
    if (problems.length > 0 || picks.fatal.length > 0 || (settings.invalidBallot === 'void' && picks.fixable.length > 0)) {
      result.setAside.push({ ballot: candidate, problems: [...problems, ...picks.fixable, ...picks.fatal] });
      return;
    }
    const ballot: Ballot = {
      voterKey: candidate.voterKey,
      votedAt: votedAt ?? null,
      picks: picks.kept,
      channel: candidate.channel,
      source: candidate.source,
      row: candidate.row,
    };
    result.accepted.push(ballot);
    if (picks.fixable.length > 0) result.trimmed.push({ ballot, problems: picks.fixable });
  });
  return result;
}

function outsideWindow(votedAt: number, settings: Settings): boolean {
  return (settings.windowStart !== null && votedAt < settings.windowStart) || (settings.windowEnd !== null && votedAt > settings.windowEnd);
}

/** Maps the index of every later vote of a voter to a description of the vote that counts. */
function findLaterVotes(
  candidates: readonly CandidateBallot[],
  times: readonly (number | null)[],
  known: ReadonlySet<string> | undefined,
): Map<number, string> {
  const timeOf = (index: number): number => times[index] ?? Infinity;
  const order: number[] = [];
  let inOrder = true;
  for (let index = 0; index < candidates.length; index++) {
    if (candidates[index].voterKey === '') continue;
    if (inOrder && order.length > 0 && timeOf(order[order.length - 1]) > timeOf(index)) inOrder = false;
    order.push(index);
  }
  // Exports usually list ballots in the order they were cast: then there is nothing to sort.
  if (!inOrder) order.sort((a, b) => timeOf(a) - timeOf(b) || a - b);
  const EARLIER_IMPORT = -1;
  const firstSeen = new Map<string, number>();
  const later = new Map<number, string>();
  for (const index of order) {
    const key = candidates[index].voterKey;
    const first = firstSeen.get(key) ?? (known?.has(key) ? EARLIER_IMPORT : undefined);
    if (first === undefined) firstSeen.set(key, index);
    else later.set(index, first === EARLIER_IMPORT ? 'earlier import' : `${candidates[first].source} row ${candidates[first].row}`);
  }
  return later;
}

interface PickCheck {
  kept: string[];
  /** Problems no policy repairs: the ballot is set aside. */
  fatal: Problem[];
  /** Problems keep_first repairs by dropping picks, and void punishes by voiding. */
  fixable: Problem[];
}

function checkPicks(choices: readonly string[], lookup: AgendaLookup, settings: Settings): PickCheck {
  const kept: string[] = [];
  const fatal: Problem[] = [];
  const fixable: Problem[] = [];
  const written = choices.map((c) => c.trim()).filter((c) => c !== '');
  for (const choice of written) {
    const agenda = lookup.find(choice);
    if (agenda === undefined) {
      fixable.push({ code: 'unknown_agenda', detail: { choice } });
    } else if (kept.includes(agenda.id)) {
      fixable.push({ code: 'duplicate_pick', detail: { agenda: agenda.id } });
    } else {
      kept.push(agenda.id);
    }
  }
  if (written.length === 0) {
    fatal.push({ code: 'no_picks', detail: {} });
    return { kept, fatal, fixable };
  }
  if (settings.picksPerField !== undefined) {
    checkFieldPicks(kept, lookup, settings.picksPerField, settings.pickRule === 'exactly', fatal, fixable);
  }
  if (kept.length > settings.picks) {
    fixable.push({ code: 'over_vote', detail: { picks: kept.length, limit: settings.picks, dropped: kept.slice(settings.picks).join(', ') } });
    kept.length = settings.picks;
  }
  const minimum = settings.pickRule === 'exactly' ? settings.picks : 1;
  if (kept.length < minimum) {
    const code = kept.length === 0 ? 'no_picks' : 'under_vote';
    fatal.push({ code, detail: { picks: kept.length, required: minimum } });
  }
  return { kept, fatal, fixable };
}

/**
 * 분야별 선택 수: more than N picks in a field is a fixable over-vote (keep_first keeps the first
 * N of that field in the order written, void voids the ballot); under 정확히, a field with fewer
 * than N picks cannot be repaired. Fields are those of the agendas (the 의제 tab's 분야).
 */
function checkFieldPicks(kept: string[], lookup: AgendaLookup, perField: number, exactly: boolean, fatal: Problem[], fixable: Problem[]): void {
  const fieldOf = new Map(lookup.agendas.map((a) => [a.id, a.field]));
  const count = new Map<string, number>();
  const dropped = new Map<string, string[]>();
  const keep: string[] = [];
  for (const id of kept) {
    const field = fieldOf.get(id) ?? '';
    const n = (count.get(field) ?? 0) + 1;
    count.set(field, n);
    if (n <= perField) keep.push(id);
    else dropped.set(field, [...(dropped.get(field) ?? []), id]);
  }
  for (const [field, ids] of dropped) {
    fixable.push({ code: 'over_field', detail: { field, picks: count.get(field) as number, limit: perField, dropped: ids.join(', ') } });
  }
  kept.splice(0, kept.length, ...keep);
  if (!exactly) return;
  const fields = [...new Set(lookup.agendas.map((a) => a.field))];
  for (const field of fields) {
    const n = Math.min(count.get(field) ?? 0, perField);
    if (n < perField) fatal.push({ code: 'under_field', detail: { field, picks: n, required: perField } });
  }
}
