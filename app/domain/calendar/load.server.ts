import type { Db } from '../../../db/client';
import { calendarDays } from '../../../db/schema';
import { ValidationError } from '../shared/errors';
import { CALENDAR_DAY_KINDS, WorkingCalendar, type CalendarDayKind } from './working-calendar';

const isKind = (kind: string): kind is CalendarDayKind => (CALENDAR_DAY_KINDS as readonly string[]).includes(kind);

/**
 * The working-day calendar from the `calendar_days` table (all rows: a few dozen a year). Load it at
 * start and again after an administrator edits the table; the calendar itself is immutable.
 */
export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  return new WorkingCalendar(
    rows.map((r) => {
      if (!isKind(r.kind)) throw new ValidationError('calendar.invalid-kind', { [r.day]: r.kind });
      return { day: r.day, kind: r.kind };
    }),
  );
}
