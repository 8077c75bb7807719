/**
 * Excel opens 1,048,576 rows of a tab and drops the rest on save: the CLI refuses to write a tab
 * longer than that (a one-line reason, the file left as it was) rather than a 투표 tab Excel cuts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isUserError } from '../../src/core/errors';
import { EXCEL_MAX_ROWS, XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('rowlimit');

function rows(count: number): (string | number)[][] {
  const grid: (string | number)[][] = [['투표자키', '선택']];
  for (let i = 1; i < count; i++) grid.push(['k', i]);
  return grid;
}

describe("Excel's row limit", () => {
  it('a tab one row past 1,048,576 is refused before anything is written', async () => {
    const file = path.join(work, 'big.xlsx');
    writeFileSync(file, 'the workbook as it was');
    const book = XlsxWorkbook.create(file);
    book.writeTab('투표', rows(EXCEL_MAX_ROWS + 1));
    const error: unknown = await book.save().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(isUserError(error) && error.code === 'too_many_rows').toBe(true);
    expect((error as Error).message).toMatch(/'투표' 탭이 1,048,577행이 되어 Excel이 열 수 있는 1,048,576행을 1행 넘습니다.* \/ The '투표' tab would have 1,048,577 rows/);
    expect(readFileSync(file, 'utf8')).toBe('the workbook as it was');
    expect(existsSync(path.join(work, `.big.xlsx.${process.pid}.tmp`))).toBe(false);
  });
});
