/**
 * Property (issue 14): any 설정 / 의제 table entered as typed cells — what Excel keeps when a person
 * types `2020-07-13`, `80%`, `5%`, `01` or `500000000` (ExcelJS Date, fraction and number with their
 * `numFmt`, written by ExcelJS, not by this tool) — tallies exactly as the same table entered as
 * canonical text. Also unit checks of the one rule both hosts use (`typedCell`).
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { formatKind, gridAsRead, typedCell } from '../../src/sheets/typedCells';
import { importTable, runTally } from '../../src/workflows';
import type { Cell } from '../../src/workflows/workbook';
import { testContext } from '../helpers/context';
import { pad, typedCaseArb, typedCaseExport, typedCaseOutcome, type TypedCase } from '../helpers/typedCellCases';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('typed-property');

describe('typedCell', () => {
  test.each([
    ['yyyy-mm-dd', 'date'],
    ['yyyy. m. d', 'date'],
    ['mm-dd-yy', 'date'],
    ['yyyy-mm-dd hh:mm:ss', 'datetime'],
    ['h:mm', 'datetime'],
    ['0%', 'percent'],
    ['0.00%', 'percent'],
    ['@', 'text'],
    ['#,##0', 'number'],
    ['#,##0"원"', 'number'],
    ['[Red]#,##0', 'number'],
    ['General', 'number'],
    ['000', 'zeros'],
  ])('format %s shows a %s', (code, kind) => {
    expect(formatKind(code)).toBe(kind);
  });

  test('a date typed alone reads as the day; with a time, as both; a percent as what was typed', () => {
    expect(typedCell({ wallClock: '2020-07-13T00:00:00' }, 'yyyy-mm-dd')).toBe('2020-07-13');
    expect(typedCell({ wallClock: '2020-07-13T00:00:00' }, 'yyyy-mm-dd hh:mm')).toBe('2020-07-13 00:00:00');
    expect(typedCell({ wallClock: '2020-07-13T18:30:00' }, 'yyyy-mm-dd')).toBe('2020-07-13 18:30:00');
    expect(typedCell(0.8, '0%')).toBe('80%');
    expect(typedCell(0.07, '0%')).toBe('7%');
    expect(typedCell(0.125, '0.0%')).toBe('12.5%');
    expect(typedCell(7, '000')).toBe('007');
    expect(typedCell(500_000_000, '#,##0')).toBe(500_000_000);
    expect(typedCell("'01", '@')).toBe('01');
    expect(typedCell("'01", 'General')).toBe("'01");
  });

  test('gridAsRead gives what a host reads back from cells written with formats', () => {
    expect(gridAsRead([['x', 0.16, 5]], [{ col: 2, fromRow: 1, format: 'share' }, { col: 3, fromRow: 1, format: 'amount' }])).toEqual([['x', '16%', 5]]);
  });
});

const when = ([d, h]: [number, number]): string => `2020-07-${pad(d)}${h === 0 ? '' : ` ${pad(h)}:00`}`;
const utc = ([d, h]: [number, number]): Date => new Date(Date.UTC(2020, 6, d, h));

type Entry = Cell | { value: ExcelJS.CellValue; numFmt: string };

/** 설정 and 의제 as a person types them (typed = true: as Excel stores it) or as text. */
function tables(c: TypedCase, typed: boolean): { settings: [string, Entry][]; agendas: Entry[][] } {
  const dateEntry = (at: [number, number]): Entry => (typed ? { value: utc(at), numFmt: at[1] === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' } : when(at));
  const percentEntry = (p: number): Entry => (typed ? { value: p / 100, numFmt: '0%' } : `${p}%`);
  const settings: [string, Entry][] = [
    ['총예산', typed ? { value: c.budget, numFmt: '#,##0' } : c.budget.toLocaleString('en-US')],
    ['선택 수', typed ? c.picks : String(c.picks)],
    ['투표 시작', dateEntry(c.start)],
    ['투표 종료', dateEntry(c.end)],
    ['동점 처리', '낮은 사업비'],
  ];
  if (c.overshoot !== null) settings.push(['초과 허용', percentEntry(c.overshoot)]);
  if (c.threshold !== null) settings.push(['최소 득표', percentEntry(c.threshold)]);
  // `01` typed into a General cell is the number 1 in Excel; as text it stays `01`.
  const agendas = c.ids.map((id, i): Entry[] => [typed ? id : pad(id), `의제 ${id}`, '', typed ? c.costs[i] : c.costs[i].toLocaleString('en-US')]);
  return { settings, agendas };
}

async function workbookFile(c: TypedCase, typed: boolean, name: string): Promise<string> {
  const { settings, agendas } = tables(c, typed);
  const book = new ExcelJS.Workbook();
  const put = (ws: ExcelJS.Worksheet, rows: Entry[][]): void => {
    rows.forEach((cells, r) => cells.forEach((entry, col) => {
      const cell = ws.getCell(r + 1, col + 1);
      if (entry !== null && typeof entry === 'object') {
        cell.value = entry.value;
        cell.style = { numFmt: entry.numFmt };
      } else cell.value = entry;
    }));
  };
  put(book.addWorksheet('설정'), [['항목', '값'], ...settings]);
  put(book.addWorksheet('의제'), [['번호', '의제명', '분야', '사업비'], ...agendas]);
  const file = path.join(work, name);
  await book.xlsx.writeFile(file);
  return file;
}

test('any 설정 / 의제 typed as Excel stores it tallies as the same tables typed as text', async () => {
  await fc.assert(
    fc.asyncProperty(typedCaseArb, async (c) => {
      const results: unknown[] = [];
      for (const typed of [false, true]) {
        const wb = await XlsxWorkbook.open(await workbookFile(c, typed, `p-${typed}.xlsx`));
        const ctx = testContext();
        importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: typedCaseExport(c) });
        results.push(typedCaseOutcome(runTally(wb, ctx)));
      }
      expect(results[1]).toEqual(results[0]);
    }),
    { numRuns: 25, seed: 20260714 },
  );
});

test('the tally counts something in most generated cases (the property is not vacuous)', () => {
  const counted = fc.sample(typedCaseArb, { numRuns: 200, seed: 1 }).filter((c) => c.ballots.some((b) => b.day >= c.start[0] && b.day <= c.end[0]));
  expect(counted.length).toBeGreaterThan(100);
});
