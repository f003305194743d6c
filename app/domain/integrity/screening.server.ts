import { and, eq, gte, inArray, isNull, like, lte, or, sql } from 'drizzle-orm';
import integrityConfigJson from '../../../db/seed/data/dauys_integrity_config.json';
import type { Db } from '../../../db/client';
import { accounts, citizens, passkeys, signatureAssessments, signatureCountEvents, signatures } from '../../../db/schema';
import { enqueue } from '../outbox/outbox.server';
import type { Deps } from '../shared/deps';
import { parseIntegrityConfig, type IntegrityConfig } from './config';
import { buildCoSignIndex } from './lockstep';
import { assessSignature, groupContains, parseStoredGroup, rescoreWithGroup } from './score';
import { requiredLookback } from './signals';
import type { SignalGroup, SignalResult, SignatureEvent } from './types';

/**
 * The worker side of the integrity checks: for a recorded signature, load what the signals need
 * (the petition's recent signatures, the device's and the citizen's, co-signing over the lockstep
 * lookback), assess it, store the assessment, and hold the signature under review when the risk
 * reaches the threshold (excluded from the official count through a count event). Idempotent: a
 * signature is assessed once. The signer is never told.
 */
let config: IntegrityConfig | undefined;
export function integrityConfig(): IntegrityConfig {
  if (!config) {
    const parsed = parseIntegrityConfig(integrityConfigJson);
    if (parsed.kind !== 'ok') throw new Error(`integrity config invalid: ${parsed.issues.join('; ')}`);
    config = parsed.config;
  }
  return config;
}

const eventColumns = {
  signatureId: signatures.id,
  petitionId: signatures.petitionId,
  citizenId: signatures.accountId,
  signedAt: signatures.signedAt,
  ip: signatures.ip,
  userAgent: signatures.userAgent,
  deviceId: signatures.deviceId,
  aaguid: signatures.aaguid,
  accountCreatedAt: accounts.createdAt,
  proofedAt: citizens.proofedAt,
  passkeyCreatedAt: passkeys.createdAt,
  regionKato: signatures.regionKato,
};

type EventRow = { [K in keyof typeof eventColumns]: unknown };

function toEvent(r: EventRow): SignatureEvent {
  return {
    signatureId: r.signatureId as string,
    petitionId: r.petitionId as string,
    citizenId: r.citizenId as string,
    signedAt: r.signedAt as Date,
    ip: (r.ip as string | null) ?? '0.0.0.0',
    userAgent: (r.userAgent as string | null) ?? '',
    deviceId: (r.deviceId as string | null) ?? null,
    aaguid: (r.aaguid as string | null) ?? null,
    accountCreatedAt: r.accountCreatedAt as Date,
    proofedAt: r.proofedAt as Date,
    passkeyCreatedAt: r.passkeyCreatedAt as Date,
    regionKato: (r.regionKato as string | null) ?? null,
  };
}

function eventsQuery(db: Db) {
  return db
    .select(eventColumns)
    .from(signatures)
    .innerJoin(accounts, eq(accounts.id, signatures.accountId))
    .innerJoin(citizens, eq(citizens.accountId, signatures.accountId))
    .innerJoin(passkeys, eq(passkeys.id, signatures.passkeyId));
}

// ---------------------------------------------------------------------------------------------
// Petition history, cached per worker process

/**
 * A petition's recent signatures as the signals see them, cached per process and extended
 * incrementally: a viral petition's worker would otherwise load the same day of history for every
 * new signature. The cache only ever adds events (the signals read ids, times, addresses, devices
 * and account dates, which do not change; status and withdrawal are not read) and passes a
 * superset of the window asked for: the signals ignore events outside their windows and after
 * asOf. Rows are re-read from LATE_COMMIT_MS before the newest cached one, so a signature whose
 * transaction committed a little after a later one is not missed. One array per petition is
 * shared by consecutive screenings until new events arrive, so its index is built once.
 */
interface PetitionHistory {
  events: SignatureEvent[];
  ids: Set<string>;
  /** Events are complete for signedAt in [from, to]. */
  from: number;
  to: number;
  touched: number;
}

const LATE_COMMIT_MS = 30_000;
const HISTORY_IDLE_MS = 10 * 60_000;
const HISTORY_MAX_PETITIONS = 200;
const histories = new Map<string, PetitionHistory>();

async function petitionHistory(db: Db, petitionId: string, from: Date, asOf: Date, windowMinutes: number): Promise<readonly SignatureEvent[]> {
  const now = Date.now();
  for (const [id, h] of histories) if (now - h.touched > HISTORY_IDLE_MS) histories.delete(id);
  const load = async (a: number, b: number) =>
    (await eventsQuery(db).where(and(eq(signatures.petitionId, petitionId), gte(signatures.signedAt, new Date(a)), lte(signatures.signedAt, new Date(b))))).map(toEvent);
  let h = histories.get(petitionId);
  if (!h || from.getTime() < h.from) {
    const events = await load(from.getTime(), asOf.getTime());
    if (histories.size >= HISTORY_MAX_PETITIONS) histories.delete(histories.keys().next().value as string);
    h = { events, ids: new Set(events.map((e) => e.signatureId)), from: from.getTime(), to: asOf.getTime(), touched: now };
    histories.set(petitionId, h);
    return h.events;
  }
  h.touched = now;
  // New rows since the last load (re-reading the late-commit margin), appended in time order.
  const fresh = (await load(Math.max(h.from, h.to - LATE_COMMIT_MS), Math.max(h.to, asOf.getTime()))).filter((e) => !h.ids.has(e.signatureId));
  h.to = Math.max(h.to, asOf.getTime());
  if (fresh.length > 0) {
    const keepFrom = h.to - (windowMinutes + 10) * 60_000;
    const merged = [...h.events, ...fresh].filter((e) => e.signedAt.getTime() >= Math.min(keepFrom, from.getTime()));
    merged.sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime());
    h.events = merged;
    h.ids = new Set(merged.map((e) => e.signatureId));
    h.from = Math.max(h.from, merged.length > 0 ? Math.min(keepFrom, from.getTime()) : h.from);
  }
  return h.events;
}

export type ScreeningOutcome = { kind: 'assessed'; decision: 'count' | 'review'; score: number } | { kind: 'already-assessed' } | { kind: 'not-found' };

export async function screenSignature(deps: Deps, signatureId: string, cfg: IntegrityConfig = integrityConfig()): Promise<ScreeningOutcome> {
  const [already] = await deps.db.select({ id: signatureAssessments.signatureId }).from(signatureAssessments).where(eq(signatureAssessments.signatureId, signatureId));
  if (already) return { kind: 'already-assessed' };
  const [row] = await eventsQuery(deps.db).where(eq(signatures.id, signatureId));
  if (!row) return { kind: 'not-found' };
  const target = toEvent(row);
  const look = requiredLookback(cfg);
  const now = deps.clock.now();
  const asOf = new Date(Math.max(target.signedAt.getTime(), Math.min(now.getTime(), target.signedAt.getTime() + look.graceSeconds * 1000)));
  const since = (minutes: number) => new Date(target.signedAt.getTime() - minutes * 60_000);

  const petitionEvents = await petitionHistory(deps.db, target.petitionId, since(look.petitionMinutes), asOf, look.petitionMinutes);
  const deviceEvents = target.deviceId
    ? (await eventsQuery(deps.db).where(and(eq(signatures.deviceId, target.deviceId), gte(signatures.signedAt, since(look.deviceMinutes)), lte(signatures.signedAt, asOf)))).map(toEvent)
    : [];
  const citizenEvents = (
    await eventsQuery(deps.db).where(and(eq(signatures.accountId, target.citizenId), gte(signatures.signedAt, new Date(target.signedAt.getTime() - look.citizenSeconds * 1000)), lte(signatures.signedAt, asOf)))
  ).map(toEvent);
  // Co-signing: the signatures, over the lockstep lookback, of the people who signed this petition
  // around the target (bounded: a ring shows up among them).
  const neighbours = [
    ...new Set(petitionEvents.filter((e) => e.signedAt <= asOf && Math.abs(e.signedAt.getTime() - target.signedAt.getTime()) <= 2 * cfg.lockstep.deltaMinutes * 60_000).map((e) => e.citizenId)),
  ].slice(0, 500);
  const coSignRows = neighbours.length
    ? await deps.db
        .select({ petitionId: signatures.petitionId, citizenId: signatures.accountId, signedAt: signatures.signedAt })
        .from(signatures)
        .where(and(inArray(signatures.accountId, neighbours), gte(signatures.signedAt, new Date(target.signedAt.getTime() - look.lockstepDays * 86_400_000)), lte(signatures.signedAt, asOf)))
        .limit(50_000)
    : [];
  const coSign = buildCoSignIndex(coSignRows, { deltaMinutes: cfg.lockstep.deltaMinutes, maxDensity: cfg.lockstep.maxDensity, minPetitions: cfg.lockstep.minPetitions });

  const assessment = assessSignature({ target, asOf, petitionEvents, deviceEvents, citizenEvents, coSign }, cfg);
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(signatureAssessments)
      .values({
        signatureId,
        assessedAt: now,
        score: assessment.score,
        decision: assessment.decision,
        signals: assessment.signals as unknown as object,
        explanation: assessment.explanation as unknown as object,
        configVersion: String(cfg.version),
      })
      .onConflictDoNothing()
      .returning({ id: signatureAssessments.signatureId });
    if (inserted.length === 0) return { kind: 'already-assessed' } as const;
    if (assessment.decision === 'review') {
      const held = await tx
        .update(signatures)
        .set({ status: 'under_review' })
        .where(and(eq(signatures.id, signatureId), eq(signatures.status, 'valid'), isNull(signatures.withdrawnAt)))
        .returning({ regionKato: signatures.regionKato, petitionId: signatures.petitionId });
      if (held[0]) await tx.insert(signatureCountEvents).values({ petitionId: held[0].petitionId, regionKato: held[0].regionKato, validDelta: -1, reviewDelta: 1 });
      // The same evidence applies to the earlier signatures of its groups: re-score them (a job).
      if (assessment.signals.some((x) => x.triggered && x.group)) await enqueue(tx, { topic: 'integrity.group', signatureId });
      deps.log.info({ signatureId, score: assessment.score }, 'signature held under review');
    }
    return { kind: 'assessed', decision: assessment.decision, score: assessment.score } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Group re-scoring

/** Most earlier signatures one group re-scoring looks at (a bound on one job's work). */
const GROUP_CANDIDATE_LIMIT = 20_000;

export type GroupOutcome = { kind: 'rescored'; groups: number; examined: number; held: number } | { kind: 'not-held' } | { kind: 'not-found' };

/**
 * Group re-scoring: the signature `signatureId` was held under review; for each of its triggered
 * signals that has a group (its network or address on the petition in a window, its device
 * cookie, the young accounts of a window, its lockstep cluster), the counted signatures of that
 * group signed before it are re-scored with the same evidence (rescoreWithGroup); those that reach
 * the review threshold are held like any other (assessment replaced, with a line saying the
 * evidence is the group's; status under_review; count event). Idempotent: evidence only ever
 * raises a signal, and a signature already held or decided is left alone, so a replay changes
 * nothing. Signatures not assessed yet are left to their own screening.
 */
export async function rescoreGroup(deps: Deps, signatureId: string, cfg: IntegrityConfig = integrityConfig()): Promise<GroupOutcome> {
  const [source] = await deps.db
    .select({ decision: signatureAssessments.decision, signals: signatureAssessments.signals, signedAt: signatures.signedAt })
    .from(signatureAssessments)
    .innerJoin(signatures, eq(signatures.id, signatureAssessments.signatureId))
    .where(eq(signatureAssessments.signatureId, signatureId));
  if (!source) return { kind: 'not-found' };
  if (source.decision !== 'review') return { kind: 'not-held' };
  const stored = (Array.isArray(source.signals) ? source.signals : []) as SignalResult[];
  let groups = 0;
  let examined = 0;
  let held = 0;
  for (const evidence of stored) {
    if (!evidence.triggered || !evidence.group) continue;
    const group = parseStoredGroup(evidence.group);
    if (!group) continue;
    groups++;
    const to = new Date(Math.min(group.to.getTime(), source.signedAt.getTime()));
    const span = and(gte(signatures.signedAt, group.from), lte(signatures.signedAt, to));
    const byKind = groupFilter(group);
    const rows = await deps.db
      .select({ ...eventColumns, status: signatures.status, stored: signatureAssessments.signals })
      .from(signatures)
      .innerJoin(accounts, eq(accounts.id, signatures.accountId))
      .innerJoin(citizens, eq(citizens.accountId, signatures.accountId))
      .innerJoin(passkeys, eq(passkeys.id, signatures.passkeyId))
      .innerJoin(signatureAssessments, eq(signatureAssessments.signatureId, signatures.id))
      .where(and(span, byKind, eq(signatures.status, 'valid'), isNull(signatures.withdrawnAt), eq(signatureAssessments.decision, 'count')))
      .limit(GROUP_CANDIDATE_LIMIT);
    for (const r of rows) {
      if (r.signatureId === signatureId) continue;
      const e = toEvent(r);
      if (!groupContains(group, e, cfg)) continue;
      examined++;
      const before = (Array.isArray(r.stored) ? r.stored : []) as SignalResult[];
      const next = rescoreWithGroup(e.signatureId, before, evidence, cfg);
      if (!next || next.decision !== 'review') continue;
      const changed = await deps.db.transaction(async (tx) => {
        const updated = await tx
          .update(signatureAssessments)
          .set({
            assessedAt: deps.clock.now(),
            score: next.score,
            decision: next.decision,
            signals: next.signals as unknown as object,
            explanation: next.explanation as unknown as object,
          })
          .where(and(eq(signatureAssessments.signatureId, e.signatureId), eq(signatureAssessments.decision, 'count')))
          .returning({ id: signatureAssessments.signatureId });
        if (updated.length === 0) return false;
        const h = await tx
          .update(signatures)
          .set({ status: 'under_review' })
          .where(and(eq(signatures.id, e.signatureId), eq(signatures.status, 'valid'), isNull(signatures.withdrawnAt)))
          .returning({ regionKato: signatures.regionKato, petitionId: signatures.petitionId });
        if (h[0]) await tx.insert(signatureCountEvents).values({ petitionId: h[0].petitionId, regionKato: h[0].regionKato, validDelta: -1, reviewDelta: 1 });
        return h.length > 0;
      });
      if (changed) held++;
    }
  }
  if (held > 0) deps.log.info({ signatureId, held }, 'group re-scoring held earlier signatures');
  return { kind: 'rescored', groups, examined, held };
}

/**
 * The SQL side of a group's membership (narrowing only; groupContains decides): an IPv4 address or
 * /24 network as its text forms (plain and v4-mapped), young accounts by their freshness.
 */
function groupFilter(g: SignalGroup) {
  switch (g.kind) {
    case 'ip': {
      const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(g.ip);
      return and(eq(signatures.petitionId, g.petitionId), v4 ? inArray(signatures.ip, [g.ip, `::ffff:${g.ip}`]) : undefined);
    }
    case 'network': {
      const m = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.0\/24$/.exec(g.network);
      return and(eq(signatures.petitionId, g.petitionId), m ? or(like(signatures.ip, `${m[1]}.%`), like(signatures.ip, `::ffff:${m[1]}.%`)) : undefined);
    }
    case 'young-accounts':
      return and(
        eq(signatures.petitionId, g.petitionId),
        sql`greatest(${accounts.createdAt}, ${citizens.proofedAt}, ${passkeys.createdAt}) > ${signatures.signedAt} - make_interval(secs => ${g.youngHours * 3600})`,
      );
    case 'device':
      return eq(signatures.deviceId, g.deviceId);
    case 'cluster':
      return and(inArray(signatures.petitionId, [...g.petitionIds]), inArray(signatures.accountId, [...g.citizenIds]));
  }
}
