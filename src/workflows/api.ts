/** JSON-safe shapes that workflows return to hosts (CLI --json, sidebar RPC). No Date objects. */
export interface InitReport {
  created: string[];
  existing: string[];
}

export interface ImportInput {
  fileName: string;
  /** The export as a table of text cells, header row first. */
  rows: string[][];
  /** How the host decoded the bytes (utf-8, utf-8-bom, cp949, xlsx, ...). */
  encoding: string;
  /** Channel name for rows that do not say theirs (e.g. "현장투표"). */
  channel?: string;
}

export interface ImportReport {
  fileName: string;
  encoding: string;
  shape: 'choice-columns' | 'choice-list' | 'pick-rows' | 'totals';
  rowsRead: number;
  rowsCounted: number;
  ballotsCounted: number;
  /** Votes added by a totals-only channel (shape 'totals'). */
  totalsVotes: number;
  setAside: { total: number; reasons: Record<string, number> };
  /** Ballots counted but changed (duplicate picks merged, picks beyond N dropped). */
  trimmed: number;
  alreadyImported: boolean;
  fingerprint: string;
  warnings: string[];
}

export interface TallyAgendaJson {
  id: string;
  title: string;
  field: string;
  cost: number;
  votes: number;
  share: number;
  rank: number;
  status: 'selected' | 'on_hold' | 'not_selected';
  reason: string;
}

export interface TallyJson {
  rule: string;
  tieBreak: string[];
  budget: number;
  spent: number;
  voters: number;
  validBallots: number;
  setAside: number;
  picks: number;
  agendas: TallyAgendaJson[];
  selected: string[];
  inputFingerprint: string;
  resultFingerprint: string;
}

export interface StatusReport {
  tabs: { key: string; name: string | null; rows: number }[];
  agendas: number;
  ballots: number;
  setAside: number;
  lastImport: string | null;
  lastTally: string | null;
}
