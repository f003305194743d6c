import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/**
 * Reference data: administrative units (KATO), their boundaries, local bodies (akimats and
 * maslikhats) and departments, issue categories, government bodies, national priorities and
 * projects, population and the holiday calendar. Seeded from db/seed/data, editable afterwards:
 * every table carries `source` / `updated_at` so an administrator's correction is visible.
 */

/** Level 1: region or city of republican significance. Level 2: district, city, city district. */
export const units = pgTable(
  'units',
  {
    kato: text('kato').primaryKey(),
    level: integer('level').notNull(),
    parentKato: text('parent_kato'),
    type: text('type').notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    iso3166_2: text('iso_3166_2'),
    centreKk: text('centre_kk'),
    centreRu: text('centre_ru'),
    centreEn: text('centre_en'),
    codabPcode: text('codab_pcode'),
    needsReview: boolean('needs_review').notNull().default(false),
    note: text('note'),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_parent_idx').on(t.parentKato),
    check('units_level_check', sql`${t.level} in (1, 2)`),
    check('units_kato_format', sql`${t.kato} ~ '^[0-9]{9}$'`),
  ],
);

/** GeoJSON geometry (Polygon or MultiPolygon, WGS84) with its bounding box for a spatial index. */
export const unitBoundaries = pgTable('unit_boundaries', {
  kato: text('kato')
    .primaryKey()
    .references(() => units.kato, { onDelete: 'cascade' }),
  geometry: jsonb('geometry').notNull(),
  minLon: doublePrecision('min_lon').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLon: doublePrecision('max_lon').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Typical departments of a local executive body (routing targets for issue categories). */
export const departmentTypes = pgTable('department_types', {
  code: text('code').primaryKey(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Local bodies: one akimat (executive) and one maslikhat (representative) per unit. */
export const localBodies = pgTable(
  'local_bodies',
  {
    id: serial('id').primaryKey(),
    unitKato: text('unit_kato')
      .notNull()
      .references(() => units.kato, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('local_bodies_unit_kind').on(t.unitKato, t.kind),
    check('local_bodies_kind_check', sql`${t.kind} in ('akimat', 'maslikhat')`),
  ],
);

/** The departments an akimat has (editable per akimat). */
export const localBodyDepartments = pgTable(
  'local_body_departments',
  {
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departmentTypes.code, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.departmentCode] })],
);

export const issueCategories = pgTable('issue_categories', {
  code: text('code').primaryKey(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  examplesEn: jsonb('examples_en').$type<string[]>().notNull().default([]),
  defaultDepartmentCode: text('default_department_code')
    .notNull()
    .references(() => departmentTypes.code, { onDelete: 'restrict' }),
  season: text('season'),
  sortOrder: integer('sort_order').notNull(),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Central government bodies: ministries and agencies (petition addressees, project owners). */
export const governmentBodies = pgTable(
  'government_bodies',
  {
    code: text('code').primaryKey(),
    kind: text('kind').notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    domains: jsonb('domains').$type<string[]>().notNull().default([]),
    note: text('note'),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('government_bodies_kind_check', sql`${t.kind} in ('government', 'ministry', 'agency')`)],
);

export const nationalPriorities = pgTable('national_priorities', {
  code: text('code').primaryKey(),
  plan: text('plan').notNull(),
  direction: text('direction'),
  nameKk: text('name_kk'),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  verification: text('verification').notNull(),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const nationalProjects = pgTable('national_projects', {
  code: text('code').primaryKey(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  summaryEn: text('summary_en'),
  period: text('period').notNull(),
  priorityCode: text('priority_code').references(() => nationalPriorities.code, { onDelete: 'set null' }),
  responsibleBodies: jsonb('responsible_bodies').$type<string[]>().notNull().default([]),
  keyIndicators: jsonb('key_indicators').$type<string[]>().notNull().default([]),
  status: text('status').notNull(),
  laterStatus: text('later_status'),
  sources: jsonb('sources').$type<string[]>().notNull().default([]),
  verification: text('verification').notNull(),
  sortOrder: integer('sort_order').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Population of a unit at a date (the newest row per unit is used for percentage thresholds). */
export const unitPopulation = pgTable(
  'unit_population',
  {
    kato: text('kato')
      .notNull()
      .references(() => units.kato, { onDelete: 'cascade' }),
    asOf: date('as_of').notNull(),
    population: integer('population').notNull(),
    status: text('status'),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kato, t.asOf] }), check('unit_population_positive', sql`${t.population} > 0`)],
);

/**
 * The calendar of non-standard days: `holiday` (non-working), `transfer_rest` (a weekday made a day
 * off by a transfer), `transfer_work` (a weekend day made a working day). Weekends are computed.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day').primaryKey(),
    kind: text('kind').notNull(),
    nameKk: text('name_kk'),
    nameRu: text('name_ru'),
    nameEn: text('name_en').notNull(),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_days_kind_check', sql`${t.kind} in ('holiday', 'transfer_rest', 'transfer_work')`)],
);

export const unitsRelations = relations(units, ({ one, many }) => ({
  parent: one(units, { fields: [units.parentKato], references: [units.kato], relationName: 'parent' }),
  children: many(units, { relationName: 'parent' }),
  boundary: one(unitBoundaries, { fields: [units.kato], references: [unitBoundaries.kato] }),
  bodies: many(localBodies),
  population: many(unitPopulation),
}));

export const localBodiesRelations = relations(localBodies, ({ one, many }) => ({
  unit: one(units, { fields: [localBodies.unitKato], references: [units.kato] }),
  departments: many(localBodyDepartments),
}));

export const localBodyDepartmentsRelations = relations(localBodyDepartments, ({ one }) => ({
  body: one(localBodies, { fields: [localBodyDepartments.bodyId], references: [localBodies.id] }),
  department: one(departmentTypes, {
    fields: [localBodyDepartments.departmentCode],
    references: [departmentTypes.code],
  }),
}));

export const unitPopulationRelations = relations(unitPopulation, ({ one }) => ({
  unit: one(units, { fields: [unitPopulation.kato], references: [units.kato] }),
}));

export const nationalProjectsRelations = relations(nationalProjects, ({ one }) => ({
  priority: one(nationalPriorities, {
    fields: [nationalProjects.priorityCode],
    references: [nationalPriorities.code],
  }),
}));
