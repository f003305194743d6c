import { describe, expect, it } from 'vitest';
import { BoundaryIndex, explainRouting, parseCompetence, type Names, type RoutingAkimat, type RoutingData, type RoutingUnit } from '../../app/domain/routing';
import { routeFromUnit } from '../../app/domain/reports/unit-routing';
import { getT } from '../../app/i18n';

/**
 * routeFromUnit: a report filed without a point (region -> district list + address) is routed from
 * the chosen unit through the same competence table as a point. Synthetic units and rules.
 */

const n = (en: string): Names => ({ nameKk: `${en} (kk)`, nameRu: `${en} (ru)`, nameEn: en });
const units: RoutingUnit[] = [
  { kato: '110000000', level: 1, type: 'region', parentKato: null, ...n('Akmola Region') },
  { kato: '113200000', level: 2, type: 'district', parentKato: '110000000', ...n('Akkol District') },
  { kato: '111000000', level: 2, type: 'city_of_regional_significance', parentKato: '110000000', ...n('Kokshetau') },
  { kato: '710000000', level: 1, type: 'city_of_republican_significance', parentKato: null, ...n('Astana') },
  // No parent on the row: the region comes from the KATO prefix.
  { kato: '711310000', level: 2, type: 'city_district', parentKato: null, ...n('Saryarka District') },
  { kato: '150000000', level: 1, type: 'region', parentKato: null, ...n('Aktobe Region') },
];
const ALL = ['roads_transport', 'housing_utilities', 'veterinary', 'police'];
let id = 1;
const body = (kato: string, departments = ALL): [string, RoutingAkimat] => [kato, { id: id++, ...n(`Akimat ${kato}`), departments: new Set(departments) }];

const data: RoutingData = {
  index: BoundaryIndex.build([]),
  competence: parseCompetence({
    _meta: { description: 'test' },
    external_departments: ['police'],
    defaults: { district: 'unit', city_district: 'unit', region: 'unit', republican_city: 'unit' },
    rules: [
      { category: 'roads', context: 'city_district', answers: 'parent', basis: 'streets are city-wide' },
      { category: 'greenery', context: 'district', answers: 'unit', department: 'housing_utilities', basis: 'upkeep' },
    ],
  }),
  units: new Map(units.map((u) => [u.kato, u])),
  bodies: new Map([body('110000000'), body('113200000'), body('111000000', ['roads_transport']), body('710000000'), body('711310000')]),
  categories: new Map(
    [
      { code: 'roads', defaultDepartmentCode: 'roads_transport', ...n('Roads') },
      { code: 'greenery', defaultDepartmentCode: 'environment', ...n('Greenery') },
      { code: 'stray_animals', defaultDepartmentCode: 'veterinary', ...n('Stray animals') },
      { code: 'public_order', defaultDepartmentCode: 'police', ...n('Public order') },
    ].map((c) => [c.code, c]),
  ),
  departments: new Map(ALL.map((d) => [d, n(`Department ${d}`)])),
};
const akimatId = (kato: string) => data.bodies.get(kato)!.id;

describe('routeFromUnit', () => {
  it.each([
    // unit, category, answering unit, department, reason code
    ['113200000', 'stray_animals', '113200000', 'veterinary', 'routing.reason.local'],
    ['113200000', 'greenery', '113200000', 'housing_utilities', 'routing.reason.local'],
    ['711310000', 'roads', '710000000', 'roads_transport', 'routing.reason.cityWide'],
    ['711310000', 'stray_animals', '711310000', 'veterinary', 'routing.reason.local'],
    ['110000000', 'roads', '110000000', 'roads_transport', 'routing.reason.regionOnly'],
    ['710000000', 'roads', '710000000', 'roads_transport', 'routing.reason.regionOnly'],
  ])('%s / %s -> the akimat of %s, department %s (%s)', (unitKato, categoryCode, answering, department, code) => {
    const out = routeFromUnit({ unitKato, categoryCode }, data);
    expect(out).toMatchObject({ kind: 'routed', unitKato: answering, akimatBodyId: akimatId(answering), departmentCode: department });
    if (out.kind !== 'routed') return;
    expect(out.reason).toMatchObject({ code, params: { via: 'chosen-unit', unitKato } });
  });

  it('says when the akimat lacks the department or the department is outside the akimat', () => {
    const missing = routeFromUnit({ unitKato: '111000000', categoryCode: 'stray_animals' }, data);
    expect(missing).toMatchObject({ kind: 'routed', departmentCode: null, reason: { notes: ['department-missing'] } });
    const external = routeFromUnit({ unitKato: '113200000', categoryCode: 'public_order' }, data);
    expect(external).toMatchObject({ kind: 'routed', departmentCode: 'police', reason: { notes: ['external-department'] } });
  });

  it('refuses an unknown unit or category, and a unit whose akimat is missing', () => {
    expect(routeFromUnit({ unitKato: '999999999', categoryCode: 'roads' }, data)).toEqual({ kind: 'unknown-unit', unitKato: '999999999' });
    expect(routeFromUnit({ unitKato: '113200000', categoryCode: 'teleport' }, data)).toEqual({ kind: 'unknown-category', categoryCode: 'teleport' });
    expect(routeFromUnit({ unitKato: '150000000', categoryCode: 'roads' }, data)).toEqual({ kind: 'no-akimat', unitKato: '150000000' });
  });

  it('the reason explains itself like a point reason', () => {
    const out = routeFromUnit({ unitKato: '711310000', categoryCode: 'roads' }, data);
    if (out.kind !== 'routed') throw new Error('not routed');
    const t = getT('en');
    expect(explainRouting(out.reason, 'en').map((m) => t(m.key, m.params))[0]).toBe(
      'The place is in Saryarka District, Astana. “Roads” is a matter for the whole city, so the report goes to Akimat 710000000 (Department roads_transport).',
    );
  });
});
