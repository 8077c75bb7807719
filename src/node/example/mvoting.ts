/**
 * Export 1: an mVoting-like per-ballot export, one row per phone number with three choice columns,
 * CP949 as Korean Excel saves it. The real mVoting format is not public; this is a plausible shape.
 * Every planted bad row has exactly one defect, so each count in `planted` is unambiguous.
 */
import iconv from 'iconv-lite';
import { AGE_GROUPS, AGENDAS } from './content';
import { toCsv } from './csv';
import { Random } from './random';
import { formatDateTime, votingTime, wallClock, WINDOW_END, WINDOW_START } from './time';
import { countVotes, drawPickCount, drawPicks, drawProfile, emptyVotes, hyphenated, PhoneBook, Profile } from './voters';

export const MVOTING_FILE = 'mvoting_2020-07-13.csv';
export const MVOTING_HEADER = ['투표자', '투표일시', '선택1', '선택2', '선택3', '동', '연령대', '성별'];

/** Bad rows to plant, by kind. Clean ballots fill the file up to `rows`. */
export const MVOTING_PLAN = {
  rows: 11_000,
  bloc: 180,
  duplicateVoter: 60,
  outsideWindow: 25,
  unknownAgenda: 15,
  duplicatePick: 20,
  emptyBallot: 12,
  badTimestamp: 5,
  blankVoter: 5,
  formula: 2,
  /** Share of clean ballots whose choices are written as exact titles instead of ids. */
  titleShare: 0.03,
};

/** Time texts no parser should accept: an impossible day/month/hour, Excel's "column too narrow", prose. */
const BAD_TIMES = ['2020-07-32 09:00:00', '#######', '2020-13-07 10:11:12', '2020-07-09 25:61:00', '어제 저녁'];
export const FORMULA_PICK = '=HYPERLINK("http://evil","A01")';
const PICK_SHARES: [number, number, number] = [0.11, 0.17, 0.72];

export interface CleanBallot {
  phone: string;
  time: number;
}

interface Row {
  /** Where the row sorts: exports list ballots in the order they were cast. */
  time: number;
  cells: string[];
}

export interface MVotingResult {
  bytes: Uint8Array;
  planted: Record<string, number>;
  /** Clean first votes, so the online form can plant voters who voted here too. */
  clean: CleanBallot[];
}

export function generateMVoting(rng: Random, phones: PhoneBook): MVotingResult {
  const plan = MVOTING_PLAN;
  const planted: Record<string, number> = { rows: plan.rows, byTitle: 0 };
  const rows: Row[] = [];
  const clean: (CleanBallot & { profile: Profile })[] = [];

  const badCount = plan.duplicateVoter + plan.outsideWindow + plan.unknownAgenda + plan.duplicatePick + plan.emptyBallot + plan.badTimestamp + plan.blankVoter + plan.formula;
  const cleanCount = plan.rows - badCount;
  const votes = emptyVotes();

  // Ordinary ballots. A few voters type titles (a form that showed names, not numbers).
  for (let i = 0; i < cleanCount - plan.bloc; i++) {
    const profile = drawProfile(rng, AGE_GROUPS);
    const picks = drawPicks(rng, profile.age, drawPickCount(rng, PICK_SHARES));
    const byTitle = rng.chance(plan.titleShare);
    if (byTitle) planted.byTitle++;
    const ballot = { phone: phones.fresh(rng), time: votingTime(rng), profile };
    clean.push(ballot);
    rows.push(row(ballot.phone, formatDateTime(ballot.time), byTitle ? picks.map(titleOf) : picks, profile, ballot.time));
    countVotes(votes, picks);
  }

  // A bloc (투표 몰이, the committee's worry): one 동, one evening, one agenda and nothing else.
  // These are valid ballots; an anomaly check, not the ballot rules, should notice them.
  const blocStart = wallClock(2020, 7, 10, 21, 0, 0);
  for (let i = 0; i < plan.bloc; i++) {
    const profile = { dong: '신길5동', age: rng.pick(['40대', '50대', '50대', '60대']), sex: rng.chance(0.6) ? '여' : '남' };
    const ballot = { phone: phones.fresh(rng), time: blocStart + rng.int(0, 90 * 60), profile };
    clean.push(ballot);
    rows.push(row(ballot.phone, formatDateTime(ballot.time), ['A08'], profile, ballot.time));
    countVotes(votes, ['A08']);
  }

  plantDuplicateVoters(rng, clean, rows, plan.duplicateVoter);
  plantSimpleDefects(rng, phones, rows);

  rows.sort((a, b) => a.time - b.time);
  const text = toCsv([MVOTING_HEADER, ...rows.map((r) => r.cells)]);
  const bytes = new Uint8Array(iconv.encode(text, 'cp949'));
  // Guard: every character must survive CP949, or the file would silently hold '?'.
  if (iconv.decode(Buffer.from(bytes), 'cp949') !== text) throw new Error('example text is not representable in CP949');

  Object.assign(planted, {
    cleanBallots: cleanCount,
    bloc: plan.bloc,
    duplicateVoter: plan.duplicateVoter,
    outsideWindow: plan.outsideWindow,
    unknownAgenda: plan.unknownAgenda,
    duplicatePick: plan.duplicatePick,
    emptyBallot: plan.emptyBallot,
    badTimestamp: plan.badTimestamp,
    blankVoter: plan.blankVoter,
    formula: plan.formula,
    setAside: badCount,
    distinctVoters: plan.rows - plan.duplicateVoter - plan.blankVoter,
    picks: Object.values(votes).reduce((n, v) => n + v, 0),
    ...votes,
  });
  return { bytes, planted, clean: clean.map(({ phone, time }) => ({ phone, time })) };
}

function row(phone: string, timeText: string, picks: readonly string[], profile: Profile, sortTime: number): Row {
  const choices = [...picks, '', '', ''].slice(0, 3);
  return { time: sortTime, cells: [phone === '' ? '' : hyphenated(phone), timeText, ...choices, profile.dong, profile.age, profile.sex] };
}

function titleOf(id: string): string {
  return AGENDAS.find((a) => a.id === id)!.title;
}

/**
 * The same phone number votes again later (mVoting allows one vote per number, but merged or
 * re-exported files repeat people). The first vote counts; the later row must be set aside.
 */
function plantDuplicateVoters(rng: Random, clean: (CleanBallot & { profile: Profile })[], rows: Row[], count: number): void {
  const used = new Set<number>();
  while (used.size < count) {
    const index = rng.int(0, clean.length - 1);
    const first = clean[index];
    const later = first.time + rng.int(10 * 60, 3 * 86_400);
    if (used.has(index) || later > WINDOW_END) continue;
    used.add(index);
    const picks = drawPicks(rng, first.profile.age, drawPickCount(rng, PICK_SHARES));
    rows.push(row(first.phone, formatDateTime(later), picks, first.profile, later));
  }
  // Keep these voters away from the cross-file plant, so each set-aside row has one cause.
  for (const index of [...used].sort((a, b) => b - a)) clean.splice(index, 1);
}

/** Rows with one defect each, every one from a new voter so that no defect doubles as a duplicate. */
function plantSimpleDefects(rng: Random, phones: PhoneBook, rows: Row[]): void {
  const plan = MVOTING_PLAN;
  const fresh = () => {
    const profile = drawProfile(rng, AGE_GROUPS);
    return { profile, phone: phones.fresh(rng), time: votingTime(rng), picks: drawPicks(rng, profile.age, 3) };
  };

  for (let i = 0; i < plan.outsideWindow; i++) {
    // Before the opening (a test run the evening before) or after the close (a late export).
    const v = fresh();
    const time = rng.chance(0.5)
      ? WINDOW_START - rng.int(1, 6 * 3600)
      : WINDOW_END + rng.int(1, 10 * 3600);
    rows.push(row(v.phone, formatDateTime(time), v.picks, v.profile, time));
  }
  for (let i = 0; i < plan.unknownAgenda; i++) {
    // An agenda number that is not on the list (a withdrawn or mistyped item).
    const v = fresh();
    v.picks[rng.int(0, 2)] = 'A99';
    rows.push(row(v.phone, formatDateTime(v.time), v.picks, v.profile, v.time));
  }
  for (let i = 0; i < plan.duplicatePick; i++) {
    const v = fresh();
    rows.push(row(v.phone, formatDateTime(v.time), [v.picks[0], v.picks[0], v.picks[1]], v.profile, v.time));
  }
  for (let i = 0; i < plan.emptyBallot; i++) {
    const v = fresh();
    rows.push(row(v.phone, formatDateTime(v.time), [], v.profile, v.time));
  }
  for (let i = 0; i < plan.badTimestamp; i++) {
    const v = fresh();
    rows.push(row(v.phone, BAD_TIMES[i % BAD_TIMES.length], v.picks, v.profile, v.time));
  }
  for (let i = 0; i < plan.blankVoter; i++) {
    const v = fresh();
    rows.push(row('', formatDateTime(v.time), v.picks, v.profile, v.time));
  }
  for (let i = 0; i < plan.formula; i++) {
    // Text that a spreadsheet would run as a formula: it must be shown as text and set aside as an
    // unknown agenda, never written into a cell as-is.
    const v = fresh();
    v.picks[i % 3] = FORMULA_PICK;
    rows.push(row(v.phone, formatDateTime(v.time), v.picks, v.profile, v.time));
  }
}
