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
import { fieldsFromPb, settingsFromPb } from './pabulib';
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
  const withdrawn = new Set(instance.projects.filter((p) => p.cost >= WITHDRAWN_COST).map((p) => p.id));
  const values: Partial<Record<keyof Settings, string>> = {
    budget: String(settings.budget),
    picks: String(settings.picks),
    pickRule: 'up_to',
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
  const ballots = importTable(wb, ctx, { fileName, rows, encoding: 'utf-8' });
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

/**
 * The workbook as a pabulib instance: its agendas with their votes and the tally's outcome in
 * `selected`, the counted ballots (voter ids are the hashed keys, never the original ones), and
 * META with the settings that produced the outcome — readable by pabutools and equalshares.net.
 */
export function exportPabulib(wb: Workbook, ctx: HostContext, title: string): PbInstance {
  const settings = requireSettings(wb);
  const agendas = readAgendas(requireTable(wb, 'agendas'));
  const fields = readFields(optionalTable(wb, 'fields'));
  const ballotsTable = optionalTable(wb, 'ballots');
  const check = checkBallots(ballotsTable === null ? [] : ballotCandidates(ballotsTable), agendas, settings, { hasVoterColumn: false, hasTimeColumn: false });
  const result = runTally(wb, ctx);
  const selected = new Set(result.selected);
  const votesOf = new Map(result.agendas.map((a) => [a.id, a.votes]));
  const budgeted = fields.filter((f) => f.budget !== null);
  const meta: [string, string][] = [
    ['description', title],
    ['country', 'South Korea'],
    ['unit', title],
    ['instance', title],
    ['num_projects', String(agendas.length)],
    ['num_votes', String(check.accepted.length)],
    ['budget', String(result.budget)],
    ['vote_type', 'approval'],
    ['rule', { greedy: 'greedy', 'greedy-stop': 'greedy-no-skip', mes: settings.mesCompletion === 'none' ? 'equalshares' : 'equalshares/add1' }[settings.rule]],
    ['min_length', settings.pickRule === 'exactly' ? String(settings.picks) : '1'],
    ['max_length', String(settings.picks)],
    ...(result.threshold > 0 ? [['min_project_score_threshold', String(result.threshold)] as [string, string]] : []),
    ...(budgeted.length > 0
      ? [
          ['categories', budgeted.map((f) => f.name).join(',')] as [string, string],
          ['budget_per_category', budgeted.map((f) => String(f.budget)).join(',')] as [string, string],
        ]
      : []),
    ['currency', 'KRW'],
    ['language', 'ko'],
  ];
  const projectHeader = ['project_id', 'cost', 'votes', 'name', 'category', 'selected'];
  const projects = agendas.map((a) => {
    const columns: Record<string, string> = {
      project_id: a.id,
      cost: String(a.cost),
      votes: String(votesOf.get(a.id) ?? 0),
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
