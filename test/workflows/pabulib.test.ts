/**
 * Acceptance on real votes: seven pabulib instances (test/fixtures/pabulib, cited in its README)
 * tallied with the settings that reproduce each city's official outcome — and the settings that
 * do not, so a test would fail if a rule were silently ignored.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePabulib, type PbInstance } from '../../src/io/pabulib';
import { pbTallyInput, tallyPabulib, type PbOptions } from '../../src/workflows/pabulib';
import { initWorkbook, importTable } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { exportPabulib } from '../../src/workflows/pabulibBook';
import { testContext } from '../helpers/context';

const cache = new Map<string, PbInstance>();
function load(name: string): PbInstance {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const instance = parsePabulib(readFileSync(path.join(__dirname, '../fixtures/pabulib', name), 'utf8'));
  cache.set(name, instance);
  return instance;
}

function run(name: string, options: PbOptions = {}) {
  return tallyPabulib(load(name), options, testContext({ language: 'en' })).json;
}

describe('official outcomes reproduced', () => {
  test('Łódź 2024: greedy, skip — 14 projects, 9,632,750; stopping gives 9', () => {
    const json = run('poland_lodz_2024_.pb');
    expect(json.rule).toBe('greedy');
    expect(json.selected).toHaveLength(14);
    expect(json.spent).toBe(9632750);
    expect(json.official).toEqual({ matches: true, missing: [], extra: [] });
    expect(json.voters).toBe(66045);
    const stop = run('poland_lodz_2024_.pb', { rule: 'greedy-stop' });
    expect(stop.selected).toHaveLength(9);
    expect(stop.official?.matches).toBe(false);
  });

  test('Gdynia 2020: greedy, stop — 1 project, 1,000,000; skipping gives 3 (1,359,070)', () => {
    const json = run('poland_gdynia_2020_.pb', { rule: 'greedy-stop' });
    expect(json.selected).toEqual(['2']);
    expect(json.spent).toBe(1000000);
    expect(json.official?.matches).toBe(true);
    const after = json.agendas.find((a) => a.id === '13');
    expect(after?.status).toBe('on_hold');
    expect(after?.reason).toContain('selection stopped at 4');
    const skip = run('poland_gdynia_2020_.pb', { rule: 'greedy' });
    expect(skip.selected).toHaveLength(3);
    expect(skip.spent).toBe(1359070);
    expect(skip.official).toEqual({ matches: false, missing: [], extra: expect.arrayContaining([skip.selected[1], skip.selected[2]]), matchingSettings: ['--rule greedy-stop'] });
  });

  test('Warsaw-Ursus 2023: ties cheaper first — 17 projects, 2,426,510; file order gives another outcome', () => {
    const json = run('poland_warszawa_2023_ursus.pb', { tieBreak: ['cost_asc'] });
    expect(json.selected).toHaveLength(17);
    expect(json.spent).toBe(2426510);
    expect(json.official?.matches).toBe(true);
    const decided = json.agendas.filter((a) => a.tie !== null && a.tie.decidedBy === 'cost_asc' && a.tie.atBoundary);
    expect(decided.length).toBeGreaterThan(0);
    expect(decided[0].reason).toMatch(/^(selected|skipped)/);
    const byOrder = run('poland_warszawa_2023_ursus.pb', { tieBreak: ['order'] });
    expect(byOrder.official?.matches).toBe(false);
  });

  test('Warsaw 2026: the META threshold 3000 keeps 1664 out — 17 projects, 24,171,003', () => {
    const json = run('poland_warszawa_2026_.pb');
    expect(json.threshold).toBe(3000);
    expect(json.selected).toHaveLength(17);
    expect(json.spent).toBe(24171003);
    expect(json.official?.matches).toBe(true);
    const p1664 = json.agendas.find((a) => a.id === '1664');
    expect(p1664?.votes).toBe(1221);
    expect(p1664?.reason).toBe('below threshold 3,000 (1,221 votes)');
    const without = run('poland_warszawa_2026_.pb', { threshold: null });
    expect(without.selected).toContain('1664');
    expect(without.official?.extra).toEqual(['1664']);
  });

  test('Wieliczka 2023: MES + Add1 from META — 30 projects, 995,079; first exhaustive gives 31 (984,579)', () => {
    const json = run('poland_wieliczka_2023_green-budget.pb');
    expect(json.rule).toBe('mes');
    expect(json.mes).toMatchObject({ completion: 'add1', perVoterBudget: '315' });
    // Raising the share one unit per run took 166 full runs here; the shares change the outcome almost
    // every step, so skipping stretches may only cost a few checks more, never many. Replays (which
    // follow no voter, and give up early where the rounds differ) come on top, each a fraction of a run.
    const mes = json.mes ?? { runs: NaN, replays: NaN };
    expect(mes.runs - mes.replays).toBeLessThanOrEqual(166 * 1.1);
    expect(mes.replays).toBeGreaterThan(0);
    expect(json.selected).toHaveLength(30);
    expect(json.spent).toBe(995079);
    expect(json.official?.matches).toBe(true);
    const short = json.agendas.filter((a) => a.status === 'not_selected' && a.reason.startsWith('MES'));
    expect(short.length).toBeGreaterThan(0);
    for (const a of short) expect(a.reason).toMatch(/^MES: supporters' remaining shares [\d,.]+ < cost [\d,]+ \([\d,.]+ more needed\)$/);
    const exhaustive = run('poland_wieliczka_2023_green-budget.pb', { mesCompletion: 'add1-exhaustive' });
    expect(exhaustive.selected).toHaveLength(31);
    expect(exhaustive.spent).toBe(984579);
    expect(exhaustive.official?.matches).toBe(false);
  });

  test('Amsterdam 604: per-category budgets, leftover pooled — 22 projects, 270,713; plain greedy differs on 42345/42355', () => {
    const json = run('netherlands_amsterdam_604_.pb');
    expect(json.official).toBeNull();
    expect(json.fields.map((f) => f.budget)).toEqual([90610, 57312, 71364, 80715]);
    expect(json.selected).toHaveLength(22);
    expect(json.spent).toBe(270713);
    const plain = run('netherlands_amsterdam_604_.pb', { perField: 'off' });
    const differ = [...json.selected.filter((id) => !plain.selected.includes(id)), ...plain.selected.filter((id) => !json.selected.includes(id))].sort();
    expect(differ).toEqual(['42345', '42355']);
    const unspent = run('netherlands_amsterdam_604_.pb', { perField: 'none' });
    expect(unspent.leftover).toBe('none');
    expect(unspent.spent).toBe(unspent.fields.reduce((sum, f) => sum + f.spent, 0));
    expect(unspent.spent).toBeLessThan(json.spent);
  });

  test('Cambridge 2019 (Stanford export): imports and tallies; no official column', () => {
    const { input, official, unknownPicks, duplicatePicks } = pbTallyInput(load('us_stanford-dataset_pb-cambridge-2019_vote-approvals.pb'));
    expect(official).toBeNull();
    expect(unknownPicks).toBe(0);
    expect(duplicatePicks).toBe(0);
    expect(input.ballots).toHaveLength(6447);
    expect(input.settings.budget).toBe(1000000);
    const json = run('us_stanford-dataset_pb-cambridge-2019_vote-approvals.pb');
    expect(json.spent).toBeLessThanOrEqual(1000000);
    expect(json.selected[0]).toBe('1356');
  });
});

describe('the file, counted again', () => {
  test.each(['poland_lodz_2024_.pb', 'poland_warszawa_2023_ursus.pb', 'poland_wieliczka_2023_green-budget.pb', 'netherlands_amsterdam_604_.pb'])('%s: every project’s votes equal the file’s votes column, a repeated pick counted once', (name) => {
    const instance = load(name);
    const repeated = new Map<string, number>();
    for (const vote of instance.votes) {
      vote.projects.forEach((id, i) => {
        if (vote.projects.indexOf(id) !== i) repeated.set(id, (repeated.get(id) ?? 0) + 1);
      });
    }
    const json = run(name);
    expect(json.duplicatePicks).toBe([...repeated.values()].reduce((a, b) => a + b, 0));
    for (const p of instance.projects) {
      expect(json.agendas.find((a) => a.id === p.id)?.votes).toBe(Number(p.columns.votes) - (repeated.get(p.id) ?? 0));
    }
  });

});

describe('exportPabulib', () => {
  test('writes every ballot the tally counts, those of an export without voters included', () => {
    const wb = new MemoryWorkbook();
    const ctx = testContext();
    initWorkbook(wb, ctx);
    wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2']]);
    wb.writeTab('의제', [['번호', '의제명', '분야', '사업비'], ['A01', '마을축제', '문화', '6천만원'], ['A02', '방역', '안전', '5천만원']]);
    importTable(wb, ctx, { fileName: 'paper.csv', encoding: 'utf-8', rows: [['선택1', '선택2'], ['A01', 'A02'], ['A02', '']] });
    importTable(wb, ctx, { fileName: 'online.csv', encoding: 'utf-8', rows: [['voter', '선택1'], ['p1', 'A01']] });
    const pb = exportPabulib(wb, ctx, 'test');
    expect(pb.votes).toHaveLength(3);
    expect(pb.meta).toContainEqual(['num_votes', '3']);
    expect(pb.votes.map((v) => v.projects.join(','))).toEqual(['A01,A02', 'A02', 'A01']);
  });
});
