import fc from 'fast-check';
import { Fingerprint, useSha256 } from '../../src/core/hash';
import { sha256 } from '@noble/hashes/sha2';
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { useNativeSha256 } from '../../src/node/nativeHash';

afterEach(() => useSha256(() => sha256.create()));

const table = fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 6 }), { maxLength: 300 });

test("Node's native SHA-256 gives the fingerprints the portable one gives (tables and long streams)", () => {
  fc.assert(
    fc.property(table, (rows) => {
      useSha256(() => sha256.create());
      const portable = fingerprintTable(rows);
      useNativeSha256();
      expect(fingerprintTable(rows)).toBe(portable);
    }),
    { numRuns: 200 },
  );
  // Past the 64 KiB chunking of Fingerprint, so several updates reach the hash.
  const long = (): string => {
    const fp = new Fingerprint();
    for (let i = 0; i < 20_000; i++) fp.addRow([`v${i}`, '2020-07-06 09:00:00', 'A01, A02', '신길3동']);
    return fp.hex();
  };
  useSha256(() => sha256.create());
  const portable = long();
  useNativeSha256();
  expect(long()).toBe(portable);
});
