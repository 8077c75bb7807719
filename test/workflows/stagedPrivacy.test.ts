/**
 * The staged upload hashes voters and names as chunks arrive and fingerprints the rows on the way
 * in. Whatever the chunking (the header late, blank rows, a chunk sent again after a lost reply),
 * what it counts must be what a one-shot import of the same table counts, cell for cell, and no
 * raw identifier may ever be in the staging tab.
 */
import fc from 'fast-check';
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { importTable, initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { sidebarHandlers as api } from '../../src/workflows/sidebarApi';
import { STAGING_TAB } from '../../src/workflows/stagedImport';
import { testContext } from '../helpers/context';
import { memoryWorkbookTexts, rawValuesFound } from '../helpers/rawScan';

const sameSalt = (): ReturnType<typeof testContext> => testContext({ randomSecret: () => 'same-secret-0123456789abcdef' });

function setUp(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만원'], ['A02', '방역 봉사단', '5천만원'], ['A03', '마을장터', '3천만']]);
  return wb;
}

const voter = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map((n) => `010-7000-${String(1000 + n)}`),
  fc.constant(''),
  fc.constant('v0123456789abcdef0123456789abcde'),
);
/** A free-text column whose cells may be personal data the header does not announce. */
const note = fc.constantFrom('', '좋아요', '010-5555-1234', '+82 10 5555 9876', 'kim.minjun@example.com', '192.168.0.77', '900101-1234567');
const dataRow = fc.tuple(voter, fc.constantFrom('김민준', '이서연', '박지호', ''), fc.constantFrom('A01', 'A02', 'A03', 'A99', '', '010-4444-1111'), fc.constantFrom('A01', 'A02', ''), note);
const upload = fc.record({
  blankBefore: fc.integer({ min: 0, max: 3 }),
  rows: fc.array(fc.oneof({ weight: 9, arbitrary: dataRow.map((r) => [...r]) }, { weight: 1, arbitrary: fc.constant(null).map((): string[] => ['', '', '', '', '']) }), { minLength: 1, maxLength: 40 }),
  chunkSize: fc.integer({ min: 1, max: 9 }),
  /** 비고: no voter column by its header, so the content rule finds the phone numbers (or not). */
  voterHeader: fc.constantFrom('휴대폰', '핸드폰', '연락처', '비고'),
  /** After sending chunk k, chunk j ≤ k is sent again (a retry after a lost reply). */
  retries: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
});

test('any chunking and retries: counted as a one-shot import counts, and no phone number or name is ever staged', () => {
  fc.assert(
    fc.property(upload, ({ blankBefore, rows, chunkSize, retries, voterHeader }) => {
      const table = [...Array.from({ length: blankBefore }, () => ['', '', '', '', '']), [voterHeader, '이름', '선택1', '선택2', '메모'], ...rows];
      if (!rows.some((r) => r.some((c) => c !== ''))) return; // a header-only file is refused either way (tested elsewhere)
      const oneShot = setUp();
      const expected = importTable(oneShot, sameSalt(), { fileName: 'x.csv', encoding: 'utf-8', rows: table });

      const wb = setUp();
      const ctx = sameSalt();
      const { importId } = api.importBegin(wb, ctx, { fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
      const chunks: string[][][] = [];
      for (let at = 0; at < table.length; at += chunkSize) chunks.push(table.slice(at, at + chunkSize));
      const personal = (c: string): boolean => /\d{4}|@/.test(c);
      const raw = new Set(table.slice(blankBefore + 1).flatMap((r) => [r[0], r[1], ...r.slice(2).filter(personal)]).filter((c) => c !== '' && !c.startsWith('v')));
      chunks.forEach((rowsOfChunk, index) => {
        api.importChunk(wb, ctx, { importId, index, rows: rowsOfChunk });
        for (const [k, j] of retries) if (k % chunks.length === index) api.importChunk(wb, ctx, { importId, index: j % (index + 1), rows: chunks[j % (index + 1)] });
        const staged = JSON.stringify(wb.tabs.get(STAGING_TAB));
        for (const value of raw) expect(staged).not.toContain(value);
      });
      expect(api.importFinish(wb, ctx, importId, chunks.length)).toEqual(expected);
      for (const tab of ['투표', '제외', '이력']) expect(wb.tabs.get(tab)).toEqual(oneShot.tabs.get(tab));
      // Names are hashed by their column; phone numbers, e-mails, IP and resident numbers wherever they are.
      for (const book of [wb, oneShot]) expect(rawValuesFound(memoryWorkbookTexts(book), [...raw])).toEqual([]);
    }),
    { numRuns: 150 },
  );
});
