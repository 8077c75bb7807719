/**
 * The pabulib commands end to end through the built CLI: tally a real .pb, compare rules, import
 * it into a workbook, tally the workbook, export it, and read the export back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePabulib } from '../../src/io/pabulib';
import { cliUnderTest, ROOT as root } from '../helpers/cliProcess';

const fixtures = path.join(root, 'test/fixtures/pabulib');
const { work, run, runJson } = cliUnderTest('pb');

interface Json {
  rule: string;
  selected: string[];
  spent: number;
  official: { matches: boolean; missing: string[]; extra: string[] } | null;
  tieBreak: string[];
  agendas: { id: string; status: string; reason: string }[];
}

test('tally <file.pb> with flags: Gdynia stops, Ursus breaks ties cheaper first', () => {
  const gdynia = runJson<Json>('tally', path.join(fixtures, 'poland_gdynia_2020_.pb'), '--rule', 'greedy-stop');
  expect(gdynia).toMatchObject({ rule: 'greedy-stop', selected: ['2'], spent: 1000000, official: { matches: true } });
  const ursus = runJson<Json>('tally', path.join(fixtures, 'poland_warszawa_2023_ursus.pb'), '--tie-break', 'cost-asc');
  expect(ursus.tieBreak).toEqual(['cost_asc', 'order']);
  expect(ursus.spent).toBe(2426510);
  expect(ursus.official?.matches).toBe(true);
  const text = run('tally', path.join(fixtures, 'poland_warszawa_2023_ursus.pb'), '--lang', 'en');
  expect(text.status).toBe(0);
  expect(text.stdout).toMatch(/differs from the official outcome ✗/);
});

test('tally --compare: greedy and MES side by side with the share of voters who got a pick', () => {
  const json = runJson<{ voters: number; rules: { rule: string; selected: string[]; satisfiedShare: number; official: boolean | null }[] }>('tally', path.join(fixtures, 'poland_wieliczka_2023_green-budget.pb'), '--compare');
  expect(json.rules.map((r) => r.rule)).toEqual(['greedy', 'greedy-stop', 'mes']);
  const mes = json.rules[2];
  expect(mes.selected).toHaveLength(30);
  expect(mes.official).toBe(true);
  expect(json.rules[0].official).toBe(false);
  expect(mes.satisfiedShare).toBeGreaterThan(json.rules[0].satisfiedShare);
});

test('bad flags and bad files stop with exit 2 and one line', () => {
  const bad = run('tally', path.join(fixtures, 'poland_gdynia_2020_.pb'), '--rule', 'dhondt');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/--rule 'dhondt'/);
  const broken = path.join(work, 'broken.pb');
  writeFileSync(broken, 'META\nkey;value\nPROJECTS\nproject_id;cost\n1;x\nVOTES\nvoter_id;vote\n');
  const r = run('tally', broken);
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  // Odd META (issue 17): exit 2 with one line, never a stack trace.
  for (const [budget, cost] of [['1e309', '5'], ['-10', '5'], ['100', '5.5.5']]) {
    const odd = path.join(work, 'odd.pb');
    writeFileSync(odd, `META\nkey;value\nbudget;${budget}\nPROJECTS\nproject_id;cost\n1;${cost}\nVOTES\nvoter_id;vote\n1;1\n`);
    const o = run('tally', odd, '--lang', 'en');
    expect([budget, cost, o.status]).toEqual([budget, cost, 2]);
    expect(o.stderr.trim().split('\n')).toHaveLength(1);
    expect(o.stderr).not.toMatch(/internal error|at .*\.js/);
  }
});

test('tally <file.pb> with a decimal budget: no crash, the amounts in their decimals, a ballot counted in part listed', () => {
  const file = path.join(work, 'decimal.pb');
  writeFileSync(file, 'META\nkey;value\nbudget;1331751.11\nmax_length;1\nPROJECTS\nproject_id;cost;selected\n1;530000;1\n2;900000;0\nVOTES\nvoter_id;vote\n1;1\n2;1,2\n3;2\n');
  const text = run('tally', file, '--lang', 'en');
  expect(text.status).toBe(0);
  expect(text.stdout).toContain('801,751.11');
  expect(text.stdout).toMatch(/1 ballots counted in part — VOTES 2: too many picks: 2 \(limit 1, dropped: 2\)/);
  const json = runJson<Json & { budget: number; setAside: number }>('tally', file);
  expect(json).toMatchObject({ budget: 1331751.11, spent: 530000, setAside: 0 });
});

test('import a .pb into a workbook, tally it, export it: the official MES outcome survives the trip', () => {
  const book = path.join(work, 'wieliczka.xlsx');
  const report = runJson<{ projects: number; ballots: { ballotsCounted: number; setAside: { total: number } }; settings: Record<string, string> }>('import', book, path.join(fixtures, 'poland_wieliczka_2023_green-budget.pb'));
  expect(report.projects).toBe(64);
  expect(report.ballots.ballotsCounted + report.ballots.setAside.total).toBe(6586);
  expect(report.settings).toMatchObject({ budget: '1000000', rule: 'mes', mesCompletion: 'add1' });
  const tallied = runJson<Json>('tally', book);
  expect(tallied.rule).toBe('mes');
  expect(tallied.spent).toBe(995079);
  const official = parsePabulib(readFileSync(path.join(fixtures, 'poland_wieliczka_2023_green-budget.pb'), 'utf8'))
    .projects.filter((p) => p.columns.selected === '1')
    .map((p) => p.id)
    .sort();
  expect([...tallied.selected].sort()).toEqual(official);

  const out = path.join(work, 'wieliczka-out.pb');
  expect(run('export', book, out).status).toBe(0);
  const exported = parsePabulib(readFileSync(out, 'utf8'));
  expect(exported.votes).toHaveLength(6586);
  // Voter ids leave as the hashed keys of 투표, never the ids the file came with.
  expect(exported.votes.every((v) => /^v[0-9a-f]{31}$/.test(v.voterId))).toBe(true);
  expect(exported.projects.filter((p) => p.columns.selected === '1').map((p) => p.id).sort()).toEqual(official);
  const again = runJson<Json>('tally', out);
  expect(again.official).toEqual({ matches: true, missing: [], extra: [] });
});
