/**
 * Real spreadsheets (issue 14) in the .xlsx host: 설정 and 의제 typed the way Excel and LibreOffice
 * store them — a date cell with a date `numFmt`, a percent as the fraction with `0%`, `01` as the
 * number 1, keys typed without their space — written with ExcelJS (not by this tool), then imported
 * and tallied through the built CLI. Each numbered case of the issue is one test.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { readStatus } from '../../src/workflows/status';
import { cliUnderTest } from '../helpers/cliProcess';

const { work, run, runJson } = cliUnderTest('typed-cells');

type Typed = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

interface TallyOut {
  voters: number;
  validBallots: number;
  selected: string[];
  agendas: { id: string; votes: number; status: string }[];
  threshold: number;
  seed: string;
  warnings: { code: string; message: string }[];
  check: { ok: boolean };
}

let n = 0;
/** init, then 설정 values and 의제 rows written as a person's Excel would hold them. */
async function book(settings: Record<string, Typed>, agendas: Typed[][], options: { keepKeys?: boolean } = {}): Promise<string> {
  const file = path.join(work, `book${++n}.xlsx`);
  expect(run('init', file).status).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('설정') as ExcelJS.Worksheet;
  const rest = { ...settings };
  ws.eachRow((row) => {
    const key = String(row.getCell(1).value);
    if (!(key in rest)) return;
    put(row.getCell(2), rest[key]);
    delete rest[key];
  });
  // Keys the workbook does not have yet (or typed differently) go in new rows, as staff add them.
  for (const [key, value] of Object.entries(rest)) {
    if (!options.keepKeys) {
      // A key typed without its space replaces the row of the same setting.
      ws.eachRow((row) => {
        if (String(row.getCell(1).value).replace(/\s/g, '') === key.replace(/\s/g, '')) row.getCell(2).value = null;
      });
    }
    const row = ws.addRow([key]);
    put(row.getCell(2), value);
  }
  const agendaTab = wb.getWorksheet('의제') as ExcelJS.Worksheet;
  for (const cells of agendas) {
    const row = agendaTab.addRow([]);
    cells.forEach((cell, i) => put(row.getCell(i + 1), cell));
  }
  await wb.xlsx.writeFile(file);
  return file;
}

function put(cell: ExcelJS.Cell, typed: Typed): void {
  if (typed !== null && typeof typed === 'object' && 'numFmt' in typed) {
    cell.value = typed.value;
    // A style of its own: ExcelJS shares one style object between cells loaded with the same style.
    cell.style = { ...cell.style, numFmt: typed.numFmt };
  } else {
    cell.value = typed;
  }
}

/** Excel's date cell for a day typed alone: midnight (ExcelJS hands it over in UTC wall-clock terms). */
const day = (y: number, m: number, d: number): Typed => ({ value: new Date(Date.UTC(y, m - 1, d)), numFmt: 'yyyy-mm-dd' });
const percent = (fraction: number): Typed => ({ value: fraction, numFmt: '0%' });

function exportCsv(name: string, lines: string[]): string {
  const file = path.join(work, name);
  writeFileSync(file, ['투표자,투표일시,선택1,선택2', ...lines].join('\n'), 'utf8');
  return file;
}

const AGENDAS: Typed[][] = [
  ['A01', '마을축제', '문화', 60_000_000, '자치행정과'],
  ['A02', '방역 봉사단', '안전', 50_000_000, '보건소'],
  ['A03', '마을장터', '경제', 30_000_000, '일자리과'],
];

describe('what people type into 설정 and 의제, as Excel stores it', () => {
  test('1. 투표 종료 typed 2020-07-13 is a date cell: the whole last day counts', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 2, '투표 시작': day(2020, 7, 6), '투표 종료': day(2020, 7, 13) }, AGENDAS);
    const csv = exportCsv('last-day.csv', [
      '010-1000-0001,2020-07-06 09:00:00,A01,',
      '010-1000-0002,2020-07-13 18:30:00,A03,',
      '010-1000-0003,2020-07-13 23:59:00,A03,',
      '010-1000-0004,2020-07-14 00:00:01,A02,',
    ]);
    const imported = runJson<{ ballotsCounted: number; setAside: { reasons: Record<string, number> } }>('import', file, csv);
    expect(imported.ballotsCounted).toBe(3);
    expect(imported.setAside.reasons).toEqual({ outside_window: 1 });
    const tally = runJson<TallyOut>('tally', file);
    expect(tally.validBallots).toBe(3);
    expect(tally.agendas.find((a) => a.id === 'A03')?.votes).toBe(2);
    expect(tally.warnings.map((w) => w.code)).not.toContain('no_window');
  });

  test('2. 80% typed in 초과 허용 is 80 %, and 5% in 최소 득표 is 5 % of valid ballots', async () => {
    // A01 (60M) fits; A02 (50M) does not fit the 40M left, but 40M is 80 % of its cost.
    const file = await book({ 총예산: 100_000_000, '선택 수': 1, '초과 허용': percent(0.8), '최소 득표': percent(0.05) }, AGENDAS);
    const votes = [...Array(20).keys()].map((i) => `010-2000-${String(i).padStart(4, '0')},2020-07-07 10:00:00,${i < 10 ? 'A01' : i < 19 ? 'A02' : 'A03'},`);
    runJson('import', file, exportCsv('overshoot.csv', votes));
    const tally = runJson<TallyOut>('tally', file);
    expect(tally.selected).toEqual(['A01', 'A02']);
    // 5 % of 20 valid ballots = 1 vote: A03 with its one vote passes (it is the budget that stops it).
    expect(tally.threshold).toBe(1);
  });

  test('3. agenda number 01 typed as the number 1 still takes the ballots that name 01', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 2 }, [[1, '마을축제', '문화', 60_000_000, ''], [2, '방역 봉사단', '안전', 50_000_000, '']]);
    runJson('import', file, exportCsv('ids.csv', ['010-3000-0001,2020-07-07 10:00:00,01,02', '010-3000-0002,2020-07-07 11:00:00,01,']));
    const tally = runJson<TallyOut>('tally', file);
    expect(tally.agendas.map((a) => [a.id, a.votes])).toEqual([['1', 2], ['2', 1]]);
  });

  test('3. a new workbook keeps 01 and 1-1 as typed: its 의제 ids and 설정 values are plain-text cells', async () => {
    const file = path.join(work, 'fresh.xlsx');
    expect(run('init', file).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('의제')?.getCell('A2').numFmt).toBe('@');
    expect(wb.getWorksheet('의제')?.getCell('A400').numFmt).toBe('@');
    expect(wb.getWorksheet('설정')?.getCell('B3').numFmt).toBe('@');
  });

  test('3. an id typed 1-1 that Excel turned into a date is named in a warning', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 1 }, [[day(2026, 1, 1), '마을축제', '문화', 60_000_000, ''], ['A02', '방역', '안전', 50_000_000, '']]);
    const warnings = runJson<TallyOut>('tally', file).warnings;
    expect(warnings.find((w) => w.code === 'agenda_id_date')?.message).toContain('2026-01-01');
  });

  test('4. keys typed without their space are read; an unknown key is a warning naming the closest', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 1, 투표시작: '2020-07-06', 투표종료: '2020-07-13', '동점 처리': '추첨', 추첨시드: '4242', 최소득표율: '5%' }, AGENDAS);
    runJson('import', file, exportCsv('keys.csv', ['010-4000-0001,2020-07-07 10:00:00,A01,', '010-4000-0002,2020-07-20 10:00:00,A02,']));
    const tally = runJson<TallyOut>('tally', file);
    expect(tally.validBallots).toBe(1); // the window is applied: the 20 July ballot is outside it
    expect(tally.seed).toBe('4242');
    const unknown = tally.warnings.filter((w) => w.code === 'unknown_setting');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].message).toContain('최소득표율');
    expect(unknown[0].message).toContain("'최소 득표'");
    const text = run('tally', file).stdout;
    expect(text).toContain('(추첨 시드 4242)');
    expect(text).toContain('! ');
  });

  test('no window and no ballots are warnings, and the check line has no ✓ when nothing was counted', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 1 }, AGENDAS);
    const empty = runJson<TallyOut>('tally', file);
    expect(empty.warnings.map((w) => w.code)).toEqual(['no_ballots']);
    const text = run('tally', file).stdout;
    expect(text).toContain('센 투표 없음');
    expect(text).not.toContain('✓');
    runJson('import', file, exportCsv('nowindow.csv', ['010-5000-0001,2020-07-07 10:00:00,A01,']));
    expect(runJson<TallyOut>('tally', file).warnings.map((w) => w.code)).toEqual(['no_window']);
  });

  test('결과 writes amounts as #,##0 numbers, shares as 0.0% numbers and ids as text, read back with ExcelJS', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 1, '투표 시작': '2020-07-06', '투표 종료': '2020-07-13' }, AGENDAS);
    runJson('import', file, exportCsv('formats.csv', ['010-6000-0001,2020-07-07 10:00:00,A01,', '010-6000-0002,2020-07-07 10:00:00,A02,']));
    runJson('tally', file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('결과') as ExcelJS.Worksheet;
    let budgetRow = 0;
    let headerRow = 0;
    ws.eachRow((row, i) => {
      if (row.getCell(1).value === '총예산') budgetRow = i;
      if (row.getCell(1).value === '순위') headerRow = i;
    });
    expect(ws.getCell(budgetRow, 2).value).toBe(100_000_000);
    expect(ws.getCell(budgetRow, 2).numFmt).toBe('#,##0');
    const header = (ws.getRow(headerRow).values as unknown[]).slice(1);
    const share = header.indexOf('득표율') + 1;
    const cost = header.indexOf('사업비') + 1;
    const id = header.indexOf('번호') + 1;
    expect(ws.getCell(headerRow + 1, share).value).toBe(0.5);
    expect(ws.getCell(headerRow + 1, share).numFmt).toBe('0.0%');
    expect(ws.getCell(headerRow + 1, cost).numFmt).toBe('#,##0');
    expect(ws.getCell(headerRow + 1, id).numFmt).toBe('@');
    // The tool reads its own formatted tab back unchanged: no "results edited" after a plain tally.
    expect(readStatus(await XlsxWorkbook.open(file)).resultsEdited).toBe(false);
  });
});

describe('what people type into 지침, as Excel stores it', () => {
  test('2. 50% typed as a 지침 limit is 50 %: a 38 % facility share passes it', async () => {
    const file = path.join(work, 'plans.xlsx');
    expect(run('init', file).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const plans = wb.getWorksheet('사업계획') as ExcelJS.Worksheet;
    plans.getRow(1).getCell(6).value = '금액(천원)';
    plans.addRows([
      ['마을 정원', '', '환경', '401-01', '화단 조성', 38_000, '2020', '구비'],
      ['마을 정원', '', '환경', '201-01', '홍보', 62_000, '2020', '구비'],
    ]);
    const guidelines = wb.getWorksheet('지침') as ExcelJS.Worksheet;
    let typed = 0;
    guidelines.eachRow((row, i) => {
      // The 2020 facility rule: its limit retyped by a person as `50%` (Excel: 0.5 with a percent format).
      if (i > 1 && String(row.getCell(3).value) === '시설비' && String(row.getCell(1).value) === '2020') {
        row.getCell(5).value = 0.5;
        row.getCell(5).style = { ...row.getCell(5).style, numFmt: '0%' };
        typed += 1;
      }
    });
    expect(typed).toBe(1);
    await wb.xlsx.writeFile(file);
    const json = runJson<{ projects: { checks: { rule: string; category: string; limit: number; status: string }[] }[] }>('check-plans', file);
    const facility = json.projects[0].checks.find((c) => c.rule === 'max_share' && c.category === '시설비');
    expect(facility).toMatchObject({ limit: 0.5, status: 'pass' });
  });
});

describe('import --json', () => {
  test('warningCodes name each warning, in the order of warnings', async () => {
    const file = await book({ 총예산: 100_000_000, '선택 수': 1, '투표 시작': '2020-07-06' }, AGENDAS);
    const csv = path.join(work, 'no-voter.csv');
    writeFileSync(csv, '선택1\nA01\nA02\n', 'utf8');
    const report = runJson<{ warnings: string[]; warningCodes: string[] }>('import', file, csv);
    expect(report.warningCodes).toEqual(['no_voter_column', 'no_time_column']);
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings[0]).toContain('투표자 열');
  });
});
