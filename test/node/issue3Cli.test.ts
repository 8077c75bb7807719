/**
 * Issue 3's workbook features end to end through the built CLI on real files: a real pabulib
 * instance imported into an .xlsx, `tally --compare` on the workbook (against the same on the
 * .pb), a CP949 score sheet imported with weights set, and an override without a reason refused.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { cliUnderTest, readTabBack as tab, ROOT as root } from '../helpers/cliProcess';

const fixture = path.join(root, 'test/fixtures/pabulib/poland_wieliczka_2023_green-budget.pb');
const amsterdam = path.join(root, 'test/fixtures/pabulib/netherlands_amsterdam_604_.pb');
const { work, run, runJson } = cliUnderTest('issue3');

async function edit(file: string, change: (book: ExcelJS.Workbook) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  change(book);
  await book.xlsx.writeFile(file);
}

interface Compare {
  voters: number;
  rules: { rule: string; selected: string[]; spent: number; satisfiedVoters: number; satisfiedShare: number; official: boolean | null }[];
  differences: { id: string; selectedBy: string[] }[];
  configuredRule?: string;
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('tally <book.xlsx> --compare', () => {
  it('gives the same comparison as the .pb it was imported from, and writes the 비교 tab', async () => {
    const book = path.join(work, 'wieliczka.xlsx');
    expect(run('import', book, fixture).status).toBe(0);
    const fromPb = runJson<Compare>('tally', fixture, '--compare');
    const fromBook = runJson<Compare>('tally', book, '--compare');
    expect(fromBook.voters).toBe(fromPb.voters);
    expect(fromBook.configuredRule).toBe('mes');
    for (const [i, r] of fromBook.rules.entries()) {
      expect(r.rule).toBe(fromPb.rules[i].rule);
      expect([...r.selected].sort()).toEqual([...fromPb.rules[i].selected].sort());
      expect(r.satisfiedVoters).toBe(fromPb.rules[i].satisfiedVoters);
      expect(r.official).toBeNull();
    }
    const mes = fromBook.rules.find((r) => r.rule === 'mes');
    const greedy = fromBook.rules.find((r) => r.rule === 'greedy');
    // Wieliczka's official MES+Add1 outcome: 30 projects for 995,079 (pabulib README).
    expect(mes?.selected).toHaveLength(30);
    expect(mes?.spent).toBe(995_079);
    expect(fromBook.differences.length).toBeGreaterThan(0);
    expect(mes?.satisfiedShare).not.toBe(greedy?.satisfiedShare);

    const grid = await tab(book, '비교');
    const header = grid.findIndex((row) => row?.[0] === '규칙');
    const mesRow = grid.slice(header + 1, header + 4).find((row) => String(row[0]).startsWith('mes'));
    expect(mesRow?.slice(1, 6)).toEqual([30, 995_079, 1_000_000 - 995_079, mes?.satisfiedVoters, Math.round((mes?.satisfiedShare ?? 0) * 1e6) / 1e6]); // a number shown as 0.0%
    const table = grid.findIndex((row) => row?.[0] === '번호');
    const marked = grid.slice(table + 1).filter((row) => row?.[5 + 1] === '선정').map((row) => String(row[0]));
    expect(marked.sort()).toEqual([...(mes?.selected ?? [])].sort());

    const text = run('tally', book, '--compare');
    expect(text.stdout).toContain('한 개 이상 선정된 투표자');
    expect(text.stdout).not.toContain('공식 결과와 같음');
  }, 180_000);
});

describe('weights, score sheet and overrides through the CLI', () => {
  it('imports a CP949 score sheet, ranks by the weighted score, and refuses an override without a reason (Amsterdam 604)', async () => {
    const book = path.join(work, 'weighted.xlsx');
    expect(run('import', book, amsterdam).status).toBe(0);
    await edit(book, (wb) => {
      const settings = wb.getWorksheet('설정') as ExcelJS.Worksheet;
      settings.eachRow((row) => {
        const key = String(row.getCell(1).value);
        if (key === '선정 방식' || key === 'rule') row.getCell(2).value = 'greedy';
      });
      settings.addRow(['가중치', '투표 70, 심사 30']);
      settings.addRow(['점수 환산', '최고점 대비']);
    });
    const csv = path.join(work, '심사.csv');
    writeFileSync(csv, iconv.encode('의제번호,심사위원,점수\r\n42347,김위원,95\r\n42347,이위원,85\r\n42360,김위원,10\r\n42360,이위원,20\r\n999,김위원,70\r\n', 'cp949'));
    const imported = runJson<{ shape: string; encoding: string; rowsRead: number; scoresCounted: number; setAside: { total: number } }>('import', book, csv);
    expect(imported).toMatchObject({ shape: 'scores', encoding: 'cp949', rowsRead: 5, scoresCounted: 4, setAside: { total: 1 } });

    const tally = runJson<{ validBallots: number; weighted: { formula: string; effectiveWeights: { ratio: number }[] }; agendas: { id: string; votes: number; score: { final: number; parts: { part: string; raw: number }[] } | null }[] }>('tally', book);
    expect(tally.weighted.formula).toContain('70/100 × 투표 + 30/100 × 심사');
    // 2 scorers hold 30% of the score; the voters 70%: one scorer ≈ (30/2)/(70/voters) residents.
    const voters = tally.validBallots;
    expect(tally.weighted.effectiveWeights[0].ratio).toBeCloseTo((30 / 2) / (70 / voters), 4);
    const top = Math.max(...tally.agendas.map((a) => a.votes));
    const a = tally.agendas.find((x) => x.id === '42347');
    expect(a?.score?.final).toBeCloseTo(70 * ((a?.votes ?? 0) / top) + 30 * 1, 6);
    // 42360 has the most votes, but its committee points (15 of 90) put 42347 first: 70 × 1663/1811 + 30 > 70 + 30 × 15/90.
    expect(tally.agendas.map((x) => x.id).slice(0, 2)).toEqual(['42347', '42360']);
    const results = await tab(book, '결과');
    expect(results.find((row) => row?.[0] === '최종 점수 공식')?.[1]).toBe(tally.weighted.formula);

    await edit(book, (wb) => {
      const overrides = wb.getWorksheet('조정') as ExcelJS.Worksheet;
      overrides.addRow(['42360', '제외', '', '운영위원회', '2023-05-02']);
    });
    const before = sha(book);
    const refused = run('tally', book);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('2행: 사유가 없습니다');
    expect(sha(book)).toBe(before);

    await edit(book, (wb) => {
      const overrides = wb.getWorksheet('조정') as ExcelJS.Worksheet;
      overrides.getRow(2).getCell(3).value = '=HYPERLINK("x") 사업 부지 사용 불가';
    });
    const applied = runJson<{ selected: string[]; overrides: { id: string; decision: string; reason: string }[] }>('tally', book);
    expect(applied.selected).not.toContain('42360');
    expect(applied.overrides).toEqual([expect.objectContaining({ id: '42360', decision: 'exclude', reason: '=HYPERLINK("x") 사업 부지 사용 불가' })]);
    const text = run('tally', book);
    expect(text.stdout).toContain('조정: 42360 제외 — 사유: =HYPERLINK("x") 사업 부지 사용 불가 (운영위원회, 2023-05-02)');
    // The reason lands in 결과 as text, never as a formula.
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.readFile(book);
    const ws = book2.getWorksheet('결과') as ExcelJS.Worksheet;
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
    }));
    expect(formulas).toBe(0);
  }, 180_000);
});
