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
 * Candidate ballots as the rule check reads them, by index. The import keeps its own columns
 * (CandidateColumns); the tally reads the 투표 rows it already holds, without copying them.
 */
export interface Candidates {
  readonly length: number;
  /** Hashed voter key; '' when the row had none. */
  voterKey(index: number): string;
  /** The time as written, '' when absent. */
  timeText(index: number): string;
  channel(index: number): string;
  source(index: number): string;
  row(index: number): number;
  /** Choices as written. Shared between ballots written alike: never change it. */
  choicesOf(index: number): readonly string[];
  candidate(index: number): CandidateBallot;
}

/**
 * Candidate ballots column by column: one entry per ballot in each array and no object per
 * ballot, so a million candidates cost a few flat arrays rather than a million small objects for
 * the garbage collector to trace.
 */
export class CandidateColumns implements Candidates {
  private size = 0;
  private capacity: number;
  private voterKeyList: string[];
  private timeTextList: string[];
  private channelList: string[];
  private sourceList: string[];
  private rowList: number[];
  /**
   * Each ballot's choices as added: a reference, not a copy, so that ballots written alike share
   * one array (a million ballots repeat a few hundred combinations), one pointer a ballot.
   */
  private choiceList: (readonly string[])[];
  private readonly laterChoices = new Map<number, string[]>();
  private timeTextsForgotten = false;

  /**
   * `expected`: how many candidates are coming, when known. The columns are made that long at
   * once: growing a million-entry array one push at a time costs several times more.
   */
  constructor(expected = 0) {
    this.capacity = Math.max(16, expected);
    this.voterKeyList = new Array<string>(this.capacity);
    this.timeTextList = new Array<string>(this.capacity);
    this.channelList = new Array<string>(this.capacity);
    this.sourceList = new Array<string>(this.capacity);
    this.rowList = new Array<number>(this.capacity);
    this.choiceList = new Array<readonly string[]>(this.capacity);
  }

  static from(candidates: readonly CandidateBallot[]): CandidateColumns {
    const columns = new CandidateColumns(candidates.length);
    for (const c of candidates) columns.add(c.voterKey, c.timeText, c.channel, c.source, c.row, c.choices);
    return columns;
  }

  get length(): number {
    return this.size;
  }

  voterKey(index: number): string {
    return this.voterKeyList[index];
  }

  timeText(index: number): string {
    this.refuseForgottenTimes();
    return this.timeTextList[index];
  }

  /**
   * Lets the time texts go once the rule check has read them (an import goes on with the times as
   * numbers): read from an export, they are slices of its decoded text and would keep all of it.
   * Reading them afterwards is a bug, and throws.
   */
  forgetTimeTexts(): void {
    this.timeTextsForgotten = true;
    this.timeTextList = [];
  }

  private refuseForgottenTimes(): void {
    if (this.timeTextsForgotten) throw new Error('the time texts were let go (forgetTimeTexts)');
  }

  channel(index: number): string {
    return this.channelList[index];
  }

  source(index: number): string {
    return this.sourceList[index];
  }

  row(index: number): number {
    return this.rowList[index];
  }

  /** Gives every candidate the same source (an import's id, known once all its rows are read). */
  setSource(source: string): void {
    this.sourceList.fill(source, 0, this.size);
  }

  /**
   * Adds a candidate and returns its index. `choices` is kept as it is, not copied: the caller
   * must not change it afterwards (and may pass one array for many ballots written alike).
   */
  add(voterKey: string, timeText: string, channel: string, source: string, row: number, choices: readonly string[]): number {
    this.refuseForgottenTimes();
    if (this.size === this.capacity) this.grow();
    const index = this.size++;
    this.voterKeyList[index] = voterKey;
    this.timeTextList[index] = timeText;
    this.channelList[index] = channel;
    this.sourceList[index] = source;
    this.rowList[index] = row;
    this.choiceList[index] = choices;
    return index;
  }

  /** More choices for an earlier candidate (an export with one pick per row). */
  addChoices(index: number, choices: readonly string[]): void {
    const later = this.laterChoices.get(index);
    if (later === undefined) this.laterChoices.set(index, [...choices]);
    else later.push(...choices);
  }

  choicesOf(index: number): readonly string[] {
    const choices = this.choiceList[index];
    const later = this.laterChoices.get(index);
    return later === undefined ? choices : choices.concat(later);
  }

  candidate(index: number): CandidateBallot {
    this.refuseForgottenTimes();
    return {
      voterKey: this.voterKeyList[index],
      timeText: this.timeTextList[index],
      choices: [...this.choicesOf(index)],
      channel: this.channelList[index],
      source: this.sourceList[index],
      row: this.rowList[index],
    };
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.voterKeyList = longer(this.voterKeyList, this.size, capacity);
    this.timeTextList = longer(this.timeTextList, this.size, capacity);
    this.channelList = longer(this.channelList, this.size, capacity);
    this.sourceList = longer(this.sourceList, this.size, capacity);
    this.rowList = longer(this.rowList, this.size, capacity);
    this.choiceList = longer(this.choiceList, this.size, capacity);
    this.capacity = capacity;
  }
}

/** A copy of the first `used` entries of a list, with room for `capacity`. */
function longer<T>(list: readonly T[], used: number, capacity: number): T[] {
  const copy = new Array<T>(Math.max(capacity, 16));
  for (let i = 0; i < used; i++) copy[i] = list[i];
  return copy;
}

/** What the rule check says of each candidate, in candidate order. */
export interface BallotVisitor {
  /**
   * Counted, with the picks that count (shared between ballots with the same picks: never
   * change them). `fixed` lists what keep_first repaired; null when nothing was.
   */
  accepted(index: number, votedAt: number | null, picks: readonly string[], fixed: Problem[] | null): void;
  setAside(index: number, problems: Problem[]): void;
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
  const result: BallotCheck = { accepted: [], setAside: [], trimmed: [] };
  checkBallotColumns(CandidateColumns.from(candidates), agendas, settings, options, {
    accepted(index, votedAt, picks, fixed) {
      const c = candidates[index];
      const ballot: Ballot = { voterKey: c.voterKey, votedAt, picks, channel: c.channel, source: c.source, row: c.row };
      result.accepted.push(ballot);
      if (fixed !== null) result.trimmed.push({ ballot, problems: fixed });
    },
    setAside(index, problems) {
      result.setAside.push({ ballot: candidates[index], problems });
    },
  });
  return result;
}

/** The voters the candidates came from (non-empty keys), known once their votes are sorted out. */
export interface VotersSeen {
  count: number;
  has(voterKey: string): boolean;
}

/**
 * checkBallots over columns, telling each verdict to `visit` instead of collecting objects.
 * Returns the distinct voters among the candidates, which it had to find anyway.
 */
export function checkBallotColumns(columns: Candidates, agendas: readonly Agenda[], settings: Settings, options: BallotCheckOptions, visit: BallotVisitor): VotersSeen {
  const picksOf = new PickReader(new AgendaLookup(agendas), settings);
  const count = columns.length;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const text = columns.timeText(i);
    times[i] = text === '' ? NaN : (parseSeoulTimestamp(text) ?? NaN);
  }
  const { later: duplicateOf, firstSeen } = findLaterVotes(columns, times, options.knownVoterKeys);

  for (let index = 0; index < count; index++) {
    let problems: Problem[] | null = null;
    const problem = (p: Problem): void => {
      (problems ??= []).push(p);
    };
    const earlier = duplicateOf.get(index);
    if (earlier !== undefined) {
      problem({ code: 'duplicate_voter', detail: { first: earlier } });
    } else if (options.hasVoterColumn && columns.voterKey(index) === '') {
      problem({ code: 'no_voter', detail: {} });
    }
    const time = times[index];
    const timeText = columns.timeText(index);
    // A time that is written must be readable; a missing one only matters when the export has times.
    if (options.hasTimeColumn || timeText !== '') {
      if (Number.isNaN(time)) {
        problem({ code: 'bad_timestamp', detail: { time: timeText } });
      } else if (outsideWindow(time, settings)) {
        problem({ code: 'outside_window', detail: { time: timeText } });
      }
    }
    const picks = picksOf.read(columns.choicesOf(index));
    const voided = settings.invalidBallot === 'void' && picks.fixable.length > 0;
    if (problems !== null || picks.fatal.length > 0 || voided) {
      visit.setAside(index, [...(problems ?? []), ...picks.fixable, ...picks.fatal]);
    } else {
      visit.accepted(index, Number.isNaN(time) ? null : time, picks.kept, picks.fixable.length > 0 ? picks.fixable : null);
    }
  }
  return { count: firstSeen.size, has: (key) => firstSeen.has(key) };
}

function outsideWindow(votedAt: number, settings: Settings): boolean {
  return (settings.windowStart !== null && votedAt < settings.windowStart) || (settings.windowEnd !== null && votedAt > settings.windowEnd);
}

/** Maps the index of every later vote of a voter to a description of the vote that counts. */
function findLaterVotes(columns: Candidates, times: Float64Array, known: ReadonlySet<string> | undefined): { later: Map<number, string>; firstSeen: Map<string, number> } {
  const timeOf = (index: number): number => (Number.isNaN(times[index]) ? Infinity : times[index]);
  const order = new Int32Array(columns.length);
  let size = 0;
  let inOrder = true;
  for (let index = 0; index < columns.length; index++) {
    if (columns.voterKey(index) === '') continue;
    if (inOrder && size > 0 && timeOf(order[size - 1]) > timeOf(index)) inOrder = false;
    order[size++] = index;
  }
  const voters = order.subarray(0, size);
  // Exports usually list ballots in the order they were cast: then there is nothing to sort.
  if (!inOrder) voters.sort((a, b) => timeOf(a) - timeOf(b) || a - b);
  const EARLIER_IMPORT = -1;
  const firstSeen = new Map<string, number>();
  const later = new Map<number, string>();
  for (const index of voters) {
    const key = columns.voterKey(index);
    const first = firstSeen.get(key) ?? (known?.has(key) ? EARLIER_IMPORT : undefined);
    if (first === undefined) firstSeen.set(key, index);
    else later.set(index, first === EARLIER_IMPORT ? 'earlier import' : `${columns.source(first)} row ${columns.row(first)}`);
  }
  return { later, firstSeen };
}

interface PickCheck {
  kept: readonly string[];
  /** Problems no policy repairs: the ballot is set aside. */
  fatal: Problem[];
  /** Problems keep_first repairs by dropping picks, and void punishes by voiding. */
  fixable: Problem[];
}

/** The agendas and a way to find one by what a ballot wrote. */
type AgendaFinder = Pick<AgendaLookup, 'find' | 'agendas'>;

/**
 * checkPicks with what repeats across a million ballots done once: each written choice is looked
 * up once, and each combination of kept picks is stored once and shared (frozen) by its ballots.
 */
class PickReader {
  private readonly found = new Map<string, Agenda | null>();
  private readonly shared = new Map<string, readonly string[]>();
  private readonly verdicts: VerdictNode = { next: new Map(), check: null };
  private nodes = 0;
  private readonly finder: AgendaFinder;

  constructor(
    lookup: AgendaLookup,
    private readonly settings: Settings,
  ) {
    const find = (text: string): Agenda | undefined => {
      const known = this.found.get(text);
      if (known !== undefined) return known ?? undefined;
      const agenda = lookup.find(text);
      if (this.found.size < MAX_REMEMBERED) this.found.set(text, agenda ?? null);
      return agenda;
    };
    this.finder = { find, agendas: lookup.agendas };
  }

  /**
   * The verdict for choices written alike is worked out once: a trie over the written choices
   * finds it without making a key string (a million ballots repeat a few hundred combinations).
   */
  read(choices: readonly string[]): PickCheck {
    let node = this.verdicts;
    for (let i = 0; i < choices.length; i++) {
      let child = node.next.get(choices[i]);
      if (child === undefined) {
        if (this.nodes >= MAX_REMEMBERED) return this.check(choices);
        child = { next: new Map(), check: null };
        node.next.set(choices[i], child);
        this.nodes++;
      }
      node = child;
    }
    node.check ??= this.check(choices);
    return node.check;
  }

  private check(choices: readonly string[]): PickCheck {
    const check = checkPicks(choices, this.finder, this.settings);
    const key = check.kept.join('\u001f');
    let kept = this.shared.get(key);
    if (kept === undefined) {
      kept = Object.freeze([...check.kept]);
      if (this.shared.size < MAX_REMEMBERED) this.shared.set(key, kept);
    }
    // Shared by every ballot written alike: frozen, so no caller can change another ballot's.
    return { kept, fatal: frozen(check.fatal), fixable: frozen(check.fixable) };
  }
}

interface VerdictNode {
  next: Map<string, VerdictNode>;
  check: PickCheck | null;
}

function frozen(problems: Problem[]): Problem[] {
  for (const p of problems) Object.freeze(p);
  return Object.freeze(problems) as Problem[];
}

/** Bound on the remembered choices and combinations, so a file of all-different values cannot grow them forever. */
const MAX_REMEMBERED = 10_000;

function checkPicks(choices: readonly string[], lookup: AgendaFinder, settings: Settings): PickCheck {
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
function checkFieldPicks(kept: string[], lookup: AgendaFinder, perField: number, exactly: boolean, fatal: Problem[], fixable: Problem[]): void {
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
