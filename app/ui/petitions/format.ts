import { useLocale } from '../locale';
import { formatDateIn, formatDayIn, formatNumberIn, formatTimeIn } from '../formatters';

export { kzDate } from '../formatters';

/**
 * Formatting in the page's language (Kazakhstan time). Deterministic (formatters.ts), so the
 * server's HTML and the hydrated page agree in every browser.
 */
export function useFormat() {
  const locale = useLocale();
  return {
    locale,
    number: (n: number) => formatNumberIn(locale, n),
    /** A calendar date 'YYYY-MM-DD' (a due date). */
    day: (isoDate: string) => formatDayIn(locale, isoDate),
    /** The Kazakhstan date of an instant. */
    date: (at: Date | string) => formatDateIn(locale, at),
    /** The Kazakhstan clock time of an instant (HH:MM). */
    time: (at: Date | string) => formatTimeIn(at),
    /** A share 0..1 as a percentage with at most one decimal (without the % sign). */
    percent: (fraction: number) => formatNumberIn(locale, fraction * 100, 1),
    /** The ISO form for <time dateTime>. */
    iso: (at: Date | string) => new Date(at).toISOString(),
  };
}
