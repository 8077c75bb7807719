/**
 * The command-line tool end to end: the bundle `npm run build:cli` makes, run as a process on
 * real files (a CP949 CSV, a UTF-8-BOM CSV, an .xlsx export), and the workbook it writes read
 * back with ExcelJS.
 */
import { typeIntoBook } from '../helpers/staffBook';
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { cliUnderTest, readTabBack as tab } from '../helpers/cliProcess';

const { work, run, runJson } = cliUnderTest('cli');

/** A workbook set up the way staff would: init, then settings and agendas typed in. */
async function preparedBook(name: string): Promise<string> {
  const file = path.join(work, name);
  expect(run('init', file).status).toBe(0);
  await typeIntoBook(file, { 총예산: '1억', '선택 수': '2', '투표 시작': '2020-07-06', '투표 종료': '2020-07-13', '동점 처리': '낮은 사업비', '추첨 시드': '7' });
  return file;
}

describe('civic-sheets CLI', () => {
  it('imports CP949, UTF-8-BOM and .xlsx exports and tallies them', async () => {
    const book = await preparedBook('book.xlsx');
    const cp949 = path.join(work, 'mvoting.csv');
    writeFileSync(
      cp949,
      iconv.encode(
        ['투표자,투표일시,선택1,선택2', '010-1000-0001,2020-07-06 09:00:00,A01,A02', '010-1000-0002,2020-07-07 10:00:00,마을장터,A02', '010-1000-0003,2020-07-14 10:00:00,A01,', '010-1000-0001,2020-07-08 10:00:00,A03,'].join('\r\n'),
        'cp949',
      ),
    );
    const bom = path.join(work, 'form.csv');
    writeFileSync(bom, '\ufeffvoter_id,timestamp,choices\n01010000004,2020-07-09 11:00,"A02, A03"\n01010000002,2020-07-09 12:00,A01\n=cmd,2020-07-09 12:30,"=HYPERLINK(""http://x"",""A01"")"\n', 'utf8');
    const xlsx = path.join(work, 'youth.xlsx');
    const exportBook = new ExcelJS.Workbook();
    const ws = exportBook.addWorksheet('청소년');
    ws.addRow(['투표자ID', '일시', '선택의제']);
    ws.addRow(['Y-1', new Date(Date.UTC(2020, 6, 10, 15, 0, 0)), 'A03']);
    ws.addRow(['Y-1', new Date(Date.UTC(2020, 6, 10, 15, 0, 0)), 'A01']);
    ws.addRow(['Y-2', new Date(Date.UTC(2020, 6, 11, 9, 0, 0)), 'A03']);
    await exportBook.xlsx.writeFile(xlsx);

    const first = runJson<{ encoding: string; shape: string; rowsRead: number; ballotsCounted: number; setAside: { total: number; reasons: Record<string, number> } }>('import', book, cp949);
    expect(first).toMatchObject({ encoding: 'cp949', shape: 'choice-columns', rowsRead: 4, ballotsCounted: 2, setAside: { total: 2, reasons: { outside_window: 1, duplicate_voter: 1 } } });
    const second = runJson<typeof first>('import', book, bom);
    expect(second).toMatchObject({ encoding: 'utf-8-bom', shape: 'choice-list', rowsRead: 3, ballotsCounted: 1, setAside: { total: 2, reasons: { duplicate_voter: 1, unknown_agenda: 1 } } });
    const third = runJson<typeof first>('import', book, xlsx, '--channel', '청소년');
    expect(third).toMatchObject({ encoding: 'xlsx', shape: 'pick-rows', rowsRead: 3, ballotsCounted: 2 });

    const result = runJson<{ validBallots: number; picks: number; selected: string[]; spent: number; agendas: { id: string; votes: number; status: string }[] }>('tally', book);
    // Votes: A01 = 1 + 1 (Y-1) = 2; A02 = 1 + 1 + 1 = 3; A03 = 1 + 1 + 1 + 1 = 4 (마을장터, form, Y-1, Y-2).
    expect(Object.fromEntries(result.agendas.map((a) => [a.id, a.votes]))).toEqual({ A01: 2, A02: 3, A03: 4 });
    expect(result.validBallots).toBe(5);
    expect(result.selected).toEqual(['A03', 'A02']);
    expect(result.spent).toBe(80_000_000);

    const results = await tab(book, '결과');
    const headerAt = results.findIndex((row) => row?.[0] === '순위');
    expect(results[headerAt + 1].slice(0, 5)).toEqual([1, 'A03', '마을장터', '경제', 4]);
    expect(results[headerAt + 3].slice(8, 10)).toEqual(['보류', '보류: 사업비 60,000,000, 남은 예산 20,000,000']);
    const ballots = await tab(book, '투표');
    expect(ballots).toHaveLength(1 + 5);
    const setAside = await tab(book, '제외');
    expect(setAside.length - 1).toBe(4);
    const everything = JSON.stringify([ballots, setAside]);
    expect(everything).not.toMatch(/010-?1000/);
    // The formula-looking pick is kept as text in the set-aside list, never as a formula.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
    expect(everything).toContain('=HYPERLINK');
  });

  it('refuses the same export twice and gives byte-identical results when re-run', async () => {
    const book = await preparedBook('twice.xlsx');
    const csv = path.join(work, 'twice.csv');
    writeFileSync(csv, 'voter,choices\na,A01\nb,"A02,A03"\n');
    expect(runJson<{ alreadyImported: boolean }>('import', book, csv).alreadyImported).toBe(false);
    const before = readFileSync(book);
    const again = run('import', book, csv);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('이미 가져온 파일');
    expect(readFileSync(book).equals(before)).toBe(true);
    const a = runJson<{ resultFingerprint: string }>('tally', book);
    const resultsA = await tab(book, '결과');
    const b = runJson<{ resultFingerprint: string }>('tally', book);
    expect(b.resultFingerprint).toBe(a.resultFingerprint);
    expect(await tab(book, '결과')).toEqual(resultsA);
  });

  it('writes a report that says when 결과 was edited by hand after the tally', async () => {
    const book = await preparedBook('report.xlsx');
    const csv = path.join(work, 'report.csv');
    writeFileSync(csv, 'voter,choices\na,A01\nb,"A02,A03"\n');
    expect(run('import', book, csv).status).toBe(0);
    expect(run('tally', book).status).toBe(0);
    const clean = path.join(work, 'clean.html');
    expect(run('report', book, '--out', clean).status).toBe(0);
    expect(readFileSync(clean, 'utf8')).not.toContain('data-field="resultsEdited"');
    const english = path.join(work, 'english.html');
    expect(run('report', book, '--out', english, '--lang', 'en').status).toBe(0);
    expect(readFileSync(english, 'utf8')).toContain('<html lang="en">');
    expect(readFileSync(english, 'utf8')).toContain('result notice</h1>');
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(book);
    const results = edited.getWorksheet('결과') as ExcelJS.Worksheet;
    results.eachRow((row) => {
      if (row.getCell(2).value === 'A01') row.getCell(5).value = 999;
    });
    await edited.xlsx.writeFile(book);
    const afterEdit = readFileSync(book);
    const tampered = path.join(work, 'tampered.html');
    expect(run('report', book, '--out', tampered).status).toBe(0);
    expect(readFileSync(tampered, 'utf8')).toContain('data-field="resultsEdited"');
    expect(readFileSync(book).equals(afterEdit)).toBe(true); // a report never saves the workbook
  });

  it('exits 2 with one line and writes nothing when the input is unusable', async () => {
    const book = await preparedBook('bad.xlsx');
    const before = readFileSync(book);
    const notCsv = path.join(work, 'bad.csv');
    writeFileSync(notCsv, Buffer.from([0x80, 0x81, 0xff, 0xfe, 0x00, 0x41]));
    for (const args of [['import', book, notCsv, '--encoding', 'utf-8'], ['import', book, path.join(work, 'missing.csv')], ['tally', path.join(work, 'nope.xlsx')], ['frobnicate']]) {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^civic-sheets: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const empty = path.join(work, 'empty-tabs.xlsx');
    copyFileSync(book, empty);
    const headerOnly = path.join(work, 'header.csv');
    writeFileSync(headerOnly, '투표자,선택1\n');
    expect(run('import', book, headerOnly).status).toBe(2);
    expect(readFileSync(book).equals(before)).toBe(true);
  });

  it('runs the built-in example (the README\'s first command)', async () => {
    const out = path.join(work, 'demo.xlsx');
    const r = run('demo', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('11,000행 읽음 = 10,856행 반영 + 144행 제외');
    // Reasons in words, in the user's language (the codes stay in --json).
    expect(r.stdout).toContain('제외 사유: 투표 기간 밖 25, 투표일시를 읽을 수 없음 5, 같은 의제 중복 선택 20');
    expect(r.stdout).not.toMatch(/outside_window|duplicate_voter/);
    expect(r.stdout).toMatch(/선정 6건 490,000,000원/);
    const summary = runJson<{ tally: { resultFingerprint: string } }>('demo', '--out', out);
    const again = runJson<{ tally: { resultFingerprint: string } }>('demo', '--out', out);
    expect(again.tally.resultFingerprint).toBe(summary.tally.resultFingerprint);
    // The example plants a group vote (180 identical ballots for A08 in one evening): check finds it.
    const check = runJson<{ flags: { kind: string; agendas: string[]; severity: string; ballots: number; changesOutcome: boolean }[] }>('check', out);
    const bloc = check.flags.find((f) => f.kind === 'identical_ballots');
    expect(bloc).toMatchObject({ agendas: ['A08'], severity: 'alert', changesOutcome: false });
    expect(bloc?.ballots).toBeGreaterThanOrEqual(180);
    expect(check.flags.every((f) => f.agendas.includes('A08'))).toBe(true);
  });
});
