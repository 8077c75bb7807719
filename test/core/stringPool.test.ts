import { StringPool } from '../../src/core/stringPool';

test('equal values come back as one shared copy, up to the bound; past it they pass through unchanged', () => {
  const pool = new StringPool(2);
  const first = pool.get(['신길', '3동'].join(''));
  expect(pool.get('신길3동')).toBe(first);
  expect(pool.get('대림1동')).toBe('대림1동');
  // Full: a new value is returned as given and not remembered, an old one is still shared.
  const third = ['도림', '동'].join('');
  expect(pool.get(third)).toBe(third);
  expect(pool.get('신길3동')).toBe(first);
  expect(() => new StringPool(0).get('x')).not.toThrow();
});
