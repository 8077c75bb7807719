/**
 * 설정: a form over the 설정 and 분야 tabs. Each value is checked as it is typed with the parser the
 * tally uses (src/sheets/settings.ts), and the server checks again before writing.
 */
import { parseAmount } from '../src/core/amount';
import { SETTING_PARSERS } from '../src/sheets/settings';
import type { SettingsForm } from '../src/workflows/settingsForm';
import { byId, clear, el, put } from './dom';
import type { SettingField, SettingGroup } from './i18n';
import { server } from './rpc';
import { busy, fail, say, t } from './ui';
import type { ScoreWeight } from '../src/core/types';

type Control = HTMLInputElement | HTMLSelectElement;

/** A menu's first choice is what the tally uses when the 설정 row is empty. */
const MENUS: Partial<Record<SettingField, string[]>> = {
  pickRule: ['up_to', 'exactly'],
  invalidBallot: ['void', 'keep_first'],
  rule: ['greedy', 'greedy-stop', 'mes'],
  mesCompletion: ['add1', 'add1-exhaustive', 'none'],
  leftover: ['pool', 'none'],
  normalization: ['share', 'top', 'rank'],
  publishChecks: ['true', 'false'],
};
/** Every setting the tally (and the notice) reads, in groups; field budgets follow the selection rules. */
const GROUPS: [SettingGroup, SettingField[]][] = [
  ['voting', ['budget', 'picks', 'pickRule', 'picksPerField', 'invalidBallot', 'windowStart', 'windowEnd']],
  ['selection', ['rule', 'mesCompletion', 'threshold', 'overshoot', 'leftover', 'tieBreak', 'seed']],
  ['scores', ['weights', 'normalization']],
  ['notice', ['organization', 'title', 'noticeDate', 'department', 'publishChecks']],
];
/** Rows that only matter under one rule: shown with it, hidden (and kept as they are) otherwise. */
const ONLY_WITH_RULE: Partial<Record<SettingField, (rule: string) => boolean>> = {
  mesCompletion: (rule) => rule === 'mes',
  overshoot: (rule) => rule !== 'mes',
};
const boxes = new Map<SettingField, HTMLElement>();

const controls = new Map<SettingField, Control>();
/** Menus whose 설정 row was empty: left empty unless someone picks another choice. */
const emptyMenus = new Set<SettingField>();
/** Each control's note line (an amount in words, or why the value is refused). */
const notes = new WeakMap<Control, HTMLElement>();
let fieldInputs: { name: string; input: HTMLInputElement }[] = [];

function menuLabel(field: SettingField, code: string): string {
  const labels = field === 'pickRule' ? t.pickRules : field === 'invalidBallot' ? t.invalidBallots : field === 'rule' ? t.rules : (t.menuLabels[field] ?? {});
  return labels[code] ?? code;
}

/** '' (use the default) or a readable value; returns the note to show (an amount in words) or null when bad. */
function check(field: SettingField, text: string): { ok: boolean; note: string } {
  const value = text.trim();
  if (value === '' || field === 'seed') return { ok: field !== 'picks' || value !== '', note: '' };
  const parsed = (SETTING_PARSERS as Record<string, (s: string) => unknown>)[field](value);
  if (parsed === undefined) return { ok: false, note: t.invalidValue };
  if (field === 'budget' && typeof parsed === 'number') return { ok: true, note: `= ${t.money(parsed)}` };
  if (field === 'weights' && Array.isArray(parsed)) return { ok: true, note: t.weightsNote(weightShares(parsed as ScoreWeight[])) };
  return { ok: true, note: '' };
}

/** `투표 50% · 심사 50%`: the weights as the shares of their sum the tally takes them as. */
function weightShares(weights: ScoreWeight[]): string {
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  return weights.map((w) => `${w.source.kind === 'channel' ? w.source.channel : t.weightParts[w.source.kind]} ${Math.round((w.weight / total) * 1000) / 10}%`).join(' · ');
}

function applyRule(): void {
  const rule = controls.get('rule')?.value ?? 'greedy';
  for (const [field, shown] of Object.entries(ONLY_WITH_RULE) as [SettingField, (rule: string) => boolean][]) {
    const box = boxes.get(field);
    if (box) box.hidden = !shown(rule);
  }
}

function showCheck(control: Control, result: { ok: boolean; note: string }): void {
  control.setAttribute('aria-invalid', String(!result.ok));
  const note = notes.get(control);
  if (!note) return;
  note.textContent = result.note;
  note.className = result.ok ? 'note' : 'note error';
}

function row(field: SettingField, value: string): HTMLElement {
  const id = `setting-${field}`;
  const hint = t.settingHints[field];
  const describedBy = [hint ? `${id}-hint` : '', `${id}-note`].filter(Boolean).join(' ');
  let control: Control;
  const menu = MENUS[field];
  if (menu) {
    const current = value === '' ? menu[0] : String((SETTING_PARSERS as Record<string, (s: string) => unknown>)[field](value) ?? menu[0]);
    control = el('select', { id, 'aria-describedby': describedBy });
    if (field === 'rule') control.addEventListener('change', applyRule);
    for (const code of menu) {
      const option = el('option', { value: code }, menuLabel(field, code));
      option.selected = code === current;
      control.append(option);
    }
  } else {
    control = el('input', { id, type: 'text', autocomplete: 'off', 'aria-describedby': describedBy, inputmode: field === 'picks' ? 'numeric' : 'text' });
    control.value = value;
    control.addEventListener('input', () => showCheck(control, check(field, control.value)));
  }
  controls.set(field, control);
  if (menu && value.trim() === '') emptyMenus.add(field);
  const note = el('p', { id: `${id}-note`, class: 'note', 'aria-live': 'polite' });
  notes.set(control, note);
  const box = el(
    'div',
    { class: 'field' },
    el('label', { for: id }, t.settingLabels[field]),
    control,
    hint ? el('p', { id: `${id}-hint`, class: 'hint' }, hint) : null,
    note,
  );
  boxes.set(field, box);
  if (!menu) showCheck(control, check(field, value));
  return box;
}

function fieldBudgets(form: SettingsForm): HTMLElement {
  fieldInputs = [];
  if (form.fields.length === 0) return el('p', {}, t.noFields);
  const box = el('fieldset', {}, el('legend', {}, t.fieldBudgetsCaption));
  form.fields.forEach((f, i) => {
    const id = `field-budget-${i}`;
    const input = el('input', { id, type: 'text', autocomplete: 'off', 'aria-describedby': `${id}-note` });
    input.value = f.budget;
    input.addEventListener('input', () => showCheck(input, checkAmount(input.value)));
    fieldInputs.push({ name: f.name, input });
    const note = el('p', { id: `${id}-note`, class: 'note', 'aria-live': 'polite' });
    notes.set(input, note);
    box.append(el('div', { class: 'field' }, el('label', { for: id }, t.fieldBudgetLabel(f.name)), input, note));
    showCheck(input, checkAmount(f.budget));
  });
  return box;
}

function checkAmount(text: string): { ok: boolean; note: string } {
  if (text.trim() === '') return { ok: true, note: '' };
  const r = parseAmount(text);
  return r.ok && r.value >= 0 ? { ok: true, note: `= ${t.money(r.value)}` } : { ok: false, note: t.invalidValue };
}

function render(form: SettingsForm): void {
  const out = byId('settings-form');
  clear(out);
  controls.clear();
  emptyMenus.clear();
  boxes.clear();
  const group = (key: SettingGroup, fields: SettingField[]): HTMLElement =>
    el('fieldset', { id: `settings-group-${key}` }, el('legend', {}, t.settingGroups[key]), ...fields.map((field) => row(field, form.values[field] ?? '')));
  put(
    out,
    form.problem ? el('p', { class: 'warn', id: 'settings-problem' }, `${t.settingsProblem}: ${form.problem}`) : null,
    ...GROUPS.flatMap(([key, fields]) => (key === 'scores' ? [fieldBudgets(form), group(key, fields)] : [group(key, fields)])),
  );
  applyRule();
}

export async function loadSettings(): Promise<void> {
  const form = await busy('settings', t.loadingSettings, () => server.rpcReadSettings());
  if (form) render(form);
}

async function save(): Promise<void> {
  // A row hidden by the rule (MES 보완 under greedy, 초과 허용 under MES) is neither checked nor
  // written: the tab keeps what it had there.
  const shown = [...controls].filter(([field]) => boxes.get(field)?.hidden !== true);
  const invalid = [...shown.map(([, c]) => c), ...fieldInputs.map((f) => f.input)].find((c) => c.getAttribute('aria-invalid') === 'true');
  if (invalid) {
    fail(t.fixFirst);
    invalid.focus();
    return;
  }
  const values: Record<string, string> = {};
  for (const [field, control] of shown) {
    const menu = MENUS[field];
    // An empty row shown at its default stays empty: writing the default would add a key the tally
    // then reads (점수 환산 enters the settings fingerprint), though nothing was chosen.
    if (menu && emptyMenus.has(field) && control.value === menu[0]) continue;
    values[field] = menu ? (t.tabWords[control.value] ?? control.value) : control.value.trim();
  }
  const fields = fieldInputs.map((f) => ({ name: f.name, budget: f.input.value.trim() }));
  const form = await busy('settings', t.saving, () => server.rpcWriteSettings({ values, fields }));
  if (form) {
    render(form);
    say(t.saved);
  }
}

export function setUpSettings(): void {
  byId('settings-save').addEventListener('click', () => void save());
}
