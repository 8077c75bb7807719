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
  pb_rule_approximated: "a .pb file's META rule is a local one (greedy-custom, greedy-exclusive, unknown): tallied with the nearest rule the tool has",
  pb_meta_count: "a .pb file's META num_projects or num_votes disagrees with the projects or votes the file holds",
  pb_points_dropped: 'a .pb with ordinal, cumulative or scoring ballots was imported into a workbook, which keeps picks only (tally the .pb itself for its scores)',
  partly_imported: 'part of this file is already in the workbook from a run that stopped half-way',
  cells_clipped: 'cells longer than 50,000 characters (Sheets\' limit) were cut to it; their rows are listed in 제외',
  formula_cells: 'rows with a formula cell in an .xlsx export were set aside (a formula is never a vote, a voter or a time)',
  ballots_edited: '투표 rows changed, added or removed by hand since their import, or holding a formula (not counted); the message gives the rows',
  audit_missing: '이력 is missing or empty while 투표 or 결과 exist: the record of imports and tallies was removed',
  audit_broken: "이력's keyed chain breaks: a row changed, added or removed by hand; the message gives the rows",
  audit_chain_started: "이력's older rows carry no chain digest: the chain starts at this run's row (said once)",
  totals_replaced: "a totals channel imported again: its earlier table in 집계 is replaced, not added to (the message and 이력 show the difference)",
  same_content: 'the same content as an earlier import (totals with the same numbers, or a voter-less ballot file in another row order): nothing added',
  extra_pick_columns: 'more pick columns (선택1..N) than 선택 수: ballots that fill them have too many picks (the message names the columns)',
  voter_column_by_content: 'no voter column by its header: a column whose cells are mostly phone numbers is used as the voter column (named in the message)',
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export function warning(code: WarningCode, message: string): Warning {
  return { code, message };
}
