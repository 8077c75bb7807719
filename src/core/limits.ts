/**
 * Sheets refuses a cell over 50,000 characters, and a workbook holding such cells is no longer an
 * export: longer cells are cut to this on import, in both hosts, so nothing the tool writes is
 * something it (or Sheets) then refuses.
 */
export const MAX_CELL_CHARS = 50_000;

/**
 * The longest line (or row) an export may have: every cell at the cell limit. Anything longer is
 * no export (a 50 MB header line); it is refused as soon as it is seen, before it is parsed.
 */
export function maxLineChars(columns: number): number {
  return MAX_CELL_CHARS * Math.max(1, columns);
}
