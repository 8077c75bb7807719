/** Everything a host may call. Hosts stay thin: they adapt I/O, these do the work. */
export type { Workbook, Grid, Cell, WriteOptions } from './workbook';
export type { HostContext } from './context';
export type { InitReport, ImportInput, ImportReport, TallyJson, StatusReport, RemindersJson, ReminderSendReport, ScheduleStatus } from './api';
export { initWorkbook } from './init';
export { importTable } from './importBallots';
export { runTally } from './tally';
export { readStatus } from './status';
export { reminderCalendar, runReminders, sendDueReminders, type Mailer, type SentJournal } from './reminders';
