/**
 * Times in the example are Seoul wall-clock times held as "seconds since 1970-01-01 00:00 Seoul"
 * (i.e. computed with UTC arithmetic but meaning Seoul). Exports write wall-clock text, so no time
 * zone conversion happens anywhere except the ISO "+09:00" suffix of the online form.
 */
import { Random } from './random';
import { WINDOW_DAYS, WINDOW_FIRST_DAY } from './content';

const DAY = 86_400;

export function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

export const WINDOW_START = wallClock(WINDOW_FIRST_DAY.year, WINDOW_FIRST_DAY.month, WINDOW_FIRST_DAY.day);
/** Inclusive: the last counted second is 23:59:59 of the eighth day. */
export const WINDOW_END = WINDOW_START + WINDOW_DAYS * DAY - 1;

/**
 * Relative turnout per day, Monday 07-06 to Monday 07-13: a launch spike when 동 offices send the
 * link, a lull over the weekend (07-11 Sat, 07-12 Sun), and a last-day push.
 */
const DAY_WEIGHTS = [1.7, 1.2, 1.0, 0.9, 0.9, 0.65, 0.75, 1.5];

/** Relative turnout per hour of day: asleep at night, commute, lunch, and a big evening peak. */
const HOUR_WEIGHTS = [
  0.5, 0.25, 0.12, 0.08, 0.08, 0.15, // 00–05
  0.5, 1.2, 1.6, 1.4, 1.3, 1.5, // 06–11
  2.2, 1.8, 1.2, 1.1, 1.1, 1.3, // 12–17
  1.7, 2.1, 2.6, 2.7, 2.2, 1.2, // 18–23
];

/** After-school and evening hours for the youth channel. */
const YOUTH_HOUR_WEIGHTS = HOUR_WEIGHTS.map((w, hour) => (hour >= 8 && hour < 16 ? w * 0.25 : hour >= 16 && hour < 23 ? w * 1.6 : w));

export function votingTime(rng: Random, youth = false): number {
  const day = rng.weighted(DAY_WEIGHTS);
  const hour = rng.weighted(youth ? YOUTH_HOUR_WEIGHTS : HOUR_WEIGHTS);
  return WINDOW_START + day * DAY + hour * 3600 + rng.int(0, 3599);
}

/** `2020-07-06 09:15:22`, the shape mVoting-like exports use. */
export function formatDateTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2020-07-06T09:15:22+09:00`: an online form's machine timestamp, explicit about the zone. */
export function formatIsoSeoul(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}+09:00`;
}
