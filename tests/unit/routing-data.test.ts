import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMPETENCE_CONTEXTS,
  contextOf,
  parseCompetence,
  parseRoutingOverrides,
  unitsNamedByOverrides,
} from '../../app/domain/routing';
import { ValidationError } from '../../app/domain/shared/errors';

const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../db/seed/data/${file}`, import.meta.url), 'utf8'));

const categoriesFile = readJson('kz_issue_categories.json') as {
  categories: { code: string; default_local_department: string }[];
};
const departmentCodes = (
  readJson('kz_government_bodies.json') as { typical_local_akimat_departments: { code: string }[] }
).typical_local_akimat_departments.map((d) => d.code);
const unitCodes = [
  ...(readJson('kz_regions.json') as { kato: string }[]),
  ...(readJson('kz_kato_level2_districts.json') as { kato: string }[]),
].map((u) => u.kato);
const adm2Codes = (
  readJson('kz_adm2_districts_codab2023.geojson') as { features: { properties: { kato: string } }[] }
).features.map((f) => f.properties.kato);

/** Calls fn, expecting a ValidationError; returns its fields. */
function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).fields;
  }
  throw new Error('expected a ValidationError');
}

describe('dauys_competence.json', () => {
  const table = parseCompetence(readJson('dauys_competence.json'));

  it('is valid and refers only to categories and departments of the seed', () => {
    expect(
      table.problems({ categories: categoriesFile.categories.map((c) => c.code), departments: departmentCodes }),
    ).toEqual([]);
    expect([...table.externalDepartments].sort()).toEqual(['emergency', 'police', 'utility_company']);
  });

  it('decides for every context and every category of the seed', () => {
    for (const context of COMPETENCE_CONTEXTS)
      for (const c of categoriesFile.categories) {
        const d = table.decide(context, c.code, c.default_local_department);
        expect(departmentCodes).toContain(d.departmentCode);
        if (context === 'region' || context === 'republican_city') expect(d.answers).toBe('unit');
      }
  });

  it.each([
    // context, category, answering akimat, department
    ['city_district', 'public_transport', 'parent', 'roads_transport'],
    ['city_district', 'roads', 'parent', 'roads_transport'],
    ['city_district', 'heating', 'parent', 'housing_utilities'],
    ['city_district', 'sanitation', 'unit', 'district_akimat'],
    ['city_district', 'yards_playgrounds', 'unit', 'district_akimat'],
    ['city_district', 'public_order', 'unit', 'police'],
    ['district', 'roads', 'unit', 'roads_transport'],
    ['district', 'public_transport', 'unit', 'roads_transport'],
    ['district', 'health_education_social', 'parent', 'health'],
    ['district', 'environment_air', 'parent', 'environment'],
    ['district', 'greenery', 'unit', 'housing_utilities'],
    ['district', 'waste', 'unit', 'housing_utilities'],
    ['region', 'roads', 'unit', 'roads_transport'],
    ['republican_city', 'public_transport', 'unit', 'roads_transport'],
  ] as const)('%s / %s -> %s akimat, %s', (context, category, answers, department) => {
    const c = categoriesFile.categories.find((x) => x.code === category)!;
    expect(table.decide(context, category, c.default_local_department)).toMatchObject({ answers, departmentCode: department });
  });

  it('documents every rule', () => {
    for (const r of table.rules) expect(r.basis.length).toBeGreaterThan(20);
  });
});

describe('competence schema', () => {
  const valid = {
    _meta: { description: 'x' },
    external_departments: ['police'],
    defaults: { district: 'unit', city_district: 'unit', region: 'unit', republican_city: 'unit' },
    rules: [{ category: 'roads', context: 'city_district', answers: 'parent', basis: 'city-wide' }],
  };

  it('accepts a minimal file', () => {
    expect(parseCompetence(valid).rules).toHaveLength(1);
  });

  it.each([
    ['a level-1 context answering "parent"', { rules: [{ category: 'roads', context: 'region', answers: 'parent', basis: 'b' }] }, 'rules[0].answers'],
    ['an unknown context', { rules: [{ category: 'roads', context: 'village', answers: 'unit', basis: 'b' }] }, 'rules[0].context'],
    ['a rule without basis', { rules: [{ category: 'roads', context: 'district', answers: 'unit', basis: ' ' }] }, 'rules[0].basis'],
    [
      'two rules for one pair',
      {
        rules: [
          { category: 'roads', context: 'district', answers: 'unit', basis: 'b' },
          { category: 'roads', context: 'district', answers: 'parent', basis: 'b' },
        ],
      },
      'rules[1]',
    ],
    ['a region default of "parent"', { defaults: { district: 'unit', city_district: 'unit', region: 'parent', republican_city: 'unit' } }, 'defaults.region'],
    ['a department code with capitals', { rules: [{ category: 'roads', context: 'district', answers: 'unit', department: 'Roads', basis: 'b' }] }, 'rules[0].department'],
  ])('refuses %s, naming the field', (_what, patch, field) => {
    expect(Object.keys(fieldsOf(() => parseCompetence({ ...valid, ...patch })))).toContain(field);
  });

  it('reports unknown categories and departments as problems', () => {
    const table = parseCompetence({
      ...valid,
      external_departments: ['martians'],
      rules: [{ category: 'ghosts', context: 'district', answers: 'unit', department: 'nowhere', basis: 'b' }],
    });
    expect(table.problems({ categories: ['roads'], departments: ['police'] })).toEqual([
      { kind: 'unknown-category', path: 'rules[0].category', code: 'ghosts' },
      { kind: 'unknown-department', path: 'rules[0].department', code: 'nowhere' },
      { kind: 'unknown-department', path: 'external_departments', code: 'martians' },
    ]);
  });

  it.each([
    ['region', true, 'district'],
    ['region', false, 'region'],
    ['city_of_republican_significance', true, 'city_district'],
    ['city_of_republican_significance', false, 'republican_city'],
  ] as const)('a point in a %s (district found: %s) is in context %s', (type, hasDistrict, context) => {
    expect(contextOf(type, hasDistrict)).toBe(context);
  });
});

describe('dauys_routing_overrides.json', () => {
  const overrides = parseRoutingOverrides(readJson('dauys_routing_overrides.json'));

  it('names only units of the seed', () => {
    expect(unitsNamedByOverrides(overrides).filter((k) => !unitCodes.includes(k))).toEqual([]);
  });

  it('covers exactly the 10 units without a polygon, carving them from units that have one', () => {
    const withoutPolygon = unitCodes.filter((k) => !k.endsWith('0000000') && !adm2Codes.includes(k)).sort();
    expect(withoutPolygon).toHaveLength(10);
    expect([...overrides.overrides, ...overrides.pending].map((o) => o.kato).sort()).toEqual(withoutPolygon);
    for (const o of [...overrides.overrides, ...overrides.pending])
      for (const base of o.carvedFrom) expect(adm2Codes, `${o.kato} carved from ${base}`).toContain(base);
  });

  it('marks the Kosshy circle as approximate', () => {
    expect(overrides.overrides).toEqual([
      expect.objectContaining({
        kato: '111600000',
        carvedFrom: ['116600000'],
        approximate: true,
        area: { type: 'circle', centre: { lon: 71.3539, lat: 50.9758 }, radiusM: 2800 },
      }),
    ]);
  });
});

describe('overrides schema', () => {
  const entry = {
    kato: '111600000',
    name_en: 'Kosshy',
    carved_from: ['116600000'],
    area: { type: 'circle', centre: [71.35, 50.97], radius_m: 2800 },
    approximate: true,
    basis: 'b',
  };
  const file = (overrides: unknown[], pending: unknown[] = []) => ({ _meta: { description: 'x' }, overrides, pending });

  it.each([
    ['a carved_from unit in another region', { ...entry, carved_from: ['356400000'] }, 'overrides[0].carved_from[0]'],
    ['a unit carved from itself', { ...entry, carved_from: ['111600000'] }, 'overrides[0].carved_from[0]'],
    ['a first-level unit as the new unit', { ...entry, kato: '110000000' }, 'overrides[0].kato'],
    ['a negative radius', { ...entry, area: { type: 'circle', centre: [71.35, 50.97], radius_m: -1 } }, 'overrides[0].area.radius_m'],
    ['a latitude out of range', { ...entry, area: { type: 'circle', centre: [71.35, 95], radius_m: 10 } }, 'overrides[0].area.centre[1]'],
    [
      'an open polygon ring',
      { ...entry, area: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } },
      'overrides[0].area.coordinates[0]',
    ],
    ['an unknown area type', { ...entry, area: { type: 'Point', coordinates: [0, 0] } }, 'overrides[0].area.type'],
    ['a missing basis', { ...entry, basis: '' }, 'overrides[0].basis'],
  ])('refuses %s, naming the field', (_what, bad, field) => {
    expect(Object.keys(fieldsOf(() => parseRoutingOverrides(file([bad]))))).toContain(field);
  });

  it('refuses a unit listed twice (in overrides and pending)', () => {
    const fields = fieldsOf(() =>
      parseRoutingOverrides(file([entry], [{ kato: '111600000', name_en: 'K', carved_from: ['116600000'], note: 'n' }])),
    );
    expect(fields['pending[0].kato']).toMatch(/duplicate/);
  });
});
