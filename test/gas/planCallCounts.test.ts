/**
 * 예산 검토 on the Sheets host: the same Spreadsheet service calls for 10 and 1,000 plan lines
 * (one read per tab, one write of 검토, one setBackgrounds for every highlighted cell at once),
 * and the colours land on the failing cells.
 */
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { checkPlans, initWorkbook } from '../../src/workflows';
import { createFakeGas, installFakeGas, type FakeGas, type Stored } from './fakeSpreadsheetApp';

/** `projects` projects of 10 lines each; every third project puts 60% into 시설비 (over the 2020 example 50%). */
function seedPlans(fake: FakeGas, projects: number): void {
  const rows: Stored[][] = [['사업명', '통계목', '산출내역', '금액', '연도']];
  for (let p = 0; p < projects; p++) {
    const heavy = p % 3 === 0;
    for (let l = 0; l < 10; l++) {
      const facility = heavy ? l < 6 : l < 2;
      rows.push([`사업 ${p + 1}`, facility ? '401-01' : '201-01', `내역 ${l + 1}`, '1,000,000', 2020]);
    }
  }
  fake.spreadsheet.seed('사업계획', rows);
}

function run(lines: number): { calls: Record<string, number>; fake: FakeGas; review: ReturnType<typeof checkPlans> } {
  const fake = createFakeGas();
  const uninstall = installFakeGas(fake);
  try {
    initWorkbook(new SheetsWorkbook(), gasContext('ko'));
    seedPlans(fake, lines / 10);
    fake.log.reset();
    const review = checkPlans(new SheetsWorkbook(), gasContext('ko'));
    const calls = Object.fromEntries(Object.entries(fake.log.snapshot()).filter(([k]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k)));
    return { calls, fake, review };
  } finally {
    uninstall();
  }
}

test('10 and 1,000 plan lines: the same Spreadsheet calls, one setBackgrounds', () => {
  const small = run(10);
  const large = run(1_000);
  expect(small.review.projects).toHaveLength(1);
  expect(large.review.projects).toHaveLength(100);
  // 34 of 100 projects (1, 4, …, 100) break the facility share.
  expect(large.review.summary.fail).toBe(34);
  expect(large.calls).toEqual(small.calls);
  expect(large.calls['Range.setBackgrounds']).toBe(1);
  expect(large.calls['Sheet.clearFormats']).toBe(1);
});

test('the failing cells are coloured, passing ones are not, and a re-run clears old colours', () => {
  const { fake } = run(30);
  const sheet = fake.spreadsheet.sheet('검토')!;
  const cells = sheet.dump();
  const rowOf = (project: string) => cells.findIndex((r) => r[2] === project && r[5] === '최대 비율' && r[9] === '사업 합계' && r[6] === '시설비') + 1;
  expect(sheet.background(rowOf('사업 1'), 11)).toBe('#f4c7c3');
  expect(sheet.background(rowOf('사업 2'), 11)).toBeNull();

  const uninstall = installFakeGas(fake);
  try {
    // Staff fix project 1: the re-run must not leave its old red behind.
    const plan = fake.spreadsheet.sheet('사업계획')!;
    for (let r = 2; r <= 11; r++) plan.set(r, 2, r <= 3 ? '401-01' : '201-01');
    const review = checkPlans(new SheetsWorkbook(), gasContext('ko'));
    expect(review.summary.fail).toBe(0);
  } finally {
    uninstall();
  }
  expect([...sheet.backgrounds.values()].filter((c) => c === '#f4c7c3')).toEqual([]);
});
