import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BoundaryIndex,
  explainRouting,
  parseCompetence,
  parseRoutingOverrides,
  placeName,
  routeReport,
  routingRefusalMessage,
  type Names,
  type RoutingAkimat,
  type RoutingCategory,
  type RoutingData,
  type RoutingUnit,
} from '../../app/domain/routing';
import { reports } from '../../app/i18n/areas/reports';

/**
 * routeReport on a small synthetic map (squares in degrees), so that every outcome and note can be
 * produced on purpose:
 *
 *   Region 11 (Akmola-like, region)            x 0..10, y 0..10
 *     district 113200000                       x 0..5            (akimat with all departments)
 *     city 111000000                           x 5..10, y 0..5   (akimat without "veterinary")
 *     (no level-2 polygon)                     x 5..10, y 5..10
 *     override 111600000 (circle, approximate) inside 113200000 around (1, 1)
 *   City 71 (Astana-like, republican city)     x 20..30, y 0..10
 *     city district 711310000                  x 20..30, y 0..10, lost territory to 711510000 (pending)
 *   Unit 150000000 has a polygon but no akimat x 40..50
 */

const sq = (x: number, y: number, w: number, h: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  ],
});

const n = (en: string): Names => ({ nameKk: `${en} (kk)`, nameRu: `${en} (ru)`, nameEn: en });

const unitList: RoutingUnit[] = [
  { kato: '110000000', level: 1, type: 'region', parentKato: null, ...n('Akmola Region') },
  { kato: '113200000', level: 2, type: 'district', parentKato: '110000000', ...n('Akkol District') },
  { kato: '111000000', level: 2, type: 'city_of_regional_significance', parentKato: '110000000', ...n('Kokshetau') },
  { kato: '111600000', level: 2, type: 'city_of_regional_significance', parentKato: '110000000', ...n('Kosshy') },
  { kato: '710000000', level: 1, type: 'city_of_republican_significance', parentKato: null, ...n('Astana') },
  { kato: '711310000', level: 2, type: 'city_district', parentKato: '710000000', ...n('Saryarka District') },
  { kato: '711510000', level: 2, type: 'city_district', parentKato: '710000000', ...n('Nura District') },
  { kato: '150000000', level: 1, type: 'region', parentKato: null, ...n('Aktobe Region') },
];
const ALL_DEPARTMENTS = ['roads_transport', 'housing_utilities', 'veterinary', 'health', 'district_akimat', 'police'];
const departments = new Map(ALL_DEPARTMENTS.map((d) => [d, n(`Department ${d}`)]));

let bodyId = 100;
const akimat = (kato: string, deps = ALL_DEPARTMENTS): [string, RoutingAkimat] => [
  kato,
  { id: bodyId++, ...n(`Akimat of ${unitList.find((u) => u.kato === kato)!.nameEn}`), departments: new Set(deps) },
];

const categories = new Map<string, RoutingCategory>(
  [
    { code: 'roads', defaultDepartmentCode: 'roads_transport', ...n('Roads') },
    { code: 'public_transport', defaultDepartmentCode: 'roads_transport', ...n('Public transport') },
    { code: 'stray_animals', defaultDepartmentCode: 'veterinary', ...n('Stray animals') },
    { code: 'health_education_social', defaultDepartmentCode: 'health', ...n('Health') },
    { code: 'greenery', defaultDepartmentCode: 'environment', ...n('Greenery') },
    { code: 'public_order', defaultDepartmentCode: 'police', ...n('Public order') },
  ].map((c) => [c.code, c]),
);

const competence = parseCompetence({
  _meta: { description: 'test' },
  external_departments: ['police'],
  defaults: { district: 'unit', city_district: 'unit', region: 'unit', republican_city: 'unit' },
  rules: [
    { category: 'roads', context: 'city_district', answers: 'parent', basis: 'streets are city-wide' },
    { category: 'public_transport', context: 'city_district', answers: 'parent', basis: 'transport is city-wide' },
    { category: 'health_education_social', context: 'district', answers: 'parent', basis: 'health is regional' },
    { category: 'greenery', context: 'district', answers: 'unit', department: 'housing_utilities', basis: 'upkeep' },
  ],
});

let data: RoutingData;

beforeAll(() => {
  const index = BoundaryIndex.build(
    [
      { kato: '110000000', level: 1, geometry: sq(0, 0, 10, 10) },
      { kato: '113200000', level: 2, geometry: sq(0, 0, 5, 10) },
      { kato: '111000000', level: 2, geometry: sq(5, 0, 5, 5) },
      { kato: '710000000', level: 1, geometry: sq(20, 0, 10, 10) },
      { kato: '711310000', level: 2, geometry: sq(20, 0, 10, 10) },
      { kato: '150000000', level: 1, geometry: sq(40, 0, 10, 10) },
    ],
    {
      overrides: parseRoutingOverrides({
        _meta: { description: 'test' },
        overrides: [
          {
            kato: '111600000',
            name_en: 'Kosshy',
            carved_from: ['113200000'],
            area: { type: 'circle', centre: [1, 1], radius_m: 20_000 },
            approximate: true,
            basis: 'test',
          },
        ],
        pending: [{ kato: '711510000', name_en: 'Nura', carved_from: ['711310000'], note: 'test' }],
      }),
    },
  );
  data = {
    index,
    competence,
    units: new Map(unitList.map((u) => [u.kato, u])),
    bodies: new Map([
      akimat('110000000'),
      akimat('113200000'),
      akimat('111000000', ALL_DEPARTMENTS.filter((d) => d !== 'veterinary')),
      akimat('111600000'),
      akimat('710000000'),
      akimat('711310000'),
    ]),
    categories,
    departments,
  };
});

const route = (lon: number, lat: number, categoryCode: string) => routeReport({ point: { lon, lat }, categoryCode }, data);
const bodyOf = (kato: string) => data.bodies.get(kato)!.id;

describe('routeReport', () => {
  it.each([
    // [case, lon, lat, category, answering unit, department, reason code]
    ['district, local category', 2, 5, 'roads', '113200000', 'roads_transport', 'routing.reason.local'],
    ['district, regional category', 2, 5, 'health_education_social', '110000000', 'health', 'routing.reason.regionWide'],
    ['district, department override', 2, 5, 'greenery', '113200000', 'housing_utilities', 'routing.reason.local'],
    ['city of regional significance', 7, 2, 'public_transport', '111000000', 'roads_transport', 'routing.reason.local'],
    ['city district, city-wide category', 25, 5, 'public_transport', '710000000', 'roads_transport', 'routing.reason.cityWide'],
    ['city district, city-wide roads', 25, 5, 'roads', '710000000', 'roads_transport', 'routing.reason.cityWide'],
    ['city district, local upkeep', 25, 5, 'stray_animals', '711310000', 'veterinary', 'routing.reason.local'],
    ['region without district polygon', 7, 7, 'roads', '110000000', 'roads_transport', 'routing.reason.regionOnly'],
    ['override area', 1.05, 1.05, 'roads', '111600000', 'roads_transport', 'routing.reason.local'],
  ] as const)('%s', (_case, lon, lat, category, unit, department, code) => {
    const out = route(lon, lat, category);
    expect(out).toMatchObject({ kind: 'routed', unitKato: unit, akimatBodyId: bodyOf(unit), departmentCode: department });
    if (out.kind === 'routed') expect(out.reason.code).toBe(code);
  });

  it('records a complete, serialisable reason', () => {
    const out = route(25, 5, 'roads');
    if (out.kind !== 'routed') throw new Error(out.kind);
    expect(JSON.parse(JSON.stringify(out.reason))).toEqual(out.reason);
    expect(out.reason.params).toMatchObject({
      lon: 25,
      lat: 5,
      via: 'district-polygon',
      context: 'city_district',
      answers: 'parent',
      region: { kato: '710000000', nameEn: 'Astana' },
      district: { kato: '711310000', nameEn: 'Saryarka District' },
      category: { code: 'roads', nameEn: 'Roads' },
      akimat: { id: bodyOf('710000000'), unitKato: '710000000', nameEn: 'Akimat of Astana' },
      department: { code: 'roads_transport' },
      mayBelongTo: [{ kato: '711510000', nameEn: 'Nura District' }],
      ruleBasis: 'streets are city-wide',
    });
    expect(out.reason.notes).toEqual(['boundary-may-be-outdated']);
    expect(out.location).toMatchObject({ region: '710000000', district: '711310000' });
  });

  it('notes approximate boundaries, external bodies and missing departments', () => {
    const approx = route(1.05, 1.05, 'roads');
    expect(approx.kind === 'routed' && approx.reason.notes).toEqual(['approximate-boundary']);

    const police = route(2, 5, 'public_order');
    expect(police).toMatchObject({ kind: 'routed', unitKato: '113200000', departmentCode: 'police' });
    expect(police.kind === 'routed' && police.reason.notes).toEqual(['external-department']);

    const noVet = route(7, 2, 'stray_animals');
    expect(noVet).toMatchObject({ kind: 'routed', unitKato: '111000000', departmentCode: null });
    expect(noVet.kind === 'routed' && noVet.reason.notes).toEqual(['department-missing']);
    expect(noVet.kind === 'routed' && noVet.reason.params.department.code).toBe('veterinary');
  });

  it('refuses points outside, invalid points and unknown categories', () => {
    expect(route(15, 5, 'roads')).toEqual({ kind: 'outside' });
    expect(route(Number.NaN, 5, 'roads')).toEqual({ kind: 'invalid-point', reason: 'not-finite' });
    expect(route(2, 95, 'roads')).toEqual({ kind: 'invalid-point', reason: 'out-of-range' });
    expect(route(2, 5, 'potholes')).toEqual({ kind: 'unknown-category', categoryCode: 'potholes' });
  });

  it('says when the answering unit has no akimat', () => {
    expect(route(45, 5, 'roads')).toMatchObject({ kind: 'no-akimat', unitKato: '150000000' });
  });
});

describe('explaining a routing reason in three languages', () => {
  const ts: Partial<Record<'kk' | 'ru' | 'en', TFunction>> = {};
  beforeAll(async () => {
    for (const lng of ['kk', 'ru', 'en'] as const) {
      const inst = i18next.createInstance();
      await inst.init({
        lng,
        resources: { [lng]: { translation: { reports: reports[lng] } } },
        interpolation: { escapeValue: false },
        showSupportNotice: false,
      } as Parameters<typeof inst.init>[0]);
      ts[lng] = inst.t;
    }
  });
  const render = (lng: 'kk' | 'ru' | 'en', lon: number, lat: number, category: string) => {
    const out = route(lon, lat, category);
    if (out.kind !== 'routed') throw new Error(out.kind);
    return explainRouting(out.reason, lng).map((m) => ts[lng]!(m.key, m.params));
  };

  it('renders the main sentence with the place, category, akimat and department', () => {
    expect(render('en', 25, 5, 'roads')).toEqual([
      'The place is in Saryarka District, Astana. “Roads” is a matter for the whole city, so the report goes to Akimat of Astana (Department roads_transport).',
      'Administrative boundaries here have changed recently (new units: Nura District). If the place now belongs to one of them, the akimat will forward the report.',
    ]);
    expect(render('ru', 2, 5, 'roads')[0]).toBe(
      'Место: Akkol District (ru), Akmola Region (ru). Сообщения категории «Roads (ru)» здесь рассматривает Akimat of Akkol District (ru) (Department roads_transport (ru)).',
    );
    // Kazakh names the larger unit first.
    expect(render('kk', 2, 5, 'health_education_social')[0]).toBe(
      'Орны: Akmola Region (kk), Akkol District (kk). «Health (kk)» санатындағы мәселелер облыс деңгейінде шешіледі, сондықтан хабарлама жіберілетін орган: Akimat of Akmola Region (kk) (Department health (kk)).',
    );
  });

  it('renders every reason code and note in every language, with no placeholder left', () => {
    const cases: [number, number, string][] = [
      [2, 5, 'roads'],
      [2, 5, 'health_education_social'],
      [25, 5, 'public_transport'],
      [7, 7, 'roads'],
      [1.05, 1.05, 'roads'],
      [2, 5, 'public_order'],
      [7, 2, 'stray_animals'],
    ];
    for (const lng of ['kk', 'ru', 'en'] as const) {
      const seenKeys = new Set<string>();
      for (const [lon, lat, cat] of cases) {
        const out = route(lon, lat, cat);
        if (out.kind !== 'routed') throw new Error(out.kind);
        for (const m of explainRouting(out.reason, lng)) {
          seenKeys.add(m.key);
          const text = ts[lng]!(m.key, m.params);
          expect(text).not.toBe(m.key);
          expect(text).not.toMatch(/\{\{|\}\}/);
        }
      }
      expect(seenKeys.size).toBe(8);
    }
  });

  it('has a message for each refusal', () => {
    for (const kind of ['invalid-point', 'outside', 'unknown-category', 'no-akimat'] as const)
      for (const lng of ['kk', 'ru', 'en'] as const) {
        const m = routingRefusalMessage(kind);
        expect(ts[lng]!(m.key, m.params)).not.toBe(m.key);
      }
  });

  it('joins place names without declining them', () => {
    const region = n('Astana');
    const district = n('Saryarka District');
    expect(placeName(region, district, 'en')).toBe('Saryarka District, Astana');
    expect(placeName(region, district, 'kk')).toBe('Astana (kk), Saryarka District (kk)');
    expect(placeName(region, null, 'ru')).toBe('Astana (ru)');
  });
});
