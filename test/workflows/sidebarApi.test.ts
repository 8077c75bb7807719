/** The sidebar's server functions over a MemoryWorkbook: chunked import, settings form, status. */
import { importTable, initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { sidebarHandlers as api } from '../../src/workflows/sidebarApi';
import { STAGING_TAB, stagedChunks } from '../../src/workflows/stagedImport';
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { testContext } from '../helpers/context';

function setUp(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [
    ['항목', '값', '설명'],
    ['총예산', '100,000,000', '메모는 남는다'],
    ['선택 수', '2', ''],
    ['동점 처리', '낮은 사업비', ''],
    ['우리 구 메모', '그대로', ''],
  ]);
  wb.writeTab('분야', [['분야', '예산'], ['문화', ''], ['안전', '']]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
    ['A03', '마을장터', '문화', '3천만'],
  ]);
  return wb;
}

/** 25 distinct voters, one invalid (unknown agenda). */
function exportRows(): string[][] {
  const rows = [['투표자', '선택1', '선택2']];
  for (let i = 0; i < 25; i++) rows.push([`010-0000-${String(1000 + i)}`, i % 2 ? 'A01' : 'A02', i === 7 ? 'A99' : 'A03']);
  return rows;
}

function chunksOf(rows: string[][], size: number): string[][][] {
  const out: string[][][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Every secret the same, so both paths salt voter keys alike and their tabs compare cell by cell. */
const sameSalt = (): ReturnType<typeof testContext> => testContext({ randomSecret: () => 'same-secret-0123456789abcdef' });

function begin(wb: MemoryWorkbook, rows: string[][], ctx = testContext()) {
  return api.importBegin(wb, ctx, { fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(rows), rowCount: rows.length });
}

describe('chunked import', () => {
  test('counts exactly what a one-shot import counts, and removes the staging tab', () => {
    const rows = exportRows();
    const oneShot = setUp();
    const expected = importTable(oneShot, sameSalt(), { fileName: 'x.csv', encoding: 'utf-8', rows });

    const wb = setUp();
    const ctx = sameSalt();
    const { importId, alreadyImported } = begin(wb, rows, ctx);
    expect(alreadyImported).toBe(false);
    const chunks = chunksOf(rows, 7);
    chunks.forEach((chunk, index) => api.importChunk(wb, ctx, { importId, index, rows: chunk }));
    expect(wb.tabs.get('투표')?.length).toBe(1); // nothing counted before finish
    const report = api.importFinish(wb, ctx, importId, chunks.length);
    expect(report).toEqual(expected);
    expect(report.ballotsCounted).toBe(24);
    expect(report.setAside.reasons).toEqual({ unknown_agenda: 1 });
    expect(wb.tabs.has(STAGING_TAB)).toBe(false);
    expect(wb.tabs.get('투표')?.length).toBe(25);
    // Voters hashed on arrival (same salt: same keys), so 투표 is the one-shot import's to the cell.
    expect(wb.tabs.get('투표')).toEqual(oneShot.tabs.get('투표'));
    expect(wb.tabs.get('제외')).toEqual(oneShot.tabs.get('제외'));
  });

  test('no phone number is ever staged: voter cells are keys as each chunk arrives, also in an upload left half-way', () => {
    // With a name column too: it is hashed on arrival like the phone number.
    const rows = exportRows().map((row, i) => [...row, i === 0 ? '이름' : `주민${String(i).padStart(2, '0')}`]);
    // A 투표 tab exported and imported again: its voter cells are keys already and stay as they are.
    rows[5][0] = 'v0123456789abcdef0123456789abcde';
    const wb = setUp();
    const ctx = sameSalt();
    const { importId } = begin(wb, rows, ctx);
    const chunks = chunksOf(rows, 7);
    chunks.slice(0, 2).forEach((chunk, index) => api.importChunk(wb, ctx, { importId, index, rows: chunk }));
    const staged = [...stagedChunks(wb.tabs.get(STAGING_TAB) ?? null, importId).values()].flatMap((rows) => rows ?? []);
    expect(staged).toHaveLength(14);
    expect(staged[0]).toEqual(rows[0]);
    for (const row of staged.slice(1)) expect([row[0], row[3]]).toEqual([expect.stringMatching(/^v[0-9a-f]{31}$/), expect.stringMatching(/^v[0-9a-f]{31}$/)]);
    expect(staged[5][0]).toBe(rows[5][0]);
    const everyCell = JSON.stringify(wb.tabs.get(STAGING_TAB));
    for (const row of rows.slice(1)) {
      if (row[0].startsWith('010')) expect(everyCell).not.toContain(row[0]);
      expect(everyCell).not.toContain(row[3]);
    }
    // The rest arrives, and what is counted is still checked against the file the browser read.
    chunks.slice(2).forEach((chunk, i) => api.importChunk(wb, ctx, { importId, index: i + 2, rows: chunk }));
    const oneShot = setUp();
    expect(api.importFinish(wb, ctx, importId, chunks.length)).toEqual(importTable(oneShot, sameSalt(), { fileName: 'x.csv', encoding: 'utf-8', rows }));
    expect(wb.tabs.get('투표')).toEqual(oneShot.tabs.get('투표'));
  });

  test('a chunk sent twice (a retry) is counted once', () => {
    const rows = exportRows();
    const wb = setUp();
    const ctx = testContext();
    const { importId } = begin(wb, rows, ctx);
    const chunks = chunksOf(rows, 10);
    chunks.forEach((chunk, index) => api.importChunk(wb, ctx, { importId, index, rows: chunk }));
    api.importChunk(wb, ctx, { importId, index: 1, rows: chunks[1] });
    const report = api.importFinish(wb, ctx, importId, chunks.length);
    expect(report.rowsRead).toBe(25);
    expect(wb.tabs.get('투표')?.length).toBe(25);
  });

  test('cancel leaves nothing counted; a retry then counts once; the same file again is refused at begin', () => {
    const rows = exportRows();
    const wb = setUp();
    const ctx = testContext();
    const first = begin(wb, rows, ctx);
    api.importChunk(wb, ctx, { importId: first.importId, index: 0, rows: rows.slice(0, 10) });
    expect(api.importCancel(wb, ctx, first.importId)).toEqual({ cancelled: true });
    expect(wb.tabs.has(STAGING_TAB)).toBe(false);
    expect(wb.tabs.get('투표')?.length).toBe(1);
    expect(wb.tabs.get('이력')?.length).toBe(1);
    expect(() => api.importChunk(wb, ctx, { importId: first.importId, index: 1, rows: rows.slice(10) })).toThrow(/취소되었거나/);

    const second = begin(wb, rows, ctx);
    api.importChunk(wb, ctx, { importId: second.importId, index: 0, rows });
    expect(api.importFinish(wb, ctx, second.importId, 1).ballotsCounted).toBe(24);

    const third = begin(wb, rows, ctx);
    expect(third).toMatchObject({ importId: '', alreadyImported: true });
    expect(third.importedAt).toMatch(/^2020-07-14/);
    expect(wb.tabs.get('투표')?.length).toBe(25);
  });

  test('a missing chunk or altered rows stop the finish with nothing counted', () => {
    const rows = exportRows();
    const wb = setUp();
    const ctx = testContext();
    const a = begin(wb, rows, ctx);
    api.importChunk(wb, ctx, { importId: a.importId, index: 0, rows: rows.slice(0, 10) });
    // A chunk ahead of its turn is refused as it comes; one never sent stops the finish.
    expect(() => api.importChunk(wb, ctx, { importId: a.importId, index: 2, rows: rows.slice(20) })).toThrow(/순서가 어긋났습니다/);
    api.importChunk(wb, ctx, { importId: a.importId, index: 1, rows: rows.slice(10, 20) });
    expect(() => api.importFinish(wb, ctx, a.importId, 3)).toThrow(/3번째 묶음이 빠졌습니다/);
    expect(wb.tabs.get('투표')?.length).toBe(1);
    expect(wb.tabs.has(STAGING_TAB)).toBe(false);

    const b = begin(wb, rows, ctx);
    const tampered = rows.map((r) => [...r]);
    tampered[3][1] = 'A03';
    api.importChunk(wb, ctx, { importId: b.importId, index: 0, rows: tampered });
    expect(() => api.importFinish(wb, ctx, b.importId, 1)).toThrow(/보낸 파일과 다릅니다/);
    expect(wb.tabs.get('투표')?.length).toBe(1);
  });

  test('a second begin replaces the first upload, whose chunks are then refused', () => {
    const rows = exportRows();
    const wb = setUp();
    const ctx = testContext();
    const a = begin(wb, rows, ctx);
    const b = begin(wb, rows, ctx);
    expect(b.importId).not.toBe(a.importId);
    expect(() => api.importChunk(wb, ctx, { importId: a.importId, index: 0, rows })).toThrow(/another one started/);
  });

  test('malformed payloads are refused with a readable message', () => {
    const wb = setUp();
    const ctx = testContext({ language: 'en' });
    expect(() => api.importBegin(wb, ctx, { fileName: 'x', encoding: 'utf-8', fingerprint: 'nope', rowCount: 3 })).toThrow('not in the expected shape');
    expect(() => api.importChunk(wb, ctx, { importId: 'x', index: 0, rows: [[1]] })).toThrow('not in the expected shape');
    expect(() => api.importFinish(wb, ctx, 'x', 0)).toThrow('not in the expected shape');
  });
});

describe('settings form', () => {
  test('reads values as text and field budgets', () => {
    const form = api.readSettings(setUp());
    expect(form.values.budget).toBe('100,000,000');
    expect(form.values.picks).toBe('2');
    expect(form.values.windowStart).toBe('');
    expect(form.fields).toEqual([{ name: '문화', budget: '' }, { name: '안전', budget: '' }]);
    expect(form.problem).toBeNull();
  });

  test('writes values into their cells, adds missing settings, keeps notes and staff rows', () => {
    const wb = setUp();
    const form = api.writeSettings(wb, testContext(), {
      values: { budget: '2억', windowStart: '2020-07-06', tieBreak: '추첨' },
      fields: [{ name: '문화', budget: '1억' }],
    });
    expect(form.values).toMatchObject({ budget: '2억', windowStart: '2020-07-06', tieBreak: '추첨', picks: '2' });
    const grid = wb.tabs.get('설정') as unknown[][];
    expect(grid[1]).toEqual(['총예산', '2억', '메모는 남는다']);
    expect(grid[4]).toEqual(['우리 구 메모', '그대로', '']);
    expect(grid.find((r) => r[0] === '투표 시작')?.[1]).toBe('2020-07-06');
    expect(wb.tabs.get('분야')).toEqual([['분야', '예산'], ['문화', '1억'], ['안전', '']]);
  });

  test('an unreadable value stops the write and names every bad value', () => {
    const wb = setUp();
    const before = JSON.stringify([...wb.tabs]);
    expect(() => api.writeSettings(wb, testContext(), { values: { budget: '많이', picks: '0' } })).toThrow(/총예산\/budget = "많이".*선택 수\/picks = "0"/);
    expect(() => api.writeSettings(wb, testContext(), { values: {}, fields: [{ name: '문화', budget: '조금' }] })).toThrow(/문화 = "조금"/);
    expect(JSON.stringify([...wb.tabs])).toBe(before);
  });
});

describe('status', () => {
  test('names a broken tab and reads the budget and what the last tally spent', () => {
    const wb = setUp();
    let status = api.status(wb);
    expect(status.budget).toBe(100_000_000);
    expect(status.spent).toBeNull();
    const rows = exportRows();
    api.import(wb, testContext(), { fileName: 'x.csv', encoding: 'utf-8', rows });
    const tally = api.tally(wb, testContext());
    status = api.status(wb);
    expect(status.spent).toBe(tally.spent);
    wb.writeTab('의제', [['번호', '제목 아님']]);
    status = api.status(wb);
    expect(status.tabs.find((t) => t.key === 'agendas')?.problem).toMatch(/의제명/);
    expect(status.tabs.find((t) => t.key === 'settings')?.problem).toBeNull();
  });

  test('tabName resolves a known tab and refuses anything else', () => {
    const wb = setUp();
    expect(api.tabName(wb, testContext(), 'results')).toBe('결과');
    expect(() => api.tabName(wb, testContext(), 'secrets')).toThrow();
  });
});
