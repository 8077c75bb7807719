import { findBursts } from './bursts';
import { findConcentration } from './concentration';
import { findIdenticalBallots } from './identical';
import type { Flag, IntegrityThresholds, VoteRecord } from './types';

export * from './types';

/** Every statistical signal over the counted ballots, strongest first. */
export function findAnomalies(records: readonly VoteRecord[], thresholds: IntegrityThresholds): Flag[] {
  return [...findBursts(records, thresholds), ...findIdenticalBallots(records, thresholds), ...findConcentration(records, thresholds)].sort(
    (a, b) => b.score - a.score || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
}
