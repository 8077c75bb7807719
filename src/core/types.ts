/** The domain of a resident agenda vote (주민 의제 투표), independent of any spreadsheet. */

export interface Agenda {
  id: string;
  title: string;
  /** 분야: the policy field the agenda belongs to. */
  field: string;
  /** 사업비: cost in won. */
  cost: number;
  /** Position in the agenda list, for the "agenda order" tie-break. */
  order: number;
  department: string;
  /** Withdrawn before the vote (pabulib: cost 999,999,999): listed, never selected. */
  withdrawn?: boolean;
}

export interface Field {
  name: string;
  /** 분야별 예산: null when the field has no budget of its own. */
  budget: number | null;
}

/** A ballot as it is stored in the 투표 tab: already hashed, already resolved to agenda ids. */
export interface Ballot {
  voterKey: string;
  /** Epoch ms, or null when the export had no time. */
  votedAt: number | null;
  picks: readonly string[];
  /** Points given to each pick (cumulative ballots), aligned with `picks`; absent = 1 each. */
  points?: number[];
  channel: string;
  /** Where it came from, for the set-aside list: import fingerprint prefix and source row. */
  source: string;
  row: number;
}

/** Votes reported as totals by a channel that has no per-ballot data (e.g. an offline booth). */
export interface ChannelTotal {
  channel: string;
  agendaId: string;
  votes: number;
  source: string;
}

export type PickRule = 'up_to' | 'exactly';
export type InvalidBallotPolicy = 'void' | 'keep_first';
export type SelectionRule = 'greedy' | 'greedy-stop' | 'mes';
/** 분야 잔액: what field budgets leave unspent is pooled and filled by votes, or left unspent. */
export type LeftoverPolicy = 'pool' | 'none';
/**
 * How the Method of Equal Shares completes its outcome (Add1): raise each voter's budget by one
 * currency unit at a time and keep the last outcome that fits the budget (`add1`), or stop at the
 * first outcome that is exhaustive (`add1-exhaustive`); `none` runs MES once with B/n per voter.
 */
export type MesCompletion = 'add1' | 'add1-exhaustive' | 'none';
/** `committee_desc`: more committee points (심사 평균 점수) first. */
export type TieBreaker = 'cost_asc' | 'cost_desc' | 'order' | 'lottery' | 'committee_desc';

/**
 * Where a part of the final score comes from: all resident votes (`votes`; with channels named
 * too, the channels not named), one channel's votes, or the committee's scores (심사).
 */
export type ScoreSource = { kind: 'votes' } | { kind: 'committee' } | { kind: 'channel'; channel: string };
/** 가중치: one part of the final score and its weight as written (e.g. 45). */
export interface ScoreWeight {
  source: ScoreSource;
  weight: number;
}
/**
 * 점수 환산: how a part's raw numbers become 0..1 before weighting — its share of the part's
 * total (`share`: 전체 대비 비율, the way districts publish vote shares), its ratio to the part's
 * top (`top`: 최고점 대비), or rank points (`rank`: 1st of n gets n/n, last 1/n; ties share the
 * better rank).
 */
export type Normalization = 'share' | 'top' | 'rank';

/** One row of the 심사 tab: a scorer's points for an agenda. */
export interface CommitteeScore {
  agendaId: string;
  scorer: string;
  score: number;
}
export type Threshold = { kind: 'votes'; value: number } | { kind: 'percent'; value: number };

export interface Settings {
  /** 총예산 */
  budget: number;
  /** 선택 수: picks per voter. */
  picks: number;
  /** 선택 방식: up to N (최대) or exactly N (정확히). */
  pickRule: PickRule;
  /** 규칙 위반 투표: void the whole ballot (무효) or keep its first N valid picks (앞에서 N개). */
  invalidBallot: InvalidBallotPolicy;
  /** 투표 시작 / 투표 종료, epoch ms inclusive; null = open. */
  windowStart: number | null;
  windowEnd: number | null;
  /** 선정 방식 */
  rule: SelectionRule;
  /** 동점 처리: applied in order; agenda order always closes the list so the order is total. */
  tieBreak: TieBreaker[];
  /** 추첨 시드: the published seed of the lottery tie-break. */
  seed: string;
  /** 최소 득표: agendas below it are not selected. */
  threshold: Threshold | null;
  /** 분야 잔액: the leftover policy of field budgets. */
  leftover: LeftoverPolicy;
  /** 초과 허용: fund the first agenda that does not fit when the money left is at least this % of its cost (Poznań: 80). */
  overshoot: number | null;
  /** MES 보완: the completion of the Method of Equal Shares. */
  mesCompletion: MesCompletion;
  /**
   * 가중치: rank by a weighted final score instead of raw votes (absent = by votes). Optional so
   * that workbooks that do not use it keep the settings (and fingerprints) they always had.
   */
  weights?: ScoreWeight[];
  /** 점수 환산 of the weighted score (absent = share). */
  normalization?: Normalization;
  /**
   * 분야별 선택 수: at most N picks in each 분야 (with 정확히/exactly: exactly N in each field),
   * e.g. 종로 2021: 2 per field over 4 fields. Absent = no per-field rule.
   */
  picksPerField?: number;
  /**
   * 금액 소수 자릿수: amounts (budget, costs, field budgets) are in minor units, the amount × 10^scale
   * (pabulib budgets with cents: 2). Absent = 0, whole won, so existing fingerprints stay the same.
   */
  moneyScale?: number;
  /**
   * What the published notice (결과 공고) names: 기관명, 투표명, 공고일 and 담당 부서, and whether
   * it reports the integrity checks (검증 공개). Read for the notice only (src/workflows/notice.ts),
   * never by the tally, so they never enter a fingerprint.
   */
  organization?: string;
  title?: string;
  noticeDate?: string;
  department?: string;
  publishChecks?: boolean;
}

/** Values of the settings added after the first release, for callers that do not set them. */
export const SETTING_DEFAULTS: Pick<Settings, 'leftover' | 'overshoot' | 'mesCompletion'> = {
  leftover: 'pool',
  overshoot: null,
  mesCompletion: 'add1',
};

/**
 * 조정 (manual override): the committee funds (선정) or excludes (제외) an agenda after the rule
 * has run, e.g. an ineligible or incompatible one. The reason is mandatory: an override is
 * never applied silently.
 */
export interface Override {
  agendaId: string;
  /** true = fund (선정), false = exclude (제외). */
  selected: boolean;
  reason: string;
  /** Who decided (e.g. 운영위원회) and when, as written; '' when not given. */
  decidedBy: string;
  date: string;
}

export type ReasonCode =
  | 'no_voter'
  | 'bad_timestamp'
  | 'outside_window'
  | 'unknown_agenda'
  | 'duplicate_pick'
  | 'duplicate_voter'
  | 'over_vote'
  | 'under_vote'
  | 'over_field'
  | 'under_field'
  | 'no_picks'
  | 'bad_row'
  | 'bad_votes'
  | 'formula_cell'
  | 'cell_clipped';

/** Why a ballot (or an export row) was not counted, or was counted only in part. */
export interface Problem {
  code: ReasonCode;
  /** Values a person needs to understand it (the unknown choice, the time, the limit). */
  detail: Record<string, string | number>;
}
