import { AgendaLookup } from '../core/agendaLookup';
import { UserError } from '../core/errors';
import type { Agenda, Override } from '../core/types';
import { pickOne } from './settings';
import { field, type Table } from './table';

/** The words staff write in 결정: fund (선정) or exclude (제외). */
export const OVERRIDE_DECISIONS: Record<'fund' | 'exclude', string[]> = {
  fund: ['선정', '포함', '추가 선정', 'fund', 'select', 'selected', 'include'],
  exclude: ['제외', '미선정', '선정 제외', '탈락', 'exclude', 'excluded', 'reject'],
};

/**
 * Reads the 조정 tab. An override changes an official result, so a row that cannot be applied
 * exactly as meant — no reason, an unknown agenda, a decision that is neither 선정 nor 제외, the
 * same agenda twice — stops the tally with every such row named; nothing is applied in part.
 */
export function readOverrides(table: Table | null, agendas: readonly Agenda[]): Override[] {
  if (table === null) return [];
  const lookup = new AgendaLookup(agendas);
  const errors: string[] = [];
  const overrides: Override[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((row, index) => {
    const line = table.rowNumbers[index];
    const agendaText = field(table, row, 'agenda');
    const decisionText = field(table, row, 'decision');
    const reason = field(table, row, 'reason');
    const agenda = lookup.find(agendaText);
    const decision = pickOne(decisionText, OVERRIDE_DECISIONS);
    if (agenda === undefined) errors.push(`${line}행: 없는 의제 '${agendaText}' / row ${line}: unknown agenda`);
    if (decision === undefined) errors.push(`${line}행: 결정은 선정 또는 제외 ('${decisionText}') / row ${line}: decision must be fund or exclude`);
    if (reason === '') errors.push(`${line}행: 사유가 없습니다 — 사유 없는 조정은 적용하지 않습니다 / row ${line}: no reason — an override needs one`);
    if (agenda !== undefined && seen.has(agenda.id)) errors.push(`${line}행: ${agenda.id}는 ${seen.get(agenda.id)}행에서 이미 조정됨 / row ${line}: ${agenda.id} already overridden in row ${seen.get(agenda.id)}`);
    if (agenda === undefined || decision === undefined || reason === '' || seen.has(agenda.id)) return;
    seen.set(agenda.id, line);
    overrides.push({ agendaId: agenda.id, selected: decision === 'fund', reason, decidedBy: field(table, row, 'decidedBy'), date: field(table, row, 'date') });
  });
  if (errors.length > 0) {
    throw new UserError('bad_overrides', `'${table.tabName}' 탭의 조정을 적용할 수 없습니다 / Cannot apply the overrides: ${errors.slice(0, 10).join('; ')}`);
  }
  return overrides;
}
