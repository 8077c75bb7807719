/**
 * A seeded ballot export of any size for the benchmark, shaped like the mVoting export of the
 * built-in example (phone-number voter, timestamp, 선택1..3, 동, 연령대, 성별) and saved as
 * "CSV UTF-8". UTF-8 rather than CP949 on purpose: its decoding is nearly free, so the baseline is
 * as fast as it can be and the ratio is the strictest one. Every voter picks three agendas; a small,
 * fixed share of rows carries the defects real exports have (a second vote from the same phone, an
 * unknown agenda), so the set-aside path is part of the measured work.
 */
import { AGE_GROUPS, AGENDAS, DONGS } from '../../src/node/example/content';
import { Random } from '../../src/node/example/random';
import { formatDateTime, votingTime } from '../../src/node/example/time';

export const EXPORT_HEADER = ['투표자', '투표일시', '선택1', '선택2', '선택3', '동', '연령대', '성별'];
export const PICK_COLUMNS = ['선택1', '선택2', '선택3'];

/** One row in this many votes again from a phone that already voted (set aside as a second vote). */
const SECOND_VOTE_EVERY = 400;
/** One row in this many names an agenda that does not exist (set aside as unknown). */
const UNKNOWN_AGENDA_EVERY = 1000;

export interface GeneratedExport {
  bytes: Uint8Array;
  ballots: number;
  /** Rows expected to be set aside: second votes and unknown agendas. */
  defective: number;
}

/**
 * Distinct mobile numbers without a lookup table: i ↦ (i·k + c) mod 10⁸ is a bijection on
 * 0..10⁸−1 when k is odd and not a multiple of 5, so numbers never repeat for a million voters.
 */
function phoneOf(i: number): string {
  const digits = String((i * 7_654_321 + 12_345_678) % 100_000_000).padStart(8, '0');
  return `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
}

export function generateExport(ballots: number, seed = 20200706): GeneratedExport {
  const rng = new Random(seed ^ ballots);
  const appeal = AGENDAS.map((a) => a.appeal);
  const dongWeights = DONGS.map(([, w]) => w);
  const ageWeights = AGE_GROUPS.map(([, w]) => w);
  // Exports list ballots in the order they were cast.
  const times = Array.from({ length: ballots }, () => votingTime(rng)).sort((a, b) => a - b);
  const lines: string[] = [EXPORT_HEADER.join(',')];
  let defective = 0;
  for (let i = 0; i < ballots; i++) {
    const picks = rng.weightedDistinct(appeal, 3).map((a) => AGENDAS[a].id);
    let voter = phoneOf(i);
    if (i > 0 && i % SECOND_VOTE_EVERY === 0) {
      voter = phoneOf(rng.int(0, i - 1));
      defective++;
    } else if (i % UNKNOWN_AGENDA_EVERY === 7) {
      picks[2] = 'A99';
      defective++;
    }
    const dong = DONGS[rng.weighted(dongWeights)][0];
    const age = AGE_GROUPS[rng.weighted(ageWeights)][0];
    const gender = rng.chance(0.53) ? '여' : '남';
    lines.push(`${voter},${formatDateTime(times[i])},${picks.join(',')},${dong},${age},${gender}`);
  }
  return { bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n'), ballots, defective };
}
