/**
 * After an import, no raw personal value may be anywhere in the workbook: not in a tab (hidden
 * ones included: staging, the salt's), not in the document's properties. Values are looked for
 * as written and by their digits (a phone number stored as 01030000002 is still that number).
 */
import type { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';

export function rawValuesFound(texts: readonly string[], rawValues: readonly string[]): string[] {
  const found: string[] = [];
  // Keys, fingerprints and salts are hex: their digits are noise, not a number someone wrote.
  const digitsOnly = texts.filter((t) => !/^[v]?[0-9a-f-]{12,}$/i.test(t.trim())).map((t) => t.replace(/\D/g, ''));
  for (const raw of rawValues) {
    const digits = raw.replace(/\D/g, '');
    // A phone number's last eight digits are enough to name a person; shorter digit runs are not looked for.
    const tail = digits.length >= 10 ? digits.slice(-8) : '';
    if (texts.some((t) => t.includes(raw)) || (tail !== '' && digitsOnly.some((d) => d.includes(tail)))) found.push(raw);
  }
  return found;
}

/** Every cell of every tab and every document property of an in-memory workbook, as text. */
export function memoryWorkbookTexts(wb: MemoryWorkbook): string[] {
  const texts: string[] = [];
  for (const [name, grid] of wb.tabs) {
    texts.push(name);
    for (const row of grid) for (const cell of row) texts.push(cell === null || cell === undefined ? '' : String(cell));
  }
  for (const [key, value] of wb.secrets) texts.push(key, value);
  return texts;
}
