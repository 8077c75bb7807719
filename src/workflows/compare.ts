import { compareRules, type RuleComparison } from '../core/compare';
import type { FormatSpan } from '../sheets/typedCells';
import type { TallyInput } from '../core/tally';
import type { SelectionRule } from '../core/types';
import { ruleLabel } from '../sheets/results';
import { TABS } from '../sheets/schema';
import { hashingOf, type HostContext } from './context';
import { tabNameFor } from './tabs';
import { fingerprintInput, loadTallyInputs } from './tally';
import type { Grid, Workbook } from './workbook';

export const COMPARED_RULES: SelectionRule[] = ['greedy', 'greedy-stop', 'mes'];

export interface CompareJson {
  rules: { rule: SelectionRule; selected: string[]; spent: number; satisfiedVoters: number; satisfiedShare: number; official: boolean | null }[];
  /** Agendas selected by some rules and not others. */
  differences: { id: string; selectedBy: SelectionRule[] }[];
  voters: number;
}

/**
 * The same votes under greedy, greedy-stop and MES, side by side, with the share of voters who
 * got at least one agenda they voted for. `official` (a .pb file's `selected`) marks the rule
 * that reproduces the published outcome.
 */
export function compareJson(input: TallyInput, official: readonly string[] | null): CompareJson {
  return summarize(compareRules(input, COMPARED_RULES), official, input.ballots.length);
}

function summarize(rows: RuleComparison[], official: readonly string[] | null, voters: number): CompareJson {
  const officialKey = official === null ? null : [...official].sort().join(',');
  const all = new Set(rows.flatMap((r) => r.selected));
  const differences = [...all]
    .map((id) => ({ id, selectedBy: rows.filter((r) => r.selected.includes(id)).map((r) => r.rule) }))
    .filter((d) => d.selectedBy.length < rows.length);
  return {
    voters,
    rules: rows.map((r) => ({
      rule: r.rule,
      selected: r.selected,
      spent: r.spent,
      satisfiedVoters: r.satisfiedVoters,
      satisfiedShare: Math.round(r.satisfiedShare * 1e6) / 1e6,
      official: officialKey === null ? null : [...r.selected].sort().join(',') === officialKey,
    })),
    differences,
  };
}

export interface WorkbookCompareJson extends CompareJson {
  /** The rule 설정 names, for reference: the official result is still the tally's. */
  configuredRule: SelectionRule;
  budget: number;
  inputFingerprint: string;
}

/**
 * `tally <book.xlsx> --compare`: compares the rules on the workbook's counted ballots (as the
 * tally counts them, with the 설정 budget, threshold and ties) and writes the 비교 tab. Overrides
 * (조정) are left out on purpose: the view compares rules, not committee decisions. Totals-only
 * channels have no ballots, so they count for greedy but cannot satisfy anyone, and MES ignores them.
 */
export function runCompare(wb: Workbook, ctx: HostContext): WorkbookCompareJson {
  const inputs = loadTallyInputs(wb, hashingOf(ctx));
  const input: TallyInput = { agendas: inputs.agendas, fields: inputs.fields, ballots: inputs.check.accepted, totals: inputs.totalsRead.totals, settings: inputs.settings, committee: inputs.committee };
  const results = compareRules(input, COMPARED_RULES);
  const base = summarize(results, null, input.ballots.length);
  const inputFingerprint = fingerprintInput(inputs.settings, inputs.fields, inputs.agendas, inputs.candidates, inputs.totalsRead.totals, [], inputs.committee, hashingOf(ctx));
  const json: WorkbookCompareJson = { ...base, configuredRule: inputs.settings.rule, budget: results[0].result.budget, inputFingerprint };
  const name = tabNameFor(wb, TABS.compare, ctx.language);
  const { grid, headerRow } = compareGrid(json, input, ctx);
  const rulesFrom = grid.findIndex((row) => row.length === 6 && typeof row[1] === 'number') + 1;
  const formats: FormatSpan[] = [
    ...[2, 3, 4, 5].map((col): FormatSpan => ({ col, fromRow: 1, toRow: headerRow - 1, format: 'amount' })),
    { col: 6, fromRow: rulesFrom, toRow: rulesFrom + json.rules.length - 1, format: 'share' },
    { col: 1, fromRow: headerRow + 1, format: 'text' },
    { col: 3, fromRow: headerRow + 1, format: 'amount' },
    { col: 4, fromRow: headerRow + 1, format: 'amount' },
  ];
  wb.writeTab(name, grid, { frozenRows: headerRow, boldRows: [1, headerRow], formats });
  return json;
}

function compareGrid(json: WorkbookCompareJson, input: TallyInput, ctx: HostContext): { grid: Grid; headerRow: number } {
  const ko = ctx.language === 'ko';
  const L = (k: string, e: string): string => (ko ? k : e);
  const pct = (share: number): number => Math.round(share * 1e6) / 1e6;
  const ruleName = (rule: SelectionRule): string => ruleLabel({ ...input.settings, rule }, ctx.language).split(':')[0];
  const block: Grid = [
    [L('규칙 비교 (greedy · MES)', 'Rule comparison (greedy · MES)'), ''],
    [L('유효 투표', 'Valid ballots'), json.voters],
    [L('총예산', 'Budget'), json.budget],
    [L('설정의 선정 방식', 'Rule in Settings'), json.configuredRule],
    [L('입력 지문', 'Input fingerprint'), json.inputFingerprint],
    [L('참고', 'Note'), L('공식 결과는 결과 탭(설정의 선정 방식)입니다. 이 비교에는 조정이 적용되지 않습니다.', 'The official result is the Results tab (the rule in Settings). Overrides are not applied here.')],
    [],
    [L('규칙', 'Rule'), L('선정 수', 'Selected'), L('선정 합계', 'Spent'), L('남은 예산', 'Left'), L('한 개 이상 선정된 투표자', 'Voters with ≥1 pick funded'), L('비율', 'Share')],
    ...json.rules.map((r) => [ruleName(r.rule), r.selected.length, r.spent, json.budget - r.spent, r.satisfiedVoters, pct(r.satisfiedShare)]),
    [],
  ];
  const headerRow = block.length + 1;
  const selectedBy = new Map(json.rules.map((r) => [r.rule, new Set(r.selected)]));
  const votes = new Map<string, number>();
  for (const b of input.ballots) for (const p of b.picks) votes.set(p, (votes.get(p) ?? 0) + 1);
  for (const t of input.totals) votes.set(t.agendaId, (votes.get(t.agendaId) ?? 0) + t.votes);
  const agendas = [...input.agendas].sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || a.order - b.order);
  const table: Grid = [
    [L('번호', 'ID'), L('의제명', 'Title'), L('사업비', 'Cost'), L('득표', 'Votes'), ...json.rules.map((r) => ruleName(r.rule)), L('차이', 'Differs')],
    ...agendas.map((a) => {
      const marks = json.rules.map((r) => ((selectedBy.get(r.rule) as Set<string>).has(a.id) ? L('선정', 'selected') : ''));
      const differs = new Set(marks).size > 1;
      return [a.id, a.title, a.cost, votes.get(a.id) ?? 0, ...marks, differs ? '◆' : ''];
    }),
  ];
  const summary = json.differences.map((d) => `${d.id}: ${d.selectedBy.join(', ')}`).join('; ');
  return { grid: [...block, ...table, [], [L('규칙마다 다른 의제', 'Agendas that differ'), summary === '' ? '-' : summary]], headerRow };
}
