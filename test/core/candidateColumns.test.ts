import { CandidateColumns } from '../../src/core/ballots';

test('columns keep every candidate and its choices as added, past any room made at the start', () => {
  for (const expected of [0, 5, 1000]) {
    const columns = new CandidateColumns(expected);
    const added: { choices: string[]; later: string[] }[] = [];
    for (let i = 0; i < 700; i++) {
      const choices = Array.from({ length: i % 9 }, (_, k) => `A${(i * 7 + k) % 13}`);
      expect(columns.add(`v${i}`, i % 5 === 0 ? '' : `2020-07-06 0${i % 10}:00:00`, `c${i % 3}`, 's', i + 2, choices)).toBe(i);
      added.push({ choices, later: [] });
      if (i % 50 === 10) {
        const target = i - 5;
        columns.addChoices(target, ['X1', 'X2']);
        added[target].later.push('X1', 'X2');
      }
    }
    expect(columns.length).toBe(700);
    expect(columns.voterKey(699)).toBe('v699');
    expect(columns.row(699)).toBe(701);
    added.forEach((a, i) => expect(columns.choicesOf(i)).toEqual([...a.choices, ...a.later]));
    expect(columns.candidate(15)).toEqual({ voterKey: 'v15', timeText: '', choices: added[15].choices, channel: 'c0', source: 's', row: 17 });
    // A candidate's choices are a copy: changing them changes nothing kept.
    columns.candidate(16).choices.push('Z9');
    expect(columns.choicesOf(16)).toEqual(added[16].choices);
    // Adding after the lists were read (and cut to size) still works.
    columns.add('late', '', 'c', 's', 9999, ['A1']);
    expect(columns.voterKey(700)).toBe('late');
    expect(columns.choicesOf(700)).toEqual(['A1']);
  }
});
