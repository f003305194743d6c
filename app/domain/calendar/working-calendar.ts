import { ValidationError } from '../shared/errors';
import { assertIsoDate, dayNumber, fromDayNumber, localDate, type IsoDate } from './dates';

/**
 * The working-day calendar of Kazakhstan (five-day week).
 *
 * Rule: a date is a working day when
 *   - it is listed as `transfer_work` (a weekend day made a working day by a transfer), or
 *   - it is Monday to Friday and not listed as `holiday` (public holiday or a day off carried over
 *     from a holiday on a weekend) nor as `transfer_rest` (a weekday made a day off by a transfer).
 * Saturdays and Sundays are days off otherwise. The non-standard days come from the
 * `calendar_days` table (seeded from kz_holidays.json, editable by administrators).
 *
 * Counting convention (used by every legal clock): periods in working days are counted from the
 * day AFTER the start date, never counting the start date itself; `addWorkingDays(d, n)` is the
 * n-th working day after `d`, and `workingDaysBetween(a, b)` counts the working days in (a, b], so
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 *
 * Coverage: only the years that have at least one row in the calendar are "covered"; for other
 * years the calendar knows weekends only (holidays unknown), and `covers()` says so, so a due date
 * in an uncovered year can be shown as provisional.
 */

export const CALENDAR_DAY_KINDS = ['holiday', 'transfer_rest', 'transfer_work'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarRow {
  day: IsoDate;
  kind: CalendarDayKind;
}

export class WorkingCalendar {
  /** date -> kind of the non-standard days. */
  private readonly kinds: ReadonlyMap<IsoDate, CalendarDayKind>;
  /** The same, keyed by day number (the fast path of the counting loops). */
  private readonly kindsByNumber: ReadonlyMap<number, CalendarDayKind>;
  /** Day numbers of the non-standard days, ascending (for range counting). */
  private readonly specialDays: readonly number[];
  private readonly years: ReadonlySet<number>;

  constructor(rows: Iterable<CalendarRow>) {
    const kinds = new Map<IsoDate, CalendarDayKind>();
    for (const row of rows) {
      assertIsoDate(row.day, 'day');
      if (!(CALENDAR_DAY_KINDS as readonly string[]).includes(row.kind))
        throw new ValidationError('calendar.invalid-kind', { [row.day]: String(row.kind) });
      const seen = kinds.get(row.day);
      if (seen !== undefined && seen !== row.kind)
        throw new ValidationError('calendar.conflicting-days', { [row.day]: `${seen} / ${row.kind}` });
      kinds.set(row.day, row.kind);
    }
    this.kinds = kinds;
    this.kindsByNumber = new Map([...kinds].map(([d, k]) => [dayNumber(d), k]));
    this.specialDays = [...kinds.keys()].map(dayNumber).sort((a, b) => a - b);
    this.years = new Set([...kinds.keys()].map((d) => Number(d.slice(0, 4))));
  }

  /** The listed kind of a date, or null for an ordinary day. */
  kindOf(date: IsoDate): CalendarDayKind | null {
    assertIsoDate(date);
    return this.kinds.get(date) ?? null;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** isWorkingDay for a day number (see dates.dayNumber): the allocation-free form used in loops. */
  isWorkingDayNumber(n: number): boolean {
    const kind = this.kindsByNumber.get(n);
    if (kind === 'transfer_work') return true;
    if (kind === 'holiday' || kind === 'transfer_rest') return false;
    return !isWeekendNumber(n);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, -1);
  }

  /** `date` itself when it is a working day, else the next working day. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * The n-th working day after `date`, `date` itself not counted (n = 1: the next working day).
   * n = 0 returns `date` unchanged (working day or not); a negative n counts backwards (the |n|-th
   * working day before `date`).
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new ValidationError('calendar.invalid-count', { n: String(n) });
    let day = dayNumber(date);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return fromDayNumber(day);
  }

  /**
   * Working days d with a < d <= b (the start excluded, the end included); negative, -(working days
   * in (b, a]), when b is before a; 0 when a = b.
   *
   * Computed arithmetically: Monday-to-Friday days in the range, corrected by each listed day in it.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const na = dayNumber(a);
    const nb = dayNumber(b);
    if (nb < na) return -this.workingDaysBetween(b, a);
    let count = weekdaysUpTo(nb) - weekdaysUpTo(na);
    for (let i = lowerBound(this.specialDays, na + 1); i < this.specialDays.length; i++) {
      const n = this.specialDays[i]!;
      if (n > nb) break;
      count += (this.isWorkingDayNumber(n) ? 1 : 0) - (isWeekendNumber(n) ? 0 : 1);
    }
    return count;
  }

  /** The Kazakhstan local date (UTC+5) of an instant. */
  localDate(instant: Date): IsoDate {
    return localDate(instant);
  }

  /** True when the calendar has data for the year of `date` (holidays known, not only weekends). */
  covers(date: IsoDate): boolean {
    assertIsoDate(date);
    return this.years.has(Number(date.slice(0, 4)));
  }

  /** True when every year from `a` to `b` (inclusive, in either order) is covered. */
  coversRange(a: IsoDate, b: IsoDate): boolean {
    const [from, to] = a <= b ? [a, b] : [b, a];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!this.years.has(y)) return false;
    return true;
  }

  /** The years with data, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((x, y) => x - y);
  }
}

/** Builds a calendar from `calendar_days` rows. */
export function createWorkingCalendar(rows: Iterable<CalendarRow>): WorkingCalendar {
  return new WorkingCalendar(rows);
}

/**
 * Monday-to-Friday days in [epoch origin .. day n], as a step function: the difference of two
 * values counts the weekdays in (a, b]. Day 0 (1970-01-01) was a Thursday.
 */
function weekdaysUpTo(n: number): number {
  // Shift so that day 0 of the shifted count is a Monday: 1970-01-05 (day 4) was a Monday.
  const m = n - 4;
  const weeks = Math.floor(m / 7);
  const rest = m - weeks * 7; // 0 = Monday ... 6 = Sunday
  return weeks * 5 + Math.min(rest + 1, 5);
}

/** Saturday or Sunday, for a day number (day 0, 1970-01-01, was a Thursday). */
function isWeekendNumber(n: number): boolean {
  const isoWeekday = ((((n + 3) % 7) + 7) % 7) + 1; // 1 = Monday ... 7 = Sunday
  return isoWeekday >= 6;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
