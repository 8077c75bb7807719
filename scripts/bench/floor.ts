/**
 * The required-work floor of issue 20: the plain pass of the baseline plus the two hashes the
 * issue requires — an HMAC-SHA-256 of every voter identifier and a SHA-256 over every cell — each
 * with the fastest implementation Node has (its native `crypto`). Nothing else: no ballot rules,
 * no workbook, no normalising of identifiers. It runs in the core job's process on the same bytes,
 * so `coreMs ÷ requiredFloorMs` (vsFloor) reads both under the same load.
 *
 * The Apps Script host has no native hashing: its add-on bundle hashes with the portable
 * @noble/hashes (pure JavaScript), so its floor there is higher than this one.
 */
import { createHash } from 'node:crypto';
import { utf8ToBytes } from '@noble/hashes/utils';
import { nativeHashing } from '../../src/node/nativeHash';
import { countPicks, elapsedMs } from './core';
import { EXPORT_HEADER, PICK_COLUMNS } from './generate';

export const FLOOR_HASHING = {
  node: "Node's native crypto (HMAC-SHA-256 as two one-shot crypto.hash calls per voter over the key's pads, as the Node host hashes; createHash for the cells)",
  appsScript: '@noble/hashes (portable JavaScript; Apps Script has no native SHA-256 for bytes this size)',
} as const;

export interface FloorRun {
  ms: number;
  picks: number;
  voterKeys: number;
  /** Digest over every cell, so the work cannot be skipped (and two runs can be compared). */
  cellsDigest: string;
}

/** Cells are gathered into text of about this size before each SHA-256 update, as the core's Fingerprint does. */
const CHUNK_CHARS = 1 << 16;

export function requiredFloor(bytes: Uint8Array, salt: string): FloorRun {
  const start = process.hrtime.bigint();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const lines = text.split('\r\n');
  const header = lines[0].split(',');
  const pickColumns = PICK_COLUMNS.map((name) => header.indexOf(name));
  const voterColumn = header.indexOf(EXPORT_HEADER[0]);
  const counts = new Map<string, number>();
  const cells = createHash('sha256');
  let pending: string[] = [];
  let pendingLength = 0;
  let picks = 0;
  let voterKeys = 0;
  // The fastest keyed hash Node has for many short texts (a createHmac per voter costs three times as much).
  const keyed = nativeHashing.hmacHex(utf8ToBytes(salt), 31, 'v');
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = lines[i].split(',');
    picks += countPicks(fields, pickColumns, counts);
    // A keyed hash per voter: what keeps phone numbers out of every cell.
    voterKeys += keyed(fields[voterColumn]).length > 0 ? 1 : 0;
    // Every cell, separated so ["a,b"] and ["a","b"] differ, as the fingerprint separates them.
    const record = fields.join('\u001f') + '\u001e';
    pending.push(record);
    pendingLength += record.length;
    if (pendingLength >= CHUNK_CHARS) {
      cells.update(pending.join(''));
      pending = [];
      pendingLength = 0;
    }
  }
  if (pending.length > 0) cells.update(pending.join(''));
  const cellsDigest = cells.digest('hex');
  return { ms: elapsedMs(start), picks, voterKeys, cellsDigest };
}
