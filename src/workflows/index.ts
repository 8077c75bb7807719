/** Everything a host may call. Hosts stay thin: they adapt I/O, these do the work. */
export type { Workbook, Grid, Cell, WriteOptions, Fill } from './workbook';
export type { HostContext } from './context';
export type { InitReport, ImportInput, ImportReport, TallyJson, StatusReport, PlanReviewJson, PlanCheckJson, PlanProjectJson, ExecutionJson, RemindersJson, ReminderSendReport, ScheduleStatus } from './api';
export { checkPlans } from './checkPlans';
export { initWorkbook } from './init';
export { importTable } from './importBallots';
export { runTally } from './tally';
export { readStatus } from './status';
export { reminderCalendar, runReminders, sendDueReminders, type Mailer, type SentJournal } from './reminders';
