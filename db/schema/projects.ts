import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { petitions } from './petitions';
import { nationalProjects } from './reference';

/**
 * Links between petitions and the national projects they affect. The linking worker writes
 * suggestions (score + explanation); the project office confirms or rejects them, or links by hand.
 * Only confirmed links are public.
 */
export const petitionProjectLinks = pgTable(
  'petition_project_links',
  {
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    projectCode: text('project_code')
      .notNull()
      .references(() => nationalProjects.code, { onDelete: 'cascade' }),
    /** 'suggested' | 'confirmed' | 'rejected' */
    status: text('status').notNull(),
    /** 'linker' (suggested by the scorer) | 'manual' (added by the project office) */
    origin: text('origin').notNull(),
    score: real('score'),
    explanation: jsonb('explanation'),
    /** The petition text version the suggestion was computed on. */
    versionId: uuid('version_id'),
    suggestedAt: timestamp('suggested_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.petitionId, t.projectCode] }),
    index('petition_project_links_project_idx').on(t.projectCode, t.status),
    check('petition_project_links_status_check', sql`${t.status} in ('suggested', 'confirmed', 'rejected')`),
  ],
);

/** Measurable indicators of a national project (editable by the project office). */
export const projectIndicators = pgTable(
  'project_indicators',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectCode: text('project_code')
      .notNull()
      .references(() => nationalProjects.code, { onDelete: 'cascade' }),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    unit: text('unit'),
    baseline: real('baseline'),
    baselineYear: integer('baseline_year'),
    target: real('target'),
    targetYear: integer('target_year'),
    currentValue: real('current_value'),
    currentAsOf: date('current_as_of'),
    source: text('source'),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_indicators_project_idx').on(t.projectCode)],
);

/** Report categories mapped to the projects they concern (data). */
export const categoryProjects = pgTable(
  'category_projects',
  {
    categoryCode: text('category_code').notNull(),
    projectCode: text('project_code')
      .notNull()
      .references(() => nationalProjects.code, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.categoryCode, t.projectCode] })],
);

/** People who follow a project or a petition, to hear when a linked petition is answered. */
export const follows = pgTable(
  'follows',
  {
    accountId: uuid('account_id').notNull(),
    /** 'project' | 'petition' */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.subjectType, t.subjectId] }), index('follows_subject_idx').on(t.subjectType, t.subjectId)],
);
