import { useRouteLoaderData } from '@remix-run/react';
import { DEFAULT_LOCALE, localized, type Locale } from '../i18n';
import type { loader as rootLoader } from '../root';
import { formatDayIn, formatNumberIn } from './formatters';

export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>('root')?.locale ?? DEFAULT_LOCALE;
}

/** Returns a picker of the current language's name from a kk/ru/en row. */
export function useNames(): (row: { nameKk: string | null; nameRu: string; nameEn: string }) => string {
  const locale = useLocale();
  return (row) => localized(row, locale);
}

/** Numbers and dates are formatted without Intl (see formatters.ts: browsers lack Kazakh data). */
export function formatNumber(locale: Locale, n: number): string {
  return formatNumberIn(locale, n);
}

export function formatDate(locale: Locale, isoDate: string): string {
  return formatDayIn(locale, isoDate);
}
