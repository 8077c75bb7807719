/**
 * Export 2: an online survey form (for residents who could not use mVoting), UTF-8 with a BOM as
 * form tools write for Excel. All choices sit in one cell as a delimited list; two versions of the
 * form were used, one joining with ", " and one with ";".
 */
import { AGE_GROUPS } from './content';
import { toCsv } from './csv';
import { Random } from './random';
import { formatIsoSeoul, votingTime, WINDOW_END } from './time';
import type { CleanBallot } from './mvoting';
import { countVotes, drawPickCount, drawPicks, drawProfile, emptyVotes, PhoneBook } from './voters';

export const ONLINE_FILE = 'online_form.csv';
export const ONLINE_HEADER = ['voter_id', 'timestamp', 'choices', 'channel'];
export const ONLINE_CHANNEL = '온라인 설문';
export const ONLINE_PLAN = { rows: 1_500, overVote: 15, crossFileDuplicate: 10 };

/** The form was shared through youth and parents' networks: younger than mVoting's voters. */
const ONLINE_AGES: [string, number][] = AGE_GROUPS.map(([age, w]) => [age, age === '20대' || age === '30대' ? w * 1.4 : age === '60대' || age === '70대 이상' ? w * 0.5 : w]);
const PICK_SHARES: [number, number, number] = [0.14, 0.2, 0.66];

export function generateOnlineForm(rng: Random, phones: PhoneBook, mvotingClean: readonly CleanBallot[]): { bytes: Uint8Array; planted: Record<string, number> } {
  const plan = ONLINE_PLAN;
  const cleanCount = plan.rows - plan.overVote - plan.crossFileDuplicate;
  const votes = emptyVotes();
  const rows: { time: number; cells: string[] }[] = [];
  const add = (digits: string, time: number, picks: readonly string[]) =>
    rows.push({ time, cells: [digits, formatIsoSeoul(time), picks.join(rng.chance(0.6) ? ', ' : ';'), ONLINE_CHANNEL] });

  for (let i = 0; i < cleanCount; i++) {
    const { age } = drawProfile(rng, ONLINE_AGES);
    const picks = drawPicks(rng, age, drawPickCount(rng, PICK_SHARES));
    add(phones.fresh(rng), votingTime(rng), picks);
    countVotes(votes, picks);
  }
  // A form has no limit on ticked boxes unless someone sets one: four picks where three is the most.
  for (let i = 0; i < plan.overVote; i++) {
    const { age } = drawProfile(rng, ONLINE_AGES);
    add(phones.fresh(rng), votingTime(rng), drawPicks(rng, age, 4));
  }
  // People who voted in mVoting and then filled in the form too, with the number typed without
  // hyphens. mVoting is imported first, so these later copies are the ones to set aside.
  const chosen = new Set<number>();
  while (chosen.size < plan.crossFileDuplicate) {
    const index = rng.int(0, mvotingClean.length - 1);
    const first = mvotingClean[index];
    const later = first.time + rng.int(3600, 2 * 86_400);
    if (chosen.has(index) || later > WINDOW_END) continue;
    chosen.add(index);
    const { age } = drawProfile(rng, ONLINE_AGES);
    add(first.phone, later, drawPicks(rng, age, drawPickCount(rng, PICK_SHARES)));
  }

  rows.sort((a, b) => a.time - b.time);
  const text = '\uFEFF' + toCsv([ONLINE_HEADER, ...rows.map((r) => r.cells)]);
  return {
    bytes: new TextEncoder().encode(text),
    planted: {
      rows: plan.rows,
      cleanBallots: cleanCount,
      overVote: plan.overVote,
      crossFileDuplicate: plan.crossFileDuplicate,
      setAside: plan.overVote + plan.crossFileDuplicate,
      distinctVoters: plan.rows,
      newVoters: plan.rows - plan.crossFileDuplicate,
      picks: Object.values(votes).reduce((n, v) => n + v, 0),
      ...votes,
    },
  };
}
