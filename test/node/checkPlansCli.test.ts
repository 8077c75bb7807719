/**
 * `civic-sheets check-plans` as a process on real .xlsx files: exit 0 with failing rules (they are
 * the result), exit 2 with a one-line bilingual reason and the file untouched when the input is
 * unusable, and the --json fields the issue names.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cliUnderTest } from '../helpers/cliProcess';

const { work, run } = cliUnderTest('plans-cli');

/** init, then plan lines typed into 사업계획 (amounts in a 금액(천원) column, as budget books print them). */
async function bookWith(name: string, lines: (string | number)[][], edit?: (book: ExcelJS.Workbook) => void): Promise<string> {
  const file = path.join(work, name);
  expect(run('init', file).status).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const plans = book.getWorksheet('사업계획')!;
  plans.getRow(1).getCell(6).value = '금액(천원)';
  plans.addRows(lines);
  edit?.(book);
  await book.xlsx.writeFile(file);
  return file;
}

const LINES = [
  ['마을 정원', '', '환경', '401-01', '화단 조성', 38_000, '2019', '구비'],
  ['마을 정원', '', '환경', '201-01', '홍보', '62,000', '2019', '구비'],
  ['마을 정원', '', '환경', '401-01', '화단 조성', 38_000, '2020', '구비'],
  ['마을 정원', '', '환경', '201-01', '홍보', '62,000', '2020', '구비'],
];

test('failing rules exit 0; --json has projects[] and execution with the named fields', async () => {
  const file = await bookWith('plans.xlsx', LINES);
  const r = run('check-plans', file, '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.projects.map((p: { id: string; title: string; total: number; year: number }) => [p.id, p.title, p.total, p.year])).toEqual([
    ['마을 정원', '마을 정원', 100_000_000, 2019],
    ['마을 정원', '마을 정원', 100_000_000, 2020],
  ]);
  for (const p of json.projects) {
    for (const c of p.checks) expect(Object.keys(c)).toEqual(expect.arrayContaining(['rule', 'category', 'actual', 'limit', 'base', 'status']));
  }
  const facility = (i: number) => json.projects[i].checks.find((c: { rule: string; category: string; base: string }) => c.rule === 'max_share' && c.category === '시설비');
  // 2019 example rule 30%: 38% fails by 8,000,000; the 2020 example rule 50% passes.
  expect(facility(0)).toMatchObject({ actual: 0.38, limit: 0.3, base: 'project', status: 'fail', excess: 8_000_000 });
  expect(facility(1)).toMatchObject({ actual: 0.38, limit: 0.5, base: 'project', status: 'pass' });
  expect(json.execution).toEqual({ granted: 0, executed: 0, carriedOver: 0, unused: 0, open: 0, fields: [], projects: [], balanced: true });
  expect(json.summary.fail).toBe(1);

  const text = run('check-plans', file);
  expect(text.status).toBe(0);
  expect(text.stdout).toContain('시설비 38.0% > 30% (8,000,000원 초과) [예시 규칙]');
  const again = run('check-plans', file, '--json');
  expect(JSON.parse(again.stdout).resultFingerprint).toBe(json.resultFingerprint);
});

test('unusable input exits 2 with one bilingual line, and the file is left as it was', async () => {
  const file = await bookWith('bad.xlsx', LINES, (book) => {
    book.getWorksheet('지침')!.addRow(['2020', '', '시설비', '최대 비율', '120%', '사업 합계', '오류', '', '']);
  });
  const before = readFileSync(file);
  const r = run('check-plans', file);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^civic-sheets: '지침' 탭을 읽을 수 없습니다 \/ Cannot read guidelines: 9행: 한도 '120%' \/ limit\n$/);
  expect(readFileSync(file).equals(before)).toBe(true);

  const empty = path.join(work, 'empty.xlsx');
  expect(run('init', empty).status).toBe(0);
  const none = run('check-plans', empty);
  expect(none.status).toBe(2);
  expect(none.stderr).toBe("civic-sheets: '사업계획' 탭에 예산 줄이 없습니다 / The plans tab has no budget lines\n");
  expect(run('check-plans').status).toBe(2);
});
