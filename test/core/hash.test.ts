/**
 * The hashing shortcuts (a reused keyed HMAC state, chunked fingerprint updates) give exactly the
 * values of the plain definitions, checked against Node's own crypto.
 */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Fingerprint, normalizeVoterIdentifier, voterKey, voterKeyHasher } from '../../src/core/hash';

const plainVoterKey = (raw: string, salt: string): string =>
  'v' + createHmac('sha256', salt).update(normalizeVoterIdentifier(raw), 'utf8').digest('hex').slice(0, 31);

test('a voter-key hasher reused over many voters gives HMAC-SHA-256 of each, as voterKey does', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^010-\d{4}-\d{4}$/)), { maxLength: 20 }), (salt, raws) => {
      const hash = voterKeyHasher(salt);
      for (const raw of raws) {
        expect(hash(raw)).toBe(plainVoterKey(raw, salt));
        expect(voterKey(raw, salt)).toBe(plainVoterKey(raw, salt));
      }
    }),
    { numRuns: 300 },
  );
  // Long identifiers outgrow the reused buffer.
  expect(voterKeyHasher('s')('김'.repeat(5000))).toBe(plainVoterKey('김'.repeat(5000), 's'));
});

test('a fingerprint is SHA-256 of the rows joined with unit and record separators, however many rows', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), { maxLength: 6 }), { maxLength: 30 }), fc.integer({ min: 0, max: 3000 }), (rows, repeat) => {
      const all = Array.from({ length: repeat }, () => rows).flat();
      const fp = new Fingerprint();
      const plain = createHash('sha256');
      for (const row of all) {
        fp.addRow(row);
        plain.update(row.map((c) => (c === null ? '' : String(c))).join('\u001f') + '\u001e', 'utf8');
      }
      fp.addText('end');
      plain.update('end\u001e', 'utf8');
      expect(fp.hex()).toBe(plain.digest('hex'));
    }),
    { numRuns: 40 },
  );
});

test('addTrimmedRow is addRow of the cells trimmed, a missing cell blank, however many rows', () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom(' 신길3동 ', '\t010-1234-5678 ', '  ', 'a\u001fb'), fc.constant(undefined));
  fc.assert(
    fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }), fc.integer({ min: 1, max: 3000 }), (rows, repeat) => {
      const trimmed = new Fingerprint();
      const plain = createHash('sha256');
      for (let r = 0; r < repeat; r++) {
        for (const row of rows) {
          trimmed.addTrimmedRow(row);
          plain.update(row.map((c) => (c ?? '').trim()).join('\u001f') + '\u001e', 'utf8');
        }
      }
      expect(trimmed.hex()).toBe(plain.digest('hex'));
    }),
    { numRuns: 40 },
  );
});
