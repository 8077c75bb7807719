import fc from 'fast-check';
import { parsePabulib, PbFormatError, writePabulib, type PbInstance } from '../../src/io/pabulib';

const cell = fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s) && s.trim() === s && s !== '');
const id = fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/);

/** Random instances with awkward text (semicolons, quotes, commas) in names and META values. */
const instance: fc.Arbitrary<PbInstance> = fc
  .record({
    meta: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z_]{1,10}$/), cell), { selector: ([k]) => k, maxLength: 6 }),
    projects: fc.uniqueArray(fc.record({ id, cost: fc.nat(10_000_000), name: cell }), { selector: (p) => p.id, minLength: 1, maxLength: 8 }),
    votes: fc.array(fc.record({ voter: id, picks: fc.array(fc.nat(7), { minLength: 1, maxLength: 4 }) }), { maxLength: 20 }),
  })
  .map(({ meta, projects, votes }) => ({
    meta: meta.filter(([k]) => !['meta', 'projects', 'votes'].includes(k)),
    projectHeader: ['project_id', 'cost', 'name'],
    projects: projects.map((p) => ({ id: p.id, cost: p.cost, columns: { project_id: p.id, cost: String(p.cost), name: p.name } })),
    voteHeader: ['voter_id', 'vote'],
    votes: votes.map((v) => {
      const picks = [...new Set(v.picks.map((i) => projects[i % projects.length].id))];
      return { voterId: v.voter, projects: picks, points: null, columns: { voter_id: v.voter, vote: picks.join(',') } };
    }),
  }));

describe('pabulib .pb', () => {
  test('round trip: parse(write(x)) = x', () => {
    fc.assert(
      fc.property(instance, (x) => {
        expect(parsePabulib(writePabulib(x))).toEqual(x);
      }),
      { numRuns: 200 },
    );
  });

  test('reads quoted names with semicolons, CRLF, a BOM and cumulative points', () => {
    const text = '\uFEFFMETA\r\nkey;value\r\nbudget;100\r\nvote_type;cumulative\r\nPROJECTS\r\nproject_id;cost;name\r\n1;50;"Park; ""green"""\r\n2;60;x\r\nVOTES\r\nvoter_id;vote;points\r\nv1;1,2;3,2\r\n';
    const pb = parsePabulib(text);
    expect(pb.projects[0].columns.name).toBe('Park; "green"');
    expect(pb.votes[0]).toMatchObject({ voterId: 'v1', projects: ['1', '2'], points: [3, 2] });
    expect(pb.meta).toEqual([
      ['budget', '100'],
      ['vote_type', 'cumulative'],
    ]);
  });

  test.each([
    ['no VOTES section', 'META\nkey;value\nbudget;1\nPROJECTS\nproject_id;cost\n1;5\n', /VOTES/],
    ['a row with the wrong number of cells', 'META\nkey;value\nPROJECTS\nproject_id;cost\n1;5;9\nVOTES\nvoter_id;vote\n', /PROJECTS row 1/],
    ['an unreadable cost', 'META\nkey;value\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n', /cost 'abc' must be a whole number or an exact decimal ≥ 0/],
    ['a duplicate project id', 'META\nkey;value\nPROJECTS\nproject_id;cost\n1;5\n1;6\nVOTES\nvoter_id;vote\n', /duplicate project_id/],
    ['text before META', 'hello;world\nMETA\nkey;value\n', /starts with META/],
  ])('refuses %s with a bilingual reason', (_name, text, message) => {
    expect(() => parsePabulib(text)).toThrow(PbFormatError);
    expect(() => parsePabulib(text)).toThrow(message);
  });
});
