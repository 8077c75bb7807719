/**
 * How often the integrity check (issue 5) cries wolf, and how often it catches a wolf: findAnomalies
 * over generated honest votes (independent voters, see honestVote), then over the same kind of vote
 * with a planted bloc — 300 identical single-agenda ballots within two hours, at a random time and
 * for a random agenda.
 */
import { DEFAULT_THRESHOLDS, findAnomalies, type Flag } from '../../src/core/integrity';
import { honestVote, plantBloc } from '../../src/node/example/honestVote';
import { Random } from '../../src/node/example/random';
import { elapsedMs } from './core';

export interface IntegrityRun {
  voters: number;
  honestVotes: number;
  /** Honest votes with at least one warning or alert flag. */
  falseFlagged: number;
  falseFlagRate: number;
  plantedVotes: number;
  blocSize: number;
  blocHours: number;
  /** Planted votes where a burst or identical-ballots flag (warning or alert) names the bloc's agenda. */
  detected: number;
  detectionRate: number;
  /** Of those, caught at alert level. */
  detectedAsAlert: number;
  ms: number;
}

const VOTERS = 13_000;
const BLOC = { size: 300, hours: 2 };
const WINDOW = { start: Date.UTC(2020, 6, 5, 15), days: 8 }; // 2020-07-06 00:00 Seoul, honestVote's default
const raised = (flags: readonly Flag[]): Flag[] => flags.filter((f) => f.severity === 'warning' || f.severity === 'alert');

export function measureIntegrity(honestVotes: number, plantedVotes: number): IntegrityRun {
  const start = process.hrtime.bigint();
  let falseFlagged = 0;
  for (let seed = 1; seed <= honestVotes; seed++) {
    if (raised(findAnomalies(honestVote({ seed, voters: VOTERS }), DEFAULT_THRESHOLDS)).length > 0) falseFlagged++;
  }
  let detected = 0;
  let detectedAsAlert = 0;
  for (let seed = 1; seed <= plantedVotes; seed++) {
    const rng = new Random(seed * 7919);
    const agenda = `A${String(rng.int(1, 11)).padStart(2, '0')}`;
    // Anywhere in the window where the whole bloc still fits.
    const at = WINDOW.start + Math.floor(rng.next() * (WINDOW.days * 24 - BLOC.hours) * 3_600_000);
    const honest = honestVote({ seed: 100_000 + seed, voters: VOTERS });
    const flags = raised(findAnomalies(plantBloc(honest, { seed, size: BLOC.size, agenda, at, hours: BLOC.hours }), DEFAULT_THRESHOLDS));
    const catches = flags.filter((f) => (f.kind === 'burst' || f.kind === 'identical_ballots') && f.agendas.includes(agenda));
    if (catches.length > 0) detected++;
    if (catches.some((f) => f.severity === 'alert')) detectedAsAlert++;
  }
  return {
    voters: VOTERS,
    honestVotes,
    falseFlagged,
    falseFlagRate: honestVotes === 0 ? 0 : falseFlagged / honestVotes,
    plantedVotes,
    blocSize: BLOC.size,
    blocHours: BLOC.hours,
    detected,
    detectionRate: plantedVotes === 0 ? 0 : detected / plantedVotes,
    detectedAsAlert,
    ms: Math.round(elapsedMs(start)),
  };
}
