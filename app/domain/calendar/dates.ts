import { ValidationError } from '../shared/errors';

/**
 * Calendar dates of Kazakhstan as plain `YYYY-MM-DD` strings, and the conversion of an instant to
 * such a date.
 *
 * Time zone rule: since 1 March 2024 the whole of Kazakhstan keeps UTC+5 all year (no daylight
 * saving). The local date of an instant is therefore the UTC date of `instant + 5 h`, computed
 * explicitly here so the result never depends on the time zone of the machine. Instants before
 * 1 March 2024 are converted with the same offset: the east of the country (Almaty, Astana) kept
 * UTC+6 until then, so such an instant between 18:00 and 19:00 UTC would fall on the next day there.
 * The portal holds no case that old; say so if historic records are ever imported.
 *
 * All arithmetic is done on UTC midnights of the dates, which has no daylight-saving gaps.
 */

/** A calendar date `YYYY-MM-DD` (a Kazakhstan local date wherever it stands for a day). */
export type IsoDate = string;

/** Kazakhstan's offset from UTC, in minutes (UTC+5 since 1 March 2024). */
export const KZ_UTC_OFFSET_MINUTES = 300;
const OFFSET_MS = KZ_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so `2025-02-29` is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Throws a ValidationError (`calendar.invalid-date`) unless `value` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown, field = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new ValidationError('calendar.invalid-date', { [field]: String(value) });
}

/** Days since 1970-01-01 of a date (an integer, for arithmetic). */
export function dayNumber(date: IsoDate): number {
  assertIsoDate(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The date of a day number (inverse of dayNumber). */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `n` calendar days (n may be negative). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new ValidationError('calendar.invalid-count', { n: String(n) });
  return fromDayNumber(dayNumber(date) + n);
}

/** Calendar days from `a` to `b` (negative when b is before a). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const d = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Saturday or Sunday (the regular days off of the five-day week). */
export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

/**
 * `date` plus `n` months (n >= 0), the usual rule for periods counted in months: the period ends on
 * the same day-of-month of the last month; when that month has no such day (31 Jan + 1 month), on
 * its last day (28 or 29 Feb).
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new ValidationError('calendar.invalid-count', { n: String(n) });
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The Kazakhstan local date (UTC+5) of an instant. */
export function localDate(instant: Date): IsoDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new ValidationError('calendar.invalid-instant');
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date begins (00:00 UTC+5, i.e. 19:00 UTC of the day before). */
export function startOfLocalDay(date: IsoDate): Date {
  return new Date(dayNumber(date) * DAY_MS - OFFSET_MS);
}

/** The instant a local date ends (the start of the next day; the day is [start, end)). */
export function endOfLocalDay(date: IsoDate): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - OFFSET_MS);
}

/** The later / earlier of two dates. */
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
