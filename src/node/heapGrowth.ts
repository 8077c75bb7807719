import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what was live at its last full collection before the next:
 * 1.3×. Left to itself it chose about 3× on a million ballots (import + tally traced: 290 MB live
 * at one full collection, 880 MB of heap, mostly dead rows, before the next), and that set the
 * command's peak memory. A command is one short pass over one large table, so collecting sooner
 * costs little. Measured on the core at a million ballots (import + tally over memory, the same
 * run each time): V8's own choice 903 MB and 10.9 s, 1.5× 759 MB, 1.3× 702 MB and 11.7 s.
 * Collecting even sooner saved little more (1.2×: 698 MB, 13.2 s).
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Sets it for this process. V8 reads the flag at each full collection, so setting it once the
 * process runs takes effect (measured above); Node warns that changing V8 flags after start-up
 * may do nothing, which would only leave the peak where it was.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
