/**
 * Deterministic formatting of numbers, dates and times for kk / ru / en (pure).
 *
 * Why not Intl: the server (Node's full ICU) and some browsers disagree for Kazakh — a Chromium
 * built with a reduced ICU formats 50 000 as "50,000" and 14 тамыз 2026 as "2026 M08 14" — so the
 * hydrated page would differ from the server's HTML (React error 418) and then show the wrong
 * forms. These functions give the CLDR forms the server gives, everywhere:
 *   numbers: groups of three separated by a no-break space (kk, ru) or a comma (en); decimal comma
 *            (kk, ru) or point (en);
 *   dates:   kk "2026 ж. 14 тамыз", ru "14 августа 2026 г.", en "14 August 2026";
 *   times:   24-hour "HH:MM".
 * Dates and times are Kazakhstan's (UTC+5 all year since 1 March 2024, see app/domain/calendar/dates.ts).
 */

export type FormatLocale = 'kk' | 'ru' | 'en';

const MONTHS: Record<FormatLocale, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
};

const KZ_OFFSET_MS = 5 * 3_600_000;
const NBSP = '\u00a0';

/** `n` with at most `maxFractionDigits` decimals (rounded half away from zero), grouped. */
export function formatNumberIn(locale: FormatLocale, n: number, maxFractionDigits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const factor = 10 ** maxFractionDigits;
  const rounded = Math.round(Math.abs(n) * factor) / factor;
  const [int = '0', frac = ''] = rounded.toFixed(maxFractionDigits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? ',' : NBSP);
  const fraction = frac.replace(/0+$/, '');
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? (locale === 'en' ? '.' : ',') + fraction : ''}`;
}

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A calendar date 'YYYY-MM-DD' in words. */
export function formatDayIn(locale: FormatLocale, isoDate: string): string {
  const [y, m, d] = parts(isoDate);
  const month = MONTHS[locale][m - 1]!;
  if (locale === 'kk') return `${y} ж. ${d} ${month}`;
  if (locale === 'ru') return `${d} ${month} ${y} г.`;
  return `${d} ${month} ${y}`;
}

/** The Kazakhstan calendar date (YYYY-MM-DD) of an instant. */
export function kzDate(at: Date | string): string {
  return new Date(new Date(at).getTime() + KZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Kazakhstan date of an instant, in words. */
export function formatDateIn(locale: FormatLocale, at: Date | string): string {
  return formatDayIn(locale, kzDate(at));
}

/** The Kazakhstan clock time of an instant, "HH:MM". */
export function formatTimeIn(at: Date | string): string {
  return new Date(new Date(at).getTime() + KZ_OFFSET_MS).toISOString().slice(11, 16);
}

/** Date and time of an instant in Kazakhstan, e.g. "22 ноября 2026 г., 14:05". */
export function formatDateTimeIn(locale: FormatLocale, at: Date | string): string {
  return `${formatDateIn(locale, at)}, ${formatTimeIn(at)}`;
}
