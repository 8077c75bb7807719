import type { Ranked } from '../ranking';
import type { Settings } from '../types';
import type { Decision, FieldOutcome, Phase } from './decisions';

/**
 * Greedy selection (pabutools' greedy utilitarian welfare with approval scores): agendas are taken
 * in rank order (votes, then the tie-break list) and funded while the money lasts.
 *
 * - `greedy` (skip): an agenda that costs more than the money left is passed over and the next
 *   one is tried, so a cheaper agenda further down can still be funded.
 * - `greedy-stop` (pabulib's greedy-no-skip): selection ends at the first agenda that does not fit.
 * - Overshoot (`overshoot` = X%): the first agenda that does not fit is funded anyway when the
 *   money left is at least X% of its cost (Poznań: 80%); the result shows the overspend, and
 *   nothing after it is funded, since no money is left.
 * - Field budgets (분야별 예산): each field is filled from its own budget in rank order (a field's
 *   pick must also fit what is left of the total). With the leftover policy `pool` the total
 *   minus what fields spent is then filled across all fields in global rank order; with `none`
 *   the fields' leftover stays unspent. An agenda belongs to one field (a multi-field agenda is
 *   charged to its first field).
 *
 * Candidates are agendas that passed the threshold; decisions are written into `decisions`.
 */
export interface GreedyCut {
  fields: FieldOutcome[];
  /** The money the per-field pass left for the pooled pass (null without field budgets). */
  pool: number | null;
}

export function cutGreedy(
  eligible: readonly Ranked[],
  fieldBudgets: readonly { name: string; budget: number }[],
  budget: number,
  settings: Settings,
  decisions: Map<string, Decision>,
): GreedyCut {
  if (fieldBudgets.length === 0) {
    fillGreedy(eligible, budget, 'budget', settings, decisions);
    return { fields: [], pool: null };
  }
  const finalFieldPass = settings.leftover === 'none';
  // Field budgets that add up to more than the total (real files round them) never overspend
  // it: a field's pick must also fit what is left of the total.
  let totalLeft = budget;
  const fields: FieldOutcome[] = fieldBudgets.map((field) => {
    const ofField = eligible.filter((r) => r.agenda.field === field.name);
    const spent = fillGreedy(ofField, Math.min(field.budget, totalLeft), 'field', settings, decisions, !finalFieldPass);
    totalLeft -= spent;
    return { field: field.name, budget: field.budget, spent, returned: finalFieldPass ? 0 : field.budget - spent };
  });
  const fieldNames = new Set(fieldBudgets.map((f) => f.name));
  const spentInFields = fields.reduce((sum, f) => sum + f.spent, 0);
  const pool = budget - spentInFields;
  const rest = eligible.filter((r) => decisions.get(r.agenda.id)?.code !== 'selected' && decisions.get(r.agenda.id)?.code !== 'overshoot');
  if (finalFieldPass) {
    // Agendas of a field without its own budget still compete for what the total has left.
    fillGreedy(
      rest.filter((r) => !fieldNames.has(r.agenda.field)),
      pool,
      'pool',
      settings,
      decisions,
    );
    return { fields, pool: null };
  }
  for (const r of rest) decisions.delete(r.agenda.id);
  fillGreedy(rest, pool, 'pool', settings, decisions);
  return { fields, pool };
}

/** Returns the money spent. In a provisional (field) pass a miss is not recorded: the pool pass decides. */
function fillGreedy(candidates: readonly Ranked[], money: number, phase: Phase, settings: Settings, decisions: Map<string, Decision>, provisional = false): number {
  let left = money;
  let stoppedAt: string | null = null;
  for (const { agenda } of candidates) {
    if (stoppedAt !== null) {
      if (!provisional) decisions.set(agenda.id, { code: 'after_stop', stoppedAt });
    } else if (agenda.cost <= left) {
      left -= agenda.cost;
      decisions.set(agenda.id, { code: 'selected', phase, left });
    } else if (!provisional && settings.overshoot !== null && left > 0 && left * 100 >= settings.overshoot * agenda.cost) {
      decisions.set(agenda.id, { code: 'overshoot', cost: agenda.cost, left, percent: settings.overshoot, overspend: agenda.cost - left, phase });
      left -= agenda.cost;
      stoppedAt = agenda.id;
    } else {
      if (!provisional) decisions.set(agenda.id, { code: 'does_not_fit', cost: agenda.cost, left, phase });
      if (settings.rule === 'greedy-stop') stoppedAt = agenda.id;
    }
  }
  return money - left;
}
