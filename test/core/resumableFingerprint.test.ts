import fc from 'fast-check';
import { Fingerprint } from '../../src/core/hash';
import { ResumableFingerprint } from '../../src/core/resumableFingerprint';

const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('010-1234-5678', ' 신길3동 ', '', '가'.repeat(70), 'a\u001fb', '😀'));
const rows = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 60 });

describe('a fingerprint saved and resumed between executions', () => {
  test('gives the digest Fingerprint gives in one pass, wherever the rows are cut', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.nat(), { maxLength: 6 }), (table, cuts) => {
        const whole = new Fingerprint();
        for (const row of table) whole.addTrimmedRow(row);
        const at = new Set(cuts.map((c) => (table.length === 0 ? 0 : c % table.length)));
        let resumable = ResumableFingerprint.start();
        table.forEach((row, i) => {
          // Each cut is an execution ending: only the saved text goes on to the next one.
          if (at.has(i)) resumable = ResumableFingerprint.resume(resumable.save());
          resumable.addTrimmedRow(row);
        });
        expect(ResumableFingerprint.resume(resumable.save()).hex()).toBe(whole.hex());
      }),
      { numRuns: 500 },
    );
  });

  test('a state that is not one is refused rather than giving a wrong digest', () => {
    const saved = JSON.parse(ResumableFingerprint.start().addTrimmedRow(['abc']).save()) as { h: number[]; b: string; n: number };
    expect(() => ResumableFingerprint.resume(JSON.stringify({ ...saved, n: saved.n + 1 }))).toThrow('not a saved fingerprint state');
    expect(() => ResumableFingerprint.resume(JSON.stringify({ ...saved, h: saved.h.slice(1) }))).toThrow('not a saved fingerprint state');
  });
});
