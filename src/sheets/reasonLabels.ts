/**
 * Short names of the reasons a row is set aside, for summaries (the CLI's import line, the
 * sidebar's table of counts). The full sentence for one row, with its values, is describeProblem.
 */
import type { ReasonCode } from '../core/types';

/** Reasons of ballot imports, and of committee score sheets (심사). */
export type ImportReason = ReasonCode | 'duplicate_score' | 'bad_score' | 'no_scorer';

const LABELS: Record<ImportReason, { ko: string; en: string }> = {
  unknown_agenda: { ko: '없는 의제', en: 'unknown agenda' },
  duplicate_voter: { ko: '중복 투표 (같은 투표자)', en: 'second vote by the same voter' },
  outside_window: { ko: '투표 기간 밖', en: 'outside the voting window' },
  bad_timestamp: { ko: '투표일시를 읽을 수 없음', en: 'unreadable time' },
  no_voter: { ko: '투표자 정보 없음', en: 'no voter identifier' },
  duplicate_pick: { ko: '같은 의제 중복 선택', en: 'same agenda picked twice' },
  over_vote: { ko: '선택 수 초과', en: 'too many picks' },
  under_vote: { ko: '선택 수 부족', en: 'too few picks' },
  over_field: { ko: '분야별 선택 수 초과', en: 'too many picks in a field' },
  under_field: { ko: '분야별 선택 수 부족', en: 'too few picks in a field' },
  duplicate_score: { ko: '같은 심사위원의 점수 중복', en: 'second score by the same scorer' },
  bad_score: { ko: '점수를 읽을 수 없음', en: 'unreadable score' },
  no_scorer: { ko: '심사위원 없음', en: 'no scorer' },
  no_picks: { ko: '선택한 의제 없음', en: 'no picks' },
  bad_row: { ko: '열 개수가 머리글과 다름', en: 'row wider than the header' },
  bad_votes: { ko: '득표수를 읽을 수 없음', en: 'unreadable vote count' },
  formula_cell: { ko: '수식 셀', en: 'formula cell' },
  cell_clipped: { ko: '너무 긴 셀 (잘라서 반영)', en: 'cell too long (cut)' },
};

export function reasonLabels(language: 'ko' | 'en'): Record<ImportReason, string> {
  return Object.fromEntries(Object.entries(LABELS).map(([code, label]) => [code, label[language]])) as Record<ImportReason, string>;
}

/** A reason's short name; an unknown code (from a newer version) is shown as it is. */
export function reasonLabel(code: string, language: 'ko' | 'en'): string {
  return (LABELS as Record<string, { ko: string; en: string } | undefined>)[code]?.[language] ?? code;
}
