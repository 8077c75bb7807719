/** Who votes and what they pick: the parts every channel shares. */
import { AGE_TASTE, AGENDAS, DONGS } from './content';
import { Random } from './random';

export interface Profile {
  dong: string;
  age: string;
  sex: string;
}

export function drawProfile(rng: Random, ages: readonly [string, number][]): Profile {
  return {
    dong: DONGS[rng.weighted(DONGS.map(([, w]) => w))][0],
    age: ages[rng.weighted(ages.map(([, w]) => w))][0],
    // Women take part a little more than men in 동-level participation, as in most district votes.
    sex: rng.chance(0.56) ? '여' : '남',
  };
}

/**
 * Draws `count` distinct agenda ids for a voter of the given age: each agenda's base appeal times
 * the age group's taste, times an optional channel tilt.
 */
export function drawPicks(rng: Random, age: string, count: number, tilt: Partial<Record<string, number>> = {}): string[] {
  const taste = AGE_TASTE[age] ?? {};
  const weights = AGENDAS.map((a) => a.appeal * (taste[a.id] ?? 1) * (tilt[a.id] ?? 1));
  return rng.weightedDistinct(weights, count).map((i) => AGENDAS[i].id);
}

/** How many agendas a voter picks (the rule is "up to 3"): most use all three. */
export function drawPickCount(rng: Random, shares: readonly [number, number, number]): number {
  return rng.weighted(shares) + 1;
}

/**
 * Phone numbers already handed out, across channels, so that the only voters who appear twice are
 * the ones the generator plants on purpose.
 */
export class PhoneBook {
  private readonly used = new Set<string>();

  /** A fresh mobile number as 11 digits (`01023456789`); channels format it their own way. */
  fresh(rng: Random): string {
    for (;;) {
      const digits = `010${rng.int(2000, 9999)}${String(rng.int(0, 9999)).padStart(4, '0')}`;
      if (!this.used.has(digits)) {
        this.used.add(digits);
        return digits;
      }
    }
  }
}

export function hyphenated(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
}

/** Adds one to `votes.A01`-style counters for each pick: what a tally of clean ballots must give. */
export function countVotes(planted: Record<string, number>, picks: readonly string[]): void {
  for (const id of picks) planted[`votes.${id}`] = (planted[`votes.${id}`] ?? 0) + 1;
}

/** `votes.A01` … `votes.A11`, all present (zero when nobody picked one), in agenda order. */
export function emptyVotes(): Record<string, number> {
  return Object.fromEntries(AGENDAS.map((a) => [`votes.${a.id}`, 0]));
}
