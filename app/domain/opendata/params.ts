import { isIsoDate, startOfLocalDay } from '../calendar/dates';
import { VISIBLE_PUBLICLY, type PetitionState } from '../petitions/states';
import { ADDRESSEE_KINDS, type AddresseeKind } from '../petitions/thresholds';

/**
 * The query parameters of the open-data API, parsed by pure functions into a typed query or a list
 * of errors (one per faulty parameter, each with a stable code; the route turns them into an RFC
 * 9457 problem with localized messages).
 *
 * Rules:
 * - A parameter given with an empty value (`status=`) counts as absent (what an HTML form sends).
 * - A parameter given twice is an error (`repeated-parameter`); so is any unknown parameter
 *   (`unknown-parameter`): a typo such as `per-page` is reported instead of silently ignored, and
 *   a CDN caches fewer variants of the same answer.
 * - `status` is a comma-separated list of states and groups (union). Groups: open = [open];
 *   closed = signing has ended and no answer yet [closed-reached, closed-expired,
 *   under-consideration]; answered = [answered]; rejected = [rejected].
 * - `opened_after` / `opened_before` take a Kazakhstan local date (YYYY-MM-DD, the day starts at
 *   00:00 UTC+5) or an RFC 3339 date-time with an offset. The range is half-open:
 *   opened_after <= opened_at < opened_before, so `opened_after=2026-01-01&opened_before=2026-02-01`
 *   is January. A `+` of an offset that arrives as a space (an unencoded `+` in a URL) is read as `+`.
 * - `q`: 3 to 200 characters after trimming (3: the shortest string a trigram index can use).
 * - `page` 1..100,000; `per_page` 1..100 (default 20).
 */

/** The states the open data shows: publicly visible ones, and rejected petitions with their public reason. */
export const PUBLIC_STATES = [...VISIBLE_PUBLICLY, 'rejected'] as const satisfies readonly PetitionState[];
export type PublicState = (typeof PUBLIC_STATES)[number];

export const STATUS_GROUPS = {
  open: ['open'],
  closed: ['closed-reached', 'closed-expired', 'under-consideration'],
  answered: ['answered'],
  rejected: ['rejected'],
} as const satisfies Record<string, readonly PublicState[]>;
export type StatusGroup = keyof typeof STATUS_GROUPS;

/** Every value `status` accepts: the public states and the group names (open, answered and rejected are both). */
export const STATUS_VALUES: readonly string[] = [...new Set<string>([...PUBLIC_STATES, ...Object.keys(STATUS_GROUPS)])];

export const LEVELS = ['national', 'region', 'district'] as const;
export type Level = (typeof LEVELS)[number];

export const SORTS = ['newest', 'signatures', 'closing'] as const;
export type Sort = (typeof SORTS)[number];

export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export const API_LOCALES = ['kk', 'ru', 'en'] as const;

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 100_000;
export const Q_MIN = 3;
export const Q_MAX = 200;

/** The parameters of GET /api/v1/petitions (and nothing else). */
export const LIST_PARAMS = [
  'status',
  'level',
  'region',
  'addressee',
  'q',
  'opened_after',
  'opened_before',
  'sort',
  'page',
  'per_page',
  'format',
  'lng',
] as const;
/** The parameters of GET /api/v1/petitions/{id}. */
export const DETAIL_PARAMS = ['lng'] as const;

export const PARAM_ERROR_CODES = [
  'unknown-parameter',
  'repeated-parameter',
  'not-an-integer',
  'out-of-range',
  'not-allowed',
  'invalid-kato',
  'unknown-region',
  'unknown-addressee',
  'invalid-date',
  'empty-range',
  'invalid-length',
] as const;
export type ParamErrorCode = (typeof PARAM_ERROR_CODES)[number];

export interface ParamError {
  parameter: string;
  code: ParamErrorCode;
  /** Values for the message (min, max, allowed). */
  params?: Record<string, string | number>;
}

export type AddresseeFilter = { kind: AddresseeKind } | { code: string };

export interface PetitionListQuery {
  /** The states to show (empty: every public state). */
  states: PublicState[];
  level: Level | null;
  /** A level-1 KATO code: petitions to that region's bodies or to the bodies of its districts. */
  region: string | null;
  addressee: AddresseeFilter | null;
  q: string | null;
  openedAfter: Date | null;
  openedBefore: Date | null;
  sort: Sort;
  page: number;
  perPage: number;
  /** The format asked for in the URL (null: negotiate with the Accept header). */
  format: Format | null;
}

export type Parsed<T> = { kind: 'ok'; value: T } | { kind: 'invalid'; errors: ParamError[] };

/** Minimal view of URLSearchParams (so tests may pass a plain list of pairs). */
export type Params = Iterable<[string, string]>;

/** Collects the parameters: unknown and repeated names are errors; empty values are dropped. */
function collect(params: Params, allowed: readonly string[], errors: ParamError[]): Map<string, string> {
  const seen = new Map<string, string>();
  const reported = new Set<string>();
  for (const [name, raw] of params) {
    if (!allowed.includes(name)) {
      if (!reported.has(name)) errors.push({ parameter: name, code: 'unknown-parameter' });
      reported.add(name);
      continue;
    }
    if (raw.trim() === '') continue;
    if (seen.has(name)) {
      if (!reported.has(name)) errors.push({ parameter: name, code: 'repeated-parameter' });
      reported.add(name);
      continue;
    }
    seen.set(name, raw);
  }
  for (const name of reported) seen.delete(name);
  return seen;
}

const oneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

function integer(name: string, raw: string | undefined, min: number, max: number, fallback: number, errors: ParamError[]): number {
  if (raw === undefined) return fallback;
  const v = raw.trim();
  if (!/^[0-9]{1,9}$/.test(v)) {
    errors.push(/^-?[0-9]+$/.test(v) ? { parameter: name, code: 'out-of-range', params: { min, max } } : { parameter: name, code: 'not-an-integer' });
    return fallback;
  }
  const n = Number(v);
  if (n < min || n > max) {
    errors.push({ parameter: name, code: 'out-of-range', params: { min, max } });
    return fallback;
  }
  return n;
}

function choice<T extends string>(name: string, raw: string | undefined, list: readonly T[], errors: ParamError[]): T | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (oneOf(list, v)) return v;
  errors.push({ parameter: name, code: 'not-allowed', params: { allowed: list.join(', ') } });
  return null;
}

/** isIsoDate without narrowing (IsoDate is string: the guard would narrow the other branch to never). */
const isDate = (s: string | undefined): boolean => isIsoDate(s);

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A local date (the instant its day starts, 00:00 UTC+5) or an RFC 3339 date-time; null when the
 * value is neither (or names an impossible date or time; a leap second `:60` is refused).
 */
export function parseInstant(raw: string): Date | null {
  const v = raw.trim();
  if (isDate(v)) return startOfLocalDay(v);
  // An unencoded '+' of the offset arrives as a space; RFC 3339 allows a lower-case 't' and 'z'.
  const fixed = v.replace(/ (\d{2}:\d{2})$/, '+$1').toUpperCase();
  const m = DATE_TIME.exec(fixed);
  if (!m || !isDate(m[1])) return null;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return null;
  const offset = m[6]!;
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return null;
  const at = new Date(fixed);
  return Number.isNaN(at.getTime()) ? null : at;
}

function instant(name: string, raw: string | undefined, errors: ParamError[]): Date | null {
  if (raw === undefined) return null;
  const at = parseInstant(raw);
  if (!at) errors.push({ parameter: name, code: 'invalid-date' });
  return at;
}

/** Expands `status` (a comma-separated list of states and groups) to the states it names, in PUBLIC_STATES order. */
export function expandStatus(raw: string): { states: PublicState[]; unknown: string[] } {
  const wanted = new Set<PublicState>();
  const unknown: string[] = [];
  for (const item of raw.split(',').map((s) => s.trim())) {
    if (item === '') continue;
    if (oneOf(Object.keys(STATUS_GROUPS) as StatusGroup[], item)) for (const s of STATUS_GROUPS[item]) wanted.add(s);
    else if (oneOf(PUBLIC_STATES, item)) wanted.add(item);
    else unknown.push(item);
  }
  return { states: PUBLIC_STATES.filter((s) => wanted.has(s)), unknown };
}

/** `addressee`: a kind (government, ministry, akimat, maslikhat) or the code of a central body (e.g. MZ). */
export function parseAddressee(raw: string): AddresseeFilter | null {
  const v = raw.trim();
  if (oneOf(ADDRESSEE_KINDS, v)) return { kind: v };
  if (/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(v)) return { code: v.toUpperCase() };
  return null;
}

/** Parses the parameters of the list endpoint. */
export function parseListParams(params: Params): Parsed<PetitionListQuery> {
  const errors: ParamError[] = [];
  const p = collect(params, LIST_PARAMS, errors);

  let states: PublicState[] = [];
  const status = p.get('status');
  if (status !== undefined) {
    const expanded = expandStatus(status);
    if (expanded.unknown.length > 0) errors.push({ parameter: 'status', code: 'not-allowed', params: { allowed: STATUS_VALUES.join(', ') } });
    else states = expanded.states;
  }

  const level = choice('level', p.get('level'), LEVELS, errors);

  let region: string | null = null;
  const rawRegion = p.get('region');
  if (rawRegion !== undefined) {
    if (/^[0-9]{9}$/.test(rawRegion.trim())) region = rawRegion.trim();
    else errors.push({ parameter: 'region', code: 'invalid-kato' });
  }

  let addressee: AddresseeFilter | null = null;
  const rawAddressee = p.get('addressee');
  if (rawAddressee !== undefined) {
    addressee = parseAddressee(rawAddressee);
    if (!addressee) errors.push({ parameter: 'addressee', code: 'unknown-addressee' });
  }

  let q: string | null = null;
  const rawQ = p.get('q');
  if (rawQ !== undefined) {
    const v = rawQ.trim().replace(/\s+/g, ' ').normalize('NFC');
    if ([...v].length < Q_MIN || [...v].length > Q_MAX) errors.push({ parameter: 'q', code: 'invalid-length', params: { min: Q_MIN, max: Q_MAX } });
    else q = v;
  }

  const openedAfter = instant('opened_after', p.get('opened_after'), errors);
  const openedBefore = instant('opened_before', p.get('opened_before'), errors);
  if (openedAfter && openedBefore && openedBefore.getTime() <= openedAfter.getTime()) errors.push({ parameter: 'opened_before', code: 'empty-range' });

  const sort = choice('sort', p.get('sort'), SORTS, errors) ?? 'newest';
  const page = integer('page', p.get('page'), 1, MAX_PAGE, 1, errors);
  const perPage = integer('per_page', p.get('per_page'), 1, MAX_PER_PAGE, DEFAULT_PER_PAGE, errors);
  const format = choice('format', p.get('format'), FORMATS, errors);
  choice('lng', p.get('lng'), API_LOCALES, errors);

  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'ok', value: { states, level, region, addressee, q, openedAfter, openedBefore, sort, page, perPage, format } };
}

/** Parses the parameters of the single-petition endpoint (only `lng`). */
export function parseDetailParams(params: Params): Parsed<Record<string, never>> {
  const errors: ParamError[] = [];
  const p = collect(params, DETAIL_PARAMS, errors);
  choice('lng', p.get('lng'), API_LOCALES, errors);
  return errors.length > 0 ? { kind: 'invalid', errors } : { kind: 'ok', value: {} };
}

/** The petition an URL names: its id (a UUID) or its public number; null for anything else. */
export function parsePetitionRef(raw: string | undefined): { id: string } | { number: number } | null {
  if (!raw) return null;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) return { id: raw.toLowerCase() };
  if (/^[1-9][0-9]{0,14}$/.test(raw)) return { number: Number(raw) };
  return null;
}

// ---- Local issue reports (/reports, /reports/{number}) ----

/** The status groups of reports (app/domain/reports/groups.ts). */
export const REPORT_STATUS_GROUPS = ['open', 'answered', 'fixed', 'closed'] as const;
export type ReportStatusGroup = (typeof REPORT_STATUS_GROUPS)[number];

/** The parameters of GET /api/v1/reports (and nothing else). */
export const REPORT_LIST_PARAMS = ['region', 'district', 'category', 'status', 'page', 'per_page', 'lng'] as const;

export interface ReportListQuery {
  region: string | null;
  district: string | null;
  category: string | null;
  status: ReportStatusGroup | null;
  page: number;
  perPage: number;
}

/** Parses the parameters of the report list (same rules as the petition list: unknown or repeated names are errors). */
export function parseReportListParams(params: Params): Parsed<ReportListQuery> {
  const errors: ParamError[] = [];
  const p = collect(params, REPORT_LIST_PARAMS, errors);
  const kato = (name: 'region' | 'district'): string | null => {
    const raw = p.get(name)?.trim();
    if (raw === undefined) return null;
    if (/^[0-9]{9}$/.test(raw)) return raw;
    errors.push({ parameter: name, code: 'invalid-kato' });
    return null;
  };
  const region = kato('region');
  const district = kato('district');
  let category: string | null = null;
  const rawCategory = p.get('category')?.trim();
  // Checked against the categories by the caller (listOpenReports), which knows them.
  if (rawCategory !== undefined) category = rawCategory;
  const status = choice('status', p.get('status'), REPORT_STATUS_GROUPS, errors);
  const page = integer('page', p.get('page'), 1, MAX_PAGE, 1, errors);
  const perPage = integer('per_page', p.get('per_page'), 1, MAX_PER_PAGE, DEFAULT_PER_PAGE, errors);
  choice('lng', p.get('lng'), API_LOCALES, errors);
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'ok', value: { region, district, category, status, page, perPage } };
}
