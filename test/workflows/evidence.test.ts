import { importTable, readStatus, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { runIntegrity } from '../../src/workflows/integrity';
import { DOCUMENT_KEY } from '../../src/workflows/documentKey';
import { appendAudit } from '../../src/workflows/audit';
import { checkAuditChain, nextLink } from '../../src/workflows/auditChain';
import { appendRecords, readTab } from '../../src/workflows/tabs';
import { gridHash } from '../../src/core/hash';
import type { Cell, Grid } from '../../src/workflows/workbook';
import { testContext } from '../helpers/context';
import { prepareSmallVote, smallExport } from '../helpers/smallVote';

/** A memory workbook that, like Sheets' getFormulas, says which 투표 rows hold a formula. */
class FormulaWorkbook extends MemoryWorkbook {
  readonly formulas = new Map<string, Set<number>>();
  formulaRows(name: string): ReadonlySet<number> {
    return this.formulas.get(name) ?? new Set();
  }
}

function setUp(voters = 12): { wb: FormulaWorkbook; ctx: ReturnType<typeof testContext> } {
  const wb = new FormulaWorkbook();
  const ctx = testContext();
  prepareSmallVote(wb, ctx);
  importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: smallExport(voters) });
  return { wb, ctx };
}

/** The evidence warnings only (the tally also warns of other things, e.g. no voting window). */
const EVIDENCE = new Set(['ballots_edited', 'audit_missing', 'audit_broken', 'audit_chain_started']);
const codes = (warnings: readonly { code: string }[]): string[] => warnings.map((w) => w.code).filter((c) => EVIDENCE.has(c));
const column = (grid: Grid, name: string): number => grid[0].indexOf(name);

function editCell(wb: MemoryWorkbook, tab: string, row: number, col: number, value: Cell): void {
  const grid = wb.readTab(tab) as Grid;
  grid[row - 1][col] = value;
  wb.writeTab(tab, grid);
}

describe('투표 under seal', () => {
  it('an untouched workbook tallies without evidence warnings, and its 결과 digest is keyed', () => {
    const { wb, ctx } = setUp();
    const result = runTally(wb, ctx);
    expect(codes(result.warnings)).toEqual([]);
    expect(result.voters).toBe(12);
    const audit = wb.readTab('이력') as Grid;
    const resultsTab = audit[audit.length - 1][column(audit, '결과 탭 지문')];
    expect(String(resultsTab)).toMatch(/^hmac:[0-9a-f]{32}$/);
    expect(audit.slice(1).every((row) => /^[0-9a-f]{32}$/.test(String(row[column(audit, '연결 지문')])))).toBe(true);
    const importRow = audit.find((row) => row[column(audit, '작업')] === '가져오기') as Cell[];
    expect(importRow[column(audit, '투표 행 수')]).toBe(12);
    expect(readStatus(wb, ctx).resultsEdited).toBe(false);
  });

  it('a changed pick, a row with a made-up import id and a deleted row are reported with their rows', () => {
    const { wb, ctx } = setUp();
    const ballots = wb.readTab('투표') as Grid;
    const choices = column(ballots, '선택');
    ballots[3][choices] = 'A03';
    const madeUp = [...ballots[5]];
    madeUp[column(ballots, '가져오기')] = 'ffffffffffff';
    madeUp[column(ballots, '투표자키')] = 'v0123456789abcdef0123456789abcde';
    ballots.splice(8, 1);
    ballots.push(madeUp);
    wb.writeTab('투표', ballots);
    const result = runTally(wb, ctx);
    const edited = result.warnings.find((w) => w.code === 'ballots_edited');
    expect(edited?.message).toContain('바뀐 행 1개 (4행)');
    expect(edited?.message).toContain(`더해진 행 1개 (${ballots.length}행)`);
    expect(edited?.message).toContain('행 1개가 지워짐');
    // 결과's header, the check and the status say it too.
    expect((wb.readTab('결과') as Grid).some((row) => row[0] === '주의' && String(row[1]).includes('손으로 고쳐졌습니다'))).toBe(true);
    expect(codes(runIntegrity(wb, ctx).warnings)).toContain('ballots_edited');
  });

  it('a tally that found every row sealed records it, so an unchanged 투표 is checked by one hash; an edit after still shows', () => {
    const { wb, ctx } = setUp();
    runTally(wb, ctx);
    const audit = (): Grid => wb.readTab('이력') as Grid;
    const sealOfLast = (): string => String(audit()[audit().length - 1][column(audit(), '봉인')]);
    expect(sealOfLast()).toMatch(/^checked:[0-9a-f]{32}$/);
    const first = sealOfLast();
    expect(codes(runTally(wb, ctx).warnings)).toEqual([]);
    expect(sealOfLast()).toBe(first);
    // Rows of an import removed, and the tally row's record copied from a state before it: still caught.
    importTable(wb, ctx, { fileName: 'second.csv', encoding: 'utf-8', rows: smallExport(15).map((row, i) => (i === 0 ? row : [row[0].replace('010-1000', '010-2000'), ...row.slice(1)])) });
    runTally(wb, ctx);
    const ballots = (wb.readTab('투표') as Grid).slice(0, 13);
    wb.writeTab('투표', ballots);
    editCell(wb, '이력', audit().length, column(audit(), '봉인'), first);
    const after = runTally(wb, ctx);
    expect(codes(after.warnings)).toEqual(['ballots_edited', 'audit_broken']);
    expect(after.warnings.find((w) => w.code === 'ballots_edited')?.message).toContain('행 15개가 지워짐');
    expect(sealOfLast()).toBe('');
  });

  it('a row copied twice is one row added', () => {
    const { wb, ctx } = setUp();
    const ballots = wb.readTab('투표') as Grid;
    ballots.push([...ballots[2]]);
    wb.writeTab('투표', ballots);
    const edited = runTally(wb, ctx).warnings.find((w) => w.code === 'ballots_edited');
    expect(edited?.message).toContain(`더해진 행 1개 (${ballots.length}행)`);
  });

  it('a formula cell in 투표 is an edit and is not counted', () => {
    const { wb, ctx } = setUp();
    const before = runTally(wb, ctx);
    wb.formulas.set('투표', new Set([2, 3]));
    const after = runTally(wb, ctx);
    expect(after.validBallots).toBe(before.validBallots - 2);
    expect(after.warnings.find((w) => w.code === 'ballots_edited')?.message).toContain('수식이 든 행 2개 (2, 3행, 세지 않음)');
  });

  it('refuses a renamed or deleted 투표 while 이력 records imports, and 결과 is left as it was', () => {
    const { wb, ctx } = setUp();
    runTally(wb, ctx);
    const results = wb.readTab('결과');
    wb.tabs.set('투표 (사본)', wb.tabs.get('투표') as Grid);
    wb.deleteTab('투표');
    expect(() => runTally(wb, ctx)).toThrow(/'투표' 탭이 없습니다.*가져오기 1건/);
    expect(() => runIntegrity(wb, ctx)).toThrow(/'Ballots' \(투표\) tab is missing/);
    expect(wb.readTab('결과')).toEqual(results);
  });
});

describe('이력 as a keyed chain', () => {
  it('a changed 이력 row breaks the chain at that row; a removed row breaks it at the row below', () => {
    const { wb, ctx } = setUp();
    runTally(wb, ctx);
    runTally(wb, ctx);
    const audit = wb.readTab('이력') as Grid;
    editCell(wb, '이력', 3, column(audit, '내용'), '3/3 선정');
    expect(runTally(wb, ctx).warnings.find((w) => w.code === 'audit_broken')?.message).toContain('3행');

    const fresh = setUp();
    runTally(fresh.wb, fresh.ctx);
    runTally(fresh.wb, fresh.ctx);
    const rows = fresh.wb.readTab('이력') as Grid;
    rows.splice(2, 1);
    fresh.wb.writeTab('이력', rows);
    expect(runTally(fresh.wb, fresh.ctx).warnings.find((w) => w.code === 'audit_broken')?.message).toContain('3행');
  });

  it('two writers at once (a reminder row landing between the steps of an import) is not a break; removing the row they share still is', () => {
    const { wb, ctx } = setUp();
    const key = wb.secrets.get(DOCUMENT_KEY) as string;
    // The import's row is made when the job is planned, against 이력 as it was then …
    const planned: Record<string, Cell> = { when: '2020-07-14 10:00:00', who: 'staff', what: '가져오기', detail: 'late.csv', input: 'f'.repeat(64), settings: '', result: '', resultsTab: '', ballots: 0, seal: '' };
    planned.chain = nextLink(key, readTab(wb, 'audit'), planned).chain;
    // … the daily reminder trigger adds its row meanwhile, and the job's last step appends its own.
    appendAudit(wb, ctx, readTab(wb, 'audit'), { what: 'reminders', detail: '', input: '', settings: '', result: '' });
    appendRecords(wb, 'audit', 'ko', [planned]);
    expect(checkAuditChain(key, readTab(wb, 'audit')).broken).toEqual([]);
    // The row both link to removed: both break.
    const rows = wb.readTab('이력') as Grid;
    rows.splice(rows.length - 3, 1);
    wb.writeTab('이력', rows);
    expect(checkAuditChain(key, readTab(wb, 'audit')).broken).toEqual([rows.length - 1, rows.length]);
  });

  it('a deleted 이력 while 투표 and 결과 exist is audit_missing', () => {
    const { wb, ctx } = setUp();
    runTally(wb, ctx);
    expect(readStatus(wb, ctx).auditMissing).toBe(false);
    wb.deleteTab('이력');
    expect(readStatus(wb, ctx).auditMissing).toBe(true);
    expect(codes(runTally(wb, ctx).warnings)).toContain('audit_missing');
  });

  it('결과 changed and its plain hash recomputed in 이력 is still caught: the digest is keyed, and the chain breaks', () => {
    const { wb, ctx } = setUp();
    runTally(wb, ctx);
    const results = (wb.readTab('결과') as Grid).map((row) => row.map((cell) => (cell === '선정' ? '미선정' : cell)));
    wb.writeTab('결과', results);
    const audit = wb.readTab('이력') as Grid;
    editCell(wb, '이력', audit.length, column(audit, '결과 탭 지문'), gridHash(results));
    expect(readStatus(wb, ctx).resultsEdited).toBe(true);
    expect(codes(runTally(wb, ctx).warnings)).toContain('audit_broken');
  });

  it('an older workbook (이력 rows without digests) keeps working, and says once that the chain starts', () => {
    const { wb, ctx } = setUp();
    runTally(wb, ctx);
    // As an older version wrote it: no seal, no link, and 결과's plain hash.
    const old = (wb.readTab('이력') as Grid).map((row, i) => (i === 0 || row[2] !== '개표' ? row.slice(0, 8) : [...row.slice(0, 7), gridHash(wb.readTab('결과') as Grid)]));
    wb.writeTab('이력', old);
    const first = runTally(wb, ctx);
    expect(codes(first.warnings)).toEqual(['audit_chain_started']);
    expect(codes(runTally(wb, ctx).warnings)).toEqual([]);
    expect(readStatus(wb, ctx).resultsEdited).toBe(false);
  });
});

describe('the document key', () => {
  it('an import into a workbook whose key was deleted is refused, naming where the key was looked for', () => {
    const { wb, ctx } = setUp();
    wb.secrets.delete(DOCUMENT_KEY);
    const tabs = JSON.stringify([...wb.tabs]);
    expect(() => importTable(wb, ctx, { fileName: 'more.csv', encoding: 'utf-8', rows: smallExport(3) })).toThrow(/투표자 열쇠를 찾을 수 없습니다 \(찾아본 곳: 문서 속성/);
    expect(() => runTally(wb, ctx)).toThrow(/no new key was made/);
    expect(wb.secrets.has(DOCUMENT_KEY)).toBe(false);
    expect(JSON.stringify([...wb.tabs])).toBe(tabs);
  });

  it("another workbook's key is refused: no 이력 row checks under it", () => {
    const { wb, ctx } = setUp();
    wb.secrets.set(DOCUMENT_KEY, 'someone-elses-key-0123456789abcdef');
    expect(() => importTable(wb, ctx, { fileName: 'more.csv', encoding: 'utf-8', rows: smallExport(3) })).toThrow(/이 통합문서의 것이 아닙니다/);
    expect(() => runTally(wb, ctx)).toThrow(/is not this workbook's/);
  });
});
