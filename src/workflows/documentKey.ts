import { UserError } from '../core/errors';
import { TABS } from '../sheets/schema';
import { field, readTable } from '../sheets/table';
import { checkAuditChain } from './auditChain';
import { findTab, readTab } from './tabs';
import type { HostContext } from './context';
import type { Workbook } from './workbook';

/**
 * The document's key (투표자 열쇠): the voter-key salt, and the key of every seal and chain digest
 * (core/documentMac.ts). The secret's name is the one it always had, so workbooks keep their keys.
 */
export const DOCUMENT_KEY = 'civicSheets.voterSalt';

const IMPORT_ACTIONS = new Set(['import', '가져오기']);

/**
 * Whether the workbook already holds what only its key could have made: an import recorded in
 * 이력, or sealed 투표 rows. Then a missing key is lost, never replaced: a new one would make the
 * old voters new people (duplicates across imports go unseen) and every seal look forged.
 */
export function holdsKeyedRecords(wb: Workbook): boolean {
  const audit = readTab(wb, 'audit');
  if (audit !== null && audit.grid.length > 1) {
    const table = readTable(audit.grid, TABS.audit, audit.name);
    if (table.rows.some((row) => IMPORT_ACTIONS.has(field(table, row, 'what')))) return true;
  }
  // A command that never reads 투표 (check-plans, reminders) leaves a large one unparsed: every
  // import also writes 이력, so 이력 alone decides there (a deleted 이력 shows at the next tally).
  const ballotsName = findTab(wb, TABS.ballots);
  if (ballotsName !== null && wb.leftUnread?.(ballotsName) === true) return false;
  const ballots = readTab(wb, 'ballots');
  if (ballots !== null && ballots.grid.length > 1) {
    const table = readTable(ballots.grid, TABS.ballots, ballots.name);
    const seal = table.columns.get('seal');
    if (seal !== undefined && table.rows.some((row) => row[seal] !== null && row[seal] !== '')) return true;
  }
  return false;
}

export function missingKeyError(wb: Workbook): UserError {
  const where = wb.keyLocation?.() ?? '문서 속성 / document properties';
  return new UserError(
    'missing_key',
    `이 통합문서의 투표자 열쇠를 찾을 수 없습니다 (찾아본 곳: ${where}). 새 열쇠는 만들지 않았습니다 / The voter key of this workbook was not found (looked in: ${where}); no new key was made`,
  );
}

/**
 * The key, or null when the workbook has none and needs none yet; refused when it is lost, or is
 * not this workbook's (not one 이력 link checks under it: another workbook's key file, a key typed
 * wrong), since a wrong key would make every earlier voter a new one.
 */
export function existingDocumentKey(wb: Workbook): string | null {
  const saved = wb.getSecret(DOCUMENT_KEY);
  if (saved === null || saved === '') {
    if (holdsKeyedRecords(wb)) throw missingKeyError(wb);
    return null;
  }
  const chain = checkAuditChain(saved, readTab(wb, 'audit'));
  if (chain.checked > 0 && chain.broken.length === chain.checked) {
    const where = wb.keyLocation?.() ?? '문서 속성 / document properties';
    throw new UserError(
      'wrong_key',
      `투표자 열쇠가 이 통합문서의 것이 아닙니다 (${where}): 이력의 어떤 행도 이 열쇠로 확인되지 않습니다 / The voter key (${where}) is not this workbook's: no 이력 row checks under it`,
    );
  }
  return saved;
}

/** The key, made now when the workbook has none and holds nothing keyed. */
export function documentKey(wb: Workbook, ctx: HostContext): string {
  const saved = existingDocumentKey(wb);
  if (saved !== null) return saved;
  const made = ctx.randomSecret();
  wb.setSecret(DOCUMENT_KEY, made);
  return made;
}
