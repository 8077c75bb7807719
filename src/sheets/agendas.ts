import { parseAmount } from '../core/amount';
import { UserError } from '../core/errors';
import type { Agenda, Field } from '../core/types';
import { normalizeName } from '../core/agendaLookup';
import { field, type Table } from './table';

/**
 * Reads the 의제 tab. A tally cannot be right with an unreadable cost or two agendas sharing an
 * id, so those stop it with every offending row named.
 */
export function readAgendas(table: Table): Agenda[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  const agendas: Agenda[] = [];
  table.rows.forEach((row, index) => {
    const line = table.rowNumbers[index];
    const id = field(table, row, 'id');
    const costText = field(table, row, 'cost');
    const cost = parseAmount(costText);
    if (id === '') errors.push(`${line}행: 번호 없음 / no id`);
    else if (seen.has(normalizeName(id))) errors.push(`${line}행: 번호 중복 '${id}' / duplicate id`);
    else if (/[,;|]/.test(id)) errors.push(`${line}행: 번호에 쉼표·세미콜론·| 불가 '${id}' / id may not contain , ; |`);
    if (!cost.ok || cost.value < 0) errors.push(`${line}행: 사업비 '${costText}' / cost`);
    seen.add(normalizeName(id));
    agendas.push({
      id,
      title: field(table, row, 'title'),
      field: field(table, row, 'field'),
      cost: cost.ok ? cost.value : 0,
      order: index,
      department: field(table, row, 'department'),
    });
  });
  if (errors.length > 0) {
    throw new UserError('bad_agendas', `'${table.tabName}' 탭을 읽을 수 없습니다 / Cannot read agendas: ${errors.slice(0, 10).join('; ')}`);
  }
  if (agendas.length === 0) {
    throw new UserError('no_agendas', `'${table.tabName}' 탭에 의제가 없습니다 / The agendas tab is empty`);
  }
  return agendas;
}

export function readFields(table: Table | null): Field[] {
  if (table === null) return [];
  const errors: string[] = [];
  const fields = table.rows.map((row, index) => {
    const text = field(table, row, 'budget');
    const budget = text === '' ? null : parseAmount(text);
    if (budget !== null && !budget.ok) errors.push(`${table.rowNumbers[index]}행: 예산 '${text}' / budget`);
    return { name: field(table, row, 'name'), budget: budget !== null && budget.ok ? budget.value : null };
  });
  if (errors.length > 0) {
    throw new UserError('bad_fields', `'${table.tabName}' 탭을 읽을 수 없습니다 / Cannot read fields: ${errors.join('; ')}`);
  }
  return fields.filter((f) => f.name !== '');
}
