import { relations, sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { localBodies, units } from './reference';

/**
 * People who sign in: citizens (proofed through an identity provider) and staff (invited). An
 * account authenticates with passkeys only; sessions are server-side rows.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    locale: text('locale').notNull().default('kk'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [check('accounts_kind_check', sql`${t.kind} in ('citizen', 'staff')`)],
);

/**
 * A proofed citizen. The IIN is never stored: only HMAC-SHA-256(IIN) under a server key, with the
 * key's version so keys can be rotated. One account per IIN.
 */
export const citizens = pgTable(
  'citizens',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    iinHmac: text('iin_hmac').notNull(),
    iinKeyVersion: integer('iin_key_version').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthYear: integer('birth_year').notNull(),
    /** The 18th birthday: from this date the citizen may sign. */
    adultOn: date('adult_on').notNull(),
    sex: text('sex').notNull(),
    residenceKato: text('residence_kato').notNull(),
    /** The first- or second-level unit of residence (local petitions are signed by its residents). */
    residenceUnitKato: text('residence_unit_kato')
      .notNull()
      .references(() => units.kato),
    proofingMethod: text('proofing_method').notNull(),
    proofedAt: timestamp('proofed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('citizens_iin_hmac_unique').on(t.iinHmac),
    check('citizens_sex_check', sql`${t.sex} in ('M', 'F')`),
    check('citizens_proofing_check', sql`${t.proofingMethod} in ('oidc', 'demo')`),
    check('citizens_iin_hmac_format', sql`${t.iinHmac} ~ '^[0-9a-f]{64}$'`),
  ],
);

export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** base64url credential id, as sent by the authenticator. */
    credentialId: text('credential_id').notNull(),
    /** base64url COSE public key. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    aaguid: text('aaguid'),
    deviceType: text('device_type'),
    backedUp: boolean('backed_up').notNull().default(false),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [unique('passkeys_credential_unique').on(t.credentialId), index('passkeys_account_idx').on(t.accountId)],
);

/** WebAuthn challenges: 32 random bytes, single use, 5 minutes, bound to a purpose (and account). */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challenge: text('challenge').notNull(),
    purpose: text('purpose').notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    binding: jsonb('binding').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    unique('webauthn_challenges_challenge_unique').on(t.challenge),
    check('webauthn_challenges_purpose_check', sql`${t.purpose} in ('registration', 'authentication', 'signing')`),
  ],
);

/**
 * Server-side sessions. The cookie holds a random token; the row is keyed by its SHA-256, so a
 * leaked table does not give working cookies. `stage` 'enrolling' (proofed, no passkey yet) may
 * only register a passkey.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    purpose: text('purpose'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_account_idx').on(t.accountId),
    check('sessions_stage_check', sql`${t.stage} in ('enrolling', 'active')`),
  ],
);

/** Pending OpenID Connect logins: state, nonce and PKCE verifier, single use, 10 minutes. */
export const oidcTransactions = pgTable('oidc_transactions', {
  state: text('state').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  purpose: text('purpose').notNull(),
  returnTo: text('return_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const staffRoles = pgTable(
  'staff_roles',
  {
    id: serial('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** The akimat an akimat officer acts for; null for roles without a scope. */
    bodyId: integer('body_id').references(() => localBodies.id, { onDelete: 'cascade' }),
    grantedBy: uuid('granted_by').references(() => accounts.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('staff_roles_unique').on(t.accountId, t.role, t.bodyId).nullsNotDistinct(),
    check(
      'staff_roles_role_check',
      sql`${t.role} in ('moderator', 'akimat_officer', 'project_analyst', 'administrator')`,
    ),
    check('staff_roles_scope_check', sql`(${t.role} = 'akimat_officer') = (${t.bodyId} is not null)`),
  ],
);

/** One-time staff invitations: the link carries a random token; the row keeps its SHA-256. */
export const staffInvites = pgTable(
  'staff_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    role: text('role').notNull(),
    bodyIds: jsonb('body_ids').$type<number[]>().notNull().default([]),
    /** Null for an invitation made from the command line (the first administrator). */
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedBy: uuid('used_by').references(() => accounts.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [unique('staff_invites_token_unique').on(t.tokenHash)],
);

/** Security signals that are not failures, e.g. a passkey counter that went backwards. */
export const riskEvents = pgTable('risk_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
  kind: text('kind').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const accountsRelations = relations(accounts, ({ one, many }) => ({
  citizen: one(citizens, { fields: [accounts.id], references: [citizens.accountId] }),
  passkeys: many(passkeys),
  roles: many(staffRoles, { relationName: 'holder' }),
}));

export const citizensRelations = relations(citizens, ({ one }) => ({
  account: one(accounts, { fields: [citizens.accountId], references: [accounts.id] }),
  residenceUnit: one(units, { fields: [citizens.residenceUnitKato], references: [units.kato] }),
}));

export const passkeysRelations = relations(passkeys, ({ one }) => ({
  account: one(accounts, { fields: [passkeys.accountId], references: [accounts.id] }),
}));

export const staffRolesRelations = relations(staffRoles, ({ one }) => ({
  account: one(accounts, { fields: [staffRoles.accountId], references: [accounts.id], relationName: 'holder' }),
  body: one(localBodies, { fields: [staffRoles.bodyId], references: [localBodies.id] }),
}));
