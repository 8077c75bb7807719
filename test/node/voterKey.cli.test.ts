/**
 * The voter key and the evidence, through the CLI bundle on real .xlsx files: the key lives in
 * <book.xlsx>.key (0600), never inside the workbook, so an attacker with the .xlsx alone cannot
 * reverse a voter key; a lost key, a renamed 투표 and hand edits are refused or reported.
 */
import { typeIntoBook } from '../helpers/staffBook';
import { copyFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { voterKey } from '../../src/core/hash';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { importTable, initWorkbook } from '../../src/workflows';
import { DOCUMENT_KEY } from '../../src/workflows/documentKey';
import { cliUnderTest } from '../helpers/cliProcess';
import { testContext } from '../helpers/context';

const { work, run, runJson } = cliUnderTest('voterkey');

interface TallyOut {
  voters: number;
  validBallots: number;
  warnings: { code: string; message: string }[];
}

const PHONES = Array.from({ length: 40 }, (_, i) => `010-${String(3000 + i * 7)}-${String(1000 + i * 13)}`);

function exportFile(name: string, phones: readonly string[]): string {
  const file = path.join(work, name);
  writeFileSync(file, ['투표자,투표일시,선택1,선택2', ...phones.map((p, i) => `${p},2020-07-07 10:00,${i % 3 === 0 ? 'A01' : 'A02'},${i % 2 === 0 ? 'A03' : ''}`)].join('\n'), 'utf8');
  return file;
}

/** 설정 and 의제 typed in and saved by ExcelJS, as Excel would hold them. */
const fillIn = (file: string): Promise<void> => typeIntoBook(file, { 총예산: '1억', '선택 수': '2' });

async function importedBook(name: string): Promise<string> {
  const file = path.join(work, name);
  expect(run('init', file).status).toBe(0);
  await fillIn(file);
  expect(run('import', file, exportFile(`${name}.csv`, PHONES)).status).toBe(0);
  return file;
}

/** Every string an attacker can pull out of the file: text and attribute values of every part, and their pieces. */
function stringsIn(file: string): Set<string> {
  const found = new Set<string>();
  for (const bytes of Object.values(unzipSync(readFileSync(file)))) {
    const xml = strFromU8(bytes);
    for (const m of xml.matchAll(/>([^<]+)</g)) found.add(m[1]);
    for (const m of xml.matchAll(/="([^"]*)"/g)) found.add(m[1]);
  }
  for (const s of [...found]) for (const piece of s.split(/[^0-9A-Za-z_-]+/)) if (piece !== '') found.add(piece);
  return found;
}

/** The voters whose key a candidate salt reproduces: tried with every string in the file as the salt. */
function bruteForce(file: string, phones: readonly string[]): number {
  const strings = stringsIn(file);
  const keys = new Set([...strings].filter((s) => /^v[0-9a-f]{31}$/.test(s)));
  expect(keys.size).toBeGreaterThanOrEqual(phones.length);
  let recovered = 0;
  for (const candidate of strings) for (const phone of phones) if (keys.has(voterKey(phone, candidate))) recovered++;
  return recovered;
}

async function excel(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

describe('the voter key beside the workbook', () => {
  it('lives in <book>.key with 0600 permissions, and no string of the .xlsx reverses a voter key', async () => {
    const file = await importedBook('book.xlsx');
    const keyFile = `${file}.key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'))[0];
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(stringsIn(file).has(key)).toBe(false);
    expect(bruteForce(file, PHONES)).toBe(0);
    expect((await excel(file)).worksheets.map((ws) => ws.name)).not.toContain('_civic_sheets');
  });

  it('the same attack on a workbook that carries its key inside (as older versions wrote it) recovers every voter', async () => {
    const file = path.join(work, 'old.xlsx');
    const book = XlsxWorkbook.create(file);
    const ctx = testContext({ randomSecret: () => 'f3a9c1d27be04e5c8a61d0b2c9e7f415a3b8d6c2e1f09a7b' });
    initWorkbook(book, ctx);
    book.writeTab('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2']]);
    book.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만원'], ['A02', '방역 봉사단', '5천만원'], ['A03', '마을장터', '3천만원']]);
    const rows = readFileSync(exportFile('old.csv', PHONES), 'utf8').split('\n').map((line) => line.split(','));
    importTable(book, ctx, { fileName: 'old.csv', encoding: 'utf-8', rows });
    await book.save();
    expect(bruteForce(file, PHONES)).toBe(PHONES.length);
  });

  it('an older workbook has its key moved out on first use, said once; duplicates across imports are still seen', async () => {
    const file = path.join(work, 'migrate.xlsx');
    const book = XlsxWorkbook.create(file);
    const ctx = testContext();
    initWorkbook(book, ctx);
    book.writeTab('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2']]);
    book.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만원'], ['A02', '방역 봉사단', '5천만원'], ['A03', '마을장터', '3천만원']]);
    importTable(book, ctx, { fileName: 'first.csv', encoding: 'utf-8', rows: readFileSync(exportFile('first.csv', PHONES.slice(0, 20)), 'utf8').split('\n').map((l) => l.split(',')) });
    const inside = book.getSecret(DOCUMENT_KEY);
    await book.save();
    expect(existsSync(`${file}.key`)).toBe(false);

    const first = run('import', file, exportFile('second.csv', PHONES.slice(15, 30)), '--json');
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`투표자 열쇠를 통합문서 밖의 ${file}.key로 옮겼습니다`);
    // Five of the second file's voters voted in the first: the moved key still knows them.
    expect((JSON.parse(first.stdout) as { setAside: { reasons: Record<string, number> } }).setAside.reasons.duplicate_voter).toBe(5);
    expect(readFileSync(`${file}.key`, 'utf8')).toContain(inside as string);
    expect(stringsIn(file).has(inside as string)).toBe(false);
    const second = run('tally', file, '--json');
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
    expect((JSON.parse(second.stdout) as TallyOut).voters).toBe(30);
  });

  it('refuses an import when the key cannot be found, naming where it looked; --key hands the work to a colleague', async () => {
    const file = await importedBook('handover.xlsx');
    const colleague = path.join(work, 'colleague-key.txt');
    renameSync(`${file}.key`, colleague);
    const before = readFileSync(file);
    const refused = run('import', file, exportFile('late.csv', PHONES.slice(0, 5).map((p) => p.replace('010-', '010-9'))));
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`찾아본 곳: ${file}.key`);
    expect(existsSync(`${file}.key`)).toBe(false);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(run('tally', file).status).toBe(2);

    // Another workbook's key (or one typed wrong) is not taken for this one's.
    const wrong = path.join(work, 'wrong.key');
    writeFileSync(wrong, '0123456789abcdef0123456789abcdef0123456789abcdef\n');
    const mismatched = run('import', file, exportFile('late2.csv', PHONES.slice(0, 2)), '--key', wrong);
    expect(mismatched.status).toBe(2);
    expect(mismatched.stderr).toContain('이 통합문서의 것이 아닙니다');
    expect(readFileSync(file).equals(before)).toBe(true);

    const tally = runJson<TallyOut>('tally', file, '--key', colleague);
    expect(tally.voters).toBe(PHONES.length);
    expect(tally.warnings.map((w) => w.code).filter((c) => c !== 'no_window')).toEqual([]); // no evidence warning
  });
});

describe('evidence in the .xlsx', () => {
  it('hand edits in 투표 (a changed pick, a made-up row, a deleted row, a formula) are reported and the formula row not counted', async () => {
    const file = await importedBook('edited.xlsx');
    const clean = runJson<TallyOut>('tally', file);
    const book = await excel(file);
    const ws = book.getWorksheet('투표') as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const choices = header.indexOf('선택') + 1;
    ws.getRow(3).getCell(choices).value = 'A03';
    ws.getRow(6).getCell(choices).value = { formula: 'IF(NOW()>0,"A02","A01")', result: 'A02' };
    const madeUp = (ws.getRow(4).values as ExcelJS.CellValue[]).slice(1);
    madeUp[header.indexOf('가져오기')] = 'aaaaaaaaaaaa';
    madeUp[header.indexOf('투표자키')] = 'v00000000000000000000000000000ab';
    ws.spliceRows(10, 1);
    ws.addRow(madeUp);
    await book.xlsx.writeFile(file);

    const edited = run('tally', file, '--json');
    expect(edited.status).toBe(0);
    const json = JSON.parse(edited.stdout) as TallyOut;
    expect(json.validBallots).toBe(clean.validBallots - 1);
    const message = json.warnings.find((w) => w.code === 'ballots_edited')?.message ?? '';
    expect(message).toContain('바뀐 행 1개 (3행)');
    expect(message).toContain(`더해진 행 1개 (${PHONES.length + 1}행)`);
    expect(message).toContain('행 1개가 지워짐');
    expect(message).toContain('수식이 든 행 1개 (6행, 세지 않음)');
    expect(run('tally', file).stdout).toContain('! [ballots_edited]');
    expect(runJson<{ warnings: { code: string }[] }>('check', file).warnings.map((w) => w.code)).toContain('ballots_edited');
    const results = (await excel(file)).getWorksheet('결과') as ExcelJS.Worksheet;
    const notes: string[] = [];
    results.eachRow((row) => {
      if (row.getCell(1).value === '주의') notes.push(String(row.getCell(2).value));
    });
    expect(notes.some((n) => n.includes('바뀐 행 1개'))).toBe(true);
    const report = path.join(work, 'edited.html');
    expect(run('report', file, '--out', report).status).toBe(0);
    expect(readFileSync(report, 'utf8')).toContain('data-code="ballots_edited"');
  });

  it('a renamed 투표 is refused with exit 2 and 결과 is left as it was', async () => {
    const file = await importedBook('renamed.xlsx');
    expect(run('tally', file).status).toBe(0);
    const book = await excel(file);
    (book.getWorksheet('투표') as ExcelJS.Worksheet).name = 'Sheet5';
    await book.xlsx.writeFile(file);
    const before = readFileSync(file);
    const refused = run('tally', file);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("'투표' 탭이 없습니다");
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a deleted 이력 is audit_missing; an edited 이력 row is audit_broken', async () => {
    const file = await importedBook('audit.xlsx');
    expect(run('tally', file).status).toBe(0);
    const copy = path.join(work, 'audit-copy.xlsx');
    copyFileSync(file, copy);
    copyFileSync(`${file}.key`, `${copy}.key`);

    const book = await excel(file);
    const audit = book.getWorksheet('이력') as ExcelJS.Worksheet;
    const header = (audit.getRow(1).values as unknown[]).slice(1).map(String);
    audit.getRow(2).getCell(header.indexOf('내용') + 1).value = '손으로 고친 내용';
    await book.xlsx.writeFile(file);
    expect(runJson<TallyOut>('tally', file).warnings.map((w) => w.code)).toContain('audit_broken');

    const other = await excel(copy);
    other.removeWorksheet((other.getWorksheet('이력') as ExcelJS.Worksheet).id);
    await other.xlsx.writeFile(copy);
    expect(runJson<TallyOut>('tally', copy).warnings.map((w) => w.code)).toContain('audit_missing');
  });
});
