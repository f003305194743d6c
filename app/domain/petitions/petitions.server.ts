import { createHash } from 'node:crypto';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import {
  accounts,
  governmentBodies,
  localBodies,
  petitionCounts,
  petitionEvents,
  petitions,
  petitionVersions,
  signatures,
  units,
  unitPopulation,
} from '../../../db/schema';
import { createNotification } from '../notify/notify.server';
import { enqueue } from '../outbox/outbox.server';
import { notifyProjectFollowers } from '../projects/links.server';
import { assertCan, can, type Actor } from '../identity/permissions';
import type { Deps } from '../shared/deps';
import { NotFoundError } from '../shared/errors';
import { clockRules, dueOn } from './clocks.server';
import { DEFAULT_INITIAL_SUPPORT, transition, type ActorRole, type PetitionEvent, type PetitionState, type TransitionContext } from './states';
import { requiredSignatures, type AddresseeKind } from './thresholds';
import { addCalendarMonths } from './time';
import { PETITION_TOPICS } from './topics';

export type PetitionRow = typeof petitions.$inferSelect;

export interface PetitionSettings {
  /** Supporters needed before moderation (the rules are disputed: 50 or 150). */
  initialSupport: number;
  /** Demo and test installations: the most signatures a petition may need (never in production). */
  thresholdCap?: number;
}

export const DEFAULT_PETITION_SETTINGS: PetitionSettings = { initialSupport: DEFAULT_INITIAL_SUPPORT };

/** SHA-256 of the canonical text of a version: what signatures commit to. */
export function textHash(title: string, body: string): string {
  return createHash('sha256').update(`dauys-petition-text-v1\n${title.normalize('NFC')}\n\n${body.normalize('NFC')}`).digest('hex');
}

const Text = z.object({
  title: z.string().trim().min(10, 'title-too-short').max(200, 'title-too-long'),
  body: z.string().trim().min(50, 'body-too-short').max(10_000, 'body-too-long'),
});

export const NewPetition = Text.extend({
  addresseeKind: z.enum(['government', 'ministry', 'akimat', 'maslikhat']),
  /** government_bodies.code for a ministry. */
  ministryCode: z.string().trim().optional(),
  /** The unit whose akimat or maslikhat is addressed. */
  unitKato: z
    .string()
    .regex(/^[0-9]{9}$/)
    .optional(),
  topic: z.enum(PETITION_TOPICS),
});
export type NewPetition = z.input<typeof NewPetition>;

export type Refusal<R extends string> = { kind: 'refused'; reason: R; fields?: Record<string, string> };

function fieldErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));
}

/** Records an event row and moves the petition; the caller's transaction holds the row lock. */
async function applyEvent(
  tx: Db,
  deps: Pick<Deps, 'clock'>,
  petition: PetitionRow,
  event: PetitionEvent,
  role: ActorRole,
  actorAccountId: string | null,
  ctx: Omit<TransitionContext, 'now'>,
  extra: Partial<typeof petitions.$inferInsert> = {},
): Promise<{ kind: 'ok'; next: PetitionState } | Refusal<string>> {
  const now = deps.clock.now();
  const outcome = transition(petition.state as PetitionState, event, role, { ...ctx, now });
  if (outcome.kind === 'refused') return { kind: 'refused', reason: outcome.reason };
  await tx.insert(petitionEvents).values({
    petitionId: petition.id,
    event,
    fromState: petition.state,
    toState: outcome.next,
    actorAccountId,
    actorRole: role,
    at: now,
    data: outcome.record.data as unknown as Record<string, unknown>,
  });
  await tx.update(petitions).set({ state: outcome.next, updatedAt: now, ...extra }).where(eq(petitions.id, petition.id));
  // A milestone leaves the state as it is: the author hears of the progress itself.
  const milestone = outcome.record.data.kind === 'milestone' ? outcome.record.data.text : undefined;
  await notifyAuthor(tx, { ...petition, state: outcome.next }, milestone);
  return { kind: 'ok', next: outcome.next };
}

/** The author hears of every state change: in the portal, and by email when an address is known. */
async function notifyAuthor(tx: Db, petition: PetitionRow, milestone?: string): Promise<void> {
  const [author] = await tx.select().from(accounts).where(eq(accounts.id, petition.authorAccountId));
  const [version] = petition.currentVersionId
    ? await tx.select({ title: petitionVersions.title }).from(petitionVersions).where(eq(petitionVersions.id, petition.currentVersionId))
    : [];
  if (!author || !version) return;
  const params = { name: author.displayName, title: version.title, number: petition.number, state: petition.state, path: `/petitions/${petition.id}`, ...(milestone ? { text: milestone } : {}) };
  const locale = (['kk', 'ru', 'en'].includes(author.locale) ? author.locale : 'kk') as 'kk' | 'ru' | 'en';
  const template = milestone ? 'petitionMilestone' : 'petitionState';
  await createNotification(tx, { channel: 'in_app', recipientRef: author.id, locale, template, params });
  if (author.email) await createNotification(tx, { channel: 'email', recipientEmail: author.email, recipientRef: author.id, locale, template, params });
}

async function lockPetition(tx: Db, id: string): Promise<PetitionRow> {
  const [row] = await tx.select().from(petitions).where(eq(petitions.id, id)).for('update');
  if (!row) throw new NotFoundError('petition');
  return row;
}

/** The addressee of a new petition: a known ministry, or the akimat/maslikhat of a known unit. */
async function resolveAddressee(db: Db, input: z.output<typeof NewPetition>) {
  if (input.addresseeKind === 'government') return { ok: true as const, bodyCode: 'GOV', localBodyId: null, unitKato: null };
  if (input.addresseeKind === 'ministry') {
    if (!input.ministryCode) return { ok: false as const, field: 'ministryCode' };
    const [m] = await db.select().from(governmentBodies).where(and(eq(governmentBodies.code, input.ministryCode), eq(governmentBodies.kind, 'ministry')));
    return m ? { ok: true as const, bodyCode: m.code, localBodyId: null, unitKato: null } : { ok: false as const, field: 'ministryCode' };
  }
  if (!input.unitKato) return { ok: false as const, field: 'unitKato' };
  const [body] = await db
    .select()
    .from(localBodies)
    .where(and(eq(localBodies.unitKato, input.unitKato), eq(localBodies.kind, input.addresseeKind)));
  return body ? { ok: true as const, bodyCode: null, localBodyId: body.id, unitKato: body.unitKato } : { ok: false as const, field: 'unitKato' };
}

/** A citizen writes a petition: saved as a draft with its first version. */
export async function createPetition(
  deps: Deps,
  actor: Actor | null,
  input: unknown,
  settings: PetitionSettings = DEFAULT_PETITION_SETTINGS,
): Promise<{ kind: 'created'; id: string } | Refusal<'invalid' | 'unknown-addressee'>> {
  assertCan(actor, 'petition:create');
  const parsed = NewPetition.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid', fields: fieldErrors(parsed.error) };
  const addressee = await resolveAddressee(deps.db, parsed.data);
  if (!addressee.ok) return { kind: 'refused', reason: 'unknown-addressee', fields: { [addressee.field]: 'unknown' } };
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [p] = await tx
      .insert(petitions)
      .values({
        authorAccountId: actor.accountId,
        addresseeKind: parsed.data.addresseeKind,
        addresseeBodyCode: addressee.bodyCode,
        addresseeLocalBodyId: addressee.localBodyId,
        unitKato: addressee.unitKato,
        topic: parsed.data.topic,
        state: 'draft',
        initialSupportRequired: settings.initialSupport,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: petitions.id });
    const [v] = await tx
      .insert(petitionVersions)
      .values({ petitionId: p!.id, version: 1, title: parsed.data.title, body: parsed.data.body, textHash: textHash(parsed.data.title, parsed.data.body), createdAt: now })
      .returning({ id: petitionVersions.id });
    await tx.update(petitions).set({ currentVersionId: v!.id }).where(eq(petitions.id, p!.id));
    await tx.insert(petitionCounts).values({ petitionId: p!.id, reconciledAt: now });
    await enqueue(tx, { topic: 'petition.link', petitionId: p!.id });
    return { kind: 'created', id: p!.id } as const;
  });
}

/**
 * The author edits the text: a new version. Allowed in draft, and while gathering initial support
 * only as long as nobody has signed yet (supporters signed the text they saw).
 */
export async function editPetition(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: unknown,
): Promise<{ kind: 'edited'; version: number } | Refusal<'invalid' | 'not-author' | 'not-editable' | 'has-supporters'>> {
  assertCan(actor, 'petition:create');
  const parsed = Text.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid', fields: fieldErrors(parsed.error) };
  return deps.db.transaction(async (tx) => {
    const p = await lockPetition(tx, id);
    if (p.authorAccountId !== actor.accountId) return { kind: 'refused', reason: 'not-author' } as const;
    if (p.state !== 'draft' && p.state !== 'collecting') return { kind: 'refused', reason: 'not-editable' } as const;
    if (p.state === 'collecting') {
      const [signed] = await tx.select({ id: signatures.id }).from(signatures).where(eq(signatures.petitionId, id)).limit(1);
      if (signed) return { kind: 'refused', reason: 'has-supporters' } as const;
    }
    const [last] = await tx.select({ version: petitionVersions.version }).from(petitionVersions).where(eq(petitionVersions.petitionId, id)).orderBy(desc(petitionVersions.version)).limit(1);
    const version = (last?.version ?? 0) + 1;
    const now = deps.clock.now();
    const [v] = await tx
      .insert(petitionVersions)
      .values({ petitionId: id, version, title: parsed.data.title, body: parsed.data.body, textHash: textHash(parsed.data.title, parsed.data.body), createdAt: now })
      .returning({ id: petitionVersions.id });
    await tx.update(petitions).set({ currentVersionId: v!.id, updatedAt: now }).where(eq(petitions.id, id));
    await enqueue(tx, { topic: 'petition.link', petitionId: id });
    return { kind: 'edited', version } as const;
  });
}

/** The author publishes the draft by link to gather initial support. */
export async function submitForSupport(deps: Deps, actor: Actor | null, id: string) {
  assertCan(actor, 'petition:create');
  return deps.db.transaction(async (tx) => {
    const p = await lockPetition(tx, id);
    if (p.authorAccountId !== actor.accountId) return { kind: 'refused', reason: 'not-author' } as const;
    return applyEvent(tx, deps, p, 'submit', 'author', actor.accountId, {}, { publishedAt: deps.clock.now() });
  });
}

export async function withdrawPetition(deps: Deps, actor: Actor | null, id: string) {
  assertCan(actor, 'petition:create');
  return deps.db.transaction(async (tx) => {
    const p = await lockPetition(tx, id);
    if (p.authorAccountId !== actor.accountId) return { kind: 'refused', reason: 'not-author' } as const;
    return applyEvent(tx, deps, p, 'withdraw', 'author', actor.accountId, {}, { closedAt: deps.clock.now() });
  });
}

/** Latest population of a unit (for percentage thresholds). */
async function population(db: Db, kato: string): Promise<{ count: number; asOf: string } | null> {
  const [row] = await db.select().from(unitPopulation).where(eq(unitPopulation.kato, kato)).orderBy(desc(unitPopulation.asOf)).limit(1);
  return row ? { count: row.population, asOf: String(row.asOf) } : null;
}

/** The number of signatures that obliges the addressee, fixed when the petition opens. */
export async function thresholdFor(db: Db, p: Pick<PetitionRow, 'addresseeKind' | 'unitKato'>) {
  const kind = p.addresseeKind as AddresseeKind;
  if (kind === 'government' || kind === 'ministry') return requiredSignatures({ addressee: kind });
  const [unit] = await db.select({ level: units.level }).from(units).where(eq(units.kato, p.unitKato!));
  return requiredSignatures({ addressee: kind, unitLevel: unit?.level === 1 ? 1 : 2, population: await population(db, p.unitKato!) });
}

export const ModerationDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('reject'),
    reason: z.string(),
    topicGroup: z.string().optional(),
    note: z.string().trim().max(2000).optional(),
  }),
]);

/**
 * A moderator approves (the petition opens: threshold fixed, signing window starts) or rejects it
 * with a coded, public reason.
 */
export async function moderatePetition(deps: Deps, actor: Actor | null, id: string, input: unknown, settings: Pick<PetitionSettings, 'thresholdCap'> = {}) {
  assertCan(actor, 'petition:moderate');
  const parsed = ModerationDecision.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid' } as const;
  return deps.db.transaction(async (tx) => {
    const p = await lockPetition(tx, id);
    const now = deps.clock.now();
    if (parsed.data.decision === 'reject') {
      const { reason, topicGroup, note } = parsed.data;
      return applyEvent(
        tx,
        deps,
        p,
        'reject',
        'moderator',
        actor.accountId,
        { reason: { code: reason, ...(topicGroup ? { topicGroup } : {}), ...(note ? { note } : {}) } },
        { moderatedAt: now, rejectionReason: reason, rejectionTopicGroup: topicGroup ?? null, rejectionNote: note ?? null },
      );
    }
    const threshold = await thresholdFor(tx, p);
    if (threshold.kind === 'refused') return { kind: 'refused', reason: `threshold-${threshold.reason}` } as const;
    const window = clockRules().get('petition.signing-window');
    const closesAt = addCalendarMonths(now, window.period.amount);
    return applyEvent(tx, deps, p, 'approve', 'moderator', actor.accountId, {}, {
      moderatedAt: now,
      openedAt: now,
      closesAt,
      thresholdRequired: settings.thresholdCap ? Math.min(settings.thresholdCap, threshold.signatures) : threshold.signatures,
      thresholdRule: settings.thresholdCap && settings.thresholdCap < threshold.signatures ? `${threshold.ruleId} (capped for a demo installation)` : threshold.ruleId,
      thresholdPopulation: threshold.population?.count ?? null,
    });
  });
}

/** Who may act for the addressee: officers of that akimat/maslikhat; moderators for national ones. */
export function canActForAddressee(actor: Actor | null, p: Pick<PetitionRow, 'addresseeKind' | 'addresseeLocalBodyId'>): boolean {
  if (p.addresseeLocalBodyId !== null) return can(actor, 'petition:record-answer', { bodyId: p.addresseeLocalBodyId });
  return can(actor, 'petition:moderate');
}

export const AddresseeAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('register') }),
  z.object({
    action: z.literal('answer'),
    decision: z.enum(['accepted', 'partially-accepted', 'rejected']),
    responseText: z.string().trim().min(20).max(20_000),
    /** Only http(s) links: never javascript: or data: URLs on a public page. */
    documentUrl: z
      .string()
      .url()
      .max(500)
      .refine((u) => /^https?:\/\//i.test(u), 'http-or-https-only')
      .optional(),
  }),
  z.object({ action: z.literal('milestone'), text: z.string().trim().min(5).max(5000), progressPercent: z.coerce.number().int().min(0).max(100).optional() }),
]);

/** The addressee registers the petition for consideration, answers it, and records progress. */
export async function actAsAddressee(deps: Deps, actor: Actor | null, id: string, input: unknown) {
  const parsed = AddresseeAction.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid', fields: fieldErrors(parsed.error) } as const;
  return deps.db.transaction(async (tx) => {
    const p = await lockPetition(tx, id);
    if (!canActForAddressee(actor, p)) return { kind: 'refused', reason: 'forbidden' } as const;
    const now = deps.clock.now();
    const a = parsed.data;
    if (a.action === 'register') {
      const due = await dueOn(tx, 'petition.consideration', now);
      return applyEvent(tx, deps, p, 'register', 'addressee-officer', actor!.accountId, {}, { registeredAt: now, considerationDueOn: due });
    }
    if (a.action === 'answer') {
      const outcome = await applyEvent(tx, deps, p, 'answer', 'addressee-officer', actor!.accountId, { decision: a.decision, responseText: a.responseText }, {
        answeredAt: now,
        decision: a.decision,
        responseText: a.responseText,
        responseDocumentUrl: a.documentUrl ?? null,
      });
      if (outcome.kind === 'ok') {
        await notifySignersOfOutcome(tx, { ...p, decision: a.decision });
        await notifyProjectFollowers(tx, p.id);
      }
      return outcome;
    }
    return applyEvent(tx, deps, p, 'record-milestone', 'addressee-officer', actor!.accountId, {
      milestone: { text: a.text, ...(a.progressPercent !== undefined ? { progressPercent: a.progressPercent } : {}) },
    });
  });
}

/** Signers who asked to hear of the outcome get a message when the addressee answers. */
async function notifySignersOfOutcome(tx: Db, p: PetitionRow): Promise<void> {
  const [version] = await tx.select({ title: petitionVersions.title }).from(petitionVersions).where(eq(petitionVersions.id, p.currentVersionId!));
  const followers = await tx
    .select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email, locale: accounts.locale })
    .from(signatures)
    .innerJoin(accounts, eq(accounts.id, signatures.accountId))
    .where(and(eq(signatures.petitionId, p.id), eq(signatures.notifyOnOutcome, true), sql`${signatures.withdrawnAt} is null`));
  for (const f of followers) {
    const locale = (['kk', 'ru', 'en'].includes(f.locale) ? f.locale : 'kk') as 'kk' | 'ru' | 'en';
    const params = { name: f.displayName, title: version?.title ?? '', number: p.number, decision: p.decision ?? '', path: `/petitions/${p.id}` };
    await createNotification(tx, { channel: 'in_app', recipientRef: f.id, locale, template: 'petitionOutcome', params });
    if (f.email) await createNotification(tx, { channel: 'email', recipientEmail: f.email, recipientRef: f.id, locale, template: 'petitionOutcome', params });
  }
}

/**
 * System transitions driven by the counts (called by the reconciler in its transaction): enough
 * supporters send a petition to moderation; reaching the threshold closes it for the addressee.
 */
export async function applyCountMilestones(tx: Db, deps: Pick<Deps, 'clock'>, petitionId: string, valid: number): Promise<PetitionState | null> {
  const p = await lockPetition(tx, petitionId);
  const now = deps.clock.now();
  if (p.state === 'collecting' && valid >= p.initialSupportRequired) {
    const due = await dueOn(tx, 'petition.moderation', now);
    const r = await applyEvent(tx, deps, p, 'initial-support-reached', 'system', null, { supporters: valid, initialSupportRequired: p.initialSupportRequired }, {
      submittedAt: now,
      moderationDueOn: due,
    });
    return r.kind === 'ok' ? r.next : null;
  }
  if (p.state === 'open' && p.thresholdRequired !== null && valid >= p.thresholdRequired) {
    const r = await applyEvent(tx, deps, p, 'threshold-reached', 'system', null, { signatures: valid, threshold: p.thresholdRequired }, {
      thresholdReachedAt: now,
      closedAt: now,
    });
    return r.kind === 'ok' ? r.next : null;
  }
  return null;
}

/** Closes open petitions whose signing window has ended (a scheduled job). */
export async function expirePetitions(deps: Deps): Promise<number> {
  const due = await deps.db
    .select({ id: petitions.id })
    .from(petitions)
    .where(and(eq(petitions.state, 'open'), lte(petitions.closesAt, deps.clock.now())));
  let n = 0;
  for (const { id } of due) {
    const r = await deps.db.transaction(async (tx) => {
      const p = await lockPetition(tx, id);
      return applyEvent(tx, deps, p, 'expire', 'system', null, { signingClosesAt: p.closesAt ?? undefined }, { closedAt: deps.clock.now() });
    });
    if (r.kind === 'ok') n++;
  }
  return n;
}

export interface AuthorView {
  id: string;
  number: number;
  state: PetitionState;
  title: string;
  body: string;
  version: number;
  supporters: number;
  initialSupportRequired: number;
  canEdit: boolean;
}

/** The author's view of their petition (null when it is not theirs). */
export async function getAuthorView(deps: Pick<Deps, 'db'>, actor: Actor | null, id: string): Promise<AuthorView | null> {
  if (!actor) return null;
  const [row] = await deps.db
    .select({ p: petitions, v: petitionVersions, c: petitionCounts })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
    .where(eq(petitions.id, id));
  if (!row || row.p.authorAccountId !== actor.accountId) return null;
  const [signed] = await deps.db.select({ id: signatures.id }).from(signatures).where(eq(signatures.petitionId, id)).limit(1);
  const state = row.p.state as PetitionState;
  return {
    id,
    number: row.p.number,
    state,
    title: row.v.title,
    body: row.v.body,
    version: row.v.version,
    supporters: row.c?.valid ?? 0,
    initialSupportRequired: row.p.initialSupportRequired,
    canEdit: state === 'draft' || (state === 'collecting' && !signed),
  };
}

/** The actor's own petitions, newest first. */
export async function listMyPetitions(deps: Pick<Deps, 'db'>, actor: Actor | null) {
  if (!actor) return [];
  return deps.db
    .select({ id: petitions.id, number: petitions.number, state: petitions.state, title: petitionVersions.title, createdAt: petitions.createdAt })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(eq(petitions.authorAccountId, actor.accountId))
    .orderBy(desc(petitions.createdAt));
}
