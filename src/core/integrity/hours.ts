const HOUR = 3_600_000;
const SEOUL_OFFSET = 9 * HOUR;

/** Hours are counted on Seoul's clock, so "21시" in a report is the hour a resident saw. */
export function hourIndex(ms: number): number {
  return Math.floor((ms + SEOUL_OFFSET) / HOUR);
}

export function hourStart(index: number): number {
  return index * HOUR - SEOUL_OFFSET;
}

export const HOUR_MS = HOUR;
