import { relations, sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './identity';
import { localBodies, units } from './reference';

/**
 * Petitions to the Government, a ministry, or a local akimat or maslikhat. The state machine is in
 * app/domain/petitions/states.ts; every transition is a row of petition_events. Thresholds are
 * fixed when a petition opens.
 */
export const petitions = pgTable(
  'petitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Public number, e.g. 2026-000123 (year of creation + sequence). */
    number: bigserial('number', { mode: 'number' }).notNull(),
    authorAccountId: uuid('author_account_id')
      .notNull()
      .references(() => accounts.id),
    addresseeKind: text('addressee_kind').notNull(),
    /** government_bodies.code for the Government or a ministry. */
    addresseeBodyCode: text('addressee_body_code'),
    /** local_bodies.id for an akimat or maslikhat. */
    addresseeLocalBodyId: integer('addressee_local_body_id').references(() => localBodies.id),
    /** The unit whose residents may sign (null: national, every adult citizen). */
    unitKato: text('unit_kato').references(() => units.kato),
    topic: text('topic').notNull(),
    state: text('state').notNull(),
    currentVersionId: uuid('current_version_id'),
    initialSupportRequired: integer('initial_support_required').notNull(),
    thresholdRequired: integer('threshold_required'),
    thresholdRule: text('threshold_rule'),
    thresholdPopulation: integer('threshold_population'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    moderationDueOn: date('moderation_due_on'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    thresholdReachedAt: timestamp('threshold_reached_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    considerationDueOn: date('consideration_due_on'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    decision: text('decision'),
    responseText: text('response_text'),
    responseDocumentUrl: text('response_document_url'),
    rejectionReason: text('rejection_reason'),
    rejectionTopicGroup: text('rejection_topic_group'),
    rejectionNote: text('rejection_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('petitions_number_unique').on(t.number),
    index('petitions_state_idx').on(t.state, t.createdAt),
    index('petitions_author_idx').on(t.authorAccountId),
    index('petitions_unit_idx').on(t.unitKato),
    check(
      'petitions_addressee_check',
      sql`(${t.addresseeKind} in ('government', 'ministry') and ${t.addresseeBodyCode} is not null)
       or (${t.addresseeKind} in ('akimat', 'maslikhat') and ${t.addresseeLocalBodyId} is not null and ${t.unitKato} is not null)`,
    ),
  ],
);

/** Each saved text of a petition. Signatures bind to a version through its hash. */
export const petitionVersions = pgTable(
  'petition_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** SHA-256 (hex) of the canonical text: what a signature's challenge commits to. */
    textHash: text('text_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('petition_versions_unique').on(t.petitionId, t.version),
    index('petition_versions_search_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

export const petitionEvents = pgTable(
  'petition_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorRole: text('actor_role').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('petition_events_petition_idx').on(t.petitionId, t.id)],
);

/**
 * A signature: a passkey assertion over a challenge derived from (petition, text hash, citizen,
 * nonce), kept with its evidence so it can be re-verified later. Never deleted: withdrawal and
 * invalidation change its state. One live signature per person per petition (keyed IIN hash).
 */
export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => petitionVersions.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The signer's keyed IIN hash at signing time (uniqueness rests on it). */
    signerKey: text('signer_key').notNull(),
    regionKato: text('region_kato').notNull(),
    unitKato: text('unit_kato').notNull(),
    /** 'valid' | 'under_review' | 'invalidated' (integrity checks); withdrawal is withdrawn_at. */
    status: text('status').notNull().default('valid'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    notifyOnOutcome: boolean('notify_on_outcome').notNull().default(false),
    // Evidence.
    passkeyId: uuid('passkey_id').notNull(),
    credentialId: text('credential_id').notNull(),
    challenge: text('challenge').notNull(),
    nonce: text('nonce').notNull(),
    textHash: text('text_hash').notNull(),
    authenticatorData: text('authenticator_data').notNull(),
    clientDataJson: text('client_data_json').notNull(),
    signature: text('signature').notNull(),
    userHandle: text('user_handle'),
    rpId: text('rp_id').notNull(),
    origin: text('origin').notNull(),
    // Context for integrity checks (never shown publicly).
    ip: text('ip'),
    userAgent: text('user_agent'),
    deviceId: text('device_id'),
    aaguid: text('aaguid'),
  },
  (t) => [
    uniqueIndex('signatures_one_live_per_signer').on(t.petitionId, t.signerKey).where(sql`${t.withdrawnAt} is null`),
    index('signatures_petition_idx').on(t.petitionId, t.signedAt),
    index('signatures_account_idx').on(t.accountId, t.signedAt),
    check('signatures_status_check', sql`${t.status} in ('valid', 'under_review', 'invalidated')`),
  ],
);

/**
 * Count changes, written in the signing transaction (never a `+1` on the petition row). The
 * reconciler folds them into petition_counts in batches under an advisory lock and deletes them.
 */
export const signatureCountEvents = pgTable('signature_count_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  petitionId: uuid('petition_id').notNull(),
  regionKato: text('region_kato').notNull(),
  validDelta: integer('valid_delta').notNull().default(0),
  reviewDelta: integer('review_delta').notNull().default(0),
  invalidatedDelta: integer('invalidated_delta').notNull().default(0),
  withdrawnDelta: integer('withdrawn_delta').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const petitionCounts = pgTable('petition_counts', {
  petitionId: uuid('petition_id')
    .primaryKey()
    .references(() => petitions.id, { onDelete: 'cascade' }),
  valid: integer('valid').notNull().default(0),
  underReview: integer('under_review').notNull().default(0),
  invalidated: integer('invalidated').notNull().default(0),
  withdrawn: integer('withdrawn').notNull().default(0),
  reconciledAt: timestamp('reconciled_at', { withTimezone: true }).notNull().defaultNow(),
});

export const petitionRegionCounts = pgTable(
  'petition_region_counts',
  {
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    regionKato: text('region_kato').notNull(),
    valid: integer('valid').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.regionKato] })],
);

export const petitionsRelations = relations(petitions, ({ one, many }) => ({
  author: one(accounts, { fields: [petitions.authorAccountId], references: [accounts.id] }),
  versions: many(petitionVersions),
  events: many(petitionEvents),
  counts: one(petitionCounts, { fields: [petitions.id], references: [petitionCounts.petitionId] }),
  localBody: one(localBodies, { fields: [petitions.addresseeLocalBodyId], references: [localBodies.id] }),
  unit: one(units, { fields: [petitions.unitKato], references: [units.kato] }),
}));

export const petitionVersionsRelations = relations(petitionVersions, ({ one }) => ({
  petition: one(petitions, { fields: [petitionVersions.petitionId], references: [petitions.id] }),
}));
