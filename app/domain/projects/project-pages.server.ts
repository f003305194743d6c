import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { categoryProjects, follows, issueCategories, nationalPriorities, nationalProjects, petitionCounts, petitionProjectLinks, petitions, petitionVersions, projectIndicators } from '../../../db/schema';
import type { PetitionState } from '../petitions/states';
import { reportCountsByCategory, type CategoryCounts } from '../reports/public.server';
import type { Deps } from '../shared/deps';
import { PROJECT_PAGE_PETITIONS, PUBLIC_LINK_STATES, indicatorProgress, indicatorReached } from './link-rules';
import { projectNames, type Names } from './project-names.server';

// =============================================================================================
// Public reads

export interface PriorityRef extends Names {
  code: string;
}

export interface IndicatorView extends Names {
  id: number;
  unit: string | null;
  baseline: number | null;
  baselineYear: number | null;
  target: number | null;
  targetYear: number | null;
  currentValue: number | null;
  currentAsOf: string | null;
  source: string | null;
  sortOrder: number;
  /** 0..1 from baseline to target (indicatorProgress), null when it cannot be computed. */
  progress: number | null;
  reached: boolean;
}

export interface LinkedPetition {
  id: string;
  number: number;
  title: string;
  state: PetitionState;
  decision: string | null;
  answeredAt: Date | null;
  /** When the office confirmed the link. */
  linkedAt: Date | null;
  /** Valid signatures (as last counted). */
  signatures: number;
}

export interface CategoryRef extends Names {
  code: string;
}

/**
 * Local reports related to a project through their categories (category_projects): counts per
 * category over the last RELATED_REPORTS_DAYS days, by status group (app/domain/reports/groups.ts).
 */
export interface RelatedReports {
  windowDays: number;
  categories: CategoryCounts[];
  totals: { open: number; answered: number; fixed: number; total: number };
}

export const RELATED_REPORTS_DAYS = 90;

export interface ProjectPage extends Names {
  code: string;
  summaryEn: string | null;
  period: string;
  status: string;
  laterStatus: string | null;
  responsibleBodies: string[];
  sources: string[];
  verification: string;
  updatedAt: Date;
  priority: PriorityRef | null;
  indicators: IndicatorView[];
  /** Confirmed links to petitions the public may see, most recently linked first (at most PROJECT_PAGE_PETITIONS). */
  petitions: LinkedPetition[];
  counts: { linked: number; answered: number; accepted: number };
  /** Report categories that concern the project (category_projects). */
  categories: CategoryRef[];
  reports: RelatedReports;
  followers: number;
}

export function priorityRef(p: typeof nationalPriorities.$inferSelect | null): PriorityRef | null {
  return p ? { code: p.code, nameKk: p.nameKk ?? p.nameRu, nameRu: p.nameRu, nameEn: p.nameEn } : null;
}

export function toIndicatorView(r: typeof projectIndicators.$inferSelect): IndicatorView {
  return {
    id: r.id,
    nameKk: r.nameKk,
    nameRu: r.nameRu,
    nameEn: r.nameEn,
    unit: r.unit,
    baseline: r.baseline,
    baselineYear: r.baselineYear,
    target: r.target,
    targetYear: r.targetYear,
    currentValue: r.currentValue,
    currentAsOf: r.currentAsOf === null ? null : String(r.currentAsOf),
    source: r.source,
    sortOrder: r.sortOrder,
    progress: indicatorProgress(r),
    reached: indicatorReached(r),
  };
}

const publicLink = and(eq(petitionProjectLinks.status, 'confirmed'), inArray(petitions.state, [...PUBLIC_LINK_STATES]));

/** The indicators of a project in their order. */
export async function listIndicators(deps: Pick<Deps, 'db'>, code: string): Promise<IndicatorView[]> {
  const rows = await deps.db
    .select()
    .from(projectIndicators)
    .where(eq(projectIndicators.projectCode, code))
    .orderBy(asc(projectIndicators.sortOrder), asc(projectIndicators.id));
  return rows.map(toIndicatorView);
}

/** Report counts per category of the project (category_projects) over the last RELATED_REPORTS_DAYS days. */
export async function listRelatedReports(deps: Pick<Deps, 'db' | 'clock'>, code: string): Promise<RelatedReports> {
  const cats = await deps.db
    .select({ code: categoryProjects.categoryCode })
    .from(categoryProjects)
    .innerJoin(issueCategories, eq(issueCategories.code, categoryProjects.categoryCode))
    .where(eq(categoryProjects.projectCode, code))
    .orderBy(asc(issueCategories.sortOrder));
  const since = new Date(deps.clock.now().getTime() - RELATED_REPORTS_DAYS * 86_400_000);
  const categories = await reportCountsByCategory(
    deps,
    cats.map((c) => c.code),
    since,
  );
  const totals = { open: 0, answered: 0, fixed: 0, total: 0 };
  for (const c of categories) {
    totals.open += c.open;
    totals.answered += c.answered;
    totals.fixed += c.fixed;
    totals.total += c.total;
  }
  return { windowDays: RELATED_REPORTS_DAYS, categories, totals };
}

/** A national project's public page; null for an unknown code. */
export async function getProjectPage(deps: Pick<Deps, 'db' | 'clock'>, code: string): Promise<ProjectPage | null> {
  const [row] = await deps.db
    .select({ project: nationalProjects, priority: nationalPriorities })
    .from(nationalProjects)
    .leftJoin(nationalPriorities, eq(nationalPriorities.code, nationalProjects.priorityCode))
    .where(eq(nationalProjects.code, code));
  if (!row) return null;
  const p = row.project;
  const [indicators, linked, [counts], categories, reports, [followers]] = await Promise.all([
    listIndicators(deps, code),
    deps.db
      .select({
        id: petitions.id,
        number: petitions.number,
        title: petitionVersions.title,
        state: petitions.state,
        decision: petitions.decision,
        answeredAt: petitions.answeredAt,
        linkedAt: petitionProjectLinks.decidedAt,
        signatures: petitionCounts.valid,
      })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
      .where(and(eq(petitionProjectLinks.projectCode, code), publicLink))
      .orderBy(desc(petitionProjectLinks.decidedAt), desc(petitions.number))
      .limit(PROJECT_PAGE_PETITIONS),
    deps.db
      .select({
        linked: count(),
        answered: sql<number>`count(*) filter (where ${petitions.state} = 'answered')::int`,
        accepted: sql<number>`count(*) filter (where ${petitions.decision} in ('accepted', 'partially-accepted'))::int`,
      })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .where(and(eq(petitionProjectLinks.projectCode, code), publicLink)),
    deps.db
      .select({ code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn })
      .from(categoryProjects)
      .innerJoin(issueCategories, eq(issueCategories.code, categoryProjects.categoryCode))
      .where(eq(categoryProjects.projectCode, code))
      .orderBy(asc(issueCategories.sortOrder)),
    listRelatedReports(deps, code),
    deps.db
      .select({ n: count() })
      .from(follows)
      .where(and(eq(follows.subjectType, 'project'), eq(follows.subjectId, code))),
  ]);
  return {
    code: p.code,
    nameKk: p.nameKk,
    nameRu: p.nameRu,
    nameEn: p.nameEn,
    summaryEn: p.summaryEn,
    period: p.period,
    status: p.status,
    laterStatus: p.laterStatus,
    responsibleBodies: p.responsibleBodies,
    sources: p.sources,
    verification: p.verification,
    updatedAt: p.updatedAt,
    priority: priorityRef(row.priority),
    indicators,
    petitions: linked.map((l) => ({ ...l, state: l.state as PetitionState, signatures: l.signatures ?? 0 })),
    counts: { linked: Number(counts?.linked ?? 0), answered: Number(counts?.answered ?? 0), accepted: Number(counts?.accepted ?? 0) },
    categories,
    reports,
    followers: Number(followers?.n ?? 0),
  };
}

export interface ProjectCard extends Names {
  code: string;
  period: string;
  status: string;
  priorityCode: string | null;
  /** Confirmed links to public petitions; of them answered. */
  linked: number;
  answered: number;
  indicators: number;
}

export interface PriorityGroup {
  /** null: projects not tied to a national priority. */
  priority: (PriorityRef & { direction: string | null }) | null;
  projects: ProjectCard[];
}

export interface ProjectsOverview {
  groups: PriorityGroup[];
  /** Every project, active first, in editorial order. */
  projects: ProjectCard[];
}

/** Priorities with their projects, each with its count of publicly linked (and answered) petitions. */
export async function listProjectsWithCounts(deps: Pick<Deps, 'db'>): Promise<ProjectsOverview> {
  const linkCounts = deps.db
    .select({
      code: petitionProjectLinks.projectCode,
      linked: sql<number>`count(*)::int`.as('linked'),
      answered: sql<number>`(count(*) filter (where ${petitions.state} = 'answered'))::int`.as('answered'),
    })
    .from(petitionProjectLinks)
    .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
    .where(publicLink)
    .groupBy(petitionProjectLinks.projectCode)
    .as('link_counts');
  const indicatorCounts = deps.db
    .select({ code: projectIndicators.projectCode, n: sql<number>`count(*)::int`.as('n') })
    .from(projectIndicators)
    .groupBy(projectIndicators.projectCode)
    .as('indicator_counts');
  const [rows, priorities] = await Promise.all([
    deps.db
      .select({
        code: nationalProjects.code,
        nameKk: nationalProjects.nameKk,
        nameRu: nationalProjects.nameRu,
        nameEn: nationalProjects.nameEn,
        period: nationalProjects.period,
        status: nationalProjects.status,
        priorityCode: nationalProjects.priorityCode,
        linked: sql<number>`coalesce(${linkCounts.linked}, 0)::int`,
        answered: sql<number>`coalesce(${linkCounts.answered}, 0)::int`,
        indicators: sql<number>`coalesce(${indicatorCounts.n}, 0)::int`,
      })
      .from(nationalProjects)
      .leftJoin(linkCounts, eq(linkCounts.code, nationalProjects.code))
      .leftJoin(indicatorCounts, eq(indicatorCounts.code, nationalProjects.code))
      .orderBy(asc(sql`case when ${nationalProjects.status} = 'active' then 0 else 1 end`), asc(nationalProjects.sortOrder), asc(nationalProjects.code)),
    deps.db.select().from(nationalPriorities).orderBy(asc(nationalPriorities.code)),
  ]);
  const projects: ProjectCard[] = rows.map((r) => ({ ...r, linked: Number(r.linked), answered: Number(r.answered), indicators: Number(r.indicators) }));
  const groups: PriorityGroup[] = priorities
    .map((pr) => ({ priority: { ...priorityRef(pr)!, direction: pr.direction }, projects: projects.filter((p) => p.priorityCode === pr.code) }))
    .filter((g) => g.projects.length > 0);
  const orphans = projects.filter((p) => !p.priorityCode || !priorities.some((pr) => pr.code === p.priorityCode));
  if (orphans.length > 0) groups.push({ priority: null, projects: orphans });
  return { groups, projects };
}

/** The national priorities (for choosing a project's priority), by code. */
export async function listPriorities(deps: Pick<Deps, 'db'>): Promise<PriorityRef[]> {
  const rows = await deps.db.select().from(nationalPriorities).orderBy(asc(nationalPriorities.code));
  return rows.map((r) => priorityRef(r)!);
}

export interface PetitionProject extends Names {
  code: string;
  status: string;
  linkedAt: Date | null;
}

/** The projects a petition is linked to (confirmed links only): for the petition page. */
export async function listPetitionProjects(deps: Pick<Deps, 'db'>, petitionId: string): Promise<PetitionProject[]> {
  return deps.db
    .select({ code: nationalProjects.code, status: nationalProjects.status, linkedAt: petitionProjectLinks.decidedAt, ...projectNames })
    .from(petitionProjectLinks)
    .innerJoin(nationalProjects, eq(nationalProjects.code, petitionProjectLinks.projectCode))
    .where(and(eq(petitionProjectLinks.petitionId, petitionId), eq(petitionProjectLinks.status, 'confirmed')))
    .orderBy(asc(nationalProjects.sortOrder));
}
