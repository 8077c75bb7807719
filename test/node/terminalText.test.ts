/**
 * Item 7: text from files reaches the terminal without its control characters. An agenda title
 * carrying a clear-screen sequence, a hidden OSC 8 link, a bell and a bidi override is printed by
 * the real CLI; the human output has none of them, the JSON keeps the title intact but escaped.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { terminalCell, terminalJson, terminalText } from '../../src/node/terminalText';
import { cliUnderTest } from '../helpers/cliProcess';

const { work, run } = cliUnderTest('terminal');

// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** A .pb field cannot hold the `;` an OSC 8 link needs: there a window-title OSC (ended by BEL) instead. */
const PB_NAME = '마을\u001b[2J\u001b[H축제\u001b]2:pwned\u0007여기\u0007\u202e역순\u009b31m끝';
const HOSTILE_TITLE = '마을\u001b[2J\u001b[H축제\u001b]8;;http://attacker.example\u0007여기\u001b]8;;\u0007\u0007\u202e역순\u009b31m끝';

describe('terminalText', () => {
  it('removes escape sequences whole, C0/C1 controls and bidi overrides, and keeps line feeds and tabs', () => {
    expect(terminalText(HOSTILE_TITLE)).toBe('마을축제여기역순끝');
    expect(terminalText('a\tb\nc\r\n')).toBe('a\tb\nc\n');
    expect(terminalCell('두 줄\n셀\t끝')).toBe('두 줄 셀 끝');
  });

  it('JSON for the terminal escapes what JSON.stringify leaves raw, and parses back to the same data', () => {
    const json = terminalJson(JSON.stringify({ title: HOSTILE_TITLE }));
    expect(json).not.toMatch(CONTROLS);
    expect((JSON.parse(json) as { title: string }).title).toBe(HOSTILE_TITLE);
  });
});

describe('the CLI prints no control character from a file', () => {
  it('tally of a .pb: a project name is shown without them; --json keeps it, escaped', () => {
    const file = path.join(work, 'hostile.pb');
    writeFileSync(
      file,
      ['META', 'key;value', 'description;hostile names', 'num_projects;2', 'num_votes;2', 'budget;100', 'vote_type;approval', 'rule;greedy',
        'PROJECTS', 'project_id;cost;votes;name', `1;60;2;${PB_NAME}`, '2;50;1;plain',
        'VOTES', 'voter_id;vote', 'v1;1,2', 'v2;1', ''].join('\n'),
    );
    const human = run('tally', file);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('마을축제여기역순끝');
    expect(human.stdout).not.toMatch(CONTROLS);
    const json = run('tally', file, '--json');
    expect(json.status).toBe(0);
    expect(json.stdout).not.toMatch(CONTROLS);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(PB_NAME).slice(1, -1));
  });

  it('an error message quoting a file name is one line without them', () => {
    const r = run('import', path.join(work, `no\u001b[2Jbook.xlsx`), path.join(work, 'x.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(CONTROLS);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
