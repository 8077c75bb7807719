/**
 * Issue 15 through the workflows (the host both the CLI and the Apps Script host are built on):
 * one phone is one voter however it is spelled, personal data is hashed by what it looks like
 * wherever it sits, and no raw value is left in any tab or document property after an import.
 */
import { initWorkbook, importTable, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { UserError } from '../../src/core/errors';
import { testContext } from '../helpers/context';
import { memoryWorkbookTexts, rawValuesFound } from '../helpers/rawScan';

function setUp(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '3'], ['선택 방식', '최대'], ['규칙 위반 투표', '무효']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만원'], ['A02', '방역 봉사단', '5천만원'], ['A03', '마을장터', '3천만'], ['A04', '청년 공간', '1천만']]);
  return wb;
}

const import1 = (wb: MemoryWorkbook, rows: string[][], fileName = 'export.csv'): ReturnType<typeof importTable> =>
  importTable(wb, testContext(), { fileName, encoding: 'utf-8', rows });

const setAsideRows = (wb: MemoryWorkbook): string => (wb.tabs.get('제외') ?? []).slice(1).map((row) => row.map(String).join(' | ')).join('\n');

describe('one phone, one voter', () => {
  it('counts the first ballot of 010-1000-5000 and sets aside every other spelling of it, across files too', () => {
    const spellings = ['+82-010-1000-5000', '+82 (0)10-1000-5000', '0082-10-1000-5000', '010–1000–5000', '010ㅡ1000ㅡ5000', '010_1000_5000', '010/1000/5000', 'tel:010-1000-5000', '010-1000-5000\u200b'];
    const wb = setUp();
    const first = import1(wb, [['휴대폰', '선택1'], ['010-1000-5000', 'A01'], ...spellings.slice(0, 4).map((s) => [s, 'A02'])], 'a.csv');
    expect(first.ballotsCounted).toBe(1);
    expect(first.setAside.reasons).toEqual({ duplicate_voter: 4 });
    const second = import1(wb, [['휴대폰', '선택1'], ...spellings.slice(4).map((s) => [s, 'A03'])], 'b.csv');
    expect(second.ballotsCounted).toBe(0);
    expect(second.setAside.reasons).toEqual({ duplicate_voter: 5 });
    expect(runTally(wb, testContext()).voters).toBe(1);
    expect(rawValuesFound(memoryWorkbookTexts(wb), ['010-1000-5000', ...spellings])).toEqual([]);
  });
});

describe('personal data by what it looks like', () => {
  it('hashes a phone number shifted under 투표일시 by an unquoted comma in 주소, and an 접속IP column', () => {
    const wb = setUp();
    const rows = [
      ['이름', '주소', '휴대폰', '투표일시', '접속IP', '선택1', '선택2'],
      ['김민준', '서울 영등포구 당산로 12', '010-3000-0001', '2020-07-10 10:00', '203.0.113.7', 'A01', 'A02'],
      // The address's comma was not quoted: every cell after it moved one to the right.
      ['이서연', '서울 영등포구', ' 여의대로 9', '010-3000-0002', '2020-07-10 10:05', '198.51.100.23', 'A01', 'A03'],
      ['박지호', '서울 문래동', '010-3000-0003', '2020-07-10 10:07', '2001:db8::42', 'A99', 'A01'],
      ['최유나', '', '010-3000-0004', '2020-07-10 10:09', '192.0.2.1', 'kim.yuna@example.com', 'A01'],
    ];
    const report = import1(wb, rows);
    expect(report.ballotsCounted).toBe(1);
    expect(report.setAside.reasons).toEqual({ bad_row: 1, unknown_agenda: 2 });
    const content = setAsideRows(wb);
    // The shifted phone (under 투표일시) and the IP addresses are keys; what is not personal stays readable.
    expect(content).toMatch(/투표일시=v[0-9a-f]{31}/);
    expect(content).toMatch(/접속IP=v[0-9a-f]{31}/);
    expect(content).toContain('선택1=A99');
    expect(content).toContain("없는 의제: 'A99'");
    // An e-mail quoted in a reason (an unknown agenda) is hashed there as well.
    expect(content).toMatch(/없는 의제: 'v[0-9a-f]{31}'/);
    const raw = ['김민준', '이서연', '박지호', '최유나', '010-3000-0001', '010-3000-0002', '010-3000-0003', '010-3000-0004', '203.0.113.7', '198.51.100.23', '2001:db8::42', '192.0.2.1', 'kim.yuna@example.com', '당산로'];
    expect(rawValuesFound(memoryWorkbookTexts(wb), raw)).toEqual([]);
  });

  it('says where a headerless export went wrong by positions and shapes, never by its values', () => {
    const wb = setUp();
    const rows = [['010-3000-0002', '홍길동', '1990-01-01', 'A01', 'A02'], ['010-3000-0003', '김영희', '1988-02-02', 'A02', 'A03']];
    let error: unknown;
    try {
      import1(wb, rows);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain('1=000-0000-0000, 2=가가가, 3=0000-00-00, 4=a00, 5=a00');
    expect(rawValuesFound([message], ['010-3000-0002', '홍길동', '1990-01-01'])).toEqual([]);
    // A real header's known names are still shown as they are.
    expect(() => import1(wb, [['투표일시', '이름', '의견'], ['2020-07-10', '김', '좋음']])).toThrow('1=투표일시, 2=이름, 3=가가');
  });
});

describe('the voter column by its header and by its content', () => {
  it.each(['휴대전화', '휴대전화번호', '핸드폰', 'HP', 'mobile', '전화', 'phone number', '연락처', 'Mobile Phone', '핸드폰 번호'])('%s is the voter column', (name) => {
    const wb = setUp();
    const report = import1(wb, [[name, '선택1'], ['010-3000-0002', 'A01'], ['010 3000 0002', 'A02'], ['010-3000-0003', 'A02']]);
    expect(report.ballotsCounted).toBe(2);
    expect(report.setAside.reasons).toEqual({ duplicate_voter: 1 });
    expect(report.warningCodes).not.toContain('no_voter_column');
    // Never in clear in 제외 (it used to read 핸드폰=010-3000-0002).
    expect(setAsideRows(wb)).toMatch(new RegExp(`${name}=v[0-9a-f]{31}`));
    expect(rawValuesFound(memoryWorkbookTexts(wb), ['010-3000-0002', '010-3000-0003'])).toEqual([]);
  });

  it('takes a column whose cells mostly look like phone numbers, and says so', () => {
    const wb = setUp();
    const rows = [['비고', '메모', '선택1'], ['010-3000-0002', '좋아요', 'A01'], ['01030000002', '', 'A02'], ['모름', '', 'A03'], ['+82 10 3000 0004', '010-9999-0000', 'A01'], ['010.3000.0005', '', 'A04']];
    const report = import1(wb, rows);
    expect(report.warningCodes).toEqual(['voter_column_by_content']);
    expect(report.warnings[0]).toContain("1번째 열/column 1 '비고'");
    expect(report.ballotsCounted).toBe(4);
    expect(report.setAside.reasons).toEqual({ duplicate_voter: 1 });
    expect(rawValuesFound(memoryWorkbookTexts(wb), ['010-3000-0002', '010-9999-0000', '+82 10 3000 0004', '010.3000.0005'])).toEqual([]);
  });

  it('takes no column when few of its cells are phone numbers, and warns there is no voter column', () => {
    const wb = setUp();
    const report = import1(wb, [['비고', '선택1'], ['010-3000-0002', 'A01'], ['좋아요', 'A02'], ['', 'A03'], ['모름', 'A01']]);
    expect(report.warningCodes).toEqual(['no_voter_column']);
    expect(report.ballotsCounted).toBe(4);
  });
});

describe('totals once', () => {
  const totalsOf = (wb: MemoryWorkbook): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const row of (wb.tabs.get('집계') ?? []).slice(1)) out[`${String(row[0])}:${String(row[1])}`] = (out[`${String(row[0])}:${String(row[1])}`] ?? 0) + Number(row[2]);
    return out;
  };
  const importTotals = (wb: MemoryWorkbook, rows: string[][], channel = '현장투표'): ReturnType<typeof importTable> =>
    importTable(wb, testContext(), { fileName: 'booth.csv', encoding: 'utf-8', channel, rows });

  it('re-importing a channel replaces its table (reordered, a trailing comma, a 비고 column, a corrected number), never adds to it', () => {
    const wb = setUp();
    expect(importTotals(wb, [['의제번호', '득표수'], ['A01', '62'], ['A02', '10']]).totalsVotes).toBe(72);
    // The same numbers again in other clothes: nothing is added, and it says so.
    for (const rows of [
      [['의제번호', '득표수'], ['A02', '10'], ['A01', '62']],
      [['의제번호', '득표수', ''], ['A01', '62', ''], ['A02', '10', '']],
      [['의제번호', '득표수', '비고'], ['A01', '62', '확인함'], ['A02', '10', '']],
    ]) {
      const again = importTotals(wb, rows);
      expect(again.alreadyImported).toBe(true);
      expect(again.warningCodes).toEqual(['same_content']);
    }
    expect(totalsOf(wb)).toEqual({ '현장투표:A01': 62, '현장투표:A02': 10 });
    // Corrected numbers replace the table, and 이력 says what changed.
    const corrected = importTotals(wb, [['의제번호', '득표수', '비고'], ['A01', '64', '재확인'], ['A03', '5', '']]);
    expect(corrected.alreadyImported).toBe(false);
    expect(corrected.warningCodes).toEqual(['totals_replaced']);
    expect(totalsOf(wb)).toEqual({ '현장투표:A01': 64, '현장투표:A03': 5 });
    const audit = (wb.tabs.get('이력') ?? []).map((row) => row.map(String).join(' | ')).join('\n');
    expect(audit).toContain('현장투표: A01 62→64, A02 10→0, A03 0→5');
    // Another channel is its own table, added beside.
    importTotals(wb, [['의제번호', '득표수'], ['A01', '7']], '우편투표');
    expect(totalsOf(wb)).toEqual({ '현장투표:A01': 64, '현장투표:A03': 5, '우편투표:A01': 7 });
    const tally = runTally(wb, testContext());
    expect(tally.agendas.find((a) => a.id === 'A01')?.votes).toBe(71);
  });

  it('refuses a totals file that lists an agenda twice, naming it, and writes nothing', () => {
    const wb = setUp();
    const before = JSON.stringify([...wb.tabs]);
    expect(() => importTotals(wb, [['의제번호', '득표수'], ['A01', '62'], ['A02', '3'], ['A01', '5'], ['마을장터', '1'], ['A03', '2']])).toThrow(
      /같은 의제가 두 번 이상 있습니다: A01 \(2, 4행\), A03 \(5, 6행\)/,
    );
    expect(JSON.stringify([...wb.tabs])).toBe(before);
    expect(wb.secrets.size).toBe(0);
  });

  it('refuses a voter-less ballot file imported again in another row order', () => {
    const wb = setUp();
    const rows = [['선택1', '선택2', '메모'], ['A01', 'A02', ''], ['A01', '', '010-2222-3333'], ['A02', 'A03', '']];
    expect(import1(wb, rows).ballotsCounted).toBe(3);
    const reordered = import1(wb, [rows[0], rows[3], rows[1], [...rows[2], '']], 'paper-again.csv');
    expect(reordered.alreadyImported).toBe(true);
    expect(reordered.warningCodes).toEqual(['same_content']);
    // One ballot more is new content: it is imported (and warned about as voter-less as before).
    const more = import1(wb, [...rows, ['A03', '', '']], 'paper-more.csv');
    expect(more.alreadyImported).toBe(false);
    expect(runTally(wb, testContext()).validBallots).toBe(7);
  });
});

describe('pick columns beyond the pick limit', () => {
  it('warns extra_pick_columns, naming the columns, before the over-limit ballots are voided', () => {
    const wb = setUp();
    const rows = [['휴대폰', '선택1', '선택2', '선택3', '선택4'], ['010-3000-0001', 'A01', 'A02', 'A03', 'A04'], ['010-3000-0002', 'A01', 'A02', '', ''], ['010-3000-0003', 'A01', 'A02', 'A03', '']];
    const report = import1(wb, rows);
    expect(report.warningCodes).toEqual(['extra_pick_columns']);
    expect(report.warnings[0]).toContain('선택 수(3)보다 많습니다: 선택4');
    expect(report.setAside.reasons).toEqual({ over_vote: 1 });
    // Within the limit: no word about it.
    expect(import1(setUp(), rows.map((r) => r.slice(0, 4))).warningCodes).toEqual([]);
  });
});

describe('an import that stopped half-way', () => {
  /** 이력 without its import rows: as an import killed after writing its rows, before its audit row. */
  const dropImportAudit = (wb: MemoryWorkbook): void => {
    const audit = wb.tabs.get('이력') ?? [];
    const what = audit[0].indexOf('작업');
    wb.writeTab('이력', audit.filter((row, i) => i === 0 || row[what] !== '가져오기'));
  };

  it('ballots: the same file again finds its rows in 투표, adds nothing and says so', () => {
    const wb = setUp();
    const rows = [['휴대폰', '선택1'], ['010-1000-0001', 'A01'], ['010-1000-0002', 'A02']];
    expect(import1(wb, rows).ballotsCounted).toBe(2);
    dropImportAudit(wb);
    const again = import1(wb, rows);
    expect(again.alreadyImported).toBe(true);
    expect(again.warningCodes).toEqual(['partly_imported']);
    expect((wb.tabs.get('투표') ?? []).length).toBe(3);
    expect(runTally(wb, testContext()).validBallots).toBe(2);
  });

  it('totals: the same booth file again finds its rows in 집계, adds nothing and says so', () => {
    const wb = setUp();
    const rows = [['의제번호', '득표수'], ['A01', '62'], ['A02', '10']];
    const importTotals = (): ReturnType<typeof importTable> => importTable(wb, testContext(), { fileName: 'booth.csv', encoding: 'utf-8', channel: '현장투표', rows });
    expect(importTotals().totalsVotes).toBe(72);
    dropImportAudit(wb);
    const again = importTotals();
    expect(again.alreadyImported).toBe(true);
    expect(again.warningCodes).toEqual(['partly_imported']);
    expect((wb.tabs.get('집계') ?? []).length).toBe(3);
  });
});
