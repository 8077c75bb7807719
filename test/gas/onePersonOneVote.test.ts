/**
 * Issue 15 through the Apps Script host (src/gas/rpc.ts on the fake SpreadsheetApp): the one-shot
 * import and the sidebar's chunked upload. After every import (and after every chunk) every sheet
 * — hidden ones, the staging tab — and every document property is searched for the raw values.
 */
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { rpcImport, rpcImportBegin, rpcImportChunk, rpcImportFinish, rpcInit, rpcTally } from '../../src/gas/rpc';
import type { ImportReport } from '../../src/workflows/api';
import { rawValuesFound } from '../helpers/rawScan';
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';

let fake: FakeGas;
let uninstall: () => void;

beforeEach(() => {
  fake = createFakeGas({ locale: 'ko_KR' });
  uninstall = installFakeGas(fake);
  rpcInit();
  fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '3']]);
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '축제', '5천만'], ['A02', '장터', '3천만'], ['A03', '공간', '1천만'], ['A04', '방역', '1천만']]);
});
afterEach(() => uninstall());

/** Every sheet's name and cells (hidden ones included) and every document property, as text. */
function everything(): string[] {
  const texts: string[] = [];
  for (const sheet of fake.spreadsheet.sheets) {
    texts.push(sheet.name);
    for (const row of sheet.cells) for (const cell of row ?? []) texts.push(cell instanceof Date ? cell.toISOString() : String(cell ?? ''));
  }
  for (const [key, value] of fake.properties) texts.push(key, value);
  return texts;
}

/** The sidebar's way in: begin, chunks of `size`, finish, the whole document scanned after each chunk. */
function upload(rows: string[][], raw: readonly string[], size = 2, channel?: string): ImportReport {
  const begin = rpcImportBegin({ fileName: 'upload.csv', encoding: 'utf-8', fingerprint: fingerprintTable(rows), rowCount: rows.length, ...(channel ? { channel } : {}) });
  if (begin.alreadyImported) throw new Error('already imported');
  let index = 0;
  for (let at = 0; at < rows.length; at += size, index++) {
    rpcImportChunk({ importId: begin.importId, index, rows: rows.slice(at, at + size) });
    expect(rawValuesFound(everything(), raw)).toEqual([]);
  }
  return rpcImportFinish(begin.importId, index);
}

const spellings = ['+82-010-1000-5000', '+82 (0)10-1000-5000', '0082-10-1000-5000', '010–1000–5000', '010ㅡ1000ㅡ5000', '010_1000_5000', '010/1000/5000', 'tel:010-1000-5000', '010-1000-5000\u200b'];

test('every spelling of one phone is one voter, through the upload and the one-shot import', () => {
  const raw = ['010-1000-5000', ...spellings];
  const first = upload([['휴대전화', '선택1'], ['010-1000-5000', 'A01'], ...spellings.slice(0, 5).map((s) => [s, 'A02'])], raw);
  expect(first.ballotsCounted).toBe(1);
  expect(first.setAside.reasons).toEqual({ duplicate_voter: 5 });
  const second = rpcImport({ fileName: 'b.csv', encoding: 'utf-8', rows: [['HP', '선택1'], ...spellings.slice(5).map((s) => [s, 'A03'])] });
  expect(second.setAside.reasons).toEqual({ duplicate_voter: 4 });
  expect(rpcTally().voters).toBe(1);
  expect(rawValuesFound(everything(), raw)).toEqual([]);
});

test('personal data by content (a shifted phone, 접속IP, an e-mail in a reason) and the voter column by content, staged or not', () => {
  const rows = [
    ['이름', '주소', '비고', '투표일시', '접속IP', '선택1', '선택2'],
    ['김민준', '당산로 12', '010-3000-0001', '2020-07-10 10:00', '203.0.113.7', 'A01', 'A02'],
    ['이서연', '서울 영등포구', '여의대로 9', '010-3000-0002', '2020-07-10 10:05', '198.51.100.23', 'A01', 'A03'],
    ['박지호', '문래동', '010ㅡ3000ㅡ0001', '2020-07-10 10:07', '2001:db8::42', 'A03', ''],
    ['최유나', '', '010-3000-0004', '2020-07-10 10:09', '192.0.2.1', 'kim.yuna@example.com', ''],
  ];
  const raw = ['김민준', '이서연', '박지호', '최유나', '010-3000-0001', '010-3000-0002', '010-3000-0004', '203.0.113.7', '198.51.100.23', '2001:db8::42', '192.0.2.1', 'kim.yuna@example.com', '당산로'];
  const staged = upload(rows, raw, 2);
  expect(staged.warningCodes).toEqual(['voter_column_by_content']);
  expect(staged.setAside.reasons).toEqual({ bad_row: 1, duplicate_voter: 1, unknown_agenda: 1 });
  const setAside = (fake.spreadsheet.sheets.find((s) => s.name === '제외')?.cells ?? []).map((r) => r.map(String).join(' | ')).join('\n');
  expect(setAside).toMatch(/접속IP=v[0-9a-f]{31}/);
  expect(setAside).toMatch(/없는 의제: 'v[0-9a-f]{31}'/);
  // The one-shot import of the same rows in another file decides alike (and its voters are known now).
  const oneShot = rpcImport({ fileName: 'again.csv', encoding: 'utf-8', rows: [...rows, ['정하늘', '', '010-3000-0005', '2020-07-10 11:00', '10.0.0.1', 'A04', '']] });
  expect(oneShot.warningCodes).toEqual(['voter_column_by_content']);
  expect(oneShot.ballotsCounted).toBe(1);
  expect(rawValuesFound(everything(), [...raw, '정하늘', '010-3000-0005', '10.0.0.1'])).toEqual([]);
});

test('a headerless export is refused with shapes, never its first row, whichever way it comes', () => {
  const rows = [['010-3000-0002', '홍길동', '1990-01-01', 'A01'], ['010-3000-0003', '김영희', '1988-02-02', 'A02']];
  const raw = ['010-3000-0002', '홍길동', '1990-01-01', '010-3000-0003', '김영희'];
  expect(() => rpcImport({ fileName: 'x.csv', encoding: 'utf-8', rows })).toThrow('1=000-0000-0000, 2=가가가, 3=0000-00-00, 4=a00');
  let message = '';
  try {
    upload(rows, raw);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain('1=000-0000-0000');
  expect(rawValuesFound([message], raw)).toEqual([]);
  expect(rawValuesFound(everything(), raw)).toEqual([]);
});

test('totals once: a channel again replaces its table, the same numbers add nothing, an agenda twice is refused', () => {
  const first = upload([['의제번호', '득표수'], ['A01', '62'], ['A02', '10']], [], 2, '현장');
  expect(first.totalsVotes).toBe(72);
  const same = upload([['의제번호', '득표수', '비고'], ['A02', '10', ''], ['A01', '62', '확인']], [], 2, '현장');
  expect(same).toMatchObject({ alreadyImported: true, warningCodes: ['same_content'] });
  const fixed = rpcImport({ fileName: 'booth.csv', encoding: 'utf-8', channel: '현장', rows: [['의제번호', '득표수'], ['A01', '64'], ['A02', '10']] });
  expect(fixed.warningCodes).toEqual(['totals_replaced']);
  expect(() => rpcImport({ fileName: 'twice.csv', encoding: 'utf-8', channel: '우편', rows: [['의제번호', '득표수'], ['A03', '1'], ['A03', '2']] })).toThrow('A03 (2, 3행)');
  expect(rpcTally().agendas.find((a) => a.id === 'A01')?.votes).toBe(64);
  const audit = (fake.spreadsheet.sheets.find((s) => s.name === '이력')?.cells ?? []).map((r) => r.map(String).join(' | ')).join('\n');
  expect(audit).toContain('현장: A01 62→64');
});

test('a voter-less ballot file in another row order is refused, and extra pick columns are warned about', () => {
  const rows = [['선택1', '선택2', '선택3', '선택4'], ['A01', 'A02', '', ''], ['A03', '', '', ''], ['A02', 'A04', 'A01', 'A03']];
  const first = upload(rows, []);
  expect(first.warningCodes).toEqual(['extra_pick_columns', 'no_voter_column']);
  expect(first.setAside.reasons).toEqual({ over_vote: 1 });
  const again = rpcImport({ fileName: 'again.csv', encoding: 'utf-8', rows: [rows[0], rows[3], rows[1], rows[2]] });
  expect(again).toMatchObject({ alreadyImported: true, warningCodes: ['same_content'] });
});
