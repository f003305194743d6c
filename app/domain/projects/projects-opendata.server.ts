import { nationalPriorities, nationalProjects } from '../../../db/schema';
import type { Deps } from '../shared/deps';
import { PROJECT_CODE } from './link-rules';
import type { Names } from './project-names.server';
import { getProjectPage, listProjectsWithCounts, priorityRef } from './project-pages.server';

// =============================================================================================
// Open data: /api/v1/projects and /api/v1/projects/{code}

/**
 * What the open data says about a project and its links, and nothing more: no account, no
 * decider, no office note, no score (suggestions are not public). Petitions are those with a
 * confirmed link in PUBLIC_LINK_STATES, with their public facts only.
 */
export interface NamesTriple {
  kk: string;
  ru: string;
  en: string;
}

export interface PublicProject {
  code: string;
  url: string;
  api_url: string;
  names: NamesTriple;
  summary_en: string | null;
  period: string;
  status: string;
  priority: { code: string; names: NamesTriple } | null;
  responsible_bodies: string[];
  petitions: { linked: number; answered: number };
  updated_at: string;
}

export interface PublicIndicator {
  names: NamesTriple;
  unit: string | null;
  baseline: number | null;
  baseline_year: number | null;
  target: number | null;
  target_year: number | null;
  current: number | null;
  current_as_of: string | null;
  progress: number | null;
  source: string | null;
}

export interface PublicLinkedPetition {
  id: string;
  number: number;
  url: string;
  api_url: string;
  title: string;
  state: string;
  decision: string | null;
  answered_at: string | null;
  linked_at: string | null;
  signatures: number;
}

export interface PublicProjectDetail extends PublicProject {
  indicators: PublicIndicator[];
  linked_petitions: PublicLinkedPetition[];
  report_categories: { code: string; names: NamesTriple }[];
  sources: string[];
  verification: string;
}

export interface PublicProjectList {
  data: PublicProject[];
  meta: { total: number };
}

const triple = (n: Names): NamesTriple => ({ kk: n.nameKk, ru: n.nameRu, en: n.nameEn });
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function originOf(publicOrigin: string): string {
  return publicOrigin.replace(/\/+$/, '');
}

/** Every project with its counts of publicly linked petitions. */
export async function listPublicProjects(deps: Pick<Deps, 'db'>, opts: { publicOrigin: string }): Promise<PublicProjectList> {
  const o = originOf(opts.publicOrigin);
  const [overview, all, priorities] = await Promise.all([
    listProjectsWithCounts(deps),
    deps.db.select({ code: nationalProjects.code, summaryEn: nationalProjects.summaryEn, responsible: nationalProjects.responsibleBodies, updatedAt: nationalProjects.updatedAt }).from(nationalProjects),
    deps.db.select().from(nationalPriorities),
  ]);
  const extra = new Map(all.map((r) => [r.code, r]));
  const prio = new Map(priorities.map((p) => [p.code, priorityRef(p)!]));
  const data = overview.projects.map((p): PublicProject => {
    const x = extra.get(p.code)!;
    const pr = p.priorityCode ? prio.get(p.priorityCode) : undefined;
    return {
      code: p.code,
      url: `${o}/projects/${encodeURIComponent(p.code)}`,
      api_url: `${o}/api/v1/projects/${encodeURIComponent(p.code)}`,
      names: triple(p),
      summary_en: x.summaryEn,
      period: p.period,
      status: p.status,
      priority: pr ? { code: pr.code, names: triple(pr) } : null,
      responsible_bodies: x.responsible,
      petitions: { linked: p.linked, answered: p.answered },
      updated_at: new Date(x.updatedAt).toISOString(),
    };
  });
  return { data, meta: { total: data.length } };
}

/** One project with its indicators and its publicly linked petitions; null for an unknown code. */
export async function getPublicProject(deps: Pick<Deps, 'db' | 'clock'>, code: string, opts: { publicOrigin: string }): Promise<PublicProjectDetail | null> {
  if (!PROJECT_CODE.test(code)) return null;
  const page = await getProjectPage(deps, code);
  if (!page) return null;
  const o = originOf(opts.publicOrigin);
  return {
    code: page.code,
    url: `${o}/projects/${encodeURIComponent(page.code)}`,
    api_url: `${o}/api/v1/projects/${encodeURIComponent(page.code)}`,
    names: triple(page),
    summary_en: page.summaryEn,
    period: page.period,
    status: page.status,
    priority: page.priority ? { code: page.priority.code, names: triple(page.priority) } : null,
    responsible_bodies: page.responsibleBodies,
    petitions: { linked: page.counts.linked, answered: page.counts.answered },
    updated_at: new Date(page.updatedAt).toISOString(),
    indicators: page.indicators.map((i) => ({
      names: triple(i),
      unit: i.unit,
      baseline: i.baseline,
      baseline_year: i.baselineYear,
      target: i.target,
      target_year: i.targetYear,
      current: i.currentValue,
      current_as_of: i.currentAsOf,
      progress: i.progress === null ? null : Math.round(i.progress * 1000) / 1000,
      source: i.source,
    })),
    linked_petitions: page.petitions.map((p) => ({
      id: p.id,
      number: p.number,
      url: `${o}/petitions/${p.id}`,
      api_url: `${o}/api/v1/petitions/${p.id}`,
      title: p.title,
      state: p.state,
      decision: p.decision,
      answered_at: iso(p.answeredAt),
      linked_at: iso(p.linkedAt),
      signatures: p.signatures,
    })),
    report_categories: page.categories.map((c) => ({ code: c.code, names: triple(c) })),
    sources: page.sources,
    verification: page.verification,
  };
}
