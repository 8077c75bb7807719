import { Fingerprint } from '../core/hash';
import { tally as countVotes, type TallyInput, type TallyResult } from '../core/tally';
import { SETTING_DEFAULTS, type Agenda, type Ballot, type Field, type Settings } from '../core/types';
import { metaValue, splitList, WITHDRAWN_COST, type PbInstance } from '../io/pabulib';
import { pickOne, RULE_NAMES } from '../sheets/settings';
import type { TallyJson } from './api';
import type { HostContext } from './context';
import { tallyJson } from './tally';

/**
 * A pabulib instance as the tally's input. Defaults follow the file's META: `budget`,
 * `max_length` (picks), `rule` (greedy, greedy-no-skip, equalshares…), `min_project_score_threshold`,
 * `categories` + `budget_per_category` (field budgets). A project's field is its first category
 * (a multi-category project is charged to its first field). Withdrawn projects (cost 999,999,999)
 * stay listed, marked withdrawn, and are never selected.
 */
export interface PbTallyInput {
  input: TallyInput;
  /** The city's published outcome (`selected` = 1), or null when the file has no such column. */
  official: string[] | null;
  /** Picks of projects the file does not list: not counted. */
  unknownPicks: number;
  /** The same project twice on one approval ballot: counted once. */
  duplicatePicks: number;
}

export type PerFieldChoice = 'pool' | 'none' | 'off';

export interface PbOptions {
  rule?: Settings['rule'];
  tieBreak?: Settings['tieBreak'];
  threshold?: Settings['threshold'];
  /** Field budgets from META with the leftover pooled (`pool`) or unspent (`none`), or ignored (`off`). */
  perField?: PerFieldChoice;
  overshoot?: number | null;
  mesCompletion?: Settings['mesCompletion'];
  seed?: string;
}

export function settingsFromPb(instance: PbInstance, options: PbOptions = {}): Settings {
  const meta = (key: string): string => (metaValue(instance, key) ?? '').trim();
  const longest = instance.votes.reduce((max, v) => Math.max(max, v.projects.length), 0);
  const maxLength = /^\d+$/.test(meta('max_length')) ? Number(meta('max_length')) : 0;
  const metaThreshold = Number(meta('min_project_score_threshold'));
  const metaRule = meta('rule').toLowerCase();
  const ruleFromMeta: Settings['rule'] = metaRule.startsWith('equalshares') ? 'mes' : (pickOne(metaRule, RULE_NAMES) ?? 'greedy');
  return {
    budget: Number(meta('budget')) || 0,
    picks: Math.max(maxLength, longest, 1),
    pickRule: 'up_to',
    invalidBallot: 'keep_first',
    windowStart: null,
    windowEnd: null,
    rule: options.rule ?? ruleFromMeta,
    tieBreak: options.tieBreak ?? ['order'],
    seed: options.seed ?? '',
    threshold: options.threshold !== undefined ? options.threshold : metaThreshold > 0 ? { kind: 'votes', value: metaThreshold } : null,
    leftover: options.perField === 'none' ? 'none' : SETTING_DEFAULTS.leftover,
    overshoot: options.overshoot ?? SETTING_DEFAULTS.overshoot,
    mesCompletion: options.mesCompletion ?? (metaRule === 'equalshares' ? 'none' : SETTING_DEFAULTS.mesCompletion),
  };
}

export function pbTallyInput(instance: PbInstance, options: PbOptions = {}): PbTallyInput {
  const settings = settingsFromPb(instance, options);
  const agendas: Agenda[] = instance.projects.map((p, order) => ({
    id: p.id,
    title: (p.columns.name ?? '').trim(),
    field: splitList(p.columns.category ?? '')[0] ?? '',
    cost: p.cost,
    order,
    department: '',
    ...(p.cost >= WITHDRAWN_COST ? { withdrawn: true } : {}),
  }));
  const known = new Set(agendas.map((a) => a.id));
  let unknownPicks = 0;
  let duplicatePicks = 0;
  const ballots: Ballot[] = [];
  instance.votes.forEach((vote, row) => {
    const picks: string[] = [];
    const points: number[] = [];
    vote.projects.forEach((id, i) => {
      if (!known.has(id)) unknownPicks += 1;
      else if (picks.includes(id)) duplicatePicks += 1;
      else {
        picks.push(id);
        points.push(vote.points?.[i] ?? 1);
      }
    });
    if (picks.length === 0) return;
    ballots.push({ voterKey: vote.voterId, votedAt: null, picks, ...(vote.points !== null ? { points } : {}), channel: 'pabulib', source: 'pb', row: row + 1 });
  });
  const official = instance.projectHeader.includes('selected') ? instance.projects.filter((p) => (p.columns.selected ?? '').trim() === '1').map((p) => p.id) : null;
  return { input: { agendas, fields: options.perField === 'off' ? [] : fieldsFromPb(instance), ballots, totals: [], settings }, official, unknownPicks, duplicatePicks };
}

/** META `categories` with `budget_per_category`, in the same order; none when either is missing. */
export function fieldsFromPb(instance: PbInstance): Field[] {
  const names = splitList(metaValue(instance, 'categories') ?? '');
  const budgets = splitList(metaValue(instance, 'budget_per_category') ?? '').map(Number);
  if (names.length === 0 || budgets.length !== names.length || budgets.some((b) => !Number.isFinite(b))) return [];
  return names.map((name, i) => ({ name, budget: budgets[i] }));
}

export interface OfficialCheck {
  /** Whether the tally selects exactly the projects the city funded. */
  matches: boolean;
  /** Funded by the city, not by this tally. */
  missing: string[];
  /** Selected by this tally, not funded by the city. */
  extra: string[];
}

export function compareWithOfficial(selected: readonly string[], official: readonly string[]): OfficialCheck {
  const ours = new Set(selected);
  const theirs = new Set(official);
  const missing = official.filter((id) => !ours.has(id));
  const extra = selected.filter((id) => !theirs.has(id));
  return { matches: missing.length === 0 && extra.length === 0, missing, extra };
}

export interface PbTallyJson extends TallyJson {
  /** The file's `selected` column compared with this tally; null when the file has none. */
  official: OfficialCheck | null;
  unknownPicks: number;
  duplicatePicks: number;
}

/** Tallies a `.pb` file directly, without a workbook. */
export function tallyPabulib(instance: PbInstance, options: PbOptions, ctx: HostContext): { json: PbTallyJson; result: TallyResult; settings: Settings } {
  const { input, official, unknownPicks, duplicatePicks } = pbTallyInput(instance, options);
  const result = countVotes(input);
  const fp = new Fingerprint();
  fp.addText(JSON.stringify(input.settings));
  for (const f of input.fields) fp.addRow([f.name, f.budget]);
  for (const a of input.agendas) fp.addRow([a.id, a.title, a.field, a.cost]);
  for (const b of input.ballots) fp.addRow([b.voterKey, b.picks.join(','), (b.points ?? []).join(',')]);
  const base = tallyJson(result, input.settings, ctx, { voters: instance.votes.length, setAside: instance.votes.length - input.ballots.length, inputFingerprint: fp.hex() });
  const json: PbTallyJson = {
    ...base,
    official: official === null ? null : compareWithOfficial(result.selected, official),
    unknownPicks,
    duplicatePicks,
  };
  return { json, result, settings: input.settings };
}
