import type { Agenda } from './types';

/**
 * Exports name an agenda by its id ("A03", "3") or by its exact title. Ids win over titles,
 * and matching ignores case, width (full-width letters) and surrounding or doubled spaces.
 */
export class AgendaLookup {
  private readonly byKey = new Map<string, Agenda>();

  constructor(readonly agendas: readonly Agenda[]) {
    for (const agenda of agendas) this.add(normalizeName(agenda.title), agenda);
    for (const agenda of agendas) this.byKey.set(normalizeName(agenda.id), agenda);
  }

  find(text: string): Agenda | undefined {
    return this.byKey.get(normalizeName(text));
  }

  private add(key: string, agenda: Agenda): void {
    if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, agenda);
  }
}

export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
