/**
 * Runs after every test (jest setupFilesAfterEnv): every in-memory workbook the test wrote to is
 * searched, in the tabs an import writes (투표, 제외, 집계, 이력, the hidden staging tab) and in its
 * document properties, for a value that looks like a phone number, an e-mail address, a resident
 * registration number or an IP address. Such a value there means an import kept personal data in
 * clear, whatever the test itself was about.
 */
import { personalKindOf } from '../../src/core/identity';
import { findTabName, TABS } from '../../src/sheets/schema';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { STAGING_TAB } from '../../src/workflows/stagedImport';

const written = new Set<MemoryWorkbook>();
const { writeTab, appendRows, setSecret } = MemoryWorkbook.prototype;
MemoryWorkbook.prototype.writeTab = function (this: MemoryWorkbook, ...args: Parameters<typeof writeTab>) {
  written.add(this);
  return writeTab.apply(this, args);
};
MemoryWorkbook.prototype.appendRows = function (this: MemoryWorkbook, ...args: Parameters<typeof appendRows>) {
  written.add(this);
  return appendRows.apply(this, args);
};
MemoryWorkbook.prototype.setSecret = function (this: MemoryWorkbook, ...args: Parameters<typeof setSecret>) {
  written.add(this);
  return setSecret.apply(this, args);
};

/** The pieces of a cell a person could read a value from: a 제외 content is `name=value; …`. */
function pieces(text: string): string[] {
  return [text, ...text.split(/; | \/ |=|, |'/)];
}

export function personalLeaks(wb: MemoryWorkbook): string[] {
  const names = wb.tabNames();
  const tabs = [TABS.ballots, TABS.setAside, TABS.totals, TABS.audit].map((spec) => findTabName(names, spec)).filter((n): n is string => n !== null);
  if (names.includes(STAGING_TAB)) tabs.push(STAGING_TAB);
  const leaks: string[] = [];
  const look = (where: string, text: string): void => {
    const found = new Set(pieces(text).filter((piece) => personalKindOf(piece) !== null));
    for (const piece of found) leaks.push(`${where}: ${personalKindOf(piece)} '${piece}'`);
  };
  for (const tab of tabs) {
    const grid = wb.tabs.get(tab) ?? [];
    // 이력's 실행자 is the staff account that ran the job (an e-mail by design), not a voter's.
    const staff = tab === findTabName(names, TABS.audit) ? (grid[0] ?? []).findIndex((h) => ['실행자', 'who'].includes(String(h))) : -1;
    const what = staff >= 0 ? (grid[0] ?? []).findIndex((h) => ['작업', 'what'].includes(String(h))) : -1;
    // Seals, chain links and fingerprints are hex digests the tool made: twelve digits of one can look
    // like a phone number (`823382534713`), and none of them is a resident's.
    const digests = new Set((grid[0] ?? []).flatMap((h, c) => (/봉인|지문|seal|fingerprint|digest|chain/i.test(String(h)) ? [c] : [])));
    // An import's id is the first twelve hex digits of its input fingerprint (`826104777615` can be one).
    const importIds = new Set((grid[0] ?? []).flatMap((h, c) => (['가져오기', 'import', 'source'].includes(String(h)) ? [c] : [])));
    const isImportId = (c: number, text: string): boolean => importIds.has(c) && /^[0-9a-f]{12}$/.test(text);
    grid.forEach((row, r) => {
      // Of 이력, the imports' rows (a reminder's row lists the staff it mailed, by design).
      if (what >= 0 && r > 0 && !['가져오기', 'import'].includes(String(row[what]))) return;
      row.forEach((cell, c) => {
        const text = cell === null || cell === undefined ? '' : String(cell);
        if (c !== staff && !digests.has(c) && !isImportId(c, text)) look(`${tab}!R${r + 1}C${c + 1}`, text);
      });
    });
  }
  for (const [key, value] of wb.secrets) for (const text of propertyTexts(value)) look(`property ${key}`, text);
  return leaks;
}

/**
 * The texts of a document property: a JSON value's strings (its numbers are hash states and counts,
 * not cells; `by` is the staff account running a job), else the text itself.
 */
function propertyTexts(value: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [value];
  }
  const out: string[] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      if (key !== 'by') out.push(node);
    } else if (Array.isArray(node)) node.forEach((item) => walk(item, key));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(parsed, '');
  return out;
}

afterEach(() => {
  const leaks = [...written].flatMap((wb) => personalLeaks(wb));
  written.clear();
  if (leaks.length > 0) throw new Error(`personal data kept in clear after an import:\n${leaks.slice(0, 10).join('\n')}`);
});
