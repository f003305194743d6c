import { localDate } from '../domain/calendar/dates';
import { formatDateTimeIn, formatDayIn, formatNumberIn } from './formatters';
import { useLocale } from './locale';

/**
 * Dates, instants and numbers in the page's language, as <time> elements where it helps. The
 * formatting is deterministic (formatters.ts), so server and browser render the same text.
 */
export function useDates() {
  const locale = useLocale();
  const stamp = (text: string, dateTime: string) => <time dateTime={dateTime}>{text}</time>;
  const date = (isoDate: string | null) => (isoDate ? stamp(formatDayIn(locale, isoDate), isoDate) : '—');
  return {
    date,
    day: (instant: Date | string | null) => (instant ? date(localDate(new Date(instant))) : '—'),
    when: (instant: Date | string) => stamp(formatDateTimeIn(locale, instant), new Date(instant).toISOString()),
    num: (n: number) => formatNumberIn(locale, n),
    dayText: (isoDate: string) => formatDayIn(locale, isoDate),
  };
}
