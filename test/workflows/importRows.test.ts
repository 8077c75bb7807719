import { csvRowBatches, parseCsv } from '../../src/io/csv';
import { initWorkbook, importTable } from '../../src/workflows';
import { importRows } from '../../src/workflows/importBallots';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { testContext } from '../helpers/context';

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2'], ['투표 시작', '2020-07-06'], ['투표 종료', '2020-07-13']]);
  wb.writeTab('의제', [['번호', '의제명', '분야', '사업비'], ['A01', '마을축제', '문화', '6천만원'], ['A02', '방역 봉사단', '안전', '5천만원'], ['A03', '마을장터', '경제', '3천만']]);
  return wb;
}

/** Every kind of row an export brings: counted, second votes (before and after the first), bad rows, quotes, blanks. */
function exportText(rows: number): string {
  const lines = ['투표자,투표일시,선택1,선택2,동,비고'];
  for (let i = 0; i < rows; i++) {
    const day = 6 + (i % 7);
    const voter = i % 50 === 7 ? `010-0000-${String(i - 1).padStart(4, '0')}` : `010-0000-${String(i).padStart(4, '0')}`;
    if (i % 97 === 3) lines.push(`${voter},2020-07-${String(day).padStart(2, '0')} 09:00:00,A09,A01,신길1동,"모르는 의제, ""A09"""`);
    else if (i % 131 === 5) lines.push(`${voter},어제,A01,,신길2동,`);
    else if (i % 151 === 9) lines.push(`${voter},2020-07-08 10:00:00,A01,A02,신길3동,남는 칸,하나 더`);
    else if (i % 89 === 0) lines.push('');
    else lines.push(`${voter},2020-07-${String(day).padStart(2, '0')} ${String(23 - (i % 24)).padStart(2, '0')}:00:00,A0${1 + (i % 3)},A0${1 + ((i + 1) % 3)},신길${1 + (i % 3)}동,"여러 줄\r\n비고"`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('importRows (rows in batches) against importTable (one array)', () => {
  test('counts, sets aside and writes exactly the same, over several batches', () => {
    const text = exportText(9_000);
    expect([...csvRowBatches(text).batches()].length).toBeGreaterThan(1);
    const whole = book();
    const batched = book();
    const a = importTable(whole, testContext(), { fileName: 'x.csv', encoding: 'utf-8', rows: parseCsv(text).rows });
    const b = importRows(batched, testContext(), { fileName: 'x.csv', encoding: 'utf-8' }, csvRowBatches(text));
    expect(b).toEqual(a);
    expect(a.setAside.total).toBeGreaterThan(200);
    expect(a.rowsCounted + a.setAside.total).toBe(a.rowsRead);
    for (const tab of ['투표', '제외', '이력']) expect(batched.readTab(tab)).toEqual(whole.readTab(tab));
  });

  test('a file refused half-way (an unclosed quote) or with only a header changes nothing, not even the salt', () => {
    for (const text of [exportText(6_000).replace('010-0000-4000,', '010-0000-4000,"'), '투표자,선택1\r\n\r\n']) {
      const wb = book();
      const before = new Map(wb.tabNames().map((name) => [name, wb.readTab(name)]));
      expect(() => importRows(wb, testContext(), { fileName: 'bad.csv', encoding: 'utf-8' }, csvRowBatches(text))).toThrow(/따옴표|머리글만/);
      expect(wb.secrets.size).toBe(0);
      for (const [name, grid] of before) expect(wb.readTab(name)).toEqual(grid);
    }
  });

  test('the source is released once, after its last reading and before 투표 is written', () => {
    const rows = csvRowBatches(exportText(3_000));
    const events: string[] = [];
    const wb = book();
    const appendRows = wb.appendRows.bind(wb);
    wb.appendRows = (name, grid) => {
      events.push(`append ${name}`);
      appendRows(name, grid);
    };
    const source = {
      batches: () => {
        events.push('read');
        return rows.batches();
      },
      expectedRows: rows.expectedRows,
      release: () => {
        events.push('release');
        rows.release();
      },
    };
    const report = importRows(wb, testContext(), { fileName: 'x.csv', encoding: 'utf-8' }, source);
    expect(report.setAside.total).toBeGreaterThan(0);
    const released = events.indexOf('release');
    expect(events.filter((e) => e === 'release')).toHaveLength(1);
    expect(events.slice(0, released)).toContain('read');
    expect(events.slice(released + 1)).not.toContain('read');
    expect(events.indexOf('append 투표')).toBeGreaterThan(released);
  });
});
