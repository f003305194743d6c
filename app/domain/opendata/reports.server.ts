import { and, eq } from 'drizzle-orm';
import { issueCategories, reports, units } from '../../../db/schema';
import { countPublicReports, loadPublicReports, REGISTRATION_NUMBER, reportConditions, type PublicReport, type ReportListFilters } from '../reports/public.server';
import type { ReportStatus } from '../reports/states';
import type { Deps } from '../shared/deps';
import type { ParamError, ReportListQuery } from './params';

/**
 * Local issue reports in the open data: the same public fields as the public report page (no
 * reporter, partner, contact, officer or executor — ever), as JSON with snake_case names.
 */

export interface Names3 {
  kk: string;
  ru: string;
  en: string;
}

export interface OpenReport {
  number: string;
  url: string;
  api_url: string;
  source: 'portal' | 'open311';
  category: { code: string; names: Names3 };
  status: ReportStatus;
  status_group: 'open' | 'answered' | 'fixed' | 'closed';
  description: string;
  location: { lon: number; lat: number } | null;
  address: string | null;
  place_kato: string | null;
  region_kato: string | null;
  akimat: { id: number; names: Names3 } | null;
  department: { code: string; names: Names3 } | null;
  escalated_to: { id: number; names: Names3 } | null;
  dates: {
    registered: string;
    registered_on: string;
    answer_due: string | null;
    answer_due_original: string | null;
    acknowledged: string | null;
    answered: string | null;
    fixed: string | null;
    closed: string | null;
  };
  answered_on_time: boolean | null;
  decision: string | null;
  planned_on: string | null;
  answer_text: string | null;
  merged_into: string | null;
  applicants: number;
  photos: { kind: 'report' | 'fix'; url: string; thumbnail_url: string; width: number; height: number }[];
}

export interface OpenReportDetail extends OpenReport {
  duplicates: string[];
  history: { event: string; status: string; actor_role: string; at: string }[];
}

export interface OpenReportList {
  data: OpenReport[];
  meta: { total: number; page: number; per_page: number; pages: number };
  links: { self: string; first: string; last: string; prev: string | null; next: string | null };
}

const names3 = (n: { nameKk: string; nameRu: string; nameEn: string }): Names3 => ({ kk: n.nameKk, ru: n.nameRu, en: n.nameEn });
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function openReport(r: PublicReport, origin: string): OpenReport {
  const o = origin.replace(/\/+$/, '');
  return {
    number: r.number,
    url: `${o}/reports/${r.number}`,
    api_url: `${o}/api/v1/reports/${r.number}`,
    source: r.source === 'open311' ? 'open311' : 'portal',
    category: { code: r.category.code, names: names3(r.category) },
    status: r.status,
    status_group: r.group,
    description: r.description,
    location: r.point,
    address: r.address,
    place_kato: r.place?.kato ?? null,
    region_kato: r.region?.kato ?? null,
    akimat: r.akimat ? { id: r.akimat.id, names: names3(r.akimat) } : null,
    department: r.department ? { code: r.department.code, names: names3(r.department) } : null,
    escalated_to: r.escalatedTo ? { id: r.escalatedTo.id, names: names3(r.escalatedTo) } : null,
    dates: {
      registered: iso(r.dates.registeredAt)!,
      registered_on: r.dates.registeredOn,
      answer_due: r.dates.answerDueOn,
      answer_due_original: r.dates.answerDueOnOriginal,
      acknowledged: iso(r.dates.acknowledgedAt),
      answered: iso(r.dates.answeredAt),
      fixed: iso(r.dates.fixedAt),
      closed: iso(r.dates.closedAt),
    },
    answered_on_time: r.clock.kind === 'answered-on-time' ? true : r.clock.kind === 'answered-late' || r.clock.kind === 'overdue' ? false : null,
    decision: r.decision,
    planned_on: r.plannedOn,
    answer_text: r.answerText,
    merged_into: r.mergedInto,
    applicants: r.applicants,
    photos: r.photos.map((p) => ({
      kind: p.kind,
      url: `${o}/reports/${r.number}/photos/${p.id}`,
      thumbnail_url: `${o}/reports/${r.number}/photos/${p.id}/thumb`,
      width: p.width,
      height: p.height,
    })),
  };
}

export function openReportDetail(r: PublicReport, origin: string): OpenReportDetail {
  return {
    ...openReport(r, origin),
    duplicates: r.duplicates,
    history: r.history.map((e) => ({ event: e.type, status: e.toStatus, actor_role: e.actorRole, at: new Date(e.at).toISOString() })),
  };
}

/** Errors a query can only show against the reference tables: an unknown region or category. */
async function checkReferences(deps: Pick<Deps, 'db'>, q: ReportListQuery): Promise<ParamError[]> {
  const errors: ParamError[] = [];
  if (q.region) {
    const [u] = await deps.db.select({ kato: units.kato }).from(units).where(and(eq(units.kato, q.region), eq(units.level, 1)));
    if (!u) errors.push({ parameter: 'region', code: 'unknown-region' });
  }
  if (q.category) {
    const codes = (await deps.db.select({ code: issueCategories.code }).from(issueCategories)).map((c) => c.code).sort();
    if (!codes.includes(q.category)) errors.push({ parameter: 'category', code: 'not-allowed', params: { allowed: codes.join(', ') } });
  }
  return errors;
}

export type OpenReportListOutcome = { kind: 'ok'; reports: OpenReport[]; total: number } | { kind: 'invalid'; errors: ParamError[] };

export async function listOpenReports(deps: Pick<Deps, 'db' | 'clock'>, q: ReportListQuery, opts: { publicOrigin: string }): Promise<OpenReportListOutcome> {
  const errors = await checkReferences(deps, q);
  if (errors.length > 0) return { kind: 'invalid', errors };
  const filters: ReportListFilters = { region: q.region ?? undefined, district: q.district ?? undefined, category: q.category ?? undefined, status: q.status ?? undefined };
  const [total, rows] = await Promise.all([
    countPublicReports(deps, filters),
    loadPublicReports(deps, and(...reportConditions(filters)), { history: false, limit: q.perPage, offset: (q.page - 1) * q.perPage }),
  ]);
  return { kind: 'ok', total, reports: rows.map((r) => openReport(r, opts.publicOrigin)) };
}

export async function getOpenReport(deps: Pick<Deps, 'db' | 'clock'>, number: string, opts: { publicOrigin: string }): Promise<OpenReportDetail | null> {
  if (!REGISTRATION_NUMBER.test(number)) return null;
  const [r] = await loadPublicReports(deps, eq(reports.registrationNumber, number), { history: true });
  return r ? openReportDetail(r, opts.publicOrigin) : null;
}
