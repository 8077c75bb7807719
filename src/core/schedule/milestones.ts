/**
 * Where a milestone (일정) stands on a given day. Only a person knows that something is done
 * (완료), so that is the one status read from the sheet; the rest follows from the dates.
 */
import { daysBetween, type IsoDay } from './calendarDays';
import type { ScheduleDates } from './koreanDates';

/** planned 예정 · in_progress 진행 · done 완료 · overdue 지연 · unparsed (dates to check, 확인 필요). */
export type MilestoneStatus = 'planned' | 'in_progress' | 'done' | 'overdue' | 'unparsed';

export interface MilestoneState {
  status: MilestoneStatus;
  /** Days past the end (deadline) when overdue; 0 otherwise. */
  daysLate: number;
}

/**
 * `written` is what the status cell says. 완료 wins; past the end and not 완료 is 지연 with the
 * days late; otherwise 진행 from the start day on, 예정 before it. Only 완료 is taken from the
 * cell: the other labels are this function's own output from an earlier run, and honouring them
 * would keep a milestone 지연 after its deadline was moved.
 */
export function milestoneState(dates: ScheduleDates | null, written: MilestoneStatus | null, today: IsoDay): MilestoneState {
  if (written === 'done') return { status: 'done', daysLate: 0 };
  if (dates === null) return { status: 'unparsed', daysLate: 0 };
  const late = daysBetween(dates.end, today);
  if (late > 0) return { status: 'overdue', daysLate: late };
  return { status: today >= dates.start ? 'in_progress' : 'planned', daysLate: 0 };
}
