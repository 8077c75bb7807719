import { checkBallots } from '../core/ballots';
import { UserError } from '../core/errors';
import type { Settings } from '../core/types';
import { metaValue, splitList, WITHDRAWN_COST, type PbInstance } from '../io/pabulib';
import { readAgendas, readFields } from '../sheets/agendas';
import { headerNames, normalizeHeader, TABS } from '../sheets/schema';
import { SETTING_SPECS } from '../sheets/settings';
import type { ImportReport } from './api';
import type { HostContext } from './context';
import { importTable } from './importBallots';
import { fieldsFromPb, readPbMeta, settingsFromPb } from './pabulib';
import { addImportWarning } from './importReport';
import { warning } from '../core/warnings';
import { optionalTable, readTab, requireSettings, requireTable, tabNameFor } from './tabs';
import { ballotCandidates, runTally } from './tally';
import type { Grid, Workbook } from './workbook';

export interface PbImportReport {
  projects: number;
  /** Withdrawn projects (cost 999,999,999): not added to 의제, their picks dropped from ballots. */
  withdrawn: string[];
  fields: number;
  settings: Record<string, string>;
  ballots: ImportReport;
}

/**
 * Loads a pabulib instance into a workbook: 설정 (budget, picks, rule, threshold from META), 분야
 * (categories with their budgets), 의제 (projects; a project's field is its first category), and
 * the votes into 투표 through the ordinary import, so voter ids are hashed and every ballot is
 * counted or set aside with a reason. A workbook that already has agendas or ballots is refused:
 * nothing is overwritten.
 */
export function importPabulib(wb: Workbook, ctx: HostContext, instance: PbInstance, fileName: string): PbImportReport {
  const hasRows = (key: 'agendas' | 'ballots'): boolean => {
    const table = optionalTable(wb, key);
    return table !== null && table.rows.length > 0;
  };
  if (hasRows('agendas') || hasRows('ballots')) {
    throw new UserError('book_not_empty', `의제나 투표가 이미 있는 통합문서에는 .pb를 가져올 수 없습니다 / The workbook already has agendas or ballots: import a .pb into a new workbook`);
  }
  const settings = settingsFromPb(instance);
  if ((settings.moneyScale ?? 0) > 0) {
    throw new UserError('bad_pb', `금액에 소수가 있는 .pb는 통합문서로 가져올 수 없습니다 (원 단위만): 'tally 파일.pb'로 개표하세요 / A .pb with decimal amounts cannot be imported into a workbook (whole won only): tally the .pb directly`);
  }
  const withdrawn = new Set(instance.projects.filter((p) => p.cost >= WITHDRAWN_COST).map((p) => p.id));
  const values: Partial<Record<keyof Settings, string>> = {
    budget: String(settings.budget),
    picks: String(settings.picks),
    pickRule: settings.pickRule,
    // As `tally file.pb`: picks beyond max_length, unknown or repeated ones are dropped, the rest counts.
    invalidBallot: settings.invalidBallot,
    rule: settings.rule,
    // pabulib files carry no tie rule: agenda order (the file's order) until staff choose one.
    tieBreak: 'order',
    threshold: settings.threshold === null ? '0' : String(settings.threshold.value),
    mesCompletion: settings.mesCompletion,
    leftover: settings.leftover,
  };
  writeSettingValues(wb, ctx, values);

  const fields = fieldsFromPb(instance);
  const categories = splitList(metaValue(instance, 'categories') ?? '');
  const fieldRows: Grid = fields.length > 0 ? fields.map((f) => [f.name, f.budget]) : categories.map((name) => [name, null]);
  wb.writeTab(tabNameFor(wb, TABS.fields, ctx.language), [headerNames(TABS.fields, ctx.language), ...fieldRows], { frozenRows: 1, boldRows: [1] });
  const agendaRows: Grid = instance.projects
    .filter((p) => !withdrawn.has(p.id))
    .map((p) => [p.id, (p.columns.name ?? '').trim() || p.id, splitList(p.columns.category ?? '')[0] ?? '', p.cost, '']);
  wb.writeTab(tabNameFor(wb, TABS.agendas, ctx.language), [headerNames(TABS.agendas, ctx.language), ...agendaRows], { frozenRows: 1, boldRows: [1] });

  const rows = [['voter_id', 'choices'], ...instance.votes.map((v) => [v.voterId, v.projects.filter((id) => !withdrawn.has(id)).join(',')])];
  // A VOTES row is a whole ballot: a repeated voter_id is set aside as the .pb tally does, never merged.
  const ballots = importTable(wb, ctx, { fileName, rows, encoding: 'utf-8', ballotPerRow: true });
  writePbSource(wb, instance);
  const voteType = readPbMeta(instance).voteType;
  if (voteType === 'ordinal' || voteType === 'cumulative' || voteType === 'scoring') {
    // The 투표 tab holds picks, not ranks or points: say so rather than tally another vote than the city's.
    addImportWarning(
      ballots,
      warning(
        'pb_points_dropped',
        `이 .pb는 ${voteType} 투표입니다: 통합문서에는 선택만 저장되어 순위·점수가 빠지므로 결과가 다를 수 있습니다. 'tally 파일.pb'로 개표하세요 / This .pb has ${voteType} ballots: the workbook keeps the picks only, without ranks or points, so its tally may differ — tally the .pb directly`,
      ),
    );
  }
  return { projects: agendaRows.length, withdrawn: [...withdrawn], fields: fieldRows.length, settings: values as Record<string, string>, ballots };
}

/** Sets values in 설정 by key, keeping every other row (and a staff note) as it is. */
function writeSettingValues(wb: Workbook, ctx: HostContext, values: Partial<Record<keyof Settings, string>>): void {
  const tab = readTab(wb, 'settings');
  const grid: Grid = tab === null || tab.grid.length === 0 ? [headerNames(TABS.settings, ctx.language)] : tab.grid.map((row) => [...row]);
  for (const [key, value] of Object.entries(values) as [keyof Settings, string][]) {
    const spec = SETTING_SPECS.find((s) => s.key === key);
    if (spec === undefined) continue;
    const names = [spec.ko, spec.en, ...spec.aliases].map(normalizeHeader);
    const row = grid.findIndex((r, i) => i > 0 && names.includes(normalizeHeader(String(r[0] ?? ''))));
    if (row >= 0) grid[row][1] = value;
    else grid.push([ctx.language === 'ko' ? spec.ko : spec.en, value, 'pabulib']);
  }
  wb.writeTab(tab?.name ?? tabNameFor(wb, TABS.settings, ctx.language), grid, { frozenRows: 1, boldRows: [1] });
}

/** The hidden tab where `import` keeps what a .pb said that the workbook's own tabs do not hold. */
export const PB_SOURCE_TAB = 'pabulib';

/** pabulib/checker's META order (pabulib_helpers/fields.py META_FIELDS_ORDER): export writes META in it. */
const META_ORDER = [
  'description', 'country', 'unit', 'district', 'subunit', 'instance', 'num_projects', 'num_votes', 'budget', 'vote_type', 'rule',
  'date_begin', 'date_end', 'min_length', 'max_length', 'min_sum_cost', 'max_sum_cost', 'min_points', 'max_points', 'min_sum_points',
  'max_sum_points', 'default_score', 'min_project_cost', 'max_project_cost', 'min_project_score_threshold', 'neighborhoods',
  'subdistricts', 'categories', 'edition', 'language', 'currency', 'fully_funded', 'experimental', 'comment', 'acknowledgments',
  'leftover_budget', 'budget_per_category', 'budget_per_neighborhood', 'min_length_per_category', 'max_length_per_category',
  'min_sum_cost_per_category', 'max_sum_cost_per_category',
];
/** fields.py PROJECTS_FIELDS_ORDER: the project columns the checker knows, in its order. */
const PROJECT_ORDER = ['project_id', 'cost', 'votes', 'score', 'name', 'category', 'beneficiaries', 'selected', 'neighborhood', 'subunit', 'district', 'description', 'proposer', 'public_id', 'latitude', 'longitude'];
/** META keys export always computes from the workbook, whatever the source file said. */
const COMPUTED_META = new Set(['num_projects', 'num_votes', 'budget', 'rule', 'min_length', 'max_length', 'min_project_score_threshold', 'categories', 'budget_per_category', 'vote_type']);

/** What the source .pb said, as `import` kept it: META, and the project columns the workbook has no place for. */
interface PbSource {
  meta: Map<string, string>;
  projectColumns: string[];
  projects: Map<string, Record<string, string>>;
}

function writePbSource(wb: Workbook, instance: PbInstance): void {
  const kept = instance.projectHeader.filter((h) => !['project_id', 'cost', 'votes', 'score', 'name', 'category', 'selected'].includes(h));
  const rows: Grid = [
    ['section', 'key', 'value'],
    ...instance.meta.map(([k, v]) => ['META', k, v]),
    ['PROJECT_COLUMNS', ...kept],
    ...instance.projects.map((p) => ['PROJECT', p.id, ...kept.map((h) => p.columns[h] ?? '')]),
  ];
  wb.writeTab(PB_SOURCE_TAB, rows, { hidden: true, frozenRows: 1 });
}

function readPbSource(wb: Workbook): PbSource | null {
  if (!wb.tabNames().includes(PB_SOURCE_TAB)) return null;
  const grid = wb.readTab(PB_SOURCE_TAB) ?? [];
  const text = (c: unknown): string => (c === null || c === undefined ? '' : String(c));
  const meta = new Map<string, string>();
  let projectColumns: string[] = [];
  const projects = new Map<string, Record<string, string>>();
  for (const row of grid.slice(1)) {
    const kind = text(row[0]);
    if (kind === 'META') meta.set(text(row[1]), text(row[2]));
    else if (kind === 'PROJECT_COLUMNS') projectColumns = row.slice(1).map(text).filter((h) => h !== '');
    else if (kind === 'PROJECT') projects.set(text(row[1]), Object.fromEntries(projectColumns.map((h, i) => [h, text(row[i + 2])])));
  }
  return { meta, projectColumns, projects };
}

/** pabulib dates: `DD.MM.YYYY` (Seoul calendar day of an epoch-ms time). */
function pbDate(ms: number): string {
  const d = new Date(ms + 9 * 3600_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/**
 * The workbook as a pabulib instance that pabulib's checker accepts: its agendas with the ballots'
 * votes and the tally's outcome in `selected`, the counted ballots (voter ids are the hashed keys,
 * never the original ones), and META in the checker's order with the settings that produced the
 * outcome — readable by pabutools and equalshares.net.
 *
 * - `votes` counts the exported ballots only, as the checker recounts it; votes a totals-only
 *   channel added are described in `comment`, and since the file's ballots alone then do not give
 *   the outcome, the rule is written `greedy-custom` — so is the overshoot rule, and a greedy
 *   outcome that leaves a project without votes unfunded although it fits (the checker's greedy
 *   would fund it; this tool never funds an agenda nobody voted for).
 * - `date_begin`/`date_end` come from the voting window, else from the ballots' times, else the year.
 * - A workbook filled from a .pb gives back that file's META (country, unit, instance, currency,
 *   language, description, dates, …) and its other project columns, kept in the hidden `pabulib` tab.
 */
export function exportPabulib(wb: Workbook, ctx: HostContext, title: string): PbInstance {
  const settings = requireSettings(wb);
  const agendas = readAgendas(requireTable(wb, 'agendas'));
  const fields = readFields(optionalTable(wb, 'fields'));
  const ballotsTable = optionalTable(wb, 'ballots');
  const check = checkBallots(ballotsTable === null ? [] : ballotCandidates(ballotsTable), agendas, settings, { hasVoterColumn: false, hasTimeColumn: false });
  const result = runTally(wb, ctx);
  const source = readPbSource(wb);
  const selected = new Set(result.selected);
  const ballotVotes = new Map<string, number>();
  for (const b of check.accepted) for (const id of new Set(b.picks)) ballotVotes.set(id, (ballotVotes.get(id) ?? 0) + 1);
  const totalsVotes = result.agendas.reduce((sum, a) => sum + a.totalsVotes, 0);
  const budgeted = fields.filter((f) => f.budget !== null);
  const threshold = result.threshold > 0;
  // The checker's greedy funds projects without votes while money is left; this tool never does.
  const left = result.budget - result.spent;
  const unvotedFits = agendas.filter((a) => !selected.has(a.id) && (ballotVotes.get(a.id) ?? 0) === 0 && a.cost <= left).map((a) => a.id);
  const plainGreedy = totalsVotes === 0 && settings.overshoot === null && unvotedFits.length === 0;
  const rule =
    settings.rule === 'mes'
      ? settings.mesCompletion === 'none'
        ? 'equalshares'
        : 'equalshares/add1'
      : !plainGreedy
        ? 'greedy-custom'
        : settings.rule === 'greedy-stop'
          ? 'greedy-no-skip'
          : threshold
            ? 'greedy-threshold'
            : 'greedy';
  const times = check.accepted.map((b) => b.votedAt).filter((t): t is number => t !== null);
  const begin = settings.windowStart ?? (times.length > 0 ? Math.min(...times) : null);
  const end = settings.windowEnd ?? (times.length > 0 ? Math.max(...times) : null);
  const year = String(new Date(ctx.now() + 9 * 3600_000).getUTCFullYear());
  const notes: string[] = [];
  if (totalsVotes > 0) notes.push(`집계만 있는 채널의 ${totalsVotes}표는 votes에 없고 선정에는 반영됨 / ${totalsVotes} votes of totals-only channels are not in votes but counted in selected`);
  if (unvotedFits.length > 0 && settings.rule !== 'mes') notes.push(`득표 없는 의제는 선정하지 않음 (${unvotedFits.join(',')}) / projects without votes are never selected (${unvotedFits.join(',')})`);
  if (settings.overshoot !== null) notes.push(`초과 허용 ${settings.overshoot}% / overshoot rule: the first project that does not fit is funded when ${settings.overshoot}% of its cost is left`);
  if (settings.rule === 'mes' && settings.mesCompletion === 'add1-exhaustive') notes.push('MES completion add1-exhaustive: stops at the first exhaustive outcome');
  const computed: Record<string, string> = {
    description: title,
    // pycountry's name for KR (the checker looks country names up in pycountry).
    country: 'Korea, Republic of',
    unit: title,
    instance: year,
    num_projects: String(agendas.length),
    num_votes: String(check.accepted.length),
    budget: String(result.budget),
    vote_type: 'approval',
    rule,
    date_begin: begin === null ? year : pbDate(begin),
    date_end: end === null ? year : pbDate(end),
    min_length: settings.pickRule === 'exactly' ? String(settings.picks) : '1',
    max_length: String(settings.picks),
    ...(threshold ? { min_project_score_threshold: String(result.threshold) } : {}),
    ...(budgeted.length > 0 ? { categories: budgeted.map((f) => f.name).join(','), budget_per_category: budgeted.map((f) => String(f.budget)).join(',') } : {}),
    language: 'ko',
    currency: 'KRW',
    ...(notes.length > 0 ? { comment: `#1: ${notes.join('; ')}` } : {}),
  };
  // A workbook filled from a .pb keeps that file's descriptive META; the counts and rule are this tally's.
  const values = new Map<string, string>(Object.entries(computed));
  if (source !== null) {
    for (const [k, v] of source.meta) if (!COMPUTED_META.has(k) && !(k === 'comment' && values.has('comment'))) values.set(k, v);
  }
  const ordered = [...values.keys()].sort((a, b) => rank(a) - rank(b));
  const meta: [string, string][] = ordered.map((k) => [k, values.get(k) as string]);

  const extra = (source?.projectColumns ?? []).filter((h) => PROJECT_ORDER.includes(h));
  const unknownExtra = (source?.projectColumns ?? []).filter((h) => !PROJECT_ORDER.includes(h));
  const projectHeader = [...['project_id', 'cost', 'votes', 'name', 'category', 'selected'], ...extra].sort((a, b) => PROJECT_ORDER.indexOf(a) - PROJECT_ORDER.indexOf(b)).concat(unknownExtra);
  const projects = agendas.map((a) => {
    const columns: Record<string, string> = {
      ...(source?.projects.get(a.id) ?? {}),
      project_id: a.id,
      cost: String(a.cost),
      votes: String(ballotVotes.get(a.id) ?? 0),
      name: a.title,
      category: a.field,
      selected: selected.has(a.id) ? '1' : '0',
    };
    return { id: a.id, cost: a.cost, columns };
  });
  const votes = check.accepted.map((b, i) => {
    const voterId = b.voterKey === '' ? `v${i + 1}` : b.voterKey;
    return { voterId, projects: [...b.picks], points: null, columns: { voter_id: voterId, vote: b.picks.join(',') } };
  });
  return { meta, projectHeader, projects, voteHeader: ['voter_id', 'vote'], votes };
}

/** Position in the checker's META order; keys it does not know go last, in their own order. */
function rank(key: string): number {
  const i = META_ORDER.indexOf(key);
  return i < 0 ? META_ORDER.length : i;
}
