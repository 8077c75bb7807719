/**
 * Real spreadsheets in Apps Script (issue 14): 설정, 의제 and 지침 typed by a person into Google
 * Sheets — the strict fake converts each entry as the Sheets UI does (USER_ENTERED: `2020-07-13` a
 * date cell, `80%` 0.8 with a percent format, `01` the number 1, `1-1` a date) — then imported and
 * tallied through the host's RPCs. Each numbered case of the issue that applies to Apps Script is
 * one test, named by its number.
 */
import { rpcCheckPlans, rpcImport, rpcInit, rpcStatus, rpcTally } from '../../src/gas/rpc';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;
afterEach(() => uninstall?.());

/** A spreadsheet set up by hand: every cell typed into a new (General) tab. */
function typedBook(settings: [string, string][], agendas: string[][] = [['A01', '마을축제', '60,000,000'], ['A02', '방역 봉사단', '50,000,000'], ['A03', '마을장터', '30,000,000']]): void {
  fake = createFakeGas();
  uninstall = installFakeGas(fake);
  fake.spreadsheet.typeIn('설정', [['항목', '값'], ...settings]);
  fake.spreadsheet.typeIn('의제', [['번호', '의제명', '사업비'], ...agendas]);
}

function importVotes(lines: string[][]): ReturnType<typeof rpcImport> {
  return rpcImport({ fileName: `votes${Math.random()}.csv`, encoding: 'utf-8', rows: [['투표자', '투표일시', '선택1', '선택2'], ...lines] });
}

const votesOf = (agenda: string) => (row: { id: string; votes: number }[]) => row.find((a) => a.id === agenda)?.votes;

describe('what people type into Google Sheets', () => {
  test('1. 투표 종료 typed 2020-07-13 is a date cell: the whole last day counts (a 5-vote agenda cast that day is selected)', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '2'], ['투표 시작', '2020-07-06'], ['투표 종료', '2020-07-13']]);
    const settings = fake.spreadsheet.sheet('설정')!;
    expect(Object.prototype.toString.call(settings.get(5, 2))).toBe('[object Date]');
    expect(settings.format(5, 2)).toBe('yyyy-mm-dd');
    const lastDay = Array.from({ length: 5 }, (_, i) => [`010-1000-01${String(i).padStart(2, '0')}`, `2020-07-13 ${String(18 + (i % 6)).padStart(2, '0')}:30:00`, 'A03', '']);
    const report = importVotes([
      ['010-1000-0001', '2020-07-06 09:00:00', 'A01', ''],
      ['010-1000-0002', '2020-07-07 10:00:00', 'A02', ''],
      ...lastDay,
      ['010-1000-0009', '2020-07-14 00:00:01', 'A02', ''],
    ]);
    expect(report.ballotsCounted).toBe(7);
    expect(report.setAside.reasons).toEqual({ outside_window: 1 });
    const tally = rpcTally();
    expect(tally.validBallots).toBe(7);
    expect(votesOf('A03')(tally.agendas)).toBe(5);
    expect(tally.selected).toContain('A03');
    expect(tally.warnings.map((w) => w.code)).not.toContain('no_window');
  });

  test('2. 80% typed in 초과 허용 is 80 %, and 5% in 최소 득표 is 5 % of valid ballots', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '1'], ['초과 허용', '80%'], ['최소 득표', '5%']]);
    expect(fake.spreadsheet.sheet('설정')!.get(4, 2)).toBe(0.8);
    // A01 (60M) fits; A02 (50M) does not fit the 40M left, but 40M is 80 % of its cost.
    importVotes(Array.from({ length: 20 }, (_, i) => [`010-2000-${String(i).padStart(4, '0')}`, '2020-07-07 10:00:00', i < 10 ? 'A01' : i < 19 ? 'A02' : 'A03', '']));
    const tally = rpcTally();
    expect(tally.selected).toEqual(['A01', 'A02']);
    // 5 % of 20 valid ballots = 1 vote (not "0.05" refused, not 0.05 %).
    expect(tally.threshold).toBe(1);
  });

  test('2. 25% typed in 최소 득표 is 25 % of valid ballots', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '1'], ['최소 득표', '25%']]);
    importVotes(Array.from({ length: 20 }, (_, i) => [`010-2100-${String(i).padStart(4, '0')}`, '2020-07-07 10:00:00', i < 16 ? 'A01' : 'A03', '']));
    const tally = rpcTally();
    expect(tally.threshold).toBe(5);
    expect(tally.selected).toEqual(['A01']);
  });

  test('2. 50% typed as a 지침 limit is 50 %: a 38 % facility share passes it', () => {
    fake = createFakeGas();
    uninstall = installFakeGas(fake);
    rpcInit();
    const plans = fake.spreadsheet.sheet('사업계획')!;
    const header = plans.dump()[0].map(String);
    const amountColumn = header.findIndex((h) => h.startsWith('금액')) + 1;
    fake.spreadsheet.type('사업계획', 1, amountColumn, '금액(천원)');
    const row = (values: string[]) => values;
    [row(['마을 정원', '', '환경', '401-01', '화단 조성', '38,000', '2020', '구비']), row(['마을 정원', '', '환경', '201-01', '홍보', '62,000', '2020', '구비'])].forEach((cells, r) =>
      cells.forEach((text, c) => fake.spreadsheet.type('사업계획', 2 + r, c + 1, text)),
    );
    const guidelines = fake.spreadsheet.sheet('지침')!;
    const rows = guidelines.dump();
    const at = rows.findIndex((cells, i) => i > 0 && String(cells[0]) === '2020' && String(cells[2]) === '시설비');
    expect(at).toBeGreaterThan(0);
    // Retyped by a person as `50%`: Sheets keeps 0.5 with a percent format (in a cell that was not plain text).
    guidelines.setFormat(at + 1, 5, 'General');
    fake.spreadsheet.type('지침', at + 1, 5, '50%');
    expect([guidelines.get(at + 1, 5), guidelines.format(at + 1, 5)]).toEqual([0.5, '0%']);
    const review = rpcCheckPlans() as unknown as { projects: { checks: { rule: string; category: string; limit: number; status: string }[] }[] };
    const facility = review.projects[0].checks.find((c) => c.rule === 'max_share' && c.category === '시설비');
    expect(facility).toMatchObject({ limit: 0.5, status: 'pass' });
  });

  test('3. agenda number 01 typed (the number 1 in Sheets) still takes the ballots that name 01', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '2']], [['01', '마을축제', '60,000,000'], ['02', '방역 봉사단', '50,000,000']]);
    expect(fake.spreadsheet.sheet('의제')!.get(2, 1)).toBe(1);
    importVotes([['010-3000-0001', '2020-07-07 10:00:00', '01', '02'], ['010-3000-0002', '2020-07-07 11:00:00', '01', '']]);
    const tally = rpcTally();
    expect(tally.agendas.map((a) => [a.id, a.votes])).toEqual([['1', 2], ['2', 1]]);
  });

  test('3. an id typed 1-1 that Sheets turned into a date is named in a warning', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '1']], [['1-1', '마을축제', '60,000,000'], ['A02', '방역', '50,000,000']]);
    expect(Object.prototype.toString.call(fake.spreadsheet.sheet('의제')!.get(2, 1))).toBe('[object Date]');
    const warning = rpcTally().warnings.find((w) => w.code === 'agenda_id_date');
    expect(warning?.message).toMatch(/\d{4}-01-01/);
  });

  test('3. in a tab the tool set up, 01 and 1-1 typed into 의제 stay as typed (its id cells are plain text)', () => {
    fake = createFakeGas();
    uninstall = installFakeGas(fake);
    rpcInit();
    fake.spreadsheet.type('의제', 2, 1, '01');
    fake.spreadsheet.type('의제', 3, 1, '1-1');
    const agendas = fake.spreadsheet.sheet('의제')!;
    expect([agendas.get(2, 1), agendas.get(3, 1)]).toEqual(['01', '1-1']);
    expect(agendas.format(2, 1)).toBe('@');
  });

  test('4. keys typed without their space are read (투표종료, 추첨시드): the window is applied and the seed printed', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '1'], ['투표시작', '2020-07-06'], ['투표종료', '2020-07-13'], ['동점 처리', '추첨'], ['추첨시드', '4242']]);
    importVotes([['010-4000-0001', '2020-07-07 10:00:00', 'A01', ''], ['010-4000-0002', '2020-07-20 10:00:00', 'A02', '']]);
    const tally = rpcTally();
    expect(tally.validBallots).toBe(1);
    expect(tally.seed).toBe('4242');
    expect(tally.warnings.map((w) => w.code)).not.toContain('unknown_setting');
  });

  test('결과 is written with formats (amounts #,##0, shares 0.0%, ids @) and read back unchanged: no "results edited" after a plain tally', () => {
    typedBook([['총예산', '100,000,000'], ['선택 수', '1']], [['A01', '=HYPERLINK("x")', '60,000,000'], ['A02', "'따옴표", '50,000,000']]);
    importVotes([['010-6000-0001', '2020-07-07 10:00:00', 'A01', ''], ['010-6000-0002', '2020-07-07 10:00:00', 'A02', '']]);
    rpcTally();
    const result = fake.spreadsheet.sheet('결과')!;
    const rows = result.dump();
    const header = rows.findIndex((row) => row[0] === '순위');
    const columns = rows[header].map(String);
    const first = header + 2;
    expect(result.format(first, columns.indexOf('득표율') + 1)).toBe('0.0%');
    expect(result.get(first, columns.indexOf('득표율') + 1)).toBe(0.5);
    expect(result.format(first, columns.indexOf('사업비') + 1)).toBe('#,##0');
    expect(result.format(first, columns.indexOf('번호') + 1)).toBe('@');
    expect(rpcStatus().resultsEdited).toBe(false);
    // A person's edit is noticed.
    fake.spreadsheet.type('결과', first, columns.indexOf('득표율') + 1, '60%');
    expect(rpcStatus().resultsEdited).toBe(true);
  });
});
