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

interface Case {
  budget: number;
  picks: number;
  start: [number, number];
  end: [number, number];
  overshoot: number | null;
  threshold: number | null;
  ids: number[];
  costs: number[];
  ballots: { day: number; hour: number; picks: number[] }[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  budget: fc.integer({ min: 1, max: 30 }).map((n) => n * 10_000_000),
  picks: fc.integer({ min: 1, max: 3 }),
  start: fc.tuple(fc.integer({ min: 6, max: 8 }), fc.constantFrom(0, 9)),
  end: fc.tuple(fc.integer({ min: 8, max: 10 }), fc.constantFrom(0, 18)),
  overshoot: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  threshold: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  ids: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 5 }),
  costs: fc.array(fc.integer({ min: 1, max: 20 }).map((n) => n * 5_000_000), { minLength: 5, maxLength: 5 }),
  ballots: fc.array(fc.record({ day: fc.integer({ min: 5, max: 11 }), hour: fc.integer({ min: 0, max: 23 }), picks: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 25 }),
});

const pad = (n: number): string => String(n).padStart(2, '0');
const when = ([d, h]: [number, number]): string => `2020-07-${pad(d)}${h === 0 ? '' : ` ${pad(h)}:00`}`;
const utc = ([d, h]: [number, number]): Date => new Date(Date.UTC(2020, 6, d, h));

type Entry = Cell | { value: ExcelJS.CellValue; numFmt: string };

/** 설정 and 의제 as a person types them (typed = true: as Excel stores it) or as text. */
function tables(c: Case, typed: boolean): { settings: [string, Entry][]; agendas: Entry[][] } {
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

async function workbookFile(c: Case, typed: boolean, name: string): Promise<string> {
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

/** The export: ballots naming agendas as `01`, `02` … (what the voting site prints). */
function exportRows(c: Case): string[][] {
  return [
    ['투표자', '투표일시', '선택'],
    ...c.ballots.map((b, i) => [`010-7000-${String(i).padStart(4, '0')}`, `2020-07-${pad(b.day)} ${pad(b.hour)}:30:00`, b.picks.map((p) => pad(c.ids[p % c.ids.length])).join(',')]),
  ];
}

/** What must not depend on how the cells were typed (ids compared as numbers: `01` and 1 are one agenda). */
function outcome(json: ReturnType<typeof runTally>): unknown {
  return {
    validBallots: json.validBallots,
    budget: json.budget,
    spent: json.spent,
    threshold: json.threshold,
    overshoot: json.overshoot,
    agendas: json.agendas.map((a) => [Number(a.id), a.votes, a.status, a.cost]),
    warnings: json.warnings.map((w) => w.code),
  };
}

test('any 설정 / 의제 typed as Excel stores it tallies as the same tables typed as text', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const results: unknown[] = [];
      for (const typed of [false, true]) {
        const wb = await XlsxWorkbook.open(await workbookFile(c, typed, `p-${typed}.xlsx`));
        const ctx = testContext();
        importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: exportRows(c) });
        results.push(outcome(runTally(wb, ctx)));
      }
      expect(results[1]).toEqual(results[0]);
    }),
    { numRuns: 25, seed: 20260714 },
  );
});

test('the tally counts something in most generated cases (the property is not vacuous)', () => {
  const counted = fc.sample(caseArb, { numRuns: 200, seed: 1 }).filter((c) => c.ballots.some((b) => b.day >= c.start[0] && b.day <= c.end[0]));
  expect(counted.length).toBeGreaterThan(100);
});
