import { contextOf, type Answering, type CompetenceContext } from '../routing/competence';
import { regionOfKato } from '../routing/kato';
import type { Names, RoutingData, RoutingNote, RoutingReasonCode, RoutingUnit } from '../routing/route';

/**
 * Routing of a report filed without a point (region -> district select + address text): the unit
 * the citizen chose takes the place of the located unit, and the same competence table decides.
 *
 *   - a level-1 unit (region, city of republican significance): context `region` /
 *     `republican_city`, the region's akimat answers;
 *   - a level-2 unit (district, city, city district): its region is its parent (from the row, else
 *     the KATO prefix), context `district` / `city_district`, and the rule's `answers` picks the
 *     unit's own akimat or the region's.
 * The department is the rule's, else the category's default; an akimat without that department
 * sends it to its general office (`department-missing`), as for a point.
 *
 * The reason has the shape of a point reason without the coordinates (`via: 'chosen-unit'`), so
 * explainRouting (routing/explain.ts) renders both.
 */

export interface UnitRoutingReason {
  code: RoutingReasonCode;
  params: {
    via: 'chosen-unit';
    unitKato: string;
    context: CompetenceContext;
    answers: Answering;
    region: Names & { kato: string };
    district: (Names & { kato: string }) | null;
    category: Names & { code: string };
    akimat: Names & { id: number; unitKato: string };
    department: Names & { code: string };
    mayBelongTo: (Names & { kato: string })[];
    ruleBasis: string | null;
  };
  notes: RoutingNote[];
}

export type UnitRouteOutcome =
  | {
      kind: 'routed';
      unitKato: string;
      akimatBodyId: number;
      departmentCode: string | null;
      reason: UnitRoutingReason;
    }
  | { kind: 'unknown-unit'; unitKato: string }
  | { kind: 'unknown-category'; categoryCode: string }
  | { kind: 'no-akimat'; unitKato: string };

const names = (n: Names): Names => ({ nameKk: n.nameKk, nameRu: n.nameRu, nameEn: n.nameEn });

function reasonCode(context: CompetenceContext, answers: Answering): RoutingReasonCode {
  if (context === 'region' || context === 'republican_city') return 'routing.reason.regionOnly';
  if (answers === 'unit') return 'routing.reason.local';
  return context === 'city_district' ? 'routing.reason.cityWide' : 'routing.reason.regionWide';
}

/** The first-level unit of `unit` (itself for level 1). */
function regionOf(unit: RoutingUnit, data: RoutingData): RoutingUnit | undefined {
  if (unit.level <= 1) return unit;
  return data.units.get(unit.parentKato ?? regionOfKato(unit.kato));
}

export function routeFromUnit(input: { unitKato: string; categoryCode: string }, data: RoutingData): UnitRouteOutcome {
  const unit = data.units.get(input.unitKato);
  if (!unit) return { kind: 'unknown-unit', unitKato: input.unitKato };
  const category = data.categories.get(input.categoryCode);
  if (!category) return { kind: 'unknown-category', categoryCode: input.categoryCode };
  const region = regionOf(unit, data);
  if (!region) return { kind: 'no-akimat', unitKato: unit.kato };
  const district = unit.level <= 1 ? null : unit;

  const context = contextOf(region.type, district !== null);
  const decision = data.competence.decide(context, category.code, category.defaultDepartmentCode);
  const target = decision.answers === 'parent' || !district ? region : district;
  const akimat = data.bodies.get(target.kato);
  if (!akimat) return { kind: 'no-akimat', unitKato: target.kato };

  const departmentCode = decision.departmentCode;
  const hasDepartment = akimat.departments.has(departmentCode);
  const notes: RoutingNote[] = [];
  if (data.competence.isExternal(departmentCode)) notes.push('external-department');
  if (!hasDepartment) notes.push('department-missing');
  const departmentNames = data.departments.get(departmentCode) ?? { nameKk: departmentCode, nameRu: departmentCode, nameEn: departmentCode };

  return {
    kind: 'routed',
    unitKato: target.kato,
    akimatBodyId: akimat.id,
    departmentCode: hasDepartment ? departmentCode : null,
    reason: {
      // A region chosen without a district reads as "its district could not be determined".
      code: reasonCode(context, decision.answers),
      params: {
        via: 'chosen-unit',
        unitKato: unit.kato,
        context,
        answers: decision.answers,
        region: { kato: region.kato, ...names(region) },
        district: district ? { kato: district.kato, ...names(district) } : null,
        category: { code: category.code, ...names(category) },
        akimat: { id: akimat.id, unitKato: target.kato, ...names(akimat) },
        department: { code: departmentCode, ...names(departmentNames) },
        mayBelongTo: [],
        ruleBasis: decision.rule?.basis ?? null,
      },
      notes,
    },
  };
}
