import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  departmentTypes,
  issueCategories,
  localBodies,
  localBodyDepartments,
  unitBoundaries,
  units,
} from '../../../db/schema';
import competenceJson from '../../../db/seed/data/dauys_competence.json';
import overridesJson from '../../../db/seed/data/dauys_routing_overrides.json';
import { ValidationError } from '../shared/errors';
import { BoundaryIndex } from './boundary-index';
import { parseCompetence, type CompetenceTable } from './competence';
import { parseRoutingOverrides, unitsNamedByOverrides, type RoutingOverrides } from './overrides';
import type { Names, RoutingAkimat, RoutingCategory, RoutingData, RoutingUnit } from './route';

export interface LoadRoutingOptions {
  /** Default: db/seed/data/dauys_routing_overrides.json, validated. */
  overrides?: RoutingOverrides;
  /** Default: db/seed/data/dauys_competence.json, validated. */
  competence?: CompetenceTable;
}

export interface LoadedRoutingData extends RoutingData {
  loaded: {
    /** Time spent in the database queries, ms. */
    queryMs: number;
    /** Time spent building the spatial index, ms. */
    indexMs: number;
    /** Harmless inconsistencies (e.g. a competence rule for a category that no longer exists). */
    warnings: string[];
  };
}

/** The default data files, validated (throws ValidationError when a file is malformed). */
export function defaultRoutingOverrides(): RoutingOverrides {
  return parseRoutingOverrides(overridesJson);
}
export function defaultCompetence(): CompetenceTable {
  return parseCompetence(competenceJson);
}

const names = (r: Names): Names => ({ nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn });

/**
 * Everything routeReport needs, from the reference tables (units, unit_boundaries, local_bodies,
 * local_body_departments, issue_categories, department_types) plus the overrides and competence
 * files. Load once at start (about 0.1 s on the full data set: ~100 ms of queries, most of it
 * the 1.7 MB of geometry, and ~25 ms to build the index) and again after an administrator edits
 * those tables; the result is immutable and shared by all requests.
 *
 * Throws ValidationError when the data cannot route correctly: `routing.overrides-unknown-units`
 * (an override names a unit not in `units`), `routing.competence-unknown-departments` (a rule names
 * a department not in `department_types`), or the index's `routing.boundaries-invalid`.
 */
export async function loadRoutingData(db: Db, opts: LoadRoutingOptions = {}): Promise<LoadedRoutingData> {
  const overrides = opts.overrides ?? defaultRoutingOverrides();
  const competence = opts.competence ?? defaultCompetence();

  const started = performance.now();
  const unitRows = await db
    .select({
      kato: units.kato,
      level: units.level,
      type: units.type,
      parentKato: units.parentKato,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
    })
    .from(units);
  const boundaryRows = await db
    .select({ kato: unitBoundaries.kato, geometry: unitBoundaries.geometry })
    .from(unitBoundaries);
  const akimatRows = await db
    .select({
      id: localBodies.id,
      unitKato: localBodies.unitKato,
      nameKk: localBodies.nameKk,
      nameRu: localBodies.nameRu,
      nameEn: localBodies.nameEn,
    })
    .from(localBodies)
    .where(eq(localBodies.kind, 'akimat'));
  const departmentLinks = await db
    .select({ bodyId: localBodyDepartments.bodyId, code: localBodyDepartments.departmentCode })
    .from(localBodyDepartments);
  const categoryRows = await db
    .select({
      code: issueCategories.code,
      nameKk: issueCategories.nameKk,
      nameRu: issueCategories.nameRu,
      nameEn: issueCategories.nameEn,
      defaultDepartmentCode: issueCategories.defaultDepartmentCode,
    })
    .from(issueCategories);
  const departmentRows = await db
    .select({
      code: departmentTypes.code,
      nameKk: departmentTypes.nameKk,
      nameRu: departmentTypes.nameRu,
      nameEn: departmentTypes.nameEn,
    })
    .from(departmentTypes);
  const queryMs = performance.now() - started;

  const unitMap = new Map<string, RoutingUnit>(unitRows.map((u) => [u.kato, { ...u }]));
  const missing = unitsNamedByOverrides(overrides).filter((k) => !unitMap.has(k));
  if (missing.length > 0)
    throw new ValidationError(
      'routing.overrides-unknown-units',
      Object.fromEntries(missing.map((k) => [k, 'named by dauys_routing_overrides.json but not in units'])),
    );

  const problems = competence.problems({
    categories: categoryRows.map((c) => c.code),
    departments: departmentRows.map((d) => d.code),
  });
  const departmentProblems = problems.filter((p) => p.kind === 'unknown-department');
  if (departmentProblems.length > 0)
    throw new ValidationError(
      'routing.competence-unknown-departments',
      Object.fromEntries(departmentProblems.map((p) => [p.path, `unknown department "${p.code}"`])),
    );
  const warnings = problems
    .filter((p) => p.kind === 'unknown-category')
    .map((p) => `dauys_competence.json ${p.path}: unknown category "${p.code}" (rule ignored)`);

  const indexStarted = performance.now();
  const index = BoundaryIndex.build(
    boundaryRows.flatMap((b) => {
      const unit = unitMap.get(b.kato);
      return unit ? [{ kato: b.kato, level: unit.level, parentKato: unit.parentKato, geometry: b.geometry }] : [];
    }),
    { overrides },
  );
  const indexMs = performance.now() - indexStarted;

  const departmentsByBody = new Map<number, Set<string>>();
  for (const link of departmentLinks) {
    const set = departmentsByBody.get(link.bodyId) ?? new Set<string>();
    set.add(link.code);
    departmentsByBody.set(link.bodyId, set);
  }
  const bodies = new Map<string, RoutingAkimat>(
    akimatRows.map((a) => [a.unitKato, { id: a.id, ...names(a), departments: departmentsByBody.get(a.id) ?? new Set() }]),
  );
  const categories = new Map<string, RoutingCategory>(
    categoryRows.map((c) => [c.code, { code: c.code, defaultDepartmentCode: c.defaultDepartmentCode, ...names(c) }]),
  );
  const departments = new Map<string, Names>(departmentRows.map((d) => [d.code, names(d)]));

  return {
    index,
    competence,
    units: unitMap,
    bodies,
    categories,
    departments,
    loaded: { queryMs, indexMs, warnings },
  };
}
