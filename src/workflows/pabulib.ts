import { decimalPlaces, decimalToMinor, formatMoney, MAX_MONEY_SCALE, minorToUnits } from '../core/amount';
import { UserError } from '../core/errors';
import { Fingerprint } from '../core/hash';
import { tally as countVotes, type TallyInput, type TallyResult } from '../core/tally';
import { SETTING_DEFAULTS, type Agenda, type Ballot, type Field, type Problem, type Settings, type TieBreaker } from '../core/types';
import { warning, type Warning } from '../core/warnings';
import { metaValue, splitList, WITHDRAWN_COST, type PbInstance } from '../io/pabulib';
import { describeProblems } from '../sheets/messages';
import type { TallyJson } from './api';
import { hashingOf, type HostContext } from './context';
import { tallyJson } from './tally';

/**
 * A pabulib instance as the tally's input. Defaults follow the file's META: `budget`,
 * `min_length`/`max_length` (picks), `vote_type` (approval, choose-1, ordinal scored by
 * `scoring_fn`, cumulative and scoring with their points), `rule` as pabulib writes it,
 * `min_project_score_threshold`, `categories` + `budget_per_category` (field budgets). A project's
 * field is its first category (a multi-category project is charged to its first field). Withdrawn
 * projects (cost 999,999,999) stay listed, marked withdrawn, and are never selected.
 *
 * Money is exact: amounts with decimals (`1331751.11`) are tallied in minor units at the file's
 * scale (Settings.moneyScale); whole amounts keep scale 0 and the settings they always had.
 *
 * Ballots follow the import's rules, so `tally file.pb` and `import` + `tally` count the same
 * votes: a repeated voter_id counts once (the first), a ballot with fewer picks than min_length is
 * set aside, picks beyond max_length and picks of projects the file does not list are dropped (the
 * import's keep-first rule) and a project named twice counts once — each listed with its reason.
 */
export type PbVoteType = 'approval' | 'choose-1' | 'ordinal' | 'cumulative' | 'scoring';
export const PB_VOTE_TYPES: readonly PbVoteType[] = ['approval', 'choose-1', 'ordinal', 'cumulative', 'scoring'];

/** A ballot not counted (`counted: false`) or counted only in part (some picks dropped), with why. */
export interface PbSetAside {
  /** 1-based row in the VOTES section. */
  row: number;
  counted: boolean;
  problems: Problem[];
}

export interface PbTallyInput {
  input: TallyInput;
  /** The city's published outcome (`selected` = 1), or null when the file has no such column. */
  official: string[] | null;
  /** Picks of projects the file does not list: not counted. */
  unknownPicks: number;
  /** The same project twice on one ballot: counted once. */
  duplicatePicks: number;
  voteType: PbVoteType;
  setAside: PbSetAside[];
  warnings: Warning[];
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

/** pabulib's rule names (META `rule`) as the tool's rules; names pabulib uses for local rules fall back to greedy. */
export const PB_RULES: Record<string, { rule: Settings['rule']; mesCompletion?: Settings['mesCompletion']; exact: boolean }> = {
  greedy: { rule: 'greedy', exact: true },
  'greedy-threshold': { rule: 'greedy', exact: true },
  'greedy-no-skip': { rule: 'greedy-stop', exact: true },
  equalshares: { rule: 'mes', mesCompletion: 'none', exact: true },
  'equalshares/add1': { rule: 'mes', mesCompletion: 'add1', exact: true },
  'greedy-custom': { rule: 'greedy', exact: false },
  'greedy-exclusive': { rule: 'greedy', exact: false },
  unknown: { rule: 'greedy', exact: false },
};

/** META as read and checked: amounts in minor units at `scale`. */
export interface PbMeta {
  scale: number;
  budget: number;
  fields: Field[];
  voteType: PbVoteType;
  minLength: number;
  maxLength: number | null;
  threshold: number;
  rule: Settings['rule'];
  mesCompletion: Settings['mesCompletion'];
  /** Each project's cost in minor units, by id. */
  costs: Map<string, number>;
  warnings: Warning[];
}

const metaText = (instance: PbInstance, key: string): string => (metaValue(instance, key) ?? '').trim();

function badMeta(message: string): never {
  throw new UserError('bad_pb', message);
}

/**
 * Reads and checks META: the budget and every cost must be plain numbers ≥ 0 (whole or exact
 * decimals); a stated num_projects or num_votes that disagrees with the file is a warning.
 */
export function readPbMeta(instance: PbInstance): PbMeta {
  const warnings: Warning[] = [];
  const budgetText = metaText(instance, 'budget');
  if (budgetText !== '' && decimalPlaces(budgetText) === null) {
    badMeta(`META budget '${budgetText.slice(0, 40)}': 0 이상의 숫자(정수나 소수)여야 합니다 / the budget must be a number ≥ 0, whole or with decimals`);
  }
  const categoryBudgets = splitList(metaValue(instance, 'budget_per_category') ?? '');
  const amounts = [budgetText, ...instance.projects.map((p) => (p.columns.cost ?? '').trim()), ...categoryBudgets].filter((t) => t !== '');
  let scale = 0;
  for (const text of amounts) {
    const places = decimalPlaces(text);
    if (places !== null) scale = Math.max(scale, places);
  }
  if (scale > MAX_MONEY_SCALE) badMeta(`금액의 소수 자릿수가 ${scale}자리입니다 (최대 ${MAX_MONEY_SCALE}) / amounts have ${scale} decimals (at most ${MAX_MONEY_SCALE})`);
  const minor = (text: string, what: string): number => {
    const value = decimalToMinor(text, scale);
    if (value === null) badMeta(`${what} '${text.slice(0, 40)}': 0 이상의 정수나 소수여야 하며 너무 클 수 없습니다 / ${what} must be a whole number or an exact decimal ≥ 0, not too large`);
    return value;
  };
  const budget = budgetText === '' ? 0 : minor(budgetText, 'META budget');
  const costs = new Map<string, number>();
  for (const p of instance.projects) costs.set(p.id, minor((p.columns.cost ?? '').trim(), `PROJECTS '${p.id}' cost`));

  const names = splitList(metaValue(instance, 'categories') ?? '');
  const fields: Field[] =
    names.length > 0 && categoryBudgets.length === names.length && categoryBudgets.every((b) => decimalPlaces(b) !== null)
      ? names.map((name, i) => ({ name, budget: minor(categoryBudgets[i], 'META budget_per_category') }))
      : [];

  const typeText = metaText(instance, 'vote_type').toLowerCase();
  const voteType: PbVoteType = typeText === '' ? 'approval' : ((PB_VOTE_TYPES as readonly string[]).includes(typeText) ? (typeText as PbVoteType) : badMeta(`META vote_type '${typeText.slice(0, 40)}': ${PB_VOTE_TYPES.join(', ')} 중 하나여야 합니다 / must be one of ${PB_VOTE_TYPES.join(', ')}`));
  const scoring = metaText(instance, 'scoring_fn').toLowerCase();
  if (voteType === 'ordinal' && scoring !== '' && !/^borda/.test(scoring)) {
    badMeta(`META scoring_fn '${scoring.slice(0, 40)}': 순위 투표는 Borda 점수만 지원합니다 / only Borda scoring of ordinal ballots is supported`);
  }
  const whole = (key: string): number | null => {
    const text = metaText(instance, key);
    if (text === '') return null;
    if (!/^\d+$/.test(text)) badMeta(`META ${key} '${text.slice(0, 40)}': 0 이상의 정수여야 합니다 / must be a whole number ≥ 0`);
    return Number(text);
  };
  const maxLength = whole('max_length') ?? (voteType === 'choose-1' ? 1 : null);
  const minLength = whole('min_length') ?? 0;
  const thresholdText = metaText(instance, 'min_project_score_threshold');
  const threshold = thresholdText !== '' && Number.isFinite(Number(thresholdText)) && Number(thresholdText) > 0 ? Number(thresholdText) : 0;

  const ruleText = metaText(instance, 'rule').toLowerCase();
  const known = PB_RULES[ruleText] ?? (ruleText.startsWith('equalshares') ? { rule: 'mes' as const, mesCompletion: 'add1' as const, exact: false } : ruleText === '' ? PB_RULES.greedy : { rule: 'greedy' as const, exact: false });
  if (!known.exact) {
    warnings.push(warning('pb_rule_approximated', `META rule '${ruleText.slice(0, 40)}'은 지역 규칙이라 ${known.rule}로 개표했습니다 / META rule '${ruleText.slice(0, 40)}' is a local rule: tallied as ${known.rule}`));
  }
  const stated = (key: string, actual: number, what: string): void => {
    const text = metaText(instance, key);
    if (text !== '' && text !== String(actual)) warnings.push(warning('pb_meta_count', `META ${key}=${text.slice(0, 20)}, 파일의 ${what}: ${actual} / META ${key} is ${text.slice(0, 20)}, the file has ${actual}`));
  };
  stated('num_projects', instance.projects.length, '사업 수');
  stated('num_votes', instance.votes.length, '투표 수');
  return { scale, budget, fields, voteType, minLength, maxLength, threshold, rule: known.rule, mesCompletion: known.mesCompletion ?? SETTING_DEFAULTS.mesCompletion, costs, warnings };
}

export function settingsFromPb(instance: PbInstance, options: PbOptions = {}, meta: PbMeta = readPbMeta(instance)): Settings {
  const longest = instance.votes.reduce((max, v) => Math.max(max, v.projects.length), 0);
  return {
    budget: meta.budget,
    picks: meta.maxLength ?? Math.max(longest, 1),
    pickRule: meta.maxLength !== null && meta.minLength === meta.maxLength ? 'exactly' : 'up_to',
    invalidBallot: 'keep_first',
    windowStart: null,
    windowEnd: null,
    rule: options.rule ?? meta.rule,
    tieBreak: options.tieBreak ?? ['order'],
    seed: options.seed ?? '',
    threshold: options.threshold !== undefined ? options.threshold : meta.threshold > 0 ? { kind: 'votes', value: meta.threshold } : null,
    leftover: options.perField === 'none' ? 'none' : SETTING_DEFAULTS.leftover,
    overshoot: options.overshoot ?? SETTING_DEFAULTS.overshoot,
    mesCompletion: options.mesCompletion ?? meta.mesCompletion,
    // Only files with decimal amounts carry a scale: whole-won settings (and fingerprints) stay as they were.
    ...(meta.scale > 0 ? { moneyScale: meta.scale } : {}),
  };
}

/**
 * The points a ballot gives each of its picks, by the file's vote type: 1 each (approval,
 * choose-1), the `points` column (cumulative, scoring), or Borda for ordinal ballots — pabulib's
 * default scoring_fn: the project at position i (0-based) of a ballot gets max_length − i.
 */
function ballotPoints(voteType: PbVoteType, picks: number, written: readonly number[] | null, maxLength: number): number[] {
  if (voteType === 'ordinal') return Array.from({ length: picks }, (_, i) => Math.max(maxLength - i, 0));
  if ((voteType === 'cumulative' || voteType === 'scoring') && written !== null) return [...written];
  return Array.from({ length: picks }, () => 1);
}

export function pbTallyInput(instance: PbInstance, options: PbOptions = {}): PbTallyInput {
  const meta = readPbMeta(instance);
  const settings = settingsFromPb(instance, options, meta);
  const agendas: Agenda[] = instance.projects.map((p, order) => ({
    id: p.id,
    title: (p.columns.name ?? '').trim(),
    field: splitList(p.columns.category ?? '')[0] ?? '',
    cost: meta.costs.get(p.id) as number,
    order,
    department: '',
    ...(p.cost >= WITHDRAWN_COST ? { withdrawn: true } : {}),
  }));
  const known = new Set(agendas.map((a) => a.id));
  const longest = instance.votes.reduce((max, v) => Math.max(max, v.projects.length), 0);
  const bordaLength = meta.maxLength ?? longest;
  let unknownPicks = 0;
  let duplicatePicks = 0;
  const ballots: Ballot[] = [];
  const setAside: PbSetAside[] = [];
  const firstRow = new Map<string, number>();
  instance.votes.forEach((vote, index) => {
    const row = index + 1;
    const problems: Problem[] = [];
    const written = vote.points;
    const keep: number[] = [];
    vote.projects.forEach((id, i) => {
      if (!known.has(id)) {
        unknownPicks += 1;
        problems.push({ code: 'unknown_agenda', detail: { choice: id } });
      } else if (keep.some((k) => vote.projects[k] === id)) {
        duplicatePicks += 1;
        problems.push({ code: 'duplicate_pick', detail: { agenda: id } });
      } else keep.push(i);
    });
    // As the import's keep-first rule: the first max_length picks count (an ordinal ballot's top ranks), the rest are named.
    if (meta.maxLength !== null && keep.length > meta.maxLength) {
      problems.push({ code: 'over_vote', detail: { picks: keep.length, limit: meta.maxLength, dropped: keep.slice(meta.maxLength).map((i) => vote.projects[i]).join(', ') } });
      keep.length = meta.maxLength;
    }
    const voided = ((): Problem | null => {
      const first = vote.voterId === '' ? undefined : firstRow.get(vote.voterId);
      if (first !== undefined) return { code: 'duplicate_voter', detail: { first: `VOTES ${first}` } };
      if (keep.length === 0) return { code: 'no_picks', detail: {} };
      if (keep.length < meta.minLength) return { code: 'under_vote', detail: { picks: keep.length, required: meta.minLength } };
      return null;
    })();
    if (vote.voterId !== '' && !firstRow.has(vote.voterId)) firstRow.set(vote.voterId, row);
    if (voided !== null) {
      setAside.push({ row, counted: false, problems: [voided, ...problems] });
      return;
    }
    if (problems.length > 0) setAside.push({ row, counted: true, problems });
    const picks = keep.map((i) => vote.projects[i]);
    const allPoints = ballotPoints(meta.voteType, vote.projects.length, written, bordaLength);
    const points = keep.map((i) => allPoints[i]);
    const plain = meta.voteType === 'approval' || meta.voteType === 'choose-1' || ((meta.voteType === 'cumulative' || meta.voteType === 'scoring') && written === null);
    ballots.push({ voterKey: vote.voterId, votedAt: null, picks, ...(plain ? {} : { points }), channel: 'pabulib', source: 'pb', row });
  });
  const official = instance.projectHeader.includes('selected') ? instance.projects.filter((p) => (p.columns.selected ?? '').trim() === '1').map((p) => p.id) : null;
  return {
    input: { agendas, fields: options.perField === 'off' ? [] : meta.fields, ballots, totals: [], settings },
    official,
    unknownPicks,
    duplicatePicks,
    voteType: meta.voteType,
    setAside,
    warnings: meta.warnings,
  };
}

/** META `categories` with `budget_per_category` (in minor units at the file's scale), in the same order; none when either is missing. */
export function fieldsFromPb(instance: PbInstance): Field[] {
  return readPbMeta(instance).fields;
}

export interface OfficialCheck {
  /** Whether the tally selects exactly the projects the city funded. */
  matches: boolean;
  /** Funded by the city, not by this tally. */
  missing: string[];
  /** Selected by this tally, not funded by the city. */
  extra: string[];
  /**
   * When this tally differs: the tool's other settings that reproduce the city's outcome, as CLI
   * flags (`--rule greedy-stop`, `--tie-break cost-asc`, `--threshold 50`); empty when none does.
   */
  matchingSettings?: string[];
}

export function compareWithOfficial(selected: readonly string[], official: readonly string[]): OfficialCheck {
  const ours = new Set(selected);
  const theirs = new Set(official);
  const missing = official.filter((id) => !ours.has(id));
  const extra = selected.filter((id) => !theirs.has(id));
  return { matches: missing.length === 0 && extra.length === 0, missing, extra };
}

/**
 * The settings a city's local rule most often differs in — stop instead of skip, ties cheaper or
 * dearer first, a minimum vote count the file does not state — tried alone and combined; the
 * changes with the fewest flags are returned. Greedy rules only (MES is the rule itself, not a setting of it).
 */
export function settingsMatchingOfficial(input: TallyInput, official: readonly string[]): string[] {
  if (input.settings.rule === 'mes' && input.settings.mesCompletion !== 'none') return [];
  const rules: [string, Partial<Settings>][] = [
    ['--rule greedy', { rule: 'greedy' }],
    ['--rule greedy-stop', { rule: 'greedy-stop' }],
  ];
  const ties: [string, TieBreaker[]][] = [
    ['', input.settings.tieBreak],
    ['--tie-break cost-asc', ['cost_asc']],
    ['--tie-break cost-desc', ['cost_desc']],
  ];
  const thresholds: [string, Settings['threshold']][] = [
    ['', input.settings.threshold],
    ['--threshold none', null],
    ['--threshold 50', { kind: 'votes', value: 50 }],
  ];
  const found: string[] = [];
  const target = [...official].sort().join(',');
  for (const [ruleFlag, rule] of rules) {
    for (const [tieFlag, tieBreak] of ties) {
      for (const [thresholdFlag, threshold] of thresholds) {
        const settings: Settings = { ...input.settings, ...rule, tieBreak, threshold };
        if (settings.rule === input.settings.rule && tieFlag === '' && thresholdFlag === '') continue;
        const result = countVotes({ ...input, settings });
        if ([...result.selected].sort().join(',') === target) found.push([settings.rule === input.settings.rule ? '' : ruleFlag, tieFlag, thresholdFlag].filter((f) => f !== '').join(' '));
      }
    }
  }
  // The smallest changes only: one flag that reproduces the outcome says more than its combinations.
  const size = (flags: string): number => flags.split('--').length - 1;
  const fewest = Math.min(...found.map(size));
  return found.filter((f) => size(f) === fewest);
}

export interface PbSetAsideJson {
  row: number;
  counted: boolean;
  codes: Problem['code'][];
  reason: string;
}

export interface PbTallyJson extends TallyJson {
  /** The file's `selected` column compared with this tally; null when the file has none. */
  official: OfficialCheck | null;
  unknownPicks: number;
  duplicatePicks: number;
  /** META vote_type: how the ballots were scored (ordinal: Borda points; cumulative/scoring: the points given). */
  voteType: PbVoteType;
  /** Every ballot not counted (`counted: false`) or counted without some picks, with the reasons. */
  setAsideBallots: PbSetAsideJson[];
}

/** Tallies a `.pb` file directly, without a workbook. */
export function tallyPabulib(instance: PbInstance, options: PbOptions, ctx: HostContext): { json: PbTallyJson; result: TallyResult; settings: Settings } {
  const prepared = pbTallyInput(instance, options);
  const { input, official } = prepared;
  const result = countVotes(input);
  const fp = new Fingerprint(hashingOf(ctx));
  fp.addText(JSON.stringify(input.settings));
  for (const f of input.fields) fp.addRow([f.name, f.budget]);
  for (const a of input.agendas) fp.addRow([a.id, a.title, a.field, a.cost]);
  for (const b of input.ballots) fp.addRow([b.voterKey, b.picks.join(','), (b.points ?? []).join(',')]);
  const notCounted = prepared.setAside.filter((s) => !s.counted).length;
  const base = tallyJson(result, input.settings, ctx, { voters: instance.votes.length, setAside: notCounted, inputFingerprint: fp.hex(), warnings: prepared.warnings });
  const check = official === null ? null : compareWithOfficial(result.selected, official);
  if (check !== null && !check.matches) check.matchingSettings = settingsMatchingOfficial(input, official as string[]);
  const json: PbTallyJson = {
    ...base,
    official: check,
    unknownPicks: prepared.unknownPicks,
    duplicatePicks: prepared.duplicatePicks,
    voteType: prepared.voteType,
    setAsideBallots: prepared.setAside.map((s) => ({ row: s.row, counted: s.counted, codes: s.problems.map((p) => p.code), reason: describeProblems(s.problems, ctx.language) })),
  };
  return { json, result, settings: input.settings };
}

/** An amount of a tally in the file's currency units, for messages (`801,751.11`). */
export function formatPbAmount(minor: number, settings: Settings): string {
  return formatMoney(minor, settings.moneyScale ?? 0);
}

export { minorToUnits };
