/**
 * Export 3: paper ballots at 동 community-centre booths, counted by hand. The channel reports only
 * totals per agenda (no voters, no times), so it cannot be checked for duplicates: it is added as is.
 */
import { toCsv } from './csv';
import { Random } from './random';
import { countVotes, drawPickCount, drawPicks, emptyVotes } from './voters';

export const BOOTH_FILE = 'offline_booth_totals.csv';
export const BOOTH_HEADER = ['의제번호', '득표수'];
export const BOOTH_CHANNEL = '현장투표';
/** Hand-counted paper ballots behind the totals (not in the file: only their sums are). */
const BOOTH_BALLOTS = 160;
/** Booth voters are mostly older residents who do not use the phone vote. */
const BOOTH_AGES = ['40대', '50대', '50대', '60대', '60대', '60대', '70대 이상', '70대 이상', '70대 이상'];

export function generateOfflineBooth(rng: Random): { bytes: Uint8Array; planted: Record<string, number> } {
  const votes = emptyVotes();
  for (let i = 0; i < BOOTH_BALLOTS; i++) {
    countVotes(votes, drawPicks(rng, rng.pick(BOOTH_AGES), drawPickCount(rng, [0.06, 0.12, 0.82])));
  }
  const rows = Object.entries(votes).map(([key, n]) => [key.slice('votes.'.length), String(n)]);
  const total = Object.values(votes).reduce((n, v) => n + v, 0);
  return {
    bytes: new TextEncoder().encode(toCsv([BOOTH_HEADER, ...rows])),
    planted: { rows: rows.length, totalVotes: total, picks: total, ...votes },
  };
}
