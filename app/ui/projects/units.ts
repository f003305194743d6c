import { useTranslation } from 'react-i18next';
import { formatNumberIn } from '../formatters';
import { useLocale } from '../locale';

/**
 * Units of project indicators the portal translates (project_indicators.unit holds the code). Any
 * other unit an analyst types is shown as written after the number.
 */
export const KNOWN_UNITS = [
  'percent',
  'years',
  'schools',
  'places',
  'centres',
  'jobs',
  'projects',
  'kzt_trillion',
  'times',
  'people',
  'containers',
  'km3',
  'hectares',
  'reservoirs',
  'trees',
  'usd_million',
  'specialists',
  'settlements',
  'hospitals',
  'km',
] as const;
export type KnownUnit = (typeof KNOWN_UNITS)[number];

export function isKnownUnit(unit: string | null): unit is KnownUnit {
  return unit !== null && (KNOWN_UNITS as readonly string[]).includes(unit);
}

/** A value with its unit in the page's language ("95 %", "75,4 года", "840 000 ученических мест"). */
export function useIndicatorValue(): (value: number, unit: string | null) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (value, unit) => {
    // Up to 3 decimals (75.4 years, 1.7 km³), grouped as the page's language does.
    const n = formatNumberIn(locale, value, 3);
    if (unit === null || unit === '') return n;
    if (unit === 'percent') return `${n} %`;
    if (isKnownUnit(unit)) return t(`projectPages.units.${unit}`, { count: value, value: n });
    return `${n} ${unit}`;
  };
}
