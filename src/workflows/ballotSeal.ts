/**
 * 투표 under seal (봉인): every row an import writes carries a keyed digest of its cells, and the
 * import's 이력 row the number of rows it wrote and a keyed digest of all their seals. Without the
 * document's key nobody can make a seal that checks, so a row changed by hand, a row added (with a
 * made-up import id or copied from another) and a row deleted all show when the tab is checked.
 */
import { derivedKey, macHex, rowSealer } from '../core/documentMac';
import { portableHashing, type Hashing } from '../core/hashing';
import { cellText, field, type Table } from '../sheets/table';
import type { Cell } from './workbook';

/** The 투표 columns a seal covers, in this order: everything a ballot is counted by or shown with. */
export const SEALED_COLUMNS = ['voterKey', 'votedAt', 'choices', 'channel', 'dong', 'ageGroup', 'gender', 'source', 'row'] as const;

/** Seals the rows of one import as they are written, then gives the digest its 이력 row keeps. */
export class ImportSealer {
  private readonly sealRow: (cells: readonly string[]) => string;
  private readonly cells: string[] = new Array<string>(SEALED_COLUMNS.length).fill('');
  private seals: string[] = [];
  constructor(
    private readonly documentKey: string,
    private readonly importId: string,
    private readonly hashing: Hashing = portableHashing,
  ) {
    this.sealRow = rowSealer(documentKey, hashing);
  }

  /** The seal of a 투표 record, its cells as the tab will hand them back. */
  seal(record: Readonly<Record<string, Cell>>): string {
    for (let i = 0; i < SEALED_COLUMNS.length; i++) this.cells[i] = cellText(record[SEALED_COLUMNS[i]] ?? null);
    const seal = this.sealRow(this.cells);
    this.seals.push(seal);
    return seal;
  }

  get count(): number {
    return this.seals.length;
  }

  /** The import's digest: its id, its row count and every seal, in the order written. */
  digest(): string {
    return importDigest(this.documentKey, this.importId, this.seals, this.hashing);
  }
}

export function importDigest(documentKey: string, importId: string, seals: readonly string[], hashing: Hashing = portableHashing): string {
  return macHex(derivedKey(documentKey, 'import'), `${importId}\u001e${seals.length}\u001e${seals.join('')}`, hashing).slice(0, 32);
}

/** What 이력 says one import wrote into 투표: its row count, or null for an older import that sealed nothing. */
export interface RecordedImport {
  id: string;
  rows: number | null;
}

export interface SealCheck {
  /** Imports whose rows are sealed (older imports are not, and are not checked). */
  sealedImports: number;
  /** Rows whose cells no longer match their seal (1-based 투표 row numbers). */
  changed: number[];
  /** Rows no import wrote: no seal where one belongs, or a second copy of a sealed row. */
  added: number[];
  /** Imports with fewer rows left than they wrote, and how many are missing. */
  removed: { importId: string; rows: number }[];
  /** Rows holding a formula: an edit, and not counted. */
  formulas: number[];
}

/**
 * Checks every 투표 row against its seal and every sealed import's row count: one keyed digest per
 * row. `imports` is null when 이력 is missing: rows are still checked against their seals, but rows
 * removed cannot be counted.
 */
export function checkBallotSeals(
  table: Table,
  documentKey: string,
  imports: readonly RecordedImport[] | null,
  formulaRows: ReadonlySet<number>,
  hashing: Hashing = portableHashing,
): SealCheck {
  const sealed = new Map<string, number>();
  const older = new Set<string>();
  for (const i of imports ?? []) {
    if (i.rows === null) older.add(i.id);
    else sealed.set(i.id, i.rows);
  }
  const check: SealCheck = { sealedImports: sealed.size, changed: [], added: [], removed: [], formulas: [] };
  const sealIndex = table.columns.get('seal');
  const sealRow = rowSealer(documentKey, hashing);
  const indexes = SEALED_COLUMNS.map((key) => table.columns.get(key) ?? -1);
  const cells = new Array<string>(indexes.length).fill('');
  const seen = new Set<string>();
  const intact = new Map<string, number>();
  const changedOf = new Map<string, number>();
  // Before the first sealed import a row without a seal is an older import's or typed by staff before
  // there was any seal: nothing to check it against.
  const sealingBegan = sealed.size > 0 || (imports === null && sealIndex !== undefined);
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    const at = table.rowNumbers[i];
    if (formulaRows.has(at)) {
      // Reported as a formula, not again as its import's row removed.
      check.formulas.push(at);
      const source = field(table, row, 'source');
      changedOf.set(source, (changedOf.get(source) ?? 0) + 1);
      continue;
    }
    const seal = sealIndex === undefined ? '' : cellText(row[sealIndex]);
    if (seal === '') {
      const source = field(table, row, 'source');
      if (sealed.has(source) || (sealingBegan && !older.has(source))) check.added.push(at);
      continue;
    }
    for (let c = 0; c < indexes.length; c++) cells[c] = indexes[c] < 0 ? '' : cellText(row[indexes[c]]);
    const source = cells[7];
    if (sealRow(cells) !== seal) {
      // Under an import id 이력 does not know, it never was an import's row: added, not changed.
      if (imports !== null && !sealed.has(source) && !older.has(source)) {
        check.added.push(at);
        continue;
      }
      check.changed.push(at);
      changedOf.set(source, (changedOf.get(source) ?? 0) + 1);
    } else if (seen.has(seal)) check.added.push(at);
    else {
      seen.add(seal);
      intact.set(source, (intact.get(source) ?? 0) + 1);
    }
  }
  for (const [id, rows] of sealed) {
    const missing = rows - (intact.get(id) ?? 0) - (changedOf.get(id) ?? 0);
    if (missing > 0) check.removed.push({ importId: id, rows: missing });
  }
  return check;
}

export function isIntact(check: SealCheck): boolean {
  return check.changed.length === 0 && check.added.length === 0 && check.removed.length === 0 && check.formulas.length === 0;
}
