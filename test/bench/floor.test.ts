/**
 * The required-work floor does the work it claims: every pick counted, a keyed hash per voter,
 * and every cell hashed (its digest checked against one computed another way). No timing asserted.
 */
import { createHash } from 'node:crypto';
import { baseline } from '../../scripts/bench/core';
import { FLOOR_HASHING, requiredFloor } from '../../scripts/bench/floor';
import { generateExport } from '../../scripts/bench/generate';

const exported = generateExport(500);

test('counts the same picks as the baseline and hashes one key per ballot', () => {
  const floor = requiredFloor(exported.bytes, 'salt');
  expect(floor.picks).toBe(baseline(exported.bytes).picks);
  expect(floor.picks).toBe(500 * 3);
  expect(floor.voterKeys).toBe(500);
  expect(floor.ms).toBeGreaterThan(0);
});

test('hashes every cell of every ballot row, with separators between cells and rows', () => {
  const rows = new TextDecoder().decode(exported.bytes).split('\r\n').slice(1).filter((line) => line !== '');
  const expected = createHash('sha256')
    .update(rows.map((line) => line.split(',').join('\u001f') + '\u001e').join(''))
    .digest('hex');
  expect(requiredFloor(exported.bytes, 'salt').cellsDigest).toBe(expected);
  // One changed cell changes the digest.
  const changed = new TextEncoder().encode(new TextDecoder().decode(exported.bytes).replace(/,A0(\d),/, ',A0$1x,'));
  expect(requiredFloor(changed, 'salt').cellsDigest).not.toBe(expected);
});

test('names what each host hashes with', () => {
  expect(FLOOR_HASHING.node).toContain('native crypto');
  expect(FLOOR_HASHING.appsScript).toContain('@noble/hashes');
});
