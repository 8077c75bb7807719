import { StringPool } from '../../src/core/stringPool';
import { ChoiceSets } from '../../src/sheets/choiceSets';

test('ballots written alike share one frozen choices array; cells of any text never collide', () => {
  const sets = new ChoiceSets(new StringPool());
  const a = sets.ofCells(['A01', 'A02', '']);
  expect(a).toEqual(['A01', 'A02', '']);
  expect(Object.isFrozen(a)).toBe(true);
  expect(sets.ofCells(['A01', 'A02', ''])).toBe(a);
  // Joined with a separator these two would be one key; cell by cell they are not.
  const joinedAlike = [sets.ofCells(['a\u001fb', '']), sets.ofCells(['a', 'b\u001f'])];
  expect(joinedAlike).toEqual([['a\u001fb', ''], ['a', 'b\u001f']]);
  // One cell listing the choices is split as 투표's 선택 is written, and shared the same way.
  const listed = sets.ofList('A07, A01;A10');
  expect(listed).toEqual(['A07', 'A01', 'A10']);
  expect(sets.ofList('A07, A01;A10')).toBe(listed);
});

test('past the bound a ballot gets an array of its own, with the same choices', () => {
  const sets = new ChoiceSets(new StringPool());
  for (let i = 0; i < 10_000; i++) sets.ofCells([`X${i}`]);
  const first = sets.ofCells(['late']);
  const again = sets.ofCells(['late']);
  expect(again).toEqual(['late']);
  expect(again).not.toBe(first);
  for (let i = 0; i < 10_000; i++) sets.ofList(`Y${i}`);
  expect(sets.ofList('B1, B2')).toEqual(['B1', 'B2']);
  expect(sets.ofList('B1, B2')).not.toBe(sets.ofList('B1, B2'));
});
