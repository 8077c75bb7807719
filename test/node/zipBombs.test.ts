/**
 * Hostile .xlsx files built here byte by byte: a zip whose directory lies about a part's size
 * (4 KB declared, gigabytes of deflated zeros behind it), one that tells the truth about an absurd
 * size, and the tool's own workbook with long, highly compressible cells (which the old ratio
 * guard refused). The CLI runs as a separate process; its peak memory is measured there.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { cliUnderTest, ROOT } from '../helpers/cliProcess';
import { deflatedZeros, honest, xlsxWith, zipOf } from '../helpers/hostileZip';

const { work, run } = cliUnderTest('bombs');
const USAGE = path.join(ROOT, 'test/helpers/reportUsage.cjs');
const MB = 1024 * 1024;

jest.setTimeout(180_000);

/** The CLI on `args`, with its peak memory and run time. */
function measured(...args: string[]): { status: number; stderr: string; maxRssBytes: number; ms: number } {
  const usage = path.join(work, 'usage.json');
  writeFileSync(usage, '{}');
  const r = spawnSync(process.execPath, ['--require', USAGE, path.join(work, 'cli.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), CIVIC_USAGE_FILE: usage },
  });
  const { maxRssBytes, ms } = JSON.parse(readFileSync(usage, 'utf8')) as { maxRssBytes: number; ms: number };
  return { status: r.status ?? -1, stderr: r.stderr, maxRssBytes, ms };
}

let book: string;
beforeAll(() => {
  book = path.join(work, 'book.xlsx');
  expect(run('init', book).status).toBe(0);
});

describe('zip bombs', () => {
  it('a sheet declared as 4 KB that inflates to 512 MB is refused at the first byte past its claim', async () => {
    const zeros = await deflatedZeros(512 * MB);
    const bomb = path.join(work, 'liar.xlsx');
    writeFileSync(bomb, await xlsxWith(() => ({ name: 'xl/worksheets/sheet1.xml', data: zeros, crc: 0, declaredSize: 4096 })));
    const r = measured('import', book, bomb);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/압축 폭탄.*a part inflates beyond its declared size/);
    expect(r.maxRssBytes).toBeLessThan(300 * MB);
    console.log(`lying directory, 512 MB behind 4 KB: refused in ${r.ms} ms at ${Math.round(r.maxRssBytes / MB)} MB`);
  });

  it('the same lie inside a workbook is refused by every command that opens it', async () => {
    const zeros = await deflatedZeros(256 * MB);
    const bombBook = path.join(work, 'liar-book.xlsx');
    const original = readFileSync(book);
    const parts = unzipSync(new Uint8Array(original));
    writeFileSync(bombBook, zipOf(Object.entries(parts).map(([name, data]) => (name === 'xl/worksheets/sheet1.xml' ? { name, data: zeros, crc: 0, declaredSize: 4096 } : honest(name, Buffer.from(data))))));
    const r = measured('tally', bombBook);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/비정상적으로 큰 파일이라 열지 않았습니다 \(a part inflates beyond its declared size\)/);
    expect(r.maxRssBytes).toBeLessThan(300 * MB);
  });

  it('a directory that tells the truth about 4 GB is refused before anything inflates', async () => {
    const bomb = path.join(work, 'honest.xlsx');
    // 4 GB - 1: the largest size a plain zip entry can declare.
    writeFileSync(bomb, await xlsxWith(() => ({ name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(Buffer.alloc(MB)), crc: 0, declaredSize: 0xffffffff })));
    const r = measured('import', book, bomb);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/one part expands to more than 256 MB/);
    expect(r.maxRssBytes).toBeLessThan(300 * MB);
  });
});

describe('the tool never refuses what it wrote', () => {
  it('an export with 60,000-character 동 cells imports (cut to 50,000, noted), and the workbook then opens', async () => {
    const ready = path.join(work, 'long-cells.xlsx');
    expect(run('init', ready).status).toBe(0);
    const prepared = new ExcelJS.Workbook();
    await prepared.xlsx.readFile(ready);
    (prepared.getWorksheet('설정') as ExcelJS.Worksheet).eachRow((row) => {
      if (row.getCell(1).value === '총예산') row.getCell(2).value = '1억';
      if (row.getCell(1).value === '선택 수') row.getCell(2).value = '1';
    });
    (prepared.getWorksheet('의제') as ExcelJS.Worksheet).addRow(['A01', '마을축제', '문화', '6천만원', '자치행정과']);
    await prepared.xlsx.writeFile(ready);
    const csv = path.join(work, 'long.csv');
    const long = '가'.repeat(60_000);
    const rows = ['투표자,투표일시,선택1,동'];
    for (let i = 0; i < 300; i++) rows.push(`v${i},2020-07-07 09:00:00,A01,${long}`);
    writeFileSync(csv, rows.join('\n'));
    const imported = run('import', ready, csv, '--json');
    expect(imported.status).toBe(0);
    const report = JSON.parse(imported.stdout) as { warningCodes: string[] };
    expect(report).toMatchObject({ rowsRead: 300, ballotsCounted: 300, trimmed: 300, setAside: { total: 0 } });
    expect(report.warningCodes).toContain('cells_clipped');
    const ballots = await ballotsTab(ready);
    expect(ballots.every((cell) => cell.length === 50_000)).toBe(true);
    // The saved workbook (its 투표 tab deflates far beyond 200:1) opens for the next commands.
    const tally = run('tally', ready, '--json');
    expect(tally.status).toBe(0);
    expect(JSON.parse(tally.stdout)).toMatchObject({ validBallots: 300 });
    const again = path.join(work, 'more.csv');
    writeFileSync(again, `투표자,투표일시,선택1,동\nw1,2020-07-07 10:00:00,A01,${long}\n`);
    expect(run('import', ready, again).status).toBe(0);
  });

  it('a line longer than its cells at the limit is refused as soon as it is seen', () => {
    const ready = path.join(work, 'book.xlsx');
    const csv = path.join(work, 'long-header.csv');
    writeFileSync(csv, `투표자,투표일시,${'x'.repeat(50 * MB)}\nv1,2020-07-07 09:00:00,A01\n`);
    const r = measured('import', ready, csv);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1번째 줄이 너무 깁니다.*Line 1 is too long/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.maxRssBytes).toBeLessThan(300 * MB);
    console.log(`a 50 MB header line: refused in ${r.ms} ms at ${Math.round(r.maxRssBytes / MB)} MB`);
  });
});

/** The 동 cells of 투표, read back with ExcelJS. */
async function ballotsTab(file: string): Promise<string[]> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(file);
  const ws = read.getWorksheet('투표') as ExcelJS.Worksheet;
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const dong = header.indexOf('동');
  const cells: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) cells.push(String(row.getCell(dong).value));
  });
  return cells;
}
