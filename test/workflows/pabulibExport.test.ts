/**
 * `export` writes files pabulib's checker accepts (its rules reimplemented in
 * test/helpers/pabulibChecker.ts, citing the checker's source), and a .pb imported into a
 * workbook comes back with its META, its other project columns and the same winners.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePabulib, writePabulib } from '../../src/io/pabulib';
import { initWorkbook, importTable } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { tallyPabulib } from '../../src/workflows/pabulib';
import { exportPabulib, importPabulib } from '../../src/workflows/pabulibBook';
import { testContext } from '../helpers/context';
import { checkPb, META_ORDER } from '../helpers/pabulibChecker';

const fixtures = path.join(__dirname, '../fixtures/pabulib');

function book(settings: string[][] = []): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ctx = testContext();
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2'], ['투표 시작', '2024-05-01 09:00'], ['투표 종료', '2024-05-14 18:00'], ...settings]);
  wb.writeTab('의제', [['번호', '의제명', '분야', '사업비'], ['A01', '마을축제', '문화', '6천만원'], ['A02', '방역', '안전', '5천만원'], ['A03', '벤치', '안전', '3천만원']]);
  importTable(wb, ctx, { fileName: 'online.csv', encoding: 'utf-8', rows: [['voter', '선택1', '선택2', '투표일시'], ['p1', 'A01', 'A02', '2024-05-02 10:00'], ['p2', 'A02', 'A03', '2024-05-03 11:00'], ['p3', 'A01', '', '2024-05-04 12:00']] });
  return wb;
}

describe('export passes the pabulib checker', () => {
  test('a plain greedy vote: no error, no warning, META in the checker’s order, dates from the voting window', () => {
    const pb = exportPabulib(book(), testContext(), '종로구 2024');
    const report = checkPb(writePabulib(pb));
    expect(report).toEqual({ errors: [], warnings: [] });
    const keys = pb.meta.map(([k]) => k);
    expect(keys).toEqual([...keys].sort((a, b) => META_ORDER.indexOf(a) - META_ORDER.indexOf(b)));
    expect(pb.meta).toContainEqual(['date_begin', '01.05.2024']);
    expect(pb.meta).toContainEqual(['date_end', '14.05.2024']);
    expect(pb.meta).toContainEqual(['rule', 'greedy']);
  });

  test('with a threshold the rule is greedy-threshold, as the checker expects', () => {
    const pb = exportPabulib(book([['최소 득표', '2']]), testContext(), 't');
    expect(pb.meta).toContainEqual(['rule', 'greedy-threshold']);
    expect(pb.meta).toContainEqual(['min_project_score_threshold', '2']);
    expect(checkPb(writePabulib(pb)).errors).toEqual([]);
  });

  test('a totals-only channel: votes stay those of the ballots, the totals are described in a comment', () => {
    const wb = book();
    importTable(wb, testContext(), { fileName: 'booth.csv', encoding: 'utf-8', channel: '현장투표', rows: [['의제번호', '득표수'], ['A03', '40']] });
    const pb = exportPabulib(wb, testContext(), 't');
    expect(pb.projects.find((p) => p.id === 'A03')?.columns.votes).toBe('1');
    const comment = pb.meta.find(([k]) => k === 'comment')?.[1] ?? '';
    expect(comment).toMatch(/^#1: .*40/);
    expect(pb.meta).toContainEqual(['rule', 'greedy-custom']);
    expect(checkPb(writePabulib(pb)).errors).toEqual([]);
  });

  test('the checker helper does catch what the old export got wrong', () => {
    const old = 'META\nkey;value\ndescription;t\ncountry;South Korea\nunit;t\ninstance;t\nnum_projects;1\nnum_votes;1\nbudget;10\nvote_type;approval\nrule;greedy\nmin_project_score_threshold;2\nPROJECTS\nproject_id;cost;votes;name;selected\n1;5;3;a;1\nVOTES\nvoter_id;vote\nv1;1\n';
    const { errors } = checkPb(old);
    expect(errors).toEqual(expect.arrayContaining(['missing meta field: date_begin', 'missing meta field: date_end', 'incorrect rule with threshold', 'different values in votes: 1 3 vs 1']));
  });
});

describe('a .pb imported and exported again', () => {
  test('Wieliczka 2023: META, project columns and the official MES winners survive; the checker accepts it', () => {
    const source = parsePabulib(readFileSync(path.join(fixtures, 'poland_wieliczka_2023_green-budget.pb'), 'utf8'));
    const wb = new MemoryWorkbook();
    const ctx = testContext();
    initWorkbook(wb, ctx);
    importPabulib(wb, ctx, source, 'poland_wieliczka_2023_green-budget.pb');
    const back = exportPabulib(wb, ctx, 'ignored title');
    const meta = new Map(back.meta);
    for (const key of ['description', 'country', 'unit', 'instance', 'currency', 'language', 'date_begin', 'date_end']) {
      expect([key, meta.get(key)]).toEqual([key, source.meta.find(([k]) => k === key)?.[1]]);
    }
    const official = source.projects.filter((p) => p.columns.selected === '1').map((p) => p.id).sort();
    expect(back.projects.filter((p) => p.columns.selected === '1').map((p) => p.id).sort()).toEqual(official);
    const extra = source.projectHeader.filter((h) => !['project_id', 'cost', 'votes', 'score', 'name', 'category', 'selected'].includes(h));
    for (const p of source.projects) for (const h of extra) expect(back.projects.find((q) => q.id === p.id)?.columns[h]).toBe(p.columns[h]);
    const text = writePabulib(back);
    expect(checkPb(text).errors).toEqual([]);
    // Tallied again, the exported file reproduces itself.
    expect(tallyPabulib(parsePabulib(text), {}, ctx).json.official?.matches).toBe(true);
  });
});

test('an ordinal .pb imported into a workbook says its ranks are not kept there', () => {
  const source = parsePabulib(readFileSync(path.join(fixtures, 'Poland_Krakow_2019_Bienczyce.pb'), 'utf8'));
  const wb = new MemoryWorkbook();
  const ctx = testContext();
  initWorkbook(wb, ctx);
  const report = importPabulib(wb, ctx, source, 'Poland_Krakow_2019_Bienczyce.pb');
  expect(report.ballots.warningCodes).toContain('pb_points_dropped');
  // min_length = max_length = 3: the import counts exactly-3 ballots, as the .pb tally does.
  expect(report.settings.pickRule).toBe('exactly');
  expect(report.ballots.ballotsCounted).toBe(tallyPabulib(source, {}, ctx).json.validBallots);
});

test('a repeated voter in a .pb is a repeat set aside, never picks merged into one ballot (min_length = max_length = 1)', () => {
  const text = ['META', 'key;value', 'budget;3000', 'vote_type;approval', 'rule;greedy', 'min_length;1', 'max_length;1',
    'PROJECTS', 'project_id;cost;votes', 'p0;1000;0', 'p1;2000;0', 'p2;2000;0',
    'VOTES', 'voter_id;vote', '7;p0', '7;p1', '8;p1', '9;p2', '7;p2'].join('\n');
  const source = parsePabulib(text);
  const ctx = testContext();
  const wb = new MemoryWorkbook();
  initWorkbook(wb, ctx);
  const imported = importPabulib(wb, ctx, source, 'repeat.pb').ballots;
  const direct = tallyPabulib(source, {}, ctx).json;
  expect(direct.setAsideBallots.map((s) => [s.row, s.counted, s.codes])).toEqual([[2, false, ['duplicate_voter']], [5, false, ['duplicate_voter']]]);
  expect(imported).toMatchObject({ shape: 'choice-list', rowsRead: 5, rowsCounted: 3, ballotsCounted: 3, trimmed: 0, setAside: { total: 2, reasons: { duplicate_voter: 2 } } });
  expect([imported.ballotsCounted, imported.setAside.total]).toEqual([direct.validBallots, direct.setAside]);
  // 제외 lists both repeats with a reason a person can read; 투표 holds the first ballot of voter 7 alone (p0).
  const setAside = (wb.readTab('제외') ?? []).slice(1);
  expect(setAside.map((r) => String(r[4]))).toEqual(['3', '6']);
  for (const r of setAside) expect(String(r[6])).toMatch(/중복 투표/);
  const ballots = (wb.readTab('투표') ?? []).slice(1).map((r) => String(r[2]));
  expect(ballots).toEqual(['p0', 'p1', 'p2']);
  // and the workbook's tally selects what the .pb tally selects.
  const book = exportPabulib(wb, ctx, 't');
  expect(book.projects.filter((p) => p.columns.selected === '1').map((p) => p.id)).toEqual([...direct.selected].sort());
});

describe('round trips over generated .pb files', () => {
  const files = fc
    .record({
      costs: fc.array(fc.integer({ min: 1, max: 50 }).map((c) => c * 1000), { minLength: 2, maxLength: 6 }),
      budgetShare: fc.integer({ min: 20, max: 90 }),
      maxLength: fc.integer({ min: 1, max: 3 }),
      exact: fc.boolean(),
      // Files whose every row names one project: the rows look like an export's one-pick-per-row shape.
      onePick: fc.boolean(),
      ballots: fc.array(fc.tuple(fc.integer({ min: 1, max: 15 }), fc.array(fc.nat(5), { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 25 }),
      unit: fc.constantFrom('Gdańsk', 'Zürich', 'Łódź; centrum', 'Seoul'),
      country: fc.constantFrom('Poland', 'Switzerland', 'Korea, Republic of'),
      currency: fc.constantFrom('PLN', 'CHF', 'KRW'),
    })
    .map((f) => {
      const total = f.costs.reduce((a, b) => a + b, 0);
      const budget = Math.floor((total * f.budgetShare) / 100);
      const meta = [
        ['description', `PB in ${f.unit}`], ['country', f.country], ['unit', f.unit], ['instance', '2024'], ['num_projects', String(f.costs.length)],
        ['num_votes', String(f.ballots.length)], ['budget', String(budget)], ['vote_type', 'approval'], ['rule', 'greedy'],
        ['date_begin', '01.03.2024'], ['date_end', '31.03.2024'], ['min_length', f.exact ? String(f.maxLength) : '1'], ['max_length', String(f.maxLength)],
        ['language', 'pl'], ['currency', f.currency],
      ];
      const projects = f.costs.map((c, i) => `p${i};${c};0;project ${i};${50 + i};${19 + i / 10}`);
      // Voter ids from a small range, so that a voter is often repeated: each row is still one ballot.
      const votes = f.ballots.map(([voter, picks]) => `${voter};${[...new Set((f.onePick ? picks.slice(0, 1) : picks).map((p) => `p${p % f.costs.length}`))].join(',')}`);
      const text = ['META', 'key;value', ...meta.map(([k, v]) => `${k};${v}`), 'PROJECTS', 'project_id;cost;votes;name;latitude;longitude', ...projects, 'VOTES', 'voter_id;vote', ...votes].join('\n');
      return parsePabulib(text);
    });

  test('import then export keeps META and project columns, and selects what tallying the .pb itself selects', () => {
    fc.assert(
      fc.property(files, (source) => {
        const ctx = testContext();
        const wb = new MemoryWorkbook();
        initWorkbook(wb, ctx);
        const imported = importPabulib(wb, ctx, source, 'generated.pb').ballots;
        const back = exportPabulib(wb, ctx, 'ignored');
        const meta = new Map(back.meta);
        for (const key of ['description', 'country', 'unit', 'instance', 'currency', 'language', 'date_begin', 'date_end']) {
          expect([key, meta.get(key)]).toEqual([key, source.meta.find(([k]) => k === key)?.[1]]);
        }
        for (const p of source.projects) {
          const q = back.projects.find((x) => x.id === p.id);
          expect([q?.columns.latitude, q?.columns.longitude]).toEqual([p.columns.latitude, p.columns.longitude]);
        }
        const direct = tallyPabulib(source, {}, ctx).json;
        expect(back.projects.filter((p) => p.columns.selected === '1').map((p) => p.id).sort()).toEqual([...direct.selected].sort());
        expect(back.votes).toHaveLength(direct.validBallots);
        // import and the .pb tally count the same ballots and set aside the same rows (a repeated voter's later rows).
        expect([imported.shape, imported.ballotsCounted, imported.setAside.total]).toEqual(['choice-list', direct.validBallots, direct.setAside]);
        const again = parsePabulib(writePabulib(back));
        expect(again.meta).toEqual(back.meta);
        expect(checkPb(writePabulib(back)).errors).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
