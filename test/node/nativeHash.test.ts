import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { macHex, rowSealer } from '../../src/core/documentMac';
import { Fingerprint, voterKeyHasher } from '../../src/core/hash';
import { portableHashing, type Hashing } from '../../src/core/hashing';
import { csvRowBatches } from '../../src/io/csv';
import { nativeHashing } from '../../src/node/nativeHash';
import { nodeContext } from '../../src/node/nodeContext';
import type { HostContext } from '../../src/workflows/context';
import { importRows } from '../../src/workflows/importBallots';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { runTally } from '../../src/workflows/tally';
import { generateExport } from '../../scripts/bench/generate';
import { prepareBook } from '../../scripts/bench/book';

const hosts: [string, Hashing][] = [
  ['portable', portableHashing],
  ['native', nativeHashing],
];

/** Identifiers as exports hold them (phone numbers however written, e-mails, names) and any text at all. */
const digits = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const identifier = fc.oneof(
  fc.tuple(digits(4), digits(4)).map(([a, b]) => `010-${a}-${b}`),
  fc.tuple(digits(4), digits(4)).map(([a, b]) => `+82 (0)10 ${a} ${b}`),
  fc.emailAddress(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Lone surrogates and every other code unit: both hosts must encode them to UTF-8 alike.
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('가', 'a', '1', '\u00e9', '\ud83d\ude00', '\ud800'), minLength: 600, maxLength: 2200 }),
);
/** Salts as hosts make them (hex, UUID hex) and odd ones (non-ASCII, longer than a block). */
const salt = fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 100 }));

test('voter keys: the native host gives the portable host’s key for every identifier and salt (one hasher, many voters)', () => {
  fc.assert(
    fc.property(salt, fc.array(identifier, { minLength: 1, maxLength: 20 }), (s, ids) => {
      const [portable, native] = hosts.map(([, h]) => voterKeyHasher(s, h));
      // The same hashers used over and over: their reused buffers must not leak one voter into the next.
      for (const id of ids) expect(native(id)).toBe(portable(id));
    }),
    { numRuns: 300 },
  );
});

test('keyed hex of any length, prefix and key (longer than a block too) matches Node’s createHmac', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 150 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom('', 'v', 'checked:'), fc.array(identifier, { minLength: 1, maxLength: 5 }), (key, chars, prefix, texts) => {
      const macs = hosts.map(([, h]) => h.hmacHex(key, chars, prefix));
      for (const text of texts) {
        const expected = prefix + createHmac('sha256', key).update(text, 'utf8').digest('hex').slice(0, chars);
        for (const mac of macs) expect(mac(text)).toBe(expected);
      }
    }),
    { numRuns: 300 },
  );
});

test('both hosts give the published HMAC-SHA-256 values (RFC 4231, cases 2 and 6)', () => {
  const enc = (t: string): Uint8Array => new TextEncoder().encode(t);
  for (const [name, h] of hosts) {
    expect([name, macHex(enc('Jefe'), 'what do ya want for nothing?', h)]).toEqual([name, '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843']);
    const longKey = new Uint8Array(131).fill(0xaa);
    expect([name, macHex(longKey, 'Test Using Larger Than Block-Size Key - Hash Key First', h)]).toEqual([name, '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54']);
  }
});

test('투표 seals: the same seal from both hosts for any cells', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 9, maxLength: 9 }), { minLength: 1, maxLength: 10 }), (key, rows) => {
      const [portable, native] = hosts.map(([, h]) => rowSealer(key, h));
      for (const cells of rows) expect(native(cells)).toBe(portable(cells));
    }),
    { numRuns: 200 },
  );
});

const table = fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 6 }), { maxLength: 300 });

test('fingerprints: the same from both hosts, for tables and for streams past the 64 KiB chunks', () => {
  const fingerprint = (rows: readonly string[][], h: Hashing): string => {
    const fp = new Fingerprint(h);
    for (const row of rows) fp.addTrimmedRow(row);
    return fp.hex();
  };
  fc.assert(
    fc.property(table, (rows) => {
      expect(fingerprint(rows, nativeHashing)).toBe(fingerprint(rows, portableHashing));
    }),
    { numRuns: 200 },
  );
  const long = Array.from({ length: 20_000 }, (_, i) => [`v${i}`, '2020-07-06 09:00:00', 'A01, A02', '신길3동']);
  expect(fingerprint(long, nativeHashing)).toBe(fingerprint(long, portableHashing));
});

test('the CLI hashes natively, and an import and tally write the same 투표 and 이력 and fingerprints as the portable host', () => {
  expect(nodeContext('ko').hashing).toBe(nativeHashing);
  const exported = new TextDecoder().decode(generateExport(3_000).bytes);
  const run = (hashing: Hashing): object => {
    const ctx: HostContext = { now: () => Date.UTC(2020, 6, 14, 1), actor: 'test', randomSecret: () => 'a1b2c3d4e5f60718293a4b5c6d7e8f90', language: 'ko', hashing };
    const wb = new MemoryWorkbook();
    prepareBook(wb, ctx);
    const report = importRows(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8' }, csvRowBatches(exported));
    const tally = runTally(wb, ctx);
    return { fingerprint: report.fingerprint, input: tally.inputFingerprint, result: tally.resultFingerprint, ballots: wb.readTab('투표'), audit: wb.readTab('이력'), setAside: wb.readTab('제외') };
  };
  const portable = run(portableHashing);
  expect((portable as { ballots: unknown[] }).ballots.length).toBeGreaterThan(2_900);
  expect(run(nativeHashing)).toEqual(portable);
});
