/**
 * The hostile-input corpus (test/fixtures/hostile/, made by scripts/generate-hostile.ts) through
 * the real reading and import path. Each file ends in a counted import whose rows add up, or in a
 * one-line bilingual error with the workbook unchanged. Plus a property: for any table, rows in =
 * counted + set aside.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isUserError } from '../../src/core/errors';
import { readExportFile } from '../../src/node/readExport';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { importTable, initWorkbook } from '../../src/workflows';
import type { ImportReport } from '../../src/workflows/api';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { testContext } from '../helpers/context';

const corpus = path.resolve(__dirname, '../fixtures/hostile');

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '3'], ['투표 시작', '2020-07-06'], ['투표 종료', '2020-07-13']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '1천만'], ['A02', '방역', '2천만'], ['A03', '장터', '3천만'], ['A04', '공원', '4천만']]);
  return wb;
}

type Outcome = { error: string } | { report: ImportReport };

async function importFile(wb: MemoryWorkbook, name: string, encoding: 'auto' | 'utf-8' = 'auto'): Promise<Outcome> {
  const before = JSON.stringify([...wb.tabs]);
  try {
    const table = await readExportFile(path.join(corpus, name), { encoding });
    return { report: importTable(wb, testContext(), { fileName: table.fileName, rows: table.rows, encoding: table.encoding }) };
  } catch (error) {
    const userFacing = isUserError(error) || ['DecodeError', 'CsvError', 'ExportReadError'].includes((error as Error).name);
    if (!userFacing) throw error;
    expect(JSON.stringify([...wb.tabs])).toBe(before);
    return { error: (error as Error).message };
  }
}

function expectError(outcome: Outcome, pattern: RegExp): void {
  expect('error' in outcome).toBe(true);
  if (!('error' in outcome)) return;
  expect(outcome.error).toMatch(pattern);
  expect(outcome.error).not.toContain('\n');
  expect(outcome.error).toMatch(/[가-힣].* \/ [A-Za-z]/); // Korean first, then English
}

function expectCounted(outcome: Outcome, counted: number, setAside: number): ImportReport {
  if ('error' in outcome) throw new Error(`expected an import, got: ${outcome.error}`);
  expect(outcome.report.rowsCounted).toBe(counted);
  expect(outcome.report.setAside.total).toBe(setAside);
  expect(outcome.report.rowsRead).toBe(counted + setAside);
  return outcome.report;
}

describe('hostile files', () => {
  it.each([
    ['empty.csv', /빈 파일/],
    ['bom-only.csv', /빈 파일/],
    ['header-only.csv', /머리글만/],
    ['nul-bytes.csv', /NUL|널|0x00/i],
    ['unterminated-quote.csv', /따옴표|quote/i],
    ['duplicate-headers.csv', /같은 이름의 열.*선택1/],
    ['truncated.xlsx', /손상|damaged/],
    ['corrupted.xlsx', /손상|damaged/],
    // 60 MB of spaces in one part, told honestly: within the size limits, so read, and no workbook
    // inside (the bombs whose directory lies, or whose sizes pass the limits: zipBombs.test.ts).
    ['zip-bomb.xlsx', /손상|damaged/],
    ['huge-cell.csv', /3번째 줄이 너무 깁니다 \(1,000,039자, 한도 250,000자\)/],
  ])('%s: one clear line, nothing written', async (name, pattern) => {
    expectError(await importFile(book(), name), pattern);
  });

  it.each([
    ['truncated.xlsx', /읽을 수 없는/],
    ['corrupted.xlsx', /읽을 수 없는/],
    ['zip-bomb.xlsx', /읽을 수 없는/],
  ])('%s given as the workbook itself: one clear line, the file untouched', async (name, pattern) => {
    const file = path.join(corpus, name);
    const before = readFileSync(file);
    const error: unknown = await XlsxWorkbook.open(file).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(isUserError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
    expect(message).toMatch(/[가-힣].* \/ [A-Za-z]/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('CP949 bytes are refused as UTF-8 when that is what was declared, and read when detected', async () => {
    expectError(await importFile(book(), 'cp949-labelled-utf8.csv', 'utf-8'), /UTF-8/);
    const report = expectCounted(await importFile(book(), 'cp949-labelled-utf8.csv'), 2, 0);
    expect(report.encoding).toBe('cp949');
  });

  it('mixed line endings, quoted newlines and delimiters, 10,000 columns', async () => {
    expectCounted(await importFile(book(), 'mixed-line-endings.csv'), 3, 0);
    const quoted = expectCounted(await importFile(book(), 'quoted-newlines.csv'), 2, 1);
    expect(quoted.setAside.reasons).toEqual({ unknown_agenda: 1 });
    expectCounted(await importFile(book(), 'wide-10000-columns.csv'), 2, 0);
  });

  it('formula-looking text is data: counted or set aside, kept as text, voter still hashed', async () => {
    const wb = book();
    const report = expectCounted(await importFile(wb, 'formulas.csv'), 2, 1);
    expect(report.setAside.reasons).toEqual({ unknown_agenda: 1 });
    const ballots = wb.readTab('투표') ?? [];
    expect(ballots.map((r) => r[3])).toEqual(['채널', '@SUM(A1)', '=1+1']);
    expect(JSON.stringify(ballots)).not.toContain('HYPERLINK');
  });

  it('numbers with Korean units in the wrong column are set aside with reasons', async () => {
    const report = expectCounted(await importFile(book(), 'units-in-wrong-column.csv'), 1, 2);
    expect(report.setAside.reasons).toEqual({ bad_timestamp: 1, unknown_agenda: 1 });
    const totals = expectCounted(await importFile(book(), 'totals-with-units.csv'), 2, 2);
    expect(totals.totalsVotes).toBe(1_212);
    expect(totals.setAside.reasons).toEqual({ bad_votes: 2 });
  });
});

describe('accounting (property)', () => {
  const cell = fc.oneof(
    fc.constantFrom('A01', 'A02', 'A03', 'A04', '마을축제', 'A99', '', ' ', '=1+1', '+x', '@y', '-3', '5억', 'A01, A02', 'A01;A03'),
    fc.string({ maxLength: 8 }),
  );
  const time = fc.constantFrom('2020-07-07 10:00', '2020-07-20 10:00', '', 'junk', '2020. 7. 8. 9:00', '44020.5');
  const voter = fc.constantFrom('010-1111-1111', '01011111111', '010-2222-2222', '', 'v3', 'v4', '=HYPERLINK("x")');

  it('rows read = counted + set aside, and 투표 grows by exactly the ballots counted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('columns', 'list', 'picks'),
        fc.array(fc.tuple(voter, time, cell, cell, cell, fc.array(cell, { maxLength: 2 })), { minLength: 1, maxLength: 25 }),
        (shape, rows) => {
          const wb = book();
          const header = shape === 'columns' ? ['투표자', '투표일시', '선택1', '선택2', '선택3'] : ['투표자', '투표일시', shape === 'list' ? '선택의제' : '선택'];
          const table = [header, ...rows.map(([v, t, a, b, c, extra]) => (shape === 'columns' ? [v, t, a, b, c, ...extra] : [v, t, a, ...extra]))];
          let report: ImportReport;
          try {
            report = importTable(wb, testContext(), { fileName: 'p.csv', encoding: 'utf-8', rows: table });
          } catch (error) {
            expect(isUserError(error)).toBe(true);
            return;
          }
          expect(report.rowsCounted + report.setAside.total).toBe(report.rowsRead);
          expect(Object.values(report.setAside.reasons).reduce((s, n) => s + n, 0)).toBe(report.setAside.total);
          expect(Math.max(0, (wb.readTab('투표') ?? []).length - 1)).toBe(report.ballotsCounted);
        },
      ),
      { numRuns: 150 },
    );
  });
});
