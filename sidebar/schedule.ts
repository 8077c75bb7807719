/**
 * The schedule section of the status panel (일정·알림): overdue milestones with days late, what
 * is due today, a calendar (.ics) download, and the daily e-mail reminder switch. Self-contained
 * (its own words and buttons) so the rest of the sidebar only appends it.
 */
import type { ScheduleStatus } from '../src/workflows/api';
import { el, put } from './dom';
import type { Lang } from './i18n';
import { server, ServerUnavailableError } from './rpc';

const TEXTS = {
  ko: {
    heading: '일정·알림',
    noTab: "일정 탭이 없습니다. '탭 만들기'로 만드세요.",
    counts: (n: number, due: number, unparsed: number) => `일정 ${n}건 · 오늘 보낼 알림 ${due}건` + (unparsed ? ` · 날짜 확인 필요 ${unparsed}건` : ''),
    overdue: '지연',
    overdueItem: (name: string, days: number, end: string) => `${name}: ${days}일 지연 (기한 ${end})`,
    noOverdue: '지연된 일정 없음',
    refresh: '일정·알림 새로고침',
    refreshed: (n: number, due: number) => `일정 ${n}건을 읽고 알림 탭을 새로 만들었습니다. 오늘 보낼 알림 ${due}건.`,
    download: '캘린더(.ics) 내려받기',
    downloaded: (name: string) => `${name} 파일을 내려받았습니다.`,
    mailOn: '이메일 알림 켜기',
    mailOff: '이메일 알림 끄기',
    mailState: (on: boolean, mine: boolean, hour: number) =>
      on ? `이메일 알림: 켜짐 (매일 ${hour}시대${mine ? ', 내 계정에서 발송' : ', 다른 사용자의 계정에서 발송'})` : '이메일 알림: 꺼짐',
    failed: '오류',
    noServer: '스프레드시트에서 열어야 사용할 수 있습니다.',
  },
  en: {
    heading: 'Schedule and reminders',
    noTab: "No Schedule tab yet: use 'Create tabs'.",
    counts: (n: number, due: number, unparsed: number) => `${n} milestones · ${due} reminders due today` + (unparsed ? ` · ${unparsed} with dates to check` : ''),
    overdue: 'Overdue',
    overdueItem: (name: string, days: number, end: string) => `${name}: ${days} days late (due ${end})`,
    noOverdue: 'Nothing overdue',
    refresh: 'Refresh schedule',
    refreshed: (n: number, due: number) => `Read ${n} milestones and rebuilt the Reminders tab. ${due} due today.`,
    download: 'Download calendar (.ics)',
    downloaded: (name: string) => `Downloaded ${name}.`,
    mailOn: 'Turn on e-mail reminders',
    mailOff: 'Turn off e-mail reminders',
    mailState: (on: boolean, mine: boolean, hour: number) =>
      on ? `E-mail reminders: on (daily around ${hour}:00${mine ? ', sent from your account' : ", sent from another user's account"})` : 'E-mail reminders: off',
    failed: 'Error',
    noServer: 'Open this from a spreadsheet to use it.',
  },
};

export function scheduleSection(schedule: ScheduleStatus | null, lang: Lang): HTMLElement {
  const t = TEXTS[lang];
  const section = el('section', { id: 'schedule', 'aria-labelledby': 'schedule-heading' }, el('h2', { id: 'schedule-heading' }, t.heading));
  const note = el('p', { role: 'status', id: 'schedule-note' });
  const say = (text: string, error = false): void => {
    note.textContent = error ? `${t.failed}: ${text}` : text;
    note.className = error ? 'error' : '';
  };
  const fail = (err: unknown): void => say(err instanceof ServerUnavailableError ? t.noServer : err instanceof Error ? err.message : String(err), true);

  if (schedule === null) {
    put(section, el('p', {}, t.noTab));
    return section;
  }
  put(section, el('p', { id: 'schedule-counts' }, t.counts(schedule.milestones, schedule.dueToday, schedule.unparsed)));
  put(
    section,
    schedule.overdue.length === 0
      ? el('p', { id: 'schedule-overdue' }, t.noOverdue)
      : el('ul', { id: 'schedule-overdue', 'aria-label': t.overdue }, ...schedule.overdue.map((o) => el('li', { class: 'overdue' }, `${t.overdue} · ${t.overdueItem(o.name, o.daysLate, o.end)}`))),
  );

  const buttons: HTMLButtonElement[] = [];
  const button = (label: string, id: string, action: () => Promise<void>): HTMLButtonElement => {
    const b = el('button', { type: 'button', id }, label);
    b.addEventListener('click', () => {
      buttons.forEach((x) => (x.disabled = true));
      action()
        .catch(fail)
        .finally(() => buttons.forEach((x) => (x.disabled = false)));
    });
    buttons.push(b);
    return b;
  };

  const refresh = button(t.refresh, 'schedule-refresh', async () => {
    const r = await server.rpcReminders();
    say(t.refreshed(r.milestones.length, r.due.length));
  });
  const download = button(t.download, 'schedule-ics', async () => {
    const file = await server.rpcReminderCalendar();
    const url = URL.createObjectURL(new Blob([file.text], { type: 'text/calendar;charset=utf-8' }));
    const link = el('a', { href: url, download: file.fileName });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
    say(t.downloaded(file.fileName));
  });
  const mailState = el('p', { id: 'schedule-mail' });
  const toggle = button(t.mailOn, 'schedule-mail-toggle', async () => {
    const next = toggle.dataset.on === 'true' ? await server.rpcDisableReminders() : await server.rpcEnableReminders();
    showMail(next);
  });
  const showMail = (s: { enabled: boolean; mine: boolean; hour: number }): void => {
    mailState.textContent = t.mailState(s.enabled, s.mine, s.hour);
    toggle.textContent = s.enabled ? t.mailOff : t.mailOn;
    toggle.dataset.on = String(s.enabled);
  };
  put(section, el('div', { class: 'actions' }, refresh, download), mailState, el('div', { class: 'actions' }, toggle), note);
  server.rpcReminderStatus().then(showMail, fail);
  return section;
}
