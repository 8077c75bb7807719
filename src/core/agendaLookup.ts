import type { Agenda } from './types';

/**
 * Exports name an agenda by its id ("A03", "3") or by its exact title. Ids win over titles,
 * and matching ignores case, width (full-width letters) and surrounding or doubled spaces.
 */
export class AgendaLookup {
  private readonly byKey = new Map<string, Agenda>();
  /**
   * Numeric ids by their number: `01` typed into a spreadsheet cell becomes the number 1, so an
   * export's `01` must still find agenda 1 (and `1` agenda `01`). Only ids no other id shares.
   */
  private readonly byNumber = new Map<string, Agenda | null>();

  constructor(readonly agendas: readonly Agenda[]) {
    for (const agenda of agendas) this.add(normalizeName(agenda.title), agenda);
    for (const agenda of agendas) this.byKey.set(normalizeName(agenda.id), agenda);
    for (const agenda of agendas) {
      const n = numberKey(normalizeName(agenda.id));
      if (n !== null) this.byNumber.set(n, this.byNumber.has(n) ? null : agenda);
    }
  }

  find(text: string): Agenda | undefined {
    const key = normalizeName(text);
    const found = this.byKey.get(key);
    if (found !== undefined || this.byNumber.size === 0) return found;
    const n = numberKey(key);
    return n === null ? undefined : (this.byNumber.get(n) ?? undefined);
  }

  private add(key: string, agenda: Agenda): void {
    if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, agenda);
  }
}

export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `007` → `7` for an id of digits only; null otherwise. */
function numberKey(id: string): string | null {
  return /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : null;
}
