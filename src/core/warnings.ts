/**
 * Warnings: conditions a person should see that do not stop the job (the job still writes).
 * The codes are a public contract: `tally --json` and `import --json` print them, scripts test
 * for them, and the CLI, the sidebar and 결과's header show the same list. Extend, never rename.
 */
export interface Warning {
  code: WarningCode;
  /** Korean first, then English after ` / ` (as every user-facing message). */
  message: string;
}

/** Every code in use, with what it means. One line each: issues add theirs. */
export const WARNING_CODES = {
  unknown_setting: 'a 설정 key the tool does not know (the message names the closest known key)',
  no_window: 'no voting window set: every ballot counts whatever its time',
  no_ballots: 'no ballot was counted',
  agenda_id_date: 'an agenda id is a date the spreadsheet made from what was typed (`1-1`)',
  no_voter_column: 'the export has no voter column: duplicate votes cannot be detected',
  no_time_column: 'the export has no time column: the voting window cannot be checked',
  partly_imported: 'part of this file is already in the workbook from a run that stopped half-way',
  totals_replaced: "a totals channel imported again: its earlier table in 집계 is replaced, not added to (the message and 이력 show the difference)",
  same_content: 'the same content as an earlier import (totals with the same numbers, or a voter-less ballot file in another row order): nothing added',
  extra_pick_columns: 'more pick columns (선택1..N) than 선택 수: ballots that fill them have too many picks (the message names the columns)',
  voter_column_by_content: 'no voter column by its header: a column whose cells are mostly phone numbers is used as the voter column (named in the message)',
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export function warning(code: WarningCode, message: string): Warning {
  return { code, message };
}
