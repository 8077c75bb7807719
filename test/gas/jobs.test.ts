/**
 * Resumable jobs and the document lock through the Apps Script wrappers on the fake SpreadsheetApp:
 * - the lock holder is recorded while the lock is held and named in the busy message (stale: not);
 * - a tally whose clock runs out goes on through rpcJobContinue / the one-off trigger and ends
 *   with the tabs of the one-shot tally;
 * - a step of a larger import makes the same Spreadsheet service calls as one of a smaller import.
 */
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { gasContext } from '../../src/gas/context';
import { runJobTrigger, scheduleJobContinuation, JOB_HANDLER, MAX_CONTINUATIONS } from '../../src/gas/jobTrigger';
import { LOCK_HOLDER_KEY } from '../../src/gas/lock';
import { menuCancelJob, menuContinueJob, menuTally } from '../../src/gas/menu';
import { rpcImportBegin, rpcImportChunk, rpcImportFinishStep, rpcJobCancel, rpcJobContinue, rpcJobStatus, rpcStatus, rpcTallyStep } from '../../src/gas/rpc';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { runTally } from '../../src/workflows';
import { createFakeGas, installFakeGas, zonedTime, type FakeGas, type Stored } from './fakeSpreadsheetApp';
import { addTriggersAndMail } from './fakeTriggersAndMail';

const T0 = zonedTime('Asia/Seoul', 2020, 7, 14, 14, 2);
let uninstall: (() => void) | null = null;
let nowSpy: jest.SpyInstance | null = null;

afterEach(() => {
  uninstall?.();
  uninstall = null;
  nowSpy?.mockRestore();
  nowSpy = null;
});

function install(fake: FakeGas): FakeGas {
  uninstall?.();
  uninstall = installFakeGas(fake);
  return fake;
}

/** Date.now() advances by `stepMs` on every look: the Apps Script clock of a slow execution. */
function slowClock(stepMs: number): void {
  let t = T0;
  nowSpy = jest.spyOn(Date, 'now').mockImplementation(() => (t += stepMs));
}

function seed(fake: FakeGas, ballots: number): void {
  fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 100_000_000], ['선택 수', 2]]);
  fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '축제', 50_000_000], ['A02', '장터', 30_000_000], ['A03', '공간', 40_000_000]]);
  const rows: Stored[][] = [['투표자키', '투표일시', '선택', '채널']];
  for (let v = 0; v < ballots; v++) rows.push([`voter-${v % 2900}`, '2020-07-07 12:00:00', ['A01, A02', 'A03', 'A02, A99'][v % 3], '엠보팅']);
  fake.spreadsheet.seed('투표', rows);
}

function dumpTabs(fake: FakeGas): Record<string, Stored[][]> {
  const out: Record<string, Stored[][]> = {};
  for (const sheet of fake.spreadsheet.sheets) {
    if (sheet.name.startsWith('_civic')) continue;
    out[sheet.name] = sheet.dump().map((row, i) => (sheet.name === '이력' && i > 0 ? ['(when)', ...row.slice(1)] : row));
  }
  return out;
}

describe('who holds the lock', () => {
  test('the busy message names the holder and the time; a stale record is ignored', () => {
    const fake = install(createFakeGas({ lockBusy: true }));
    seed(fake, 10);
    nowSpy = jest.spyOn(Date, 'now').mockReturnValue(T0 + 60_000);
    fake.properties.set(LOCK_HOLDER_KEY, JSON.stringify({ by: 'kim@example.org', since: T0, what: 'tally' }));
    expect(() => rpcTallyStep()).toThrow('다른 개표 작업이 진행 중입니다 (kim@example.org, 14:02 시작). 잠시 후 다시 시도해 주세요 / Another tally is running (started by kim@example.org at 14:02)');
    // Older than the 6-minute execution limit: that execution died without clearing it.
    nowSpy.mockReturnValue(T0 + 7 * 60_000);
    expect(() => rpcTallyStep()).toThrow(/^다른 개표나 가져오기가 진행 중입니다\. 잠시 후 다시 시도해 주세요\.$/);
    menuTally();
    expect(fake.ui.alerts.at(-1)?.message).toBe('다른 개표나 가져오기가 진행 중입니다. 잠시 후 다시 시도해 주세요.');
    // Nothing was written by the refused calls.
    expect(fake.spreadsheet.sheet('결과')).toBeUndefined();
  });

  test('recorded right after the lock is taken, cleared before it is released', () => {
    const fake = install(createFakeGas({ email: 'lee@example.org' }));
    seed(fake, 10);
    let during: string | undefined;
    const spreadsheetApp = fake.globals.SpreadsheetApp as { flush: () => void };
    spreadsheetApp.flush = () => {
      during = fake.properties.get(LOCK_HOLDER_KEY);
    };
    const step = rpcTallyStep();
    expect(step.done).toBe(true);
    expect(JSON.parse(during as string)).toMatchObject({ by: 'lee@example.org', what: 'tally' });
    expect(fake.properties.has(LOCK_HOLDER_KEY)).toBe(false);
    expect(fake.lock).toMatchObject({ held: false, acquired: 1, released: 1 });
  });
});

/** A tally started from the menu on a slow clock, left open; the clock then behaves. */
function openTally(): FakeGas {
  const fake = install(createFakeGas());
  addTriggersAndMail(fake);
  install(fake);
  seed(fake, 5000);
  slowClock(100_000);
  menuTally();
  expect(rpcJobStatus()).toMatchObject({ kind: 'tally' });
  nowSpy?.mockRestore();
  nowSpy = null;
  return fake;
}

describe('a tally past the time budget', () => {
  test('continued by the sidebar and by the one-off trigger, it ends with the one-shot tabs', () => {
    const reference = install(createFakeGas());
    seed(reference, 6000);
    runTally(new SheetsWorkbook(), gasContext('ko'));
    const expected = dumpTabs(reference);

    const fake = install(createFakeGas());
    const triggers = addTriggersAndMail(fake);
    install(fake);
    seed(fake, 6000);
    // Every look at the clock costs 100 s: the first execution plans and stops, later ones do one or two steps.
    slowClock(100_000);
    const first = rpcTallyStep();
    expect(first.done).toBe(false);
    expect(rpcJobStatus()).toMatchObject({ kind: 'tally', by: 'staff@example.org' });
    // The backstop: a one-off trigger in case the sidebar closes.
    expect(triggers.triggers.map((t) => t.handler)).toEqual([JOB_HANDLER]);
    const second = rpcJobContinue();
    expect(second.kind).toBe('tally');
    let runs = 0;
    for (; runs < 50; runs++) {
      const r = runJobTrigger();
      if (!r.ran || r.done) break;
    }
    expect(runs).toBeGreaterThan(0);
    expect(rpcJobStatus()).toBeNull();
    expect(triggers.triggers).toEqual([]);
    expect(dumpTabs(fake)).toEqual(expected);
    expect(fake.spreadsheet.sheet('_civic_job')).toBeUndefined();
    // The menu then starts a fresh tally, which fits in one execution when the clock behaves.
    nowSpy?.mockRestore();
    nowSpy = null;
    menuTally();
    expect(fake.ui.alerts.at(-1)?.message).toMatch(/^선정 \d+건/);
  });

  test('the menu says the tally goes on in steps', () => {
    const fake = openTally();
    expect(fake.ui.alerts.at(-1)?.message).toMatch(/^개표가 커서 나누어 진행합니다: \d+\/\d+ 단계 완료\.\n1분 뒤 자동으로 이어서 진행합니다\./);
  });
});

describe('the menu: continue or cancel the open job', () => {
  test('a stuck tally is cancelled after a yes (not after a no); then the menu finds no job', () => {
    const fake = openTally();

    fake.ui.answers.push(fake.ui.Button.NO);
    menuCancelJob();
    expect(fake.ui.alerts.at(-1)?.message).toMatch(/^개표 작업 \(staff@example\.org, .* 시작, \d+단계 중 \d+단계 기록됨\)을 취소할까요\?/);
    expect(rpcJobStatus()).toMatchObject({ kind: 'tally' });

    fake.ui.answers.push(fake.ui.Button.YES);
    menuCancelJob();
    expect(fake.ui.alerts.at(-1)?.message).toBe('작업을 취소했습니다. 이력 탭에 기록했습니다.');
    expect(rpcJobStatus()).toBeNull();
    expect(fake.spreadsheet.sheet('이력')?.dump().at(-1)?.slice(1, 3)).toEqual(['staff@example.org', '작업 취소']);

    menuContinueJob();
    expect(fake.ui.alerts.at(-1)?.message).toBe('진행 중인 가져오기나 개표가 없습니다.');
    menuTally();
    expect(fake.ui.alerts.at(-1)?.message).toMatch(/^선정 \d+건/);
  });

  test("the sidebar's status names the open job, and rpcJobCancel cancels it under the lock", () => {
    openTally();
    expect(rpcStatus().job).toMatchObject({ kind: 'tally', by: 'staff@example.org' });
    const step = rpcJobCancel();
    expect(step.done).toBe(true);
    expect(rpcStatus().job).toBeNull();
    expect(() => rpcJobCancel()).toThrow('취소할 작업이 없습니다');
  });

  test('continue from the menu finishes an open tally', () => {
    const fake = openTally();
    menuContinueJob();
    expect(fake.ui.alerts.at(-1)?.message).toBe('개표를 마쳤습니다. 결과는 탭에 있습니다.');
    expect(rpcJobStatus()).toBeNull();
  });
});

describe('Spreadsheet calls per step', () => {
  /** Stages an import of n rows, then counts the service calls of each later execution (one step each). */
  function stepCalls(n: number): Record<string, number>[] {
    const fake = install(createFakeGas());
    seed(fake, 0);
    const table = [['투표자', '선택1', '선택2'], ...Array.from({ length: n }, (_, i) => [`010${String(i).padStart(8, '0')}`, 'A01', i % 3 ? 'A02' : 'A99'])];
    const { importId } = rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(table), rowCount: table.length });
    let chunks = 0;
    for (let at = 0; at < table.length; at += 2000) rpcImportChunk({ importId, index: chunks++, rows: table.slice(at, at + 2000) });
    slowClock(300_000);
    expect(rpcImportFinishStep(importId, chunks).done).toBe(false);
    const steps: Record<string, number>[] = [];
    for (let guard = 0; guard < 100; guard++) {
      fake.log.reset();
      const step = rpcImportFinishStep(importId, chunks);
      steps.push(Object.fromEntries(Object.entries(fake.log.snapshot()).filter(([k]) => /^(Spreadsheet|Sheet|Range)\./.test(k))));
      if (step.done) break;
    }
    return steps;
  }

  test('an import of 9,000 rows takes more steps than one of 4,500, each with the same calls', () => {
    const small = stepCalls(4500);
    const large = stepCalls(9000);
    expect(large.length).toBeGreaterThan(small.length);
    // A write step into 투표 (the first) costs the same whatever the size of the file.
    expect(large[0]).toEqual(small[0]);
    expect(large[0]['Range.setValues']).toBe(1);
    const max = (steps: Record<string, number>[]): number => Math.max(...steps.map((s) => Object.values(s).reduce((a, b) => a + b, 0)));
    expect(max(large)).toBe(max(small));
  });
});

describe('9. limits: continuation triggers', () => {
  test("found through getProjectTriggers by handler and this document's ids: another document's is left alone, and there is at most one", () => {
    const fake = install(createFakeGas());
    const triggers = addTriggersAndMail(fake);
    install(fake);
    // Another document of the same script (an add-on in two spreadsheets) has its own continuation.
    triggers.triggers.push({ id: 'other-doc', handler: JOB_HANDLER, owner: 'staff@example.org', everyDays: null, atHour: null, timezone: null, after: 60_000, document: 'other' });
    seed(fake, 5000);
    slowClock(100_000);
    expect(rpcTallyStep().done).toBe(false);
    expect(rpcJobContinue().kind).toBe('tally');
    expect(triggers.triggers.map((t) => t.id).filter((id) => id !== 'other-doc')).toHaveLength(1);
    expect(fake.log.count('ScriptApp.getUserTriggers')).toBe(0);
    expect(fake.log.count('ScriptApp.getProjectTriggers')).toBeGreaterThan(0);
    nowSpy?.mockRestore();
    nowSpy = null;
    for (let runs = 0; runs < 50; runs++) {
      const r = runJobTrigger();
      if (!r.ran || r.done) break;
    }
    expect(rpcJobStatus()).toBeNull();
    expect(triggers.triggers.map((t) => t.id)).toEqual(['other-doc']);
  });

  test('none is made once this user has MAX_CONTINUATIONS of them in the project', () => {
    const fake = install(createFakeGas());
    const triggers = addTriggersAndMail(fake);
    install(fake);
    for (let i = 0; i < MAX_CONTINUATIONS; i++) triggers.triggers.push({ id: `doc${i}`, handler: JOB_HANDLER, owner: 'staff@example.org', everyDays: null, atHour: null, timezone: null, document: `doc${i}` });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(scheduleJobContinuation()).toBe(false);
    expect(triggers.triggers).toHaveLength(MAX_CONTINUATIONS);
    warn.mockRestore();
  });
});
