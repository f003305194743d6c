import type { BoundaryIndex, Location } from './boundary-index';
import { contextOf, type Answering, type CompetenceContext, type CompetenceTable } from './competence';

/**
 * routeReport: point + category -> the akimat and department that answer, with a recorded reason.
 *
 *   1. locate the point (BoundaryIndex: level-2 polygon, override area, else level-1 polygon);
 *      outside Kazakhstan or invalid coordinates -> refused;
 *   2. the competence context from the located units (competence.ts: district, city_district,
 *      region, republican_city);
 *   3. the competence decision for (context, category): the located unit's akimat or its parent's
 *      (region / city of republican significance), and the department (rule, else the category's
 *      default);
 *   4. the akimat of that unit (local_bodies, kind 'akimat'); none -> `no-akimat`. When that
 *      akimat has no such department on record (local_body_departments), `departmentCode` is null
 *      and the reason says so: the report goes to the akimat's general office.
 *
 * Pure: everything comes in `data` (see loadRoutingData in load.server.ts). The reason is
 * structured (codes, KATO codes and the names at routing time in three languages) so that it can
 * be stored with the assignment and rendered later in any language (explain.ts).
 */

export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export interface RoutingUnit extends Names {
  kato: string;
  level: number;
  /** units.type: region, city_of_republican_significance, district, city_of_regional_significance, city_district. */
  type: string;
  parentKato: string | null;
}

export interface RoutingAkimat extends Names {
  id: number;
  /** Department codes this akimat has (local_body_departments). */
  departments: ReadonlySet<string>;
}

export interface RoutingCategory extends Names {
  code: string;
  defaultDepartmentCode: string;
}

export interface RoutingData {
  index: BoundaryIndex;
  competence: CompetenceTable;
  /** KATO -> unit. */
  units: ReadonlyMap<string, RoutingUnit>;
  /** Unit KATO -> its akimat. */
  bodies: ReadonlyMap<string, RoutingAkimat>;
  /** Category code -> category. */
  categories: ReadonlyMap<string, RoutingCategory>;
  /** Department code -> names. */
  departments: ReadonlyMap<string, Names>;
}

export type RoutingNote =
  /** An approximate override area placed the point in its unit. */
  | 'approximate-boundary'
  /** Newer units were carved out of the located unit and have no polygon yet. */
  | 'boundary-may-be-outdated'
  /** The department is a body outside the akimat (police, utility ...): the akimat forwards. */
  | 'external-department'
  /** The answering akimat has no such department on record: its general office receives it. */
  | 'department-missing';

/** How the answer was reached; `code` is an i18n key under `reports.` (see explain.ts). */
export type RoutingReasonCode =
  | 'routing.reason.local'
  | 'routing.reason.cityWide'
  | 'routing.reason.regionWide'
  | 'routing.reason.regionOnly';

export interface RoutingReason {
  code: RoutingReasonCode;
  params: {
    lon: number;
    lat: number;
    via: 'district-polygon' | 'override' | 'region-polygon';
    context: CompetenceContext;
    answers: Answering;
    /** The located units: level 1 always, level 2 when found. */
    region: Names & { kato: string };
    district: (Names & { kato: string }) | null;
    category: Names & { code: string };
    /** The answering akimat (local_bodies row) and its unit. */
    akimat: Names & { id: number; unitKato: string };
    /** The chosen department (even when the akimat lacks it: then see `department-missing`). */
    department: Names & { code: string };
    /** Newer units without polygons that the place may now belong to (names for the note). */
    mayBelongTo: (Names & { kato: string })[];
    /** The basis of the competence rule applied, or null when the context default applied. */
    ruleBasis: string | null;
  };
  notes: RoutingNote[];
}

export interface RouteReportInput {
  point: { lon: unknown; lat: unknown };
  categoryCode: string;
}

type Located = Extract<Location, { kind: 'inside' }>;

export type RouteOutcome =
  | {
      kind: 'routed';
      /** The unit whose akimat answers. */
      unitKato: string;
      akimatBodyId: number;
      /** null when the akimat has no such department on record (see notes). */
      departmentCode: string | null;
      location: Located;
      reason: RoutingReason;
    }
  | { kind: 'invalid-point'; reason: 'not-finite' | 'out-of-range' }
  | { kind: 'outside' }
  | { kind: 'unknown-category'; categoryCode: string }
  | {
      kind: 'no-akimat';
      /** The unit whose akimat should answer but is missing (or the unknown located unit). */
      unitKato: string;
      location: Located;
    };

const names = (n: Names): Names => ({ nameKk: n.nameKk, nameRu: n.nameRu, nameEn: n.nameEn });

function reasonCode(context: CompetenceContext, answers: Answering): RoutingReasonCode {
  if (context === 'region' || context === 'republican_city') return 'routing.reason.regionOnly';
  if (answers === 'unit') return 'routing.reason.local';
  return context === 'city_district' ? 'routing.reason.cityWide' : 'routing.reason.regionWide';
}

export function routeReport(input: RouteReportInput, data: RoutingData): RouteOutcome {
  const location = data.index.locate(input.point);
  if (location.kind === 'invalid-point') return location;
  if (location.kind === 'outside') return location;

  const category = data.categories.get(input.categoryCode);
  if (!category) return { kind: 'unknown-category', categoryCode: input.categoryCode };

  const region = data.units.get(location.region);
  const district = location.district === null ? null : data.units.get(location.district);
  if (!region) return { kind: 'no-akimat', unitKato: location.region, location };
  if (district === undefined) return { kind: 'no-akimat', unitKato: location.district!, location };

  const context = contextOf(region.type, district !== null);
  const decision = data.competence.decide(context, category.code, category.defaultDepartmentCode);
  const target = decision.answers === 'parent' || !district ? region : district;
  const akimat = data.bodies.get(target.kato);
  if (!akimat) return { kind: 'no-akimat', unitKato: target.kato, location };

  const departmentCode = decision.departmentCode;
  const hasDepartment = akimat.departments.has(departmentCode);
  const notes: RoutingNote[] = [];
  if (location.approximate) notes.push('approximate-boundary');
  if (location.mayBelongTo.length > 0) notes.push('boundary-may-be-outdated');
  if (data.competence.isExternal(departmentCode)) notes.push('external-department');
  if (!hasDepartment) notes.push('department-missing');

  const departmentNames = data.departments.get(departmentCode) ?? {
    nameKk: departmentCode,
    nameRu: departmentCode,
    nameEn: departmentCode,
  };
  const reason: RoutingReason = {
    code: reasonCode(context, decision.answers),
    params: {
      lon: Number(input.point.lon),
      lat: Number(input.point.lat),
      via: location.via,
      context,
      answers: decision.answers,
      region: { kato: region.kato, ...names(region) },
      district: district ? { kato: district.kato, ...names(district) } : null,
      category: { code: category.code, ...names(category) },
      akimat: { id: akimat.id, unitKato: target.kato, ...names(akimat) },
      department: { code: departmentCode, ...names(departmentNames) },
      mayBelongTo: location.mayBelongTo.flatMap((kato) => {
        const u = data.units.get(kato);
        return u ? [{ kato, ...names(u) }] : [];
      }),
      ruleBasis: decision.rule?.basis ?? null,
    },
    notes,
  };
  return {
    kind: 'routed',
    unitKato: target.kato,
    akimatBodyId: akimat.id,
    departmentCode: hasDepartment ? departmentCode : null,
    location,
    reason,
  };
}
