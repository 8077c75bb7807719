/**
 * The evidence every tally and check reads before it counts: 투표 against its seals and 이력's
 * import records (ballotSeal.ts), 이력's chain (auditChain.ts), and whether the tabs the record
 * speaks of are there. What it finds is a warning (the count still runs, with formula rows left
 * out); a missing 투표 that 이력 says was imported into is refused, rather than counted as no vote.
 */
import { derivedKey, macHex } from '../core/documentMac';
import { UserError } from '../core/errors';
import { Fingerprint } from '../core/hash';
import { portableHashing, type Hashing } from '../core/hashing';
import { warning, type Warning } from '../core/warnings';
import { TABS } from '../sheets/schema';
import { field, readTable, type Table } from '../sheets/table';
import { checkAuditChain, type ChainCheck } from './auditChain';
import { checkBallotSeals, isIntact, type RecordedImport, type SealCheck } from './ballotSeal';
import { existingDocumentKey } from './documentKey';
import { findTab, readTab, type TabRead } from './tabs';
import type { Workbook } from './workbook';

export interface Evidence {
  warnings: Warning[];
  seal: SealCheck | null;
  chain: ChainCheck | null;
  /** 투표 without its formula rows: the rows to count. */
  ballotsTable: Table | null;
  /**
   * A keyed digest of 투표 as it stands, when every row checked: the tally keeps it in its 이력 row,
   * and the next check of an unchanged 투표 is one plain hash pass instead of a keyed digest per row.
   */
  checkedBallots: string;
}

const IMPORT_ACTIONS = new Set(['import', '가져오기']);
/** Rows listed in a warning; the rest are counted. */
const LISTED_ROWS = 20;

/** An import as 이력 records it; `totalsOnly` when it wrote 집계 only. */
interface ImportRecord extends RecordedImport {
  totalsOnly: boolean;
}

/** The imports 이력 records: id, and how many 투표 rows each wrote (null: an older import, or 집계 only). */
export function recordedImports(audit: TabRead | null): ImportRecord[] | null {
  if (audit === null || audit.grid.length === 0) return null;
  const table = readTable(audit.grid, TABS.audit, audit.name);
  const imports: ImportRecord[] = [];
  for (const row of table.rows) {
    if (!IMPORT_ACTIONS.has(field(table, row, 'what'))) continue;
    const rows = field(table, row, 'ballots');
    imports.push({ id: field(table, row, 'input').slice(0, 12), rows: /^\d+$/.test(rows) ? Number(rows) : null, totalsOnly: / totals\)/.test(field(table, row, 'detail')) });
  }
  return imports;
}

/** Refuses to count when 이력 records ballots imported and 투표 is gone (deleted or renamed). */
export function requireBallotsTab(wb: Workbook, imports: readonly ImportRecord[] | null): void {
  if (findTab(wb, TABS.ballots) !== null) return;
  const wroteBallots = (imports ?? []).filter((i) => (i.rows ?? 0) > 0 || (i.rows === null && !i.totalsOnly));
  if (wroteBallots.length === 0) return;
  throw new UserError(
    'missing_tab',
    `'${TABS.ballots.ko}' 탭이 없습니다 (지워졌거나 이름이 바뀜). 이력에는 가져오기 ${wroteBallots.length}건이 기록되어 있어 개표하지 않았습니다 / The '${TABS.ballots.en}' (${TABS.ballots.ko}) tab is missing (deleted or renamed) while 이력 records ${wroteBallots.length} import(s): nothing was tallied`,
  );
}

export function checkEvidence(wb: Workbook, ballots: Table | null, hashing: Hashing = portableHashing): Evidence {
  const audit = readTab(wb, 'audit');
  const imports = recordedImports(audit);
  requireBallotsTab(wb, imports);
  const key = existingDocumentKey(wb);
  const evidence: Evidence = { warnings: [], seal: null, chain: null, ballotsTable: ballots, checkedBallots: '' };
  if (key === null) return evidence;
  const auditRows = audit === null ? 0 : readTable(audit.grid, TABS.audit, audit.name).rows.length;
  if (auditRows > 0) evidence.chain = checkAuditChain(key, audit);
  if (ballots !== null) {
    const formulaRows = wb.formulaRows?.(ballots.tabName) ?? new Set<number>();
    const digest = ballotsDigest(key, ballots, hashing);
    // Unchanged since a tally found every row as sealed, and 이력 (which holds that record) intact.
    const unchanged = formulaRows.size === 0 && evidence.chain !== null && evidence.chain.broken.length === 0 && digest === lastCheckedBallots(audit);
    evidence.seal = unchanged ? { sealedImports: (imports ?? []).filter((i) => i.rows !== null).length, changed: [], added: [], removed: [], formulas: [] } : checkBallotSeals(ballots, key, imports, formulaRows, hashing);
    if (isIntact(evidence.seal)) evidence.checkedBallots = digest;
    const edited = describeSealCheck(evidence.seal);
    if (edited !== null) evidence.warnings.push(warning('ballots_edited', edited));
    if (evidence.seal.formulas.length > 0) evidence.ballotsTable = withoutRows(ballots, new Set(evidence.seal.formulas));
  }
  if (auditRows === 0) {
    const results = readTab(wb, 'results');
    const hasResults = results !== null && results.grid.some((row) => row.some((cell) => cell !== null && cell !== ''));
    if ((ballots !== null && ballots.rows.length > 0) || hasResults) {
      evidence.warnings.push(
        warning(
          'audit_missing',
          `'${TABS.audit.ko}' 탭이 없거나 비어 있는데 ${hasResults ? TABS.results.ko : TABS.ballots.ko} 탭이 있습니다: 가져오기와 개표의 기록이 지워졌습니다 / The '${TABS.audit.en}' (${TABS.audit.ko}) tab is missing or empty while ${hasResults ? TABS.results.en : TABS.ballots.en} exists: the record of imports and tallies was removed`,
        ),
      );
    }
  } else if (evidence.chain !== null && evidence.chain.broken.length > 0) {
    const rows = listRows(evidence.chain.broken);
    evidence.warnings.push(
      warning(
        'audit_broken',
        `'${TABS.audit.ko}' 탭의 연결 지문이 ${rows}행에서 끊겼습니다: 그 행이 손으로 바뀌었거나 더해졌거나, 그 위의 행이 지워졌습니다 / The '${TABS.audit.en}' chain breaks at row(s) ${rows}: a row was changed or added by hand, or rows above it removed`,
      ),
    );
  }
  return evidence;
}

/** 투표's header and rows under the key: a plain hash pass (native in Node), then one keyed digest. */
export function ballotsDigest(key: string, table: Table, hashing: Hashing): string {
  const fp = new Fingerprint(hashing).addRow(table.header);
  for (let i = 0; i < table.rows.length; i++) fp.addRow(table.rows[i]).addText(String(table.rowNumbers[i]));
  return `checked:${macHex(derivedKey(key, 'ballots-checked'), fp.hex(), hashing).slice(0, 32)}`;
}

/** What the last tally recorded of 투표 as it checked it ('' when it found edits, or none did). */
function lastCheckedBallots(audit: TabRead | null): string {
  if (audit === null || audit.grid.length === 0) return '';
  const table = readTable(audit.grid, TABS.audit, audit.name);
  for (let i = table.rows.length - 1; i >= 0; i--) {
    const seal = field(table, table.rows[i], 'seal');
    if (seal.startsWith('checked:')) return seal;
    if (IMPORT_ACTIONS.has(field(table, table.rows[i], 'what'))) return importChecked(seal);
  }
  return '';
}

/**
 * An import's 봉인 is the keyed digest of its rows' seals, and, after an import into a 투표 that
 * had no rows (and whose 이력 records no rows imported before), ` checked:…` too: the digest a
 * tally would record of 투표 as that import left it, every row its own and sealed by it.
 */
export function importSeal(sealsDigest: string, checked: string): string {
  return checked === '' ? sealsDigest : `${sealsDigest} ${checked}`;
}

function importChecked(seal: string): string {
  const space = seal.indexOf(' ');
  const checked = space < 0 ? '' : seal.slice(space + 1);
  return checked.startsWith('checked:') ? checked : '';
}

/**
 * Whether an import may record the digest of 투표 as it leaves it (see importSeal): only when every
 * row there will be its own, so that a tally finding 투표 unchanged (and 이력's chain intact) knows
 * it as sealed without checking each row. Asked before the import writes. Not when 이력 says rows
 * were imported before (they may have been removed since), nor when 투표 holds rows (an earlier
 * import's, or typed): the next tally checks every row, as before. Nor on a host where reading
 * 투표 back is a service call (Sheets, outside a job).
 */
export function mayRecordChecked(wb: Workbook, ballotsBefore: TabRead | null, audit: TabRead | null): boolean {
  if (wb.readsAreLocal !== true) return false;
  if ((recordedImports(audit) ?? []).some((i) => (i.rows ?? 0) > 0 || (i.rows === null && !i.totalsOnly))) return false;
  return ballotsBefore === null || readTable(ballotsBefore.grid, TABS.ballots, ballotsBefore.name).rows.length === 0;
}

/** The digest a tally records of 투표 as it stands ('' without a 투표), read back from the host. */
export function checkedNow(wb: Workbook, key: string, hashing: Hashing): string {
  const ballots = readTab(wb, 'ballots');
  return ballots === null ? '' : ballotsDigest(key, readTable(ballots.grid, TABS.ballots, ballots.name), hashing);
}

function listRows(rows: readonly number[]): string {
  return rows.length <= LISTED_ROWS ? rows.join(', ') : `${rows.slice(0, LISTED_ROWS).join(', ')} … (+${rows.length - LISTED_ROWS})`;
}

/** The warning's message, Korean then English; null when 투표 is as its imports wrote it. */
export function describeSealCheck(check: SealCheck): string | null {
  const ko: string[] = [];
  const en: string[] = [];
  if (check.changed.length > 0) {
    ko.push(`바뀐 행 ${check.changed.length}개 (${listRows(check.changed)}행)`);
    en.push(`${check.changed.length} row(s) changed (row ${listRows(check.changed)})`);
  }
  if (check.added.length > 0) {
    ko.push(`더해진 행 ${check.added.length}개 (${listRows(check.added)}행)`);
    en.push(`${check.added.length} row(s) added (row ${listRows(check.added)})`);
  }
  for (const r of check.removed) {
    ko.push(`가져오기 ${r.importId}의 행 ${r.rows}개가 지워짐`);
    en.push(`${r.rows} row(s) of import ${r.importId} removed`);
  }
  if (check.formulas.length > 0) {
    ko.push(`수식이 든 행 ${check.formulas.length}개 (${listRows(check.formulas)}행, 세지 않음)`);
    en.push(`${check.formulas.length} row(s) holding a formula (row ${listRows(check.formulas)}, not counted)`);
  }
  if (ko.length === 0) return null;
  return `'${TABS.ballots.ko}' 탭이 가져온 뒤 손으로 고쳐졌습니다: ${ko.join(', ')} / The '${TABS.ballots.en}' tab was edited by hand after import: ${en.join(', ')}`;
}

function withoutRows(table: Table, rowNumbers: ReadonlySet<number>): Table {
  const rows: Table['rows'] = [];
  const numbers: number[] = [];
  table.rows.forEach((row, i) => {
    if (rowNumbers.has(table.rowNumbers[i])) return;
    rows.push(row);
    numbers.push(table.rowNumbers[i]);
  });
  return { ...table, rows, rowNumbers: numbers };
}
