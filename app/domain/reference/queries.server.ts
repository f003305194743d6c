import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  departmentTypes,
  governmentBodies,
  localBodies,
  localBodyDepartments,
  nationalPriorities,
  nationalProjects,
  unitPopulation,
  units,
} from '../../../db/schema';
import type { Deps } from '../shared/deps';

export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export interface RegionSummary extends Names {
  kato: string;
  type: string;
  centreKk: string | null;
  centreRu: string | null;
  centreEn: string | null;
  childCount: number;
}

/** The 20 first-level units with the number of second-level units in each, in KATO order. */
export async function listRegions(deps: Pick<Deps, 'db'>): Promise<RegionSummary[]> {
  const children = deps.db
    .select({ parent: units.parentKato, n: sql<number>`count(*)::int`.as('n') })
    .from(units)
    .where(eq(units.level, 2))
    .groupBy(units.parentKato)
    .as('children');
  const rows = await deps.db
    .select({
      kato: units.kato,
      type: units.type,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
      centreKk: units.centreKk,
      centreRu: units.centreRu,
      centreEn: units.centreEn,
      childCount: sql<number>`coalesce(${children.n}, 0)::int`,
    })
    .from(units)
    .leftJoin(children, eq(children.parent, units.kato))
    .where(eq(units.level, 1))
    .orderBy(asc(units.kato));
  return rows.map((r) => ({ ...r, childCount: Number(r.childCount) }));
}

export interface Population {
  population: number;
  asOf: string;
}

export interface BodyRef extends Names {
  id: number;
}

export interface UnitDetail extends Names {
  kato: string;
  level: number;
  type: string;
  needsReview: boolean;
  population: Population | null;
  akimat: BodyRef | null;
  maslikhat: BodyRef | null;
}

export interface RegionDetail extends UnitDetail {
  /** Departments of the region's akimat. */
  departments: (Names & { code: string })[];
  children: UnitDetail[];
}

async function latestPopulation(deps: Pick<Deps, 'db'>, katos: string[]): Promise<Map<string, Population>> {
  if (katos.length === 0) return new Map();
  const rows = await deps.db
    .selectDistinctOn([unitPopulation.kato], {
      kato: unitPopulation.kato,
      population: unitPopulation.population,
      asOf: unitPopulation.asOf,
    })
    .from(unitPopulation)
    .where(inArray(unitPopulation.kato, katos))
    .orderBy(unitPopulation.kato, desc(unitPopulation.asOf));
  return new Map(rows.map((r) => [r.kato, { population: r.population, asOf: String(r.asOf) }]));
}

/** A first-level unit with its districts and cities, their akimats and maslikhats; null if unknown. */
export async function getRegion(deps: Pick<Deps, 'db'>, kato: string): Promise<RegionDetail | null> {
  const [region] = await deps.db
    .select()
    .from(units)
    .where(and(eq(units.kato, kato), eq(units.level, 1)));
  if (!region) return null;
  const children = await deps.db
    .select()
    .from(units)
    .where(eq(units.parentKato, kato))
    .orderBy(asc(units.kato));
  const katos = [region.kato, ...children.map((c) => c.kato)];
  const bodies = await deps.db.select().from(localBodies).where(inArray(localBodies.unitKato, katos));
  const population = await latestPopulation(deps, katos);
  const regionAkimat = bodies.find((b) => b.unitKato === region.kato && b.kind === 'akimat');
  const departments = regionAkimat
    ? await deps.db
        .select({
          code: departmentTypes.code,
          nameKk: departmentTypes.nameKk,
          nameRu: departmentTypes.nameRu,
          nameEn: departmentTypes.nameEn,
        })
        .from(localBodyDepartments)
        .innerJoin(departmentTypes, eq(departmentTypes.code, localBodyDepartments.departmentCode))
        .where(eq(localBodyDepartments.bodyId, regionAkimat.id))
        .orderBy(asc(departmentTypes.code))
    : [];
  const body = (u: string, kind: 'akimat' | 'maslikhat'): BodyRef | null => {
    const b = bodies.find((x) => x.unitKato === u && x.kind === kind);
    return b ? { id: b.id, nameKk: b.nameKk, nameRu: b.nameRu, nameEn: b.nameEn } : null;
  };
  const detail = (u: typeof units.$inferSelect): UnitDetail => ({
    kato: u.kato,
    level: u.level,
    type: u.type,
    nameKk: u.nameKk,
    nameRu: u.nameRu,
    nameEn: u.nameEn,
    needsReview: u.needsReview,
    population: population.get(u.kato) ?? null,
    akimat: body(u.kato, 'akimat'),
    maslikhat: body(u.kato, 'maslikhat'),
  });
  return { ...detail(region), departments, children: children.map(detail) };
}

export interface ProjectSummary extends Names {
  code: string;
  period: string;
  status: string;
  responsibleBodies: string[];
  priority: (Names & { code: string }) | null;
}

/** National projects in their editorial order, active first. */
export async function listProjects(deps: Pick<Deps, 'db'>): Promise<ProjectSummary[]> {
  const rows = await deps.db
    .select({ project: nationalProjects, priority: nationalPriorities })
    .from(nationalProjects)
    .leftJoin(nationalPriorities, eq(nationalPriorities.code, nationalProjects.priorityCode))
    .orderBy(asc(sql`case when ${nationalProjects.status} = 'active' then 0 else 1 end`), asc(nationalProjects.sortOrder));
  return rows.map(({ project: p, priority }) => ({
    code: p.code,
    nameKk: p.nameKk,
    nameRu: p.nameRu,
    nameEn: p.nameEn,
    period: p.period,
    status: p.status,
    responsibleBodies: p.responsibleBodies,
    priority: priority
      ? { code: priority.code, nameKk: priority.nameKk ?? priority.nameRu, nameRu: priority.nameRu, nameEn: priority.nameEn }
      : null,
  }));
}

export interface UnitOption extends Names {
  kato: string;
  type: string;
}

/** Regions with their districts and cities, for choosing a place (residence, report location). */
export async function listUnitTree(deps: Pick<Deps, 'db'>): Promise<(UnitOption & { children: UnitOption[] })[]> {
  const rows = await deps.db
    .select({
      kato: units.kato,
      level: units.level,
      parentKato: units.parentKato,
      type: units.type,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
    })
    .from(units)
    .orderBy(asc(units.kato));
  const regions = rows.filter((r) => r.level === 1).map((r) => ({ kato: r.kato, type: r.type, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, children: [] as UnitOption[] }));
  const byKato = new Map(regions.map((r) => [r.kato, r]));
  for (const r of rows) {
    if (r.level !== 2 || !r.parentKato) continue;
    byKato.get(r.parentKato)?.children.push({ kato: r.kato, type: r.type, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn });
  }
  return regions;
}

/** One unit's names, or null. */
export async function getUnitNames(deps: Pick<Deps, 'db'>, kato: string): Promise<(Names & { kato: string }) | null> {
  const [row] = await deps.db
    .select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
    .from(units)
    .where(eq(units.kato, kato));
  return row ?? null;
}

/** Every akimat with its names (for choosing an officer's scope), regions first then by KATO. */
export async function listAkimats(deps: Pick<Deps, 'db'>): Promise<(Names & { id: number; unitKato: string })[]> {
  return deps.db
    .select({ id: localBodies.id, unitKato: localBodies.unitKato, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn })
    .from(localBodies)
    .innerJoin(units, eq(units.kato, localBodies.unitKato))
    .where(eq(localBodies.kind, 'akimat'))
    .orderBy(asc(units.level), asc(units.kato));
}

/** The ministries (petition addressees), by their name in the requested language order. */
export async function listMinistries(deps: Pick<Deps, 'db'>): Promise<(Names & { code: string })[]> {
  return deps.db
    .select({ code: governmentBodies.code, nameKk: governmentBodies.nameKk, nameRu: governmentBodies.nameRu, nameEn: governmentBodies.nameEn })
    .from(governmentBodies)
    .where(eq(governmentBodies.kind, 'ministry'))
    .orderBy(asc(governmentBodies.nameEn));
}
