/**
 * The reminder entry points as Apps Script runs them: dist/Code.js in node:vm with fake services
 * (no Web Crypto, no Node APIs in that context), from turning reminders on to the daily trigger
 * mailing and the sidebar's calendar download.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import ICAL from 'ical.js';
import { createFakeGas } from '../gas/fakeSpreadsheetApp';
import { addTriggersAndMail } from '../gas/fakeTriggersAndMail';

const ROOT = resolve(__dirname, '../..');
const CODE = join(ROOT, 'dist/Code.js');

function newestMtime(path: string): number {
  const st = statSync(path);
  return st.isDirectory() ? Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name)))) : st.mtimeMs;
}

beforeAll(() => {
  const newestInput = Math.max(...['src', 'webpack.config.js', 'appsscript.json'].map((p) => newestMtime(join(ROOT, p))));
  if (!existsSync(CODE) || statSync(CODE).mtimeMs < newestInput) execSync('npm run build:gas', { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

type Bundle = Record<string, (...args: unknown[]) => unknown>;

test('rpcEnableReminders, remindersDaily and rpcReminderCalendar work in the bundle', () => {
  const fake = createFakeGas({ locale: 'ko' });
  const gas = addTriggersAndMail(fake, { quota: 10 });
  // 2020-08-07 09:00 Seoul, fixed for the bundle's clock.
  const RealDate = Date;
  const fixedNow = RealDate.UTC(2020, 7, 7, 0);
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fixedNow);
      else super(...(args as [number]));
    }
    static override now(): number {
      return fixedNow;
    }
  }
  const context = vm.createContext({ ...fake.globals, console, Date: FixedDate });
  expect('crypto' in context).toBe(false);
  new vm.Script(readFileSync(CODE, 'utf8'), { filename: 'Code.js' }).runInContext(context);
  const bundle = context as unknown as Bundle;

  bundle.rpcInit();
  fake.spreadsheet.seed('일정', [
    ['기준 연도', 2020],
    ['일정', '시작', '기한', '담당자', '담당자 이메일', '알림 (며칠 전)', '상태'],
    ['초안 제출(서울시)', '', '8. 10. 限', '정민호', 'minho@example.org', '3', ''],
    ['운영협의회 회의', '2020. 7. 3.(금) 11:00~12:00', '', '김하늘', 'haneul@example.org', '1', '완료'],
  ]);

  const status = bundle.rpcEnableReminders() as { enabled: boolean; mine: boolean };
  expect(status).toMatchObject({ enabled: true, mine: true });
  expect(gas.triggers).toHaveLength(1);
  expect(typeof bundle.remindersDaily).toBe('function');
  bundle.remindersDaily({ triggerUid: gas.triggers[0].id, authMode: 'FULL' });
  expect(gas.mail.sent.map((m) => [m.to, m.subject])).toEqual([['minho@example.org', '[일정 알림] 초안 제출(서울시)']]);
  bundle.remindersDaily({ triggerUid: gas.triggers[0].id, authMode: 'FULL' });
  expect(gas.mail.sent).toHaveLength(1);

  const file = bundle.rpcReminderCalendar() as { fileName: string; text: string };
  expect(file.fileName).toBe('협치 일정 관리.ics');
  const events = new ICAL.Component(ICAL.parse(file.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events.map((e) => e.summary)).toEqual(['초안 제출(서울시) (기한)', '운영협의회 회의']);
  expect(events[1].startDate.toString()).toBe('2020-07-03T11:00:00');

  const overdue = bundle.rpcStatus() as { schedule: { overdue: unknown[] } };
  expect(overdue.schedule.overdue).toEqual([]);
  expect(fake.log.formulas).toEqual([]);
});
