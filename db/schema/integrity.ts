import { index, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { signatures } from './petitions';

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
