/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the pure parts — formats, dates,
 * query parsing and the small XML serializer. The HTTP glue is app/services/open311.server.ts, the
 * queries app/domain/reports/open311.server.ts.
 *
 * Decisions (docs/decisions/open311.md):
 *   - service_request_id is the public registration number (R-2026-000042); a POST answers with it
 *     at once (the report is registered in the same transaction) and with a token as well.
 *   - jurisdiction_id is accepted and ignored: this endpoint serves one jurisdiction.
 *   - A location is lat + long. address_string alone is refused (400) because the portal has no
 *     geocoder and will not call a remote one; it is stored as the address when sent with lat/long.
 *   - media_url is ignored: the server never fetches remote URLs (no SSRF, no unchecked images).
 *   - Dates are ISO 8601 with the Kazakhstan offset (+05:00). expected_datetime is the end of the
 *     working day the answer is due (23:59:59+05:00 of answer_due_on).
 */

export type Open311Format = 'json' | 'xml';

/** `name.json` / `name.xml` -> name and format; null for anything else. */
export function splitFormat(file: string | undefined): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file ?? '');
  return m ? { name: m[1]!, format: m[2] as Open311Format } : null;
}

const KZ_OFFSET_MS = 5 * 3_600_000;

/** An instant as ISO 8601 in Kazakhstan time with its offset: 2026-11-22T19:13:05+05:00. */
export function isoKz(at: Date): string {
  return `${new Date(at.getTime() + KZ_OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/** The end of a Kazakhstan calendar day (YYYY-MM-DD) as ISO 8601 with offset. */
export function endOfDayKz(day: string): string {
  return `${day}T23:59:59+05:00`;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** An ISO 8601 date or date-time (a bare date is midnight in Kazakhstan); null if not one. */
export function parseIsoDate(value: string): Date | null {
  const v = value.trim();
  if (!ISO_DATETIME.test(v)) return null;
  const withZone = /T/.test(v) ? v : `${v}T00:00:00+05:00`;
  const t = Date.parse(withZone);
  return Number.isFinite(t) ? new Date(t) : null;
}

/** Open311 `locale` (kk, ru, en, kk_KZ, ru-KZ, en_US ...) -> one of the portal's languages, or null. */
export function open311Locale(value: string | null): 'kk' | 'ru' | 'en' | null {
  const m = /^(kk|ru|en)(?:[-_][A-Za-z]{2})?$/i.exec((value ?? '').trim());
  return m ? (m[1]!.toLowerCase() as 'kk' | 'ru' | 'en') : null;
}

export const MAX_REQUESTS = 1000;
export const DEFAULT_WINDOW_DAYS = 90;

export interface RequestsQuery {
  /** Registration numbers; when present the other filters are ignored (spec). */
  ids: string[] | null;
  serviceCode: string | null;
  start: Date;
  end: Date;
  status: 'open' | 'closed' | null;
}

export type RequestsQueryOutcome = { kind: 'ok'; query: RequestsQuery } | { kind: 'bad-date' } | { kind: 'bad-status' };

/** The filters of GET requests.json; by default the last 90 days. */
export function parseRequestsQuery(params: URLSearchParams, now: Date): RequestsQueryOutcome {
  const idList = params.get('service_request_id');
  const ids = idList
    ? idList
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .slice(0, MAX_REQUESTS)
    : null;
  const statusRaw = params.get('status')?.trim().toLowerCase() || null;
  if (statusRaw !== null && statusRaw !== 'open' && statusRaw !== 'closed') return { kind: 'bad-status' };
  const startRaw = params.get('start_date');
  const endRaw = params.get('end_date');
  const end = endRaw ? parseIsoDate(endRaw) : now;
  const start = startRaw ? parseIsoDate(startRaw) : end ? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000) : null;
  if (!start || !end || start.getTime() > end.getTime()) return { kind: 'bad-date' };
  return { kind: 'ok', query: { ids: ids && ids.length > 0 ? ids : null, serviceCode: params.get('service_code')?.trim() || null, start, end, status: statusRaw } };
}

// ---------------------------------------------------------------------------------------------
// XML

/** Characters XML 1.0 does not allow (C0 controls other than tab, newline and carriage return). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!).replace(INVALID_XML_CHARS, '');
}

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [k: string]: XmlValue };

function element(name: string, value: XmlValue, itemName: string): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(itemName, v, 'item')).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, singular(k))).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function singular(name: string): string {
  if (name === 'keywords') return 'keyword';
  if (name === 'attributes') return 'attribute';
  return name.endsWith('s') ? name.slice(0, -1) : 'item';
}

/**
 * The XML form of an Open311 answer: a root element holding one `item` element per array entry,
 * each with one child per field (as the spec's examples: <services><service>...</service></services>).
 * Arrays inside an entry are wrapped once more (keywords -> keyword). null becomes an empty element.
 */
export function toXml(root: string, item: string, value: XmlValue): string {
  const body = Array.isArray(value) ? value.map((v) => element(item, v, 'item')).join('') : element(item, value, 'item');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body}</${root}>`;
}

/** An XML document whose root element holds the fields of one object (a service definition). */
export function toXmlObject(root: string, value: { [k: string]: XmlValue }): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, 'item')}`;
}
