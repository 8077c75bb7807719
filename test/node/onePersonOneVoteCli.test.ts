/**
 * Issue 15 through the CLI on .xlsx exports as Excel holds them (ExcelJS-written, numbers and text
 * cells mixed, several sheets): one phone is one voter, the phone column is found by header and by
 * content, personal data never reaches the workbook or stderr in clear, totals are counted once,
 * extra pick columns are warned about, and a multi-sheet export is refused without --sheet.
 * After every import the written workbook is unzipped and every part (every sheet, the very
 * hidden salt tab, shared strings, document properties) is searched for the raw values.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { cliUnderTest, readTabBack } from '../helpers/cliProcess';
import { rawValuesFound } from '../helpers/rawScan';

const { work, run, runJson } = cliUnderTest('issue15');

interface ImportJson {
  alreadyImported: boolean;
  ballotsCounted: number;
  rowsRead: number;
  totalsVotes: number;
  setAside: { total: number; reasons: Record<string, number> };
  warnings: string[];
  warningCodes: string[];
}

async function preparedBook(name: string, picks = '3'): Promise<string> {
  const file = path.join(work, name);
  expect(run('init', file).status).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const settings = book.getWorksheet('설정') as ExcelJS.Worksheet;
  settings.eachRow((row) => {
    const key = String(row.getCell(1).value);
    if (key === '총예산') row.getCell(2).value = '1억';
    if (key === '선택 수') row.getCell(2).value = picks;
  });
  (book.getWorksheet('의제') as ExcelJS.Worksheet).addRows([
    ['A01', '마을축제', '문화', '6천만원', ''],
    ['A02', '방역 봉사단', '안전', '50,000,000', ''],
    ['A03', '마을장터', '경제', '3천만원', ''],
    ['A04', '청년 공간', '문화', '1천만원', ''],
  ]);
  await book.xlsx.writeFile(file);
  return file;
}

/** An export workbook: one sheet per entry, cells as given (numbers stay numbers, as Excel keeps them). */
async function exportXlsx(name: string, sheets: Record<string, (string | number)[][]>, hidden: string[] = []): Promise<string> {
  const file = path.join(work, name);
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(sheetName, hidden.includes(sheetName) ? { state: 'hidden' } : {});
    ws.addRows(rows);
  }
  await book.xlsx.writeFile(file);
  return file;
}

/**
 * Every text of the written workbook: each part's text nodes and attribute values one by one (a
 * phone number's digits are looked for within one value, not across a part's markup).
 */
function workbookParts(file: string): string[] {
  const parts = unzipSync(readFileSync(file));
  return Object.values(parts).flatMap((bytes) => {
    const xml = new TextDecoder().decode(bytes);
    const attributes = [...xml.matchAll(/="([^"]*)"/g)].map((m) => m[1]);
    return [...xml.split(/<[^>]*>/).filter((text) => text !== ''), ...attributes];
  });
}

function expectNoRaw(file: string, raw: readonly string[]): void {
  // XML escapes & < > in text; none of the raw values here contain them.
  expect(rawValuesFound(workbookParts(file), raw)).toEqual([]);
}

describe('one phone, one voter (CLI, .xlsx)', () => {
  it('counts every spelling of 010-1000-5000 once, a number cell that lost its 0 included', async () => {
    const book = await preparedBook('spellings.xlsx');
    const spellings = ['+82-010-1000-5000', '+82 (0)10-1000-5000', '0082-10-1000-5000', '010–1000–5000', '010ㅡ1000ㅡ5000', '010_1000_5000', '010/1000/5000', 'tel:010-1000-5000', '010-1000-5000\u200b'];
    const file = await exportXlsx('spellings-export.xlsx', {
      투표: [['핸드폰', '선택1'], ['010-1000-5000', 'A01'], ...spellings.map((s) => [s, 'A02']), [1010005000, 'A03'], ['010-1000-5001', 'A03']],
    });
    const report = runJson<ImportJson>('import', book, file);
    expect(report.ballotsCounted).toBe(2);
    expect(report.setAside.reasons).toEqual({ duplicate_voter: spellings.length + 1 });
    expect(report.warningCodes).toEqual([]);
    expectNoRaw(book, ['010-1000-5000', '010-1000-5001', ...spellings]);
  });
});

describe('personal data and the voter column (CLI, .xlsx)', () => {
  it('finds the phone column by its content, hashes phones shifted under 투표일시 and an 접속IP column, and says so', async () => {
    const book = await preparedBook('content.xlsx');
    const file = await exportXlsx('content-export.xlsx', {
      Sheet1: [
        ['이름', '주소', '비고', '투표일시', '접속IP', '선택1', '선택2'],
        ['김민준', '서울 영등포구 당산로 12', '010-3000-0001', '2020-07-10 10:00', '203.0.113.7', 'A01', 'A02'],
        ['이서연', '서울 영등포구', '여의대로 9', '010-3000-0002', '2020-07-10 10:05', '198.51.100.23', 'A01', 'A03'],
        ['박지호', '문래동', '010-3000-0003', '2020-07-10 10:07', '2001:db8::42', 'A99', 'A01'],
        ['최유나', '', '01030000001', '2020-07-10 10:09', '192.0.2.1', 'A02', ''],
      ],
    });
    const report = runJson<ImportJson>('import', book, file);
    expect(report.warningCodes).toEqual(['voter_column_by_content']);
    expect(report.warnings[0]).toContain("3번째 열/column 3 '비고'");
    expect(report.setAside.reasons).toEqual({ bad_row: 1, unknown_agenda: 1, duplicate_voter: 1 });
    const setAside = (await readTabBack(book, '제외')).map((row) => row.map(String).join(' | ')).join('\n');
    expect(setAside).toMatch(/투표일시=v[0-9a-f]{31}/);
    expect(setAside).toMatch(/접속IP=v[0-9a-f]{31}/);
    expectNoRaw(book, ['김민준', '이서연', '박지호', '최유나', '010-3000-0001', '010-3000-0002', '010-3000-0003', '203.0.113.7', '198.51.100.23', '2001:db8::42', '192.0.2.1', '당산로']);
  });

  it('refuses a headerless export with positions and shapes on stderr, never its first row', async () => {
    const book = await preparedBook('headerless.xlsx');
    const file = await exportXlsx('headerless-export.xlsx', { Sheet1: [['010-3000-0002', '홍길동', '1990-01-01', 'A01'], ['010-3000-0003', '김영희', '1988-02-02', 'A02']] });
    const r = run('import', book, file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('1=000-0000-0000, 2=가가가, 3=0000-00-00, 4=a00');
    expect(rawValuesFound([r.stderr, r.stdout], ['010-3000-0002', '홍길동', '1990-01-01'])).toEqual([]);
    expectNoRaw(book, ['010-3000-0002', '홍길동', '1990-01-01']);
  });
});

describe('totals once (CLI, .xlsx)', () => {
  it('replaces a channel imported again, refuses the same numbers and an agenda listed twice', async () => {
    const book = await preparedBook('totals.xlsx');
    const first = await exportXlsx('booth.xlsx', { 집계: [['의제번호', '득표수'], ['A01', 62], ['A02', 10]] });
    expect(runJson<ImportJson>('import', book, first, '--channel', '현장').totalsVotes).toBe(72);
    const reordered = await exportXlsx('booth-again.xlsx', { 집계: [['의제번호', '득표수', '비고'], ['A02', 10, ''], ['A01', '62', '확인']] });
    const again = runJson<ImportJson>('import', book, reordered, '--channel', '현장');
    expect(again).toMatchObject({ alreadyImported: true, warningCodes: ['same_content'] });
    const corrected = await exportXlsx('booth-fixed.xlsx', { 집계: [['의제번호', '득표수'], ['A01', 64], ['A02', 10]] });
    const replaced = runJson<ImportJson>('import', book, corrected, '--channel', '현장');
    expect(replaced.warningCodes).toEqual(['totals_replaced']);
    expect(replaced.warnings[0]).toContain('A01 62→64');
    const totals = (await readTabBack(book, '집계')).slice(1).map((row) => row.slice(0, 3).map(String));
    expect(totals).toEqual([['현장', 'A01', '64'], ['현장', 'A02', '10']]);
    const audit = (await readTabBack(book, '이력')).map((row) => row.map(String).join(' | ')).join('\n');
    expect(audit).toContain('현장: A01 62→64');
    const twice = await exportXlsx('booth-twice.xlsx', { 집계: [['의제번호', '득표수'], ['A01', 1], ['A01', 2]] });
    const r = run('import', book, twice, '--channel', '우편');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('A01 (2, 3행)');
    const tally = runJson<{ agendas: { id: string; votes: number }[] }>('tally', book);
    expect(tally.agendas.find((a) => a.id === 'A01')?.votes).toBe(64);
  });

  it('refuses a voter-less ballot file imported again in another row order', async () => {
    const book = await preparedBook('paper.xlsx');
    const rows = [['선택1', '선택2'], ['A01', 'A02'], ['A03', ''], ['A02', 'A04']];
    const first = runJson<ImportJson>('import', book, await exportXlsx('paper1.xlsx', { 투표: rows }));
    expect(first.ballotsCounted).toBe(3);
    const again = runJson<ImportJson>('import', book, await exportXlsx('paper2.xlsx', { 투표: [rows[0], rows[3], rows[1], rows[2]] }));
    expect(again).toMatchObject({ alreadyImported: true, warningCodes: ['same_content'] });
  });
});

describe('pick columns and sheets (CLI, .xlsx)', () => {
  it('warns extra_pick_columns when 선택4 is there and 선택 수 is 3', async () => {
    const book = await preparedBook('picks.xlsx');
    const file = await exportXlsx('picks-export.xlsx', { 투표: [['휴대폰', '선택1', '선택2', '선택3', '선택4'], ['010-3000-0001', 'A01', 'A02', 'A03', 'A04'], ['010-3000-0002', 'A01', '', '', '']] });
    const report = runJson<ImportJson>('import', book, file);
    expect(report.warningCodes).toEqual(['extra_pick_columns']);
    expect(report.setAside.reasons).toEqual({ over_vote: 1 });
  });

  it('refuses a multi-sheet export without --sheet, naming the sheets and their rows, and imports the one named', async () => {
    const book = await preparedBook('sheets.xlsx');
    const online = [['휴대폰', '선택1'], ...Array.from({ length: 60 }, (_, i) => [`010-4000-${String(1000 + i)}`, 'A01'])];
    const file = await exportXlsx(
      'two-sheets.xlsx',
      { 요약: [['구분', '선택1'], ['합계', 'A01']], 온라인: online, 빈시트: [], 숨김: [['휴대폰', '선택1'], ['010-4000-9999', 'A02']] },
      ['숨김'],
    );
    const refused = run('import', book, file);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("'요약' 2행, '온라인' 61행");
    expect(refused.stderr).toContain('--sheet');
    expect(refused.stderr).not.toContain('빈시트');
    expect(refused.stderr).not.toContain('숨김');
    const missing = run('import', book, file, '--sheet', '오프라인');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("'오프라인' 시트가 없습니다");
    const report = runJson<ImportJson>('import', book, file, '--sheet', '온라인');
    expect(report.ballotsCounted).toBe(60);
    // One visible sheet with data beside empty ones: imported as before, without a choice.
    const single = await exportXlsx('one-sheet.xlsx', { 온라인: online.slice(0, 3), Sheet2: [], Sheet3: [] });
    expect(runJson<ImportJson>('import', await preparedBook('single.xlsx'), single).ballotsCounted).toBe(2);
    expectNoRaw(book, online.slice(1).map((r) => r[0]));
  });
});
