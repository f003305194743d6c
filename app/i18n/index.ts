import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { areas, type AreaMessages } from './areas';
import en from './en';
import kk from './kk';
import ru from './ru';

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Kazakh is the state language: the fallback when nothing else tells us. */
export const DEFAULT_LOCALE: Locale = 'kk';
/** All strings of a locale: the shell's (en.ts, kk.ts, ru.ts) and each area's namespace (areas/). */
function merge<L extends 'kk' | 'ru' | 'en', C extends object>(locale: L, core: C): C & AreaMessages<L> {
  // An area may extend a namespace the shell already uses (e.g. `projects`): merge, never replace.
  const shell = core as Record<string, unknown>;
  const namespaces = Object.entries(areas as Record<string, Record<L, object>>).map(([ns, area]) => [
    ns,
    typeof shell[ns] === 'object' && shell[ns] !== null ? { ...(shell[ns] as object), ...area[locale] } : area[locale],
  ]);
  return { ...core, ...Object.fromEntries(namespaces) } as C & AreaMessages<L>;
}
export const messages = { kk: merge('kk', kk), ru: merge('ru', ru), en: merge('en', en) } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const instances = new Map<Locale, I18n>();

/** A ready i18next instance for one locale (resources are bundled, so init is synchronous). */
export function getI18n(locale: Locale): I18n {
  let inst = instances.get(locale);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: messages[locale] } },
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<I18n['init']>[0]);
    instances.set(locale, inst);
  }
  return inst;
}

export function getT(locale: Locale): TFunction {
  return getI18n(locale).t;
}

/** Picks the locale's variant of a kk/ru/en triple of names (e.g. a database row). */
export function localized<T extends { nameKk: string | null; nameRu: string; nameEn: string }>(
  row: T,
  locale: Locale,
): string {
  if (locale === 'kk') return row.nameKk ?? row.nameRu;
  return locale === 'ru' ? row.nameRu : row.nameEn;
}
