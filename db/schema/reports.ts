import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
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
import { issueCategories, localBodies, units } from './reference';

/** PostgreSQL bytea as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Partner systems allowed to file reports through Open311 GeoReport v2 (POST requests.json).
 * The API key is 32 random bytes shown once; only its SHA-256 is stored (a high-entropy secret
 * needs no slow hash).
 */
export const open311Partners = pgTable('open311_partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Local issue reports. The lifecycle is the pure state machine in app/domain/reports/states.ts;
 * every step is a row of report_events. The current assignment (akimat, department, executor) is
 * denormalised here; its history is report_assignments. Clock dates are working-day deadlines
 * computed from db/seed/data/dauys_clock_rules.json (report.*).
 *
 * The reporter is a proofed citizen (reporter_account_id) or, for reports filed by a partner
 * system through Open311, that partner (partner_id) with the contact the partner supplied.
 * Public views never show the reporter.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Sequence behind the registration number. */
    number: bigserial('number', { mode: 'number' }).notNull(),
    /** Public registration number given the day the report arrives, e.g. R-2026-000042. */
    registrationNumber: text('registration_number').notNull(),
    source: text('source').notNull().default('portal'),
    reporterAccountId: uuid('reporter_account_id').references(() => accounts.id),
    partnerId: uuid('partner_id').references(() => open311Partners.id),
    /** Contact supplied by a partner system (name, email, phone): never public. */
    partnerContact: jsonb('partner_contact').$type<Record<string, string>>(),
    /** Open311 token handed back to a partner before routing finished. */
    open311Token: text('open311_token'),
    categoryCode: text('category_code')
      .notNull()
      .references(() => issueCategories.code),
    description: text('description').notNull(),
    /** The point (WGS 84); null when filed without a map (region -> district + address). */
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    addressText: text('address_text'),
    /** The unit the place lies in (district if known, else region): located or chosen. */
    placeUnitKato: text('place_unit_kato').references(() => units.kato),
    locale: text('locale').notNull().default('ru'),
    status: text('status').notNull(),
    /** Current assignment (null until routed). */
    akimatBodyId: integer('akimat_body_id').references(() => localBodies.id),
    answeringUnitKato: text('answering_unit_kato').references(() => units.kato),
    departmentCode: text('department_code'),
    executorAccountId: uuid('executor_account_id').references(() => accounts.id),
    /** Clocks (dates in Asia/Almaty, working-day calendar). */
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    registeredOn: date('registered_on').notNull(),
    forwardDueOn: date('forward_due_on'),
    answerDueOn: date('answer_due_on'),
    /** The answer due date before any extension or pause. */
    answerDueOnOriginal: date('answer_due_on_original'),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    /** Set while information requested from the citizen is awaited (the answer clock is paused). */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    fixedAt: timestamp('fixed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the scheduled job found the answer overdue, and to whom it escalated. */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    escalatedToBodyId: integer('escalated_to_body_id').references(() => localBodies.id),
    /** Decision: resolved | partially-resolved | refused | explained | planned. */
    decision: text('decision'),
    plannedOn: date('planned_on'),
    /** Public answer text (no personal data). */
    answerText: text('answer_text'),
    /** Set when merged as a duplicate. */
    mergedIntoId: uuid('merged_into_id'),
    reopenCount: integer('reopen_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('reports_number_unique').on(t.number),
    unique('reports_registration_number_unique').on(t.registrationNumber),
    uniqueIndex('reports_open311_token_unique').on(t.open311Token).where(sql`${t.open311Token} is not null`),
    index('reports_status_idx').on(t.status, t.registeredAt),
    index('reports_akimat_idx').on(t.akimatBodyId, t.status, t.answerDueOn),
    index('reports_place_idx').on(t.placeUnitKato),
    index('reports_category_point_idx').on(t.categoryCode, t.lon, t.lat),
    index('reports_reporter_idx').on(t.reporterAccountId),
    check(
      'reports_reporter_check',
      sql`(${t.reporterAccountId} is not null) or (${t.partnerId} is not null)`,
    ),
    check(
      'reports_location_check',
      sql`(${t.lon} is not null and ${t.lat} is not null) or (${t.placeUnitKato} is not null and ${t.addressText} is not null)`,
    ),
  ],
);

/**
 * Who the report belongs to: the reporter and citizens who joined it ("me too"). Each receives
 * answers and notifications.
 */
export const reportApplicants = pgTable(
  'report_applicants',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.accountId] }), index('report_applicants_account_idx').on(t.accountId)],
);

/**
 * Assignment history: routing (once per report: the routing job is idempotent), forwarding to
 * another competent body, escalation to the upper-level akimat, assignment to a department or
 * executor. `reason` is the structured reason (routing: RoutingReason of app/domain/routing).
 */
export const reportAssignments = pgTable(
  'report_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    akimatBodyId: integer('akimat_body_id')
      .notNull()
      .references(() => localBodies.id),
    unitKato: text('unit_kato')
      .notNull()
      .references(() => units.kato),
    departmentCode: text('department_code'),
    executorAccountId: uuid('executor_account_id').references(() => accounts.id),
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull().default({}),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('report_assignments_report_idx').on(t.reportId, t.at),
    uniqueIndex('report_assignments_routing_once').on(t.reportId).where(sql`${t.kind} = 'routing'`),
  ],
);

/**
 * Every step of a report, with actor and time. `public_data` is what the public history shows (no
 * personal data); `data` may hold internal details for staff.
 */
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorRole: text('actor_role').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    isPublic: boolean('is_public').notNull().default(true),
    publicData: jsonb('public_data').$type<Record<string, unknown>>().notNull().default({}),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at), index('report_events_type_idx').on(t.type, t.at)],
);

/**
 * Photos of a report (kind 'report', up to 3, by the reporter) and of the fix (kind 'fix', by
 * staff): re-encoded without metadata, with a thumbnail. Stored in the database so that a report
 * and its photos commit together.
 */
export const reportPhotos = pgTable(
  'report_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    position: integer('position').notNull().default(0),
    format: text('format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    thumbFormat: text('thumb_format').notNull(),
    thumb: bytea('thumb').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_photos_report_idx').on(t.reportId, t.kind, t.position)],
);

/**
 * Response templates for staff answers, in kk and ru (and en), per category or general
 * (category_code null). Editable data.
 */
export const reportResponseTemplates = pgTable(
  'report_response_templates',
  {
    code: text('code').primaryKey(),
    categoryCode: text('category_code').references(() => issueCategories.code),
    decision: text('decision').notNull(),
    titleKk: text('title_kk').notNull(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en').notNull(),
    textKk: text('text_kk').notNull(),
    textRu: text('text_ru').notNull(),
    textEn: text('text_en').notNull(),
  },
);
