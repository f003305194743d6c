import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { departmentTypes, issueCategories, localBodies, open311Partners, reportPhotos, reports } from '../../../db/schema';
import type { Locale } from '../../i18n';
import { nameIn } from '../routing/explain';
import type { Deps } from '../shared/deps';
import { fileReport, type FilingDeps, type FilingRefusal } from './filing.server';
import { endOfDayKz, isoKz, MAX_REQUESTS, type RequestsQuery } from './open311';
import { REPORT_STATUSES, isReportStatus, open311Status, type ReportStatus } from './states';

/**
 * Open311 GeoReport v2 over the report domain: the service list (the issue categories), public
 * service requests (no personal data: the same fields as the public report page), partner API keys
 * and filing by a partner through fileReport (the same checks, routing and clocks as the portal).
 */

// ---------------------------------------------------------------------------------------------
// Partners and their keys

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Issues a partner and its API key (32 random bytes, base64url); the key is returned once, only its hash is stored. */
export async function issuePartnerKey(deps: Pick<Deps, 'db'>, name: string): Promise<{ partnerId: string; apiKey: string }> {
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 200) throw new RangeError('partner name must have 2 to 200 characters');
  const apiKey = randomBytes(32).toString('base64url');
  const [row] = await deps.db.insert(open311Partners).values({ name: trimmed, keyHash: hashApiKey(apiKey) }).returning({ id: open311Partners.id });
  return { partnerId: row!.id, apiKey };
}

/** The partner a key belongs to (null when missing, unknown or revoked). */
export async function partnerByKey(deps: Pick<Deps, 'db'>, apiKey: string | null): Promise<{ id: string; name: string } | null> {
  if (!apiKey || apiKey.length > 200) return null;
  const [row] = await deps.db
    .select({ id: open311Partners.id, name: open311Partners.name })
    .from(open311Partners)
    .where(and(eq(open311Partners.keyHash, hashApiKey(apiKey)), isNull(open311Partners.revokedAt)));
  return row ?? null;
}

export async function revokePartner(deps: Pick<Deps, 'db' | 'clock'>, partnerId: string): Promise<void> {
  await deps.db.update(open311Partners).set({ revokedAt: deps.clock.now() }).where(eq(open311Partners.id, partnerId));
}

// ---------------------------------------------------------------------------------------------
// Services

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export async function listServices(deps: Pick<Deps, 'db'>, locale: Locale): Promise<Open311Service[]> {
  const rows = await deps.db
    .select({ category: issueCategories, department: departmentTypes })
    .from(issueCategories)
    .innerJoin(departmentTypes, eq(departmentTypes.code, issueCategories.defaultDepartmentCode))
    .orderBy(asc(issueCategories.sortOrder), asc(issueCategories.code));
  return rows.map(({ category: c, department: d }) => ({
    service_code: c.code,
    service_name: nameIn(c, locale),
    description: c.examplesEn.length > 0 && locale === 'en' ? c.examplesEn.join('; ') : nameIn(c, locale),
    metadata: false,
    type: 'realtime',
    keywords: c.examplesEn.join(', '),
    group: nameIn(d, locale),
  }));
}

export async function serviceExists(deps: Pick<Deps, 'db'>, code: string): Promise<boolean> {
  const [row] = await deps.db.select({ code: issueCategories.code }).from(issueCategories).where(eq(issueCategories.code, code));
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------
// Service requests

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** Labels the caller renders in the request's language (i18n stays out of the query). */
export interface StatusLabels {
  status(status: ReportStatus): string;
  decision(decision: string): string;
}

const STATUSES_BY_OPEN311 = {
  open: REPORT_STATUSES.filter((s) => open311Status(s) === 'open'),
  closed: REPORT_STATUSES.filter((s) => open311Status(s) === 'closed'),
};

export function statusNotes(r: { status: ReportStatus; decision: string | null; answerText: string | null }, labels: StatusLabels): string {
  const parts = [labels.status(r.status)];
  if (r.decision) parts.push(labels.decision(r.decision));
  let notes = parts.join(': ');
  if (r.answerText) notes += ` — ${r.answerText}`;
  return notes;
}

export async function findRequests(
  deps: Pick<Deps, 'db'>,
  q: RequestsQuery | { ids: string[] } | { token: string },
  opts: { locale: Locale; publicOrigin: string; labels: StatusLabels },
): Promise<Open311Request[]> {
  const where =
    'token' in q
      ? [eq(reports.open311Token, q.token)]
      : 'start' in q && q.ids === null
        ? [
            gte(reports.registeredAt, q.start),
            lte(reports.registeredAt, q.end),
            ...(q.serviceCode ? [eq(reports.categoryCode, q.serviceCode)] : []),
            ...(q.status ? [inArray(reports.status, STATUSES_BY_OPEN311[q.status])] : []),
          ]
        : [inArray(reports.registrationNumber, q.ids!.length > 0 ? q.ids! : ['-'])];
  const rows = await deps.db
    .select({
      number: reports.registrationNumber,
      status: reports.status,
      categoryCode: reports.categoryCode,
      category: { nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn },
      akimat: { nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn },
      description: reports.description,
      decision: reports.decision,
      answerText: reports.answerText,
      registeredAt: reports.registeredAt,
      updatedAt: reports.updatedAt,
      answerDueOn: reports.answerDueOn,
      address: reports.addressText,
      lat: reports.lat,
      lon: reports.lon,
      photoId: sql<string | null>`(select ${reportPhotos.id} from ${reportPhotos} where ${reportPhotos.reportId} = ${reports.id} and ${reportPhotos.kind} = 'report' order by ${reportPhotos.position}, ${reportPhotos.createdAt} limit 1)`,
    })
    .from(reports)
    .innerJoin(issueCategories, eq(issueCategories.code, reports.categoryCode))
    .leftJoin(localBodies, eq(localBodies.id, reports.akimatBodyId))
    .where(and(...where))
    .orderBy(desc(reports.registeredAt), desc(reports.number))
    .limit(MAX_REQUESTS);
  return rows.map((r) => {
    const status: ReportStatus = isReportStatus(r.status) ? r.status : 'registered';
    return {
      service_request_id: r.number,
      status: open311Status(status),
      status_notes: statusNotes({ status, decision: r.decision, answerText: r.answerText }, opts.labels),
      service_name: nameIn(r.category, opts.locale),
      service_code: r.categoryCode,
      description: r.description,
      agency_responsible: r.akimat?.nameRu ? nameIn(r.akimat, opts.locale) : null,
      service_notice: null,
      requested_datetime: isoKz(r.registeredAt),
      updated_datetime: isoKz(r.updatedAt),
      expected_datetime: r.answerDueOn ? endOfDayKz(r.answerDueOn) : null,
      address: r.address,
      lat: r.lat,
      long: r.lon,
      media_url: r.photoId ? `${opts.publicOrigin}/reports/${r.number}/photos/${r.photoId}` : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Filing by a partner

export interface PartnerFilingInput {
  partnerId: string;
  serviceCode: string;
  lat: number;
  long: number;
  addressString: string | null;
  description: string;
  contact: Record<string, string>;
  locale: Locale;
}

export type PartnerFilingOutcome = { kind: 'filed'; number: string; token: string } | FilingRefusal;

/** A partner's report through fileReport (same checks, routing job and clocks); a token is handed back too. */
export async function fileReportForPartner(deps: FilingDeps, input: PartnerFilingInput): Promise<PartnerFilingOutcome> {
  const token = randomBytes(16).toString('base64url');
  const outcome = await fileReport(deps, {
    reporter: { kind: 'partner', partnerId: input.partnerId, contact: input.contact },
    categoryCode: input.serviceCode,
    place: { kind: 'point', lon: input.long, lat: input.lat, addressText: input.addressString },
    description: input.description,
    locale: input.locale,
    open311Token: token,
  });
  if (outcome.kind === 'refused') return outcome;
  return { kind: 'filed', number: outcome.registrationNumber, token };
}
