import fc from 'fast-check';
import { addDays } from '../../../src/core/schedule/calendarDays';
import { dueReminders, parseLeadDays, parseRecipients, planReminders, reminderKey, type PlannedMilestone } from '../../../src/core/schedule/reminders';
import { isSentMark } from '../../../src/sheets/reminderTab';

describe('cells', () => {
  test.each([
    ['7,3,1', [7, 3, 1]],
    ['1, 3, 7', [7, 3, 1]],
    ['7일, 3일 전', [7, 3]],
    ['D-7 D-1', [7, 1]],
    ['0', [0]],
    ['', [7, 3, 1]],
    ['3,3', [3]],
  ])('lead days %j → %j', (text, expected) => {
    expect(parseLeadDays(text)).toEqual(expected);
  });

  test.each(['다음 주', '7,x', '400', '-1'])('lead days %j are refused', (text) => {
    expect(parseLeadDays(text)).toBeNull();
  });

  test('recipients: several separators, lower-cased, duplicates once; one bad address refuses all', () => {
    expect(parseRecipients('A@Example.org; b@example.org, a@example.org  c@example.org')).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(parseRecipients('')).toEqual([]);
    expect(parseRecipients('a@example.org, 담당자')).toBeNull();
    expect(parseRecipients('a@example')).toBeNull();
  });

  test.each([
    ['2020-08-07 09:10:00', true],
    ['✓', true],
    ['O', true],
    [true, true],
    [1, true],
    ['', false],
    [null, false],
    [false, false],
    ['FALSE', false],
    ['x', false],
    ['아니오', false],
    ['미발송', false],
    [0, false],
  ])('보냄 %j counts as sent: %s', (cell, sent) => {
    expect(isSentMark(cell)).toBe(sent);
  });

  test('reminder keys ignore case and spacing of the address, not the day or milestone', () => {
    expect(reminderKey('초안 제출', '2020-08-07', ' A@example.org')).toBe(reminderKey('초안 제출', '2020-08-07', 'a@example.org'));
    expect(reminderKey('초안 제출', '2020-08-07', 'a@example.org')).not.toBe(reminderKey('초안 제출', '2020-08-08', 'a@example.org'));
    expect(reminderKey('초안 제출', '2020-08-07', 'a@example.org')).not.toBe(reminderKey('승인', '2020-08-07', 'a@example.org'));
    expect(reminderKey('x', '2020-08-07', '')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('plan and due', () => {
  interface MilestoneCase {
    name: string;
    start: number;
    length: number;
    deadline: boolean;
    done: boolean;
    recipients: string[];
    leadDays: number[];
  }
  const milestone: fc.Arbitrary<MilestoneCase> = fc.record({
    name: fc.constantFrom('초안 제출', '승인', '설명회', '최종승인'),
    start: fc.integer({ min: 0, max: 60 }),
    length: fc.integer({ min: 0, max: 20 }),
    deadline: fc.boolean(),
    done: fc.boolean(),
    recipients: fc.subarray(['a@example.org', 'b@example.org']),
    leadDays: fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 4 }),
  });
  const toPlanned = (m: MilestoneCase): PlannedMilestone => {
    const start = addDays('2020-07-01', m.start);
    return {
      name: m.name,
      dates: { start, end: addDays(start, m.length), time: null, endTime: null, deadline: m.deadline },
      status: m.done ? 'done' : 'planned',
      owner: '',
      recipients: m.recipients,
      leadDays: m.leadDays,
    };
  };

  test('the plan does not depend on order and has unique keys; done milestones get none', () => {
    fc.assert(
      fc.property(fc.array(milestone, { maxLength: 6 }), (ms) => {
        const planned = ms.map(toPlanned);
        const plan = planReminders(planned);
        expect(planReminders([...planned].reverse())).toEqual(plan);
        expect(new Set(plan.map((r) => r.key)).size).toBe(plan.length);
        const done = new Set(planned.filter((m) => m.status === 'done').map((m) => m.name));
        const open = new Set(planned.filter((m) => m.status !== 'done').map((m) => m.name));
        for (const r of plan) expect(open.has(r.milestone) || !done.has(r.milestone)).toBe(true);
        for (const r of plan) expect(r.date <= r.anchor).toBe(true);
      }),
    );
  });

  test('due: never a sent key, never before its day or after what it counts down to, one per milestone (name and day) and recipient', () => {
    fc.assert(
      fc.property(fc.array(milestone, { maxLength: 6 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 1000 }), (ms, offset, seed) => {
        const plan = planReminders(ms.map(toPlanned));
        const sent = new Set(plan.filter((_, i) => (i * 7919 + seed) % 3 === 0).map((r) => r.key));
        const today = addDays('2020-06-20', offset);
        const due = dueReminders(plan, sent, today);
        const groups = new Set<string>();
        for (const r of due) {
          expect(sent.has(r.key)).toBe(false);
          expect(r.date <= today && today <= r.anchor).toBe(true);
          const group = `${r.milestone}\n${r.anchor}\n${r.to}`;
          expect(groups.has(group)).toBe(false);
          groups.add(group);
        }
      }),
    );
  });

  test('milestones of one name (a weekly meeting): each is reminded, also on a shared day; the first keeps the plain key; a row written twice once', () => {
    const meeting = (start: string, leadDays: number[]): PlannedMilestone => ({
      name: '운영협의회 회의',
      dates: { start, end: start, time: null, endTime: null, deadline: false },
      status: 'planned',
      owner: '',
      recipients: ['a@example.org'],
      leadDays,
    });
    // 7/4 with a day's notice and 7/10 with a week's: both reminders fall on 7/3.
    const first = meeting('2020-07-04', [1]);
    const second = meeting('2020-07-10', [7]);
    const plan = planReminders([second, first, first]);
    expect(plan.map((r) => [r.date, r.anchor])).toEqual([
      ['2020-07-03', '2020-07-04'],
      ['2020-07-03', '2020-07-10'],
    ]);
    expect(plan[0].key).toBe(reminderKey('운영협의회 회의', '2020-07-03', 'a@example.org'));
    expect(plan[1].key).toBe(reminderKey('운영협의회 회의', '2020-07-03', 'a@example.org', '2020-07-10'));
    expect(plan[1].key).not.toBe(plan[0].key);
    // Both are due that day; once one is sent, the other still is.
    expect(dueReminders(plan, new Set(), '2020-07-03').map((r) => r.anchor)).toEqual(['2020-07-04', '2020-07-10']);
    expect(dueReminders(plan, new Set([plan[0].key]), '2020-07-03').map((r) => r.anchor)).toEqual(['2020-07-10']);
  });
});
