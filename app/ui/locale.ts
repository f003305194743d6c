import { useRouteLoaderData } from '@remix-run/react';
import { DEFAULT_LOCALE, localized, type Locale } from '../i18n';
import type { loader as rootLoader } from '../root';

export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>('root')?.locale ?? DEFAULT_LOCALE;
}

/** Returns a picker of the current language's name from a kk/ru/en row. */
export function useNames(): (row: { nameKk: string | null; nameRu: string; nameEn: string }) => string {
  const locale = useLocale();
  return (row) => localized(row, locale);
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === 'kk' ? 'kk-KZ' : locale === 'ru' ? 'ru-RU' : 'en-GB').format(n);
}

export function formatDate(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(locale === 'kk' ? 'kk-KZ' : locale === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Almaty',
  }).format(new Date(`${isoDate}T12:00:00+05:00`));
}
