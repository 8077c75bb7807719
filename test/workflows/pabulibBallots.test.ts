/**
 * Issue 19 (decimal budgets, vote types, rule names), issue 15 item 5 (the .pb tally applies the
 * import's ballot rules) and issue 17 item 5 (META checked) on real pabulib files and on small
 * files written here to break one rule each.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../src/core/errors';
import { parsePabulib, type PbInstance } from '../../src/io/pabulib';
import { tallyPabulib, type PbOptions } from '../../src/workflows/pabulib';
import { initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { importPabulib } from '../../src/workflows/pabulibBook';
import { runTally } from '../../src/workflows/tally';
import { testContext } from '../helpers/context';

const load = (name: string): PbInstance => parsePabulib(readFileSync(path.join(__dirname, '../fixtures/pabulib', name), 'utf8'));
const tally = (instance: PbInstance, options: PbOptions = {}) => tallyPabulib(instance, options, testContext({ language: 'en' })).json;

function pb(meta: string[], projects: string[], votes: string[], header = 'voter_id;vote'): PbInstance {
  return parsePabulib(['META', 'key;value', ...meta, 'PROJECTS', 'project_id;cost;votes;name;selected', ...projects, 'VOTES', header, ...votes].join('\n'));
}

describe('decimal budgets: exact money, never a crash', () => {
  test('Warsaw 2019 Przyczółek Grochowski: budget 114,339.91 — the official project, 21,539.91 left, said in its own decimals', () => {
    const json = tally(load('Poland_Warszawa_2019_Przyczolek_Grochowski.pb'));
    expect(json.budget).toBe(114339.91);
    expect(json.spent).toBe(92800);
    expect(json.official?.matches).toBe(true);
    expect(json.agendas.find((a) => a.id === '2303')?.reason).toBe('selected: rank 1, fits (remaining 21,539.91)');
    expect(json.agendas.find((a) => a.id === '2370')?.reason).toBe('skipped: costs 27,000.00, 21,539.91 left');
  });

  test('decimal costs add up exactly: 0.1 + 0.2 fits a budget of 0.3 (floats would say 0.30000000000000004)', () => {
    const instance = pb(['budget;0.3', 'vote_type;approval', 'rule;greedy'], ['a;0.1;2;a;1', 'b;0.2;1;b;1', 'c;0.05;1;c;0'], ['1;a,b', '2;a,c']);
    const json = tally(instance);
    expect(json.selected.sort()).toEqual(['a', 'b']);
    expect(json.spent).toBe(0.3);
    expect(json.official?.matches).toBe(true);
    expect(json.agendas.find((a) => a.id === 'c')?.reason).toBe('skipped: costs 0.05, 0.00 left');
  });

  test('whole-won files keep the settings they had: no moneyScale, so their fingerprints do not move', () => {
    const { settings } = tallyPabulib(load('poland_lodz_2024_.pb'), {}, testContext());
    expect('moneyScale' in settings).toBe(false);
  });
});

describe('ballot types as pabulib defines them', () => {
  test('Kraków 2019 Bieńczyce, ordinal: Borda points (max_length − position) give the file’s score column and its winners', () => {
    const instance = load('Poland_Krakow_2019_Bienczyce.pb');
    const json = tally(instance);
    expect(json.voteType).toBe('ordinal');
    for (const p of instance.projects) expect([p.id, json.agendas.find((a) => a.id === p.id)?.votes]).toEqual([p.id, Number(p.columns.score)]);
    expect(json.official?.matches).toBe(true);
    // Counted as approvals (one per pick) the ranking is another.
    const approvals = new Map<string, number>();
    for (const v of instance.votes) for (const id of v.projects) approvals.set(id, (approvals.get(id) ?? 0) + 1);
    expect(instance.projects.some((p) => approvals.get(p.id) !== Number(p.columns.score))).toBe(true);
  });

  test('Częstochowa 2024 Podjasnogórska, cumulative: the points are summed into the file’s score column and its winners', () => {
    const instance = load('Poland_Czestochowa_2024_Podjasnogorska.pb');
    const json = tally(instance);
    expect(json.voteType).toBe('cumulative');
    for (const p of instance.projects) expect([p.id, json.agendas.find((a) => a.id === p.id)?.votes]).toEqual([p.id, Number(p.columns.score)]);
    expect(json.official?.matches).toBe(true);
  });

  test('Poznań 2025 Stare Miasto (small), choose-1 with a local rule: one pick each, the local rule said in a warning', () => {
    const json = tally(load('Poland_Poznan_2025_9_-_Stare_Miasto__small.pb'));
    expect(json.voteType).toBe('choose-1');
    expect(json.warnings.map((w) => w.code)).toContain('pb_rule_approximated');
    expect(json.check.ballotPicks).toBe(json.validBallots);
  });
});

describe('the import’s ballot rules in the .pb tally (issue 15)', () => {
  const meta = ['budget;100', 'vote_type;approval', 'rule;greedy', 'min_length;1', 'max_length;2'];
  const projects = ['a;60;0;a;0', 'b;50;0;b;0', 'c;40;0;c;0'];

  test('a repeated voter_id counts once: 5 repeats cannot take a project to first place', () => {
    const votes = ['1;b', '2;b', '3;a', ...Array.from({ length: 5 }, () => '3;a')];
    const json = tally(pb(meta, projects, votes));
    expect(json.agendas.find((a) => a.id === 'a')?.votes).toBe(1);
    expect(json.selected[0]).toBe('b');
    expect(json.setAside).toBe(5);
    expect(json.setAsideBallots.filter((s) => !s.counted).map((s) => [s.row, s.codes])).toEqual([4, 5, 6, 7, 8].map((row) => [row, ['duplicate_voter']]));
    expect(json.setAsideBallots[0].reason).toBe('second vote by the same voter (counted: VOTES 3)');
  });

  test('more picks than max_length: the first max_length count, the rest are named; an unknown project is dropped and named', () => {
    const json = tally(pb(meta, projects, ['1;a,b,c', '2;c,zz', '3;b']));
    expect(json.validBallots).toBe(3);
    expect(json.agendas.find((a) => a.id === 'c')?.votes).toBe(1);
    expect(json.setAsideBallots).toEqual([
      { row: 1, counted: true, codes: ['over_vote'], reason: 'too many picks: 3 (limit 2, dropped: c)' },
      { row: 2, counted: true, codes: ['unknown_agenda'], reason: "unknown agenda: 'zz'" },
    ]);
    expect(json.unknownPicks).toBe(1);
  });

  test('the .pb tally and import + tally of the same file count the same ballots and picks', () => {
    const instance = pb(meta, projects, ['1;a,b,c', '2;c,zz', '3;b', '3;a', '4;a,a', '5;zz']);
    const direct = tally(instance);
    const ctx = testContext({ language: 'en' });
    const wb = new MemoryWorkbook();
    initWorkbook(wb, ctx);
    const report = importPabulib(wb, ctx, instance, 'x.pb');
    const viaBook = runTally(wb, ctx);
    expect(report.ballots.ballotsCounted).toBe(direct.validBallots);
    expect(viaBook.agendas.map((a) => [a.id, a.votes]).sort()).toEqual(direct.agendas.map((a) => [a.id, a.votes]).sort());
  });

  test('fewer picks than min_length are set aside', () => {
    const json = tally(pb(['budget;100', 'vote_type;approval', 'rule;greedy', 'min_length;2', 'max_length;2'], projects, ['1;a,b', '2;c']));
    expect(json.setAsideBallots).toEqual([{ row: 2, counted: false, codes: ['under_vote'], reason: 'too few picks: 1 (2 required)' }]);
  });
});

describe('META checked (issue 17)', () => {
  const projects = ['a;60;0;a;0'];
  const refused = (meta: string[], rows = projects): string => {
    try {
      tally(pb(meta, rows, ['1;a']));
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  test('a budget of 1e309, a negative one, or words: one clear line each', () => {
    for (const budget of ['1e309', '-5', 'lots']) {
      const message = refused([`budget;${budget}`]);
      expect(message).toContain(`META budget '${budget}'`);
      expect(message).toContain('the budget must be a number ≥ 0');
      expect(message).not.toContain('\n');
    }
  });

  test('a budget too large to count exactly is refused, not rounded', () => {
    expect(refused(['budget;123456789012345678901234567890'])).toContain('not too large');
  });

  test('num_votes and num_projects that disagree with the file are warnings', () => {
    const json = tally(pb(['budget;100', 'num_votes;20000', 'num_projects;1'], projects, ['1;a']));
    expect(json.warnings).toEqual([{ code: 'pb_meta_count', message: 'META num_votes=20000, 파일의 투표 수: 1 / META num_votes is 20000, the file has 1' }]);
  });
});
