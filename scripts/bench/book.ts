/**
 * The workbook every benchmark host starts from, set up the way staff would: the tabs `init`
 * makes, then 설정 and 의제 filled in (the built-in example's 11 agendas and 5억 budget). The
 * same few writes work on any host (memory, .xlsx, the Apps Script fake), so all of them count
 * the same vote.
 */
import { AGENDAS, SETTINGS } from '../../src/node/example/content';
import { headerNames, TABS } from '../../src/sheets/schema';
import type { Hashing } from '../../src/core/hashing';
import { nativeHashing } from '../../src/node/nativeHash';
import type { HostContext } from '../../src/workflows/context';
import { initWorkbook } from '../../src/workflows/init';
import type { Workbook } from '../../src/workflows/workbook';

export function prepareBook(wb: Workbook, ctx: HostContext): void {
  initWorkbook(wb, ctx);
  wb.writeTab(TABS.settings.ko, [headerNames(TABS.settings, 'ko').slice(0, 2), ...SETTINGS.map(([key, value]) => [key, value])], { frozenRows: 1, boldRows: [1] });
  wb.writeTab(
    TABS.agendas.ko,
    [headerNames(TABS.agendas, 'ko'), ...AGENDAS.map((a) => [a.id, a.title, a.field, a.costText, a.department])],
    { frozenRows: 1, boldRows: [1] },
  );
}

/**
 * A context with a fixed clock and salt, so two runs hash and fingerprint alike, hashing as the CLI
 * does (Node's native crypto) unless told otherwise (the Apps Script host's portable hashing).
 */
export function benchContext(hashing: Hashing = nativeHashing): HostContext {
  return {
    now: () => Date.UTC(2020, 6, 14, 1, 0, 0),
    actor: 'bench',
    randomSecret: () => 'civic-sheets-bench-salt-0123456789abcdef',
    language: 'ko',
    hashing,
  };
}
