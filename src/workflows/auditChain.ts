/**
 * 이력 as a chain (연결 지문): each row carries a keyed digest over the previous row's digest and its
 * own cells, so a row changed, inserted or removed by hand breaks the chain where it was, and
 * nobody without the document's key can mend it. Rows written before the chain existed (older
 * workbooks) carry no digest; the chain starts at the first row that has one.
 */
import { derivedKey, macHex } from '../core/documentMac';
import { gridHash } from '../core/hash';
import { warning, type Warning } from '../core/warnings';
import { TABS } from '../sheets/schema';
import { cellText, field, readTable } from '../sheets/table';
import type { TabRead } from './tabs';
import type { Cell, ReadonlyGrid } from './workbook';

/** The 이력 columns a link covers, in this order (every column but the link itself). */
const LINKED_COLUMNS = TABS.audit.columns.map((c) => c.key).filter((key) => key !== 'chain');

export function chainLink(documentKey: string, previous: string, cells: readonly string[]): string {
  return macHex(derivedKey(documentKey, 'audit-chain'), `${previous}\u001e${cells.join('\u001f')}`).slice(0, 32);
}

/** The link of a new 이력 row, and whether it is the first of a chain (older rows carry none). */
export function nextLink(documentKey: string, tab: TabRead | null, record: Readonly<Record<string, Cell>>): { chain: string; starts: boolean } {
  const rows = auditRows(tab);
  const last = rows.length === 0 ? '' : rows[rows.length - 1].chain;
  const cells = LINKED_COLUMNS.map((key) => cellText(record[key] ?? null));
  return { chain: chainLink(documentKey, last, cells), starts: rows.length > 0 && last === '' };
}

const SEAL_AT = LINKED_COLUMNS.indexOf('seal');
const RESULTS_TAB_AT = LINKED_COLUMNS.indexOf('resultsTab');

function madeByChainedTool(row: AuditRow): boolean {
  return row.cells[SEAL_AT] !== '' || row.cells[RESULTS_TAB_AT].startsWith('hmac:');
}

interface AuditRow {
  at: number;
  cells: string[];
  chain: string;
}

function auditRows(tab: TabRead | null): AuditRow[] {
  if (tab === null || tab.grid.length === 0) return [];
  const table = readTable(tab.grid, TABS.audit, tab.name);
  return table.rows.map((row, i) => ({ at: table.rowNumbers[i], cells: LINKED_COLUMNS.map((key) => field(table, row, key)), chain: field(table, row, 'chain') }));
}

export interface ChainCheck {
  /** Rows before the chain began (an older workbook's), not checked. */
  unchained: number;
  /** Rows checked (from the first linked one). */
  checked: number;
  /** 이력 rows (1-based) where the chain breaks: the row was changed or added by hand, or rows above it removed. */
  broken: number[];
}

/**
 * Walks the chain. After a break it goes on from the row's own digest, so one edit is one break.
 * Two rows linked to the same row are two writers at once (a reminder trigger between the steps
 * of an import), not an edit: only the tool with the key makes links.
 */
export function checkAuditChain(documentKey: string, tab: TabRead | null): ChainCheck {
  const rows = auditRows(tab);
  const check: ChainCheck = { unchained: 0, checked: 0, broken: [] };
  let started = false;
  let previous = '';
  let parentOfPrevious = '';
  for (const row of rows) {
    if (!started) {
      // A row only a chained workbook writes (a seal, a keyed 결과 digest) without its link: unlinked by hand.
      if (row.chain === '' && !madeByChainedTool(row)) {
        check.unchained++;
        continue;
      }
      started = true;
    }
    const linked = row.chain !== '' && (chainLink(documentKey, previous, row.cells) === row.chain || (previous !== '' && chainLink(documentKey, parentOfPrevious, row.cells) === row.chain));
    check.checked++;
    if (!linked) check.broken.push(row.at);
    parentOfPrevious = previous;
    previous = row.chain;
  }
  return check;
}

/** The 결과 tab's keyed digest as 이력 keeps it: without the key it cannot be made to match an edit. */
export function resultsTabMac(documentKey: string, grid: ReadonlyGrid): string {
  return `hmac:${macHex(derivedKey(documentKey, 'results-tab'), gridHash(grid)).slice(0, 32)}`;
}

/**
 * Whether 결과 differs from what its tally recorded: a keyed digest, or the plain hash an older,
 * unchained 이력 row kept (a plain hash in a chained row was put there by hand). null when nothing
 * was recorded, or the key that made the record is not at hand.
 */
export function resultsTabEdited(recorded: { resultsTab: string; chain: string }, grid: ReadonlyGrid | null, documentKey: string | null): boolean | null {
  if (recorded.resultsTab === '') return null;
  if (grid === null) return true;
  if (recorded.resultsTab.startsWith('hmac:')) return documentKey === null ? null : resultsTabMac(documentKey, grid) !== recorded.resultsTab;
  return recorded.chain !== '' || gridHash(grid) !== recorded.resultsTab;
}

/** Whether the next 이력 row starts the chain: the tab has rows, and none carries a link. */
export function chainStartsAt(tab: TabRead | null): boolean {
  const rows = auditRows(tab);
  return rows.length > 0 && rows.every((row) => row.chain === '');
}

export function chainStartedWarning(): Warning {
  return warning(
    'audit_chain_started',
    `'${TABS.audit.ko}' 탭의 이전 행에는 연결 지문이 없습니다: 이번 행부터 연결됩니다 / The '${TABS.audit.en}' tab's earlier rows carry no chain digest: the chain starts with this run's row`,
  );
}
