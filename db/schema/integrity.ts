import { bigserial, boolean, index, integer, jsonb, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { petitions, signatures } from './petitions';

/**
 * The integrity assessment of a signature: its risk score, the signals that contributed, and the
 * explanation (i18n keys + non-personal parameters). Written by the worker, never shown to the signer.
 */
export const signatureAssessments = pgTable(
  'signature_assessments',
  {
    signatureId: uuid('signature_id')
      .primaryKey()
      .references(() => signatures.id, { onDelete: 'cascade' }),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
    score: real('score').notNull(),
    decision: text('decision').notNull(),
    signals: jsonb('signals').notNull(),
    explanation: jsonb('explanation').notNull(),
    configVersion: text('config_version').notNull(),
  },
  (t) => [index('signature_assessments_decision_idx').on(t.decision, t.assessedAt)],
);

/**
 * Trending sources found by the hourly job: a network or a device with many signatures on one
 * petition in one window. One row per (petition, kind, key, window): running the job again for the
 * same window adds nothing and alerts nobody twice. `key` is a network prefix or a device-id hash.
 */
export const integrityTrendingSources = pgTable(
  'integrity_trending_sources',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    signatures: integer('signatures').notNull(),
    alertAt: integer('alert_at').notNull(),
    alerted: boolean('alerted').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('integrity_trending_sources_once').on(t.petitionId, t.kind, t.key, t.windowStart), index('integrity_trending_sources_window_idx').on(t.windowStart)],
);
