/** Signals that a vote may not be what it seems. The tool reports; the committee decides. */

export interface VoteRecord {
  /** 투표 tab row, so a flag can point at the very ballots. */
  row: number;
  votedAt: number | null;
  picks: readonly string[];
  channel: string;
  /** 동: the neighbourhood the export gave, '' when absent. */
  dong: string;
}

export type FlagKind = 'burst' | 'identical_ballots' | 'concentration' | 'count_sanity' | 'duplicate_voter' | 'outside_window';
export type Severity = 'info' | 'warning' | 'alert';

/** Which ballots a flag is about, as a filter a person can apply to the 투표 tab. */
export interface BallotFilter {
  from?: number;
  to?: number;
  agenda?: string;
  combination?: readonly string[];
  dong?: string;
  channel?: string;
}

export interface Flag {
  kind: FlagKind;
  agendas: string[];
  severity: Severity;
  /** How unusual: −log10 of the Bonferroni-corrected tail probability (0 for plain counts). */
  score: number;
  /** 투표 rows of the ballots involved. */
  rows: number[];
  /** What was seen, as numbers: observed, expected, share, … (worded by the spreadsheet layer). */
  detail: Record<string, string | number>;
  filter: BallotFilter;
}

/** The thresholds in force, printed with every report so a reader knows what "unusual" meant. */
export interface IntegrityThresholds {
  /** Minimum score for a warning and for an alert (−log10 corrected p). */
  warning: number;
  alert: number;
  /** Width of the window for identical ballots, in hours. */
  windowHours: number;
  /** Share of an agenda's votes from one place or channel that counts as "overwhelming". */
  concentrationShare: number;
}

export const DEFAULT_THRESHOLDS: IntegrityThresholds = { warning: 3, alert: 6, windowHours: 2, concentrationShare: 0.5 };

export function severityOf(score: number, thresholds: IntegrityThresholds): Severity | null {
  if (score >= thresholds.alert) return 'alert';
  if (score >= thresholds.warning) return 'warning';
  return null;
}
