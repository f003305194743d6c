import type { Locale } from '../../i18n';
import type { Names, RoutingNote, RoutingReason } from './route';

/**
 * A stored routing reason -> the i18n messages that explain it, in one language. The strings live
 * in app/i18n/areas/reports.ts (namespace `reports`); call `t(m.key, m.params)` for each message.
 *
 *   const lines = explainRouting(outcome.reason, locale).map((m) => t(m.key, m.params));
 *   // en: "The place is in Saryarka District, Astana. Reports in the category “Roads and
 *   //      sidewalks” there are handled by Akimat of Saryarka District, the City of Astana: ..."
 *
 * Place names are joined, never declined: "Saryarka District, Astana" (en, ru: smaller unit
 * first; kk: larger unit first, "Астана, Сарыарқа ауданы"), so no grammatical case is needed.
 */

export interface Message {
  /** Full i18n key, e.g. `reports.routing.reason.local`. */
  key: string;
  params: Record<string, string>;
}

const NOTE_KEYS: Record<RoutingNote, string> = {
  'approximate-boundary': 'reports.routing.note.approximateBoundary',
  'boundary-may-be-outdated': 'reports.routing.note.boundaryMayBeOutdated',
  'external-department': 'reports.routing.note.externalDepartment',
  'department-missing': 'reports.routing.note.departmentMissing',
};

export function nameIn(n: Names, locale: Locale): string {
  return locale === 'kk' ? n.nameKk : locale === 'ru' ? n.nameRu : n.nameEn;
}

/** "Saryarka District, Astana" / "район Сарыарка, Астана" / "Астана, Сарыарқа ауданы". */
export function placeName(region: Names, district: Names | null, locale: Locale): string {
  if (!district) return nameIn(region, locale);
  const parts = [nameIn(district, locale), nameIn(region, locale)];
  return (locale === 'kk' ? parts.reverse() : parts).join(', ');
}

/**
 * What explainRouting reads of a reason: a point reason (RoutingReason) and a reason of a report
 * filed without a point (routed from the chosen unit, app/domain/reports/unit-routing.ts) both fit.
 */
export interface ExplainableReason {
  code: RoutingReason['code'];
  params: Pick<RoutingReason['params'], 'region' | 'district' | 'category' | 'akimat' | 'department' | 'mayBelongTo'>;
  notes: readonly RoutingNote[];
}

/** The main sentence first, then one message per note, in the order of `reason.notes`. */
export function explainRouting(reason: ExplainableReason, locale: Locale): Message[] {
  const p = reason.params;
  const place = placeName(p.region, p.district, locale);
  const params: Record<string, string> = {
    place,
    region: nameIn(p.region, locale),
    category: nameIn(p.category, locale),
    akimat: nameIn(p.akimat, locale),
    department: nameIn(p.department, locale),
    units: p.mayBelongTo.map((u) => nameIn(u, locale)).join(', '),
  };
  return [
    { key: `reports.${reason.code}`, params },
    ...reason.notes.map((note) => ({ key: NOTE_KEYS[note], params })),
  ];
}

/** The message for a refused routing outcome (`invalid-point`, `outside`, `unknown-category`, `no-akimat`). */
export function routingRefusalMessage(kind: 'invalid-point' | 'outside' | 'unknown-category' | 'no-akimat'): Message {
  const key = {
    'invalid-point': 'reports.location.invalid',
    outside: 'reports.location.outside',
    'unknown-category': 'reports.location.unknownCategory',
    'no-akimat': 'reports.location.noAkimat',
  }[kind];
  return { key, params: {} };
}
