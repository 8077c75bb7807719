/**
 * The e-mail reminder trigger in the Apps Script host, against fakes of SpreadsheetApp, ScriptApp,
 * MailApp, LockService and PropertiesService: opt-in, one trigger per document, the daily quota,
 * lock contention, and failures that must never leave a reminder marked sent that was not sent
 * (nor send one twice).
 */
import { initWorkbook } from '../../src/workflows';
import { disableReminders, enableReminders, reminderTriggerStatus, REMINDER_HANDLER, REMINDER_SCOPES, runDailyReminders } from '../../src/gas/reminders';
import { rpcEnableReminders, rpcStatus } from '../../src/gas/rpc';
import { SheetsWorkbook, activeWorkbook } from '../../src/gas/sheetsWorkbook';
import { testContext } from '../helpers/context';
import { createFakeGas, installFakeGas, type FakeGas, type FakeOptions } from './fakeSpreadsheetApp';
import { addTriggersAndMail, type TriggerMailFake } from './fakeTriggersAndMail';

let fake: FakeGas;
let gas: TriggerMailFake;
let uninstall: (() => void) | undefined;

/** 2020-08-07 09:10 in Seoul. */
const AUG_7 = Date.UTC(2020, 7, 7, 0, 10);

function setup(options: FakeOptions = {}, mail: Parameters<typeof addTriggersAndMail>[1] = {}): void {
  fake = createFakeGas(options);
  gas = addTriggersAndMail(fake, mail);
  uninstall = installFakeGas(fake);
  jest.spyOn(Date, 'now').mockReturnValue(AUG_7);
  initWorkbook(activeWorkbook(), testContext());
  fake.spreadsheet.seed('일정', [
    ['기준 연도', 2020],
    ['일정', '시작', '기한', '담당자', '담당자 이메일', '알림 (며칠 전)', '상태'],
    ['초안 제출(서울시)', '', '8. 10. 限', '정민호', 'a@example.org, b@example.org', '3', ''],
    ['승인 회의', new Date(Date.UTC(2020, 7, 13, 15)), '', '최유나', 'c@example.org', '7', ''], // a date cell: 8/14 in Seoul
    ['주민 설명회', '8. 8.', '', '한소라', '', '1', ''],
  ]);
  fake.log.reset();
}

afterEach(() => {
  jest.restoreAllMocks();
  uninstall?.();
  uninstall = undefined;
});

/** 알림 rows as [to, sent]. */
function marks(): [string, string][] {
  const grid = fake.spreadsheet.sheet('알림')!.dump();
  return grid.slice(1).map((row) => [String(row[3]), String(row[5])]);
}
const sentTo = () => marks().filter(([, sent]) => sent !== '').map(([to]) => to).sort();
const trigger = () => gas.triggers[0];

describe('turning reminders on and off', () => {
  test('asks for exactly the two reminder scopes and creates one daily trigger at 08:00 Seoul', () => {
    setup();
    const status = enableReminders('ko');
    expect(gas.requiredScopes).toEqual([REMINDER_SCOPES]);
    expect(REMINDER_SCOPES).toEqual(['https://www.googleapis.com/auth/script.scriptapp', 'https://www.googleapis.com/auth/script.send_mail']);
    expect(gas.triggers).toEqual([{ id: expect.any(String), handler: REMINDER_HANDLER, owner: 'staff@example.org', everyDays: 1, atHour: 8, timezone: 'Asia/Seoul', document: 'fake-spreadsheet' }]);
    expect(status).toMatchObject({ enabled: true, mine: true, hour: 8 });
    expect(fake.lock).toMatchObject({ held: false, acquired: 1, released: 1 });
  });

  test('turning it on twice keeps one trigger', () => {
    setup();
    enableReminders('ko');
    enableReminders('ko');
    expect(gas.triggers).toHaveLength(1);
  });

  test('without consent to the scopes nothing is created, and the sidebar gets a readable message', () => {
    setup({}, { scopesGranted: false });
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // the host logs unexpected errors
    expect(() => rpcEnableReminders()).toThrow('Authorization is required');
    expect(gas.triggers).toEqual([]);
    expect(reminderTriggerStatus()).toMatchObject({ enabled: false, mine: false });
  });

  test('turning it on while the document is busy creates nothing', () => {
    setup({ lockBusy: true });
    expect(() => enableReminders('ko')).toThrow(/잠시 후 다시 시도/);
    expect(gas.triggers).toEqual([]);
  });

  test('a second person cannot add a second trigger to the document', () => {
    setup();
    enableReminders('ko');
    fake.options.email = 'other@example.org';
    expect(() => enableReminders('ko')).toThrow(/이미 켜져 있습니다/);
    expect(gas.triggers).toHaveLength(1);
    expect(reminderTriggerStatus()).toMatchObject({ enabled: true, mine: false });
  });

  test('anyone may turn it off; the owner’s trigger then removes itself without sending', () => {
    setup();
    enableReminders('ko');
    const id = trigger().id;
    fake.options.email = 'other@example.org';
    expect(disableReminders('ko')).toMatchObject({ enabled: false });
    fake.options.email = 'staff@example.org';
    expect(runDailyReminders({ triggerUid: id })).toEqual({ ran: false, reason: 'not_enabled' });
    expect(gas.triggers).toEqual([]);
    expect(gas.mail.sent).toEqual([]);
  });

  test('a stale trigger (not the document’s) deletes itself and sends nothing', () => {
    setup();
    enableReminders('ko');
    const old = trigger().id;
    disableReminders('ko');
    enableReminders('ko');
    gas.triggers.push({ ...trigger(), id: old });
    expect(runDailyReminders({ triggerUid: old })).toEqual({ ran: false, reason: 'stale_trigger' });
    expect(gas.triggers.map((t) => t.id)).not.toContain(old);
    expect(gas.triggers).toHaveLength(1);
    expect(gas.mail.sent).toEqual([]);
  });
});

describe('the daily run', () => {
  function enabled(): string {
    enableReminders('ko');
    fake.log.reset();
    return trigger().id;
  }

  test('mails what is due, marks it sent, and the next run sends nothing again', () => {
    setup();
    const id = enabled();
    const run = runDailyReminders({ triggerUid: id });
    expect(run).toMatchObject({ ran: true, report: { today: '2020-08-07', skipped: { noAddress: 1, quota: 0 }, failed: null } });
    expect(gas.mail.sent.map((m) => m.to)).toEqual(['c@example.org', 'a@example.org', 'b@example.org']);
    expect(gas.mail.sent[1]).toMatchObject({ subject: '[일정 알림] 초안 제출(서울시)', name: 'Civic Sheets' });
    expect(gas.mail.sent[1].body).toContain('https://docs.google.com/spreadsheets/d/fake-spreadsheet/edit');
    expect(sentTo()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(marks().find(([to]) => to === 'a@example.org')![1]).toBe('2020-08-07 09:10:00');
    // The journal is cleared once 알림 holds the marks.
    expect([...fake.properties.keys()].filter((k) => k.includes('.sent.'))).toEqual([]);
    expect(fake.lock).toMatchObject({ held: false });

    runDailyReminders({ triggerUid: id });
    expect(gas.mail.sent).toHaveLength(3);
  });

  test('spreadsheet calls do not grow with the number of reminders', () => {
    setup();
    const id = enabled();
    runDailyReminders({ triggerUid: id });
    const small = fake.log.total('Range.', 'Sheet.', 'Spreadsheet.');
    setup();
    const rows = Array.from({ length: 60 }, (_, i) => [`일정 ${i}`, '', '8. 10. 限', '담당', `p${i}@example.org`, '3', '']);
    fake.spreadsheet.seed('일정', [['기준 연도', 2020], ['일정', '시작', '기한', '담당자', '담당자 이메일', '알림 (며칠 전)', '상태'], ...rows]);
    const id2 = enabled();
    runDailyReminders({ triggerUid: id2 });
    expect(gas.mail.sent).toHaveLength(60);
    expect(fake.log.total('Range.', 'Sheet.', 'Spreadsheet.')).toBeLessThanOrEqual(small + 2);
  });

  test('quota used up: nothing sent, nothing marked', () => {
    setup({}, { quota: 0 });
    const id = enabled();
    const run = runDailyReminders({ triggerUid: id });
    expect(run).toMatchObject({ ran: true, report: { sent: [], skipped: { quota: 3 } } });
    expect(gas.mail.attempts).toBe(0);
    expect(sentTo()).toEqual([]);
  });

  test('quota for two: two sent and marked; the third goes out on the next run', () => {
    setup({}, { quota: 2 });
    const id = enabled();
    runDailyReminders({ triggerUid: id });
    expect(sentTo()).toEqual(['a@example.org', 'c@example.org']);
    gas.mail.quota = 100;
    runDailyReminders({ triggerUid: id });
    expect(gas.mail.sent.map((m) => m.to)).toEqual(['c@example.org', 'a@example.org', 'b@example.org']);
  });

  test('another run holding the document lock: this one sends nothing and writes nothing, the next one sends', () => {
    setup();
    const id = enabled();
    fake.lock.busy = true;
    expect(runDailyReminders({ triggerUid: id })).toEqual({ ran: false, reason: 'busy' });
    expect(gas.mail.attempts).toBe(0);
    expect(fake.log.rangeWrites).toBe(0);
    fake.lock.busy = false;
    expect(runDailyReminders({ triggerUid: id })).toMatchObject({ ran: true });
    expect(gas.mail.sent).toHaveLength(3);
  });

  test('a send failing mid-run: only the mail that went out is marked sent', () => {
    setup({}, { failOnSend: 2 });
    const id = enabled();
    const run = runDailyReminders({ triggerUid: id });
    expect(run).toMatchObject({ ran: true, report: { failed: { to: 'a@example.org' } } });
    expect(gas.mail.sent.map((m) => m.to)).toEqual(['c@example.org']);
    expect(sentTo()).toEqual(['c@example.org']);
    gas.mail.failOnSend = null;
    runDailyReminders({ triggerUid: id });
    expect(gas.mail.sent.map((m) => m.to)).toEqual(['c@example.org', 'a@example.org', 'b@example.org']);
  });

  test('a run that dies after sending but before saving 알림: the next run resends nothing', () => {
    setup();
    const id = enabled();
    const write = jest.spyOn(SheetsWorkbook.prototype, 'writeTab').mockImplementationOnce(() => {
      throw new Error('Exceeded maximum execution time');
    });
    expect(() => runDailyReminders({ triggerUid: id })).toThrow('Exceeded maximum execution time');
    write.mockRestore();
    expect(gas.mail.sent).toHaveLength(3);
    expect(fake.lock).toMatchObject({ held: false });
    expect([...fake.properties.keys()].filter((k) => k.includes('.sent.'))).toHaveLength(3);

    runDailyReminders({ triggerUid: id });
    expect(gas.mail.sent).toHaveLength(3);
    expect(sentTo()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect([...fake.properties.keys()].filter((k) => k.includes('.sent.'))).toEqual([]);
  });
});

test('rpcStatus lists overdue milestones for the sidebar (and the catch-up reminder still due)', () => {
  setup();
  jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2020, 7, 12, 3));
  const status = rpcStatus();
  expect(status.schedule).toEqual({ milestones: 3, overdue: [{ name: '초안 제출(서울시)', end: '2020-08-10', daysLate: 2 }, { name: '주민 설명회', end: '2020-08-08', daysLate: 4 }], unparsed: 0, dueToday: 1 });
  expect(JSON.parse(JSON.stringify(status))).toEqual(status);
});
