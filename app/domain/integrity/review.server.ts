import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog, petitionCounts, petitionEvents, petitions, petitionVersions, signatureAssessments, signatureCountEvents, signatures } from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import { assertCan, type Actor } from '../identity/permissions';
import { transition, type PetitionState } from '../petitions/states';
import type { Deps } from '../shared/deps';
import { NotFoundError } from '../shared/errors';
import type { IntegrityConfig } from './config';
import { integrityTranslator, renderExplanation, type IntegrityLocale } from './explain';
import { integrityConfig } from './screening.server';
import { SIGNAL_NAMES, type Explanation, type SignalName } from './types';

/**
 * Moderators' review of the signatures the integrity checks hold.
 *
 * - `listHeld`: held (and invalidated, so they can be restored) signatures of a petition, grouped
 *   into clusters by the group of their strongest grouped signal (a network prefix, a device, a
 *   wave of young accounts, a lockstep cluster), with counts, time span and the explanation lines.
 *   Nothing personal is shown: no names, no IIN hashes, no full addresses (an address is shown as
 *   its network), device and cluster keys are one-way hashes.
 * - `decideCluster`: invalidate or restore a set of signatures in one transaction, one count event
 *   per changed signature (deltas from `decisionDelta`), one audit row per decision.
 * - `applyThresholdLoss`: a closed-reached petition whose valid count fell below its threshold
 *   reverts to open ('threshold-lost'); to be called by the reconciler next to applyCountMilestones.
 * - `integrityReport`: public counts and the invalidation reasons in aggregate.
 */

// ---------------------------------------------------------------------------------------------
// Pure rules
// ---------------------------------------------------------------------------------------------

export type ReviewDecision = 'invalidate' | 'restore';
export type SignatureStatus = 'valid' | 'under_review' | 'invalidated';

export interface CountDelta {
  validDelta: number;
  reviewDelta: number;
  invalidatedDelta: number;
}

/**
 * Rule: which status change a decision makes and its count event.
 *   invalidate: under_review → invalidated (review −1, invalidated +1);
 *               valid → invalidated only when `includeValid` (valid −1, invalidated +1)
 *   restore:    under_review → valid (review −1, valid +1); invalidated → valid (invalidated −1, valid +1)
 * Anything else (already in the target status, or valid without includeValid) changes nothing: null.
 */
export function decisionDelta(from: SignatureStatus, decision: ReviewDecision, includeValid = false): { to: SignatureStatus; delta: CountDelta } | null {
  const zero = { validDelta: 0, reviewDelta: 0, invalidatedDelta: 0 };
  if (decision === 'invalidate') {
    if (from === 'under_review') return { to: 'invalidated', delta: { ...zero, reviewDelta: -1, invalidatedDelta: 1 } };
    if (from === 'valid' && includeValid) return { to: 'invalidated', delta: { ...zero, validDelta: -1, invalidatedDelta: 1 } };
    return null;
  }
  if (from === 'under_review') return { to: 'valid', delta: { ...zero, reviewDelta: -1, validDelta: 1 } };
  if (from === 'invalidated') return { to: 'valid', delta: { ...zero, invalidatedDelta: -1, validDelta: 1 } };
  return null;
}

export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** A moderator's reason: trimmed, inner whitespace collapsed, 5..500 characters. */
export function checkReason(reason: unknown): { kind: 'ok'; reason: string } | { kind: 'refused'; reason: 'reason-required' | 'reason-too-short' | 'reason-too-long' } {
  if (typeof reason !== 'string') return { kind: 'refused', reason: 'reason-required' };
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'refused', reason: 'reason-required' };
  if ([...text].length < REASON_MIN) return { kind: 'refused', reason: 'reason-too-short' };
  if ([...text].length > REASON_MAX) return { kind: 'refused', reason: 'reason-too-long' };
  return { kind: 'ok', reason: text };
}

/**
 * An address shown as its network, never in full: IPv4 → a.b.c.0/24, IPv6 → the first four
 * groups /64 (v4-mapped IPv6 is treated as IPv4). Unreadable input → null.
 */
export function maskAddress(ip: string): string | null {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(ip.trim());
  if (v4) {
    const parts = v4.slice(1, 5).map(Number);
    if (parts.some((p) => p > 255)) return null;
    return `${parts[0]}.${parts[1]}.${parts[2]}.0/24`;
  }
  const text = ip.trim().toLowerCase();
  if (!/^[0-9a-f:]+$/.test(text) || !text.includes(':')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8 || groups.some((g) => g.length === 0 || g.length > 4)) return null;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

export type ClusterKind = 'network' | 'device' | 'young-accounts' | 'lockstep' | 'signal';

export interface ClusterKey {
  /** Stable, non-personal key of the cluster within a petition. */
  key: string;
  kind: ClusterKind;
  /** The signal whose group defines the cluster. */
  signal: SignalName | null;
  /** Shown to moderators: the network prefix (network clusters) or the young-account window in hours. */
  network?: string;
  youngHours?: number;
}

/** A stored signal result (JSON: dates are strings). */
interface StoredSignal {
  signal?: string;
  score?: number;
  triggered?: boolean;
  group?: { kind?: string; ip?: string; network?: string; deviceId?: string; youngHours?: number; citizenIds?: string[] };
}

/**
 * Rule: the cluster of a held signature is the group of its strongest grouped signal, strength
 * = weight × score (the signal's contribution to the noisy-OR risk). Groups map to keys:
 *   ip → its network (maskAddress), network → the prefix, device → hash of the device id,
 *   young-accounts → the window in hours, cluster (lockstep) → hash of the sorted member ids.
 * When no triggered signal has a group, the cluster is the strongest triggered signal itself.
 */
export function clusterKeyOf(stored: unknown, weights: Readonly<Record<SignalName, number>>): ClusterKey {
  const list = (Array.isArray(stored) ? stored : []) as StoredSignal[];
  const triggered = list
    .filter((s): s is StoredSignal & { signal: SignalName } => !!s && s.triggered === true && (SIGNAL_NAMES as readonly string[]).includes(s.signal ?? '') && (s.score ?? 0) > 0)
    .map((s) => ({ s, strength: weights[s.signal] * (s.score ?? 0) }))
    .sort((a, b) => b.strength - a.strength || a.s.signal.localeCompare(b.s.signal));
  for (const { s } of triggered) {
    const g = s.group;
    if (!g) continue;
    if (g.kind === 'network' && g.network) return { key: `network:${g.network}`, kind: 'network', signal: s.signal, network: g.network };
    if (g.kind === 'ip' && g.ip) {
      const network = maskAddress(g.ip);
      if (network) return { key: `network:${network}`, kind: 'network', signal: s.signal, network };
    }
    if (g.kind === 'device' && g.deviceId) return { key: `device:${shortHash(g.deviceId)}`, kind: 'device', signal: s.signal };
    if (g.kind === 'young-accounts' && typeof g.youngHours === 'number') return { key: `young:${g.youngHours}`, kind: 'young-accounts', signal: s.signal, youngHours: g.youngHours };
    if (g.kind === 'cluster' && Array.isArray(g.citizenIds)) return { key: `lockstep:${shortHash([...g.citizenIds].sort().join(','))}`, kind: 'lockstep', signal: s.signal };
  }
  const top = triggered[0]?.s.signal ?? null;
  return { key: `signal:${top ?? 'none'}`, kind: 'signal', signal: top };
}

/** The triggered signal names of a stored assessment. */
export function triggeredSignals(stored: unknown): SignalName[] {
  const list = (Array.isArray(stored) ? stored : []) as StoredSignal[];
  return SIGNAL_NAMES.filter((n) => list.some((s) => s && s.signal === n && s.triggered === true && (s.score ?? 0) > 0));
}

/** One decision as the audit log keeps it. */
export interface DecisionRecord {
  decision: ReviewDecision;
  reason: string;
  signatureIds: readonly string[];
}

/**
 * Rule: the reason a signature is invalidated is the reason of the latest decision that touched it
 * (decisions in log order); counted only for signatures that are invalidated now.
 * Returns reason → number of signatures, largest first (ties by text).
 */
export function aggregateReasons(decisions: readonly DecisionRecord[], invalidatedNow: ReadonlySet<string>): { reason: string; count: number }[] {
  const last = new Map<string, DecisionRecord>();
  for (const d of decisions) for (const id of d.signatureIds) last.set(id, d);
  const counts = new Map<string, number>();
  for (const [id, d] of last) if (d.decision === 'invalidate' && invalidatedNow.has(id)) counts.set(d.reason, (counts.get(d.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

// ---------------------------------------------------------------------------------------------
// Queue and clusters
// ---------------------------------------------------------------------------------------------

export interface QueueItem {
  petitionId: string;
  number: number;
  title: string;
  state: PetitionState;
  held: number;
  oldestHeldAt: Date;
}

/** Petitions with signatures under review, most held first. */
export async function reviewQueue(deps: Pick<Deps, 'db'>, actor: Actor | null): Promise<QueueItem[]> {
  assertCan(actor, 'integrity:review');
  const rows = await deps.db
    .select({
      petitionId: signatures.petitionId,
      number: petitions.number,
      title: petitionVersions.title,
      state: petitions.state,
      held: sql<number>`count(*)::int`,
      oldest: sql<Date>`min(${signatures.signedAt})`,
    })
    .from(signatures)
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(and(eq(signatures.status, 'under_review'), isNull(signatures.withdrawnAt)))
    .groupBy(signatures.petitionId, petitions.number, petitionVersions.title, petitions.state)
    .orderBy(sql`count(*) desc`, asc(petitions.number));
  return rows.map((r) => ({ petitionId: r.petitionId, number: r.number, title: r.title, state: r.state as PetitionState, held: Number(r.held), oldestHeldAt: new Date(r.oldest) }));
}

export interface ReviewHeader {
  petitionId: string;
  number: number;
  title: string;
  state: PetitionState;
  counts: { valid: number; underReview: number; invalidated: number; withdrawn: number };
}

/** The petition a review page is about (null when unknown). */
export async function petitionForReview(deps: Pick<Deps, 'db'>, actor: Actor | null, petitionId: string): Promise<ReviewHeader | null> {
  assertCan(actor, 'integrity:review');
  const [row] = await deps.db
    .select({ p: petitions, title: petitionVersions.title, c: petitionCounts })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
    .where(eq(petitions.id, petitionId));
  if (!row) return null;
  return {
    petitionId,
    number: row.p.number,
    title: row.title,
    state: row.p.state as PetitionState,
    counts: { valid: row.c?.valid ?? 0, underReview: row.c?.underReview ?? 0, invalidated: row.c?.invalidated ?? 0, withdrawn: row.c?.withdrawn ?? 0 },
  };
}

export interface HeldCluster {
  petitionId: string;
  /** Unique within the petition and status. */
  key: string;
  kind: ClusterKind;
  status: 'under_review' | 'invalidated';
  signal: SignalName | null;
  network: string | null;
  youngHours: number | null;
  count: number;
  from: Date;
  to: Date;
  /** Highest risk among the cluster's signatures, in [0, 1]. */
  maxScore: number;
  /** Triggered signals across the cluster. */
  signals: SignalName[];
  /** The explanation of the riskiest signature of the cluster (keys of the `integrity` area). */
  explanation: Explanation[];
  /** The same, rendered in the requested locale. */
  lines: string[];
  /** Opaque ids, for the decision form. */
  signatureIds: string[];
}

/**
 * Held (under_review) and invalidated signatures, grouped into clusters (see clusterKeyOf). With a
 * petitionId, that petition's only. Clusters: under review first, then by size.
 */
export async function listHeld(deps: Pick<Deps, 'db'>, actor: Actor | null, petitionId?: string, locale: IntegrityLocale = 'kk', cfg: IntegrityConfig = integrityConfig()): Promise<HeldCluster[]> {
  assertCan(actor, 'integrity:review');
  const rows = await deps.db
    .select({
      id: signatures.id,
      petitionId: signatures.petitionId,
      status: signatures.status,
      signedAt: signatures.signedAt,
      score: signatureAssessments.score,
      signals: signatureAssessments.signals,
      explanation: signatureAssessments.explanation,
    })
    .from(signatures)
    .leftJoin(signatureAssessments, eq(signatureAssessments.signatureId, signatures.id))
    .where(and(inArray(signatures.status, ['under_review', 'invalidated']), isNull(signatures.withdrawnAt), petitionId ? eq(signatures.petitionId, petitionId) : undefined))
    .orderBy(asc(signatures.signedAt));
  const t = integrityTranslator(locale);
  const clusters = new Map<string, HeldCluster & { bestScore: number }>();
  for (const r of rows) {
    const status = r.status as 'under_review' | 'invalidated';
    const ck = clusterKeyOf(r.signals, cfg.score.weights);
    const mapKey = `${r.petitionId}|${status}|${ck.key}`;
    const score = r.score ?? 0;
    let c = clusters.get(mapKey);
    if (!c) {
      c = {
        petitionId: r.petitionId,
        key: ck.key,
        kind: ck.kind,
        status,
        signal: ck.signal,
        network: ck.network ?? null,
        youngHours: ck.youngHours ?? null,
        count: 0,
        from: r.signedAt,
        to: r.signedAt,
        maxScore: score,
        signals: [],
        explanation: [],
        lines: [],
        signatureIds: [],
        bestScore: -1,
      };
      clusters.set(mapKey, c);
    }
    c.count++;
    c.signatureIds.push(r.id);
    if (r.signedAt < c.from) c.from = r.signedAt;
    if (r.signedAt > c.to) c.to = r.signedAt;
    for (const s of triggeredSignals(r.signals)) if (!c.signals.includes(s)) c.signals.push(s);
    if (score > c.bestScore) {
      c.bestScore = score;
      c.maxScore = score;
      c.explanation = (Array.isArray(r.explanation) ? r.explanation : []) as Explanation[];
    }
  }
  const out = [...clusters.values()].map(({ bestScore: _unused, ...c }) => ({
    ...c,
    signals: SIGNAL_NAMES.filter((n) => c.signals.includes(n)),
    lines: c.explanation.map((e) => renderExplanation(e, t)),
  }));
  return out.sort((a, b) => (a.status === b.status ? 0 : a.status === 'under_review' ? -1 : 1) || b.count - a.count || a.key.localeCompare(b.key));
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

export interface DecisionInput {
  petitionId: string;
  signatureIds: readonly string[];
  decision: ReviewDecision;
  reason: string;
  /** invalidate only: also invalidate signatures of the set that are currently counted as valid. */
  includeValid?: boolean;
}

export type DecisionRefusal = 'reason-required' | 'reason-too-short' | 'reason-too-long' | 'no-signatures' | 'invalid-decision';

export type DecisionOutcome =
  | { kind: 'ok'; changed: number; unchanged: number; byTransition: Record<string, number> }
  | { kind: 'refused'; reason: DecisionRefusal };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_IDS_PER_DECISION = 10_000;

/**
 * A moderator's decision on a set of signatures of one petition, in one transaction: the rows are
 * locked, only those whose status allows the decision change (decisionDelta), one count event per
 * changed signature, one audit row ('integrity.invalidate' | 'integrity.restore') with the count and
 * the reason. Ids of other petitions, withdrawn signatures or unknown ids are left untouched.
 */
export async function decideCluster(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, input: DecisionInput, meta?: RequestMeta): Promise<DecisionOutcome> {
  assertCan(actor, 'integrity:review');
  if (input.decision !== 'invalidate' && input.decision !== 'restore') return { kind: 'refused', reason: 'invalid-decision' };
  const reason = checkReason(input.reason);
  if (reason.kind === 'refused') return reason;
  const ids = [...new Set(input.signatureIds.filter((id) => typeof id === 'string' && UUID.test(id)))];
  if (ids.length === 0 || ids.length > MAX_IDS_PER_DECISION) return { kind: 'refused', reason: 'no-signatures' };
  return deps.db.transaction(async (tx) => {
    const [p] = await tx.select({ id: petitions.id }).from(petitions).where(eq(petitions.id, input.petitionId));
    if (!p) throw new NotFoundError('petition');
    const rows = await tx
      .select({ id: signatures.id, status: signatures.status, regionKato: signatures.regionKato })
      .from(signatures)
      .where(and(inArray(signatures.id, ids), eq(signatures.petitionId, input.petitionId), isNull(signatures.withdrawnAt)))
      .orderBy(asc(signatures.id))
      .for('update');
    const byTransition: Record<string, number> = {};
    const changedIds: string[] = [];
    const events: (typeof signatureCountEvents.$inferInsert)[] = [];
    const toStatus = new Map<SignatureStatus, string[]>();
    for (const r of rows) {
      const d = decisionDelta(r.status as SignatureStatus, input.decision, input.includeValid === true);
      if (!d) continue;
      changedIds.push(r.id);
      toStatus.set(d.to, [...(toStatus.get(d.to) ?? []), r.id]);
      const label = `${r.status}->${d.to}`;
      byTransition[label] = (byTransition[label] ?? 0) + 1;
      events.push({ petitionId: input.petitionId, regionKato: r.regionKato, ...d.delta });
    }
    for (const [to, list] of toStatus) await tx.update(signatures).set({ status: to }).where(inArray(signatures.id, list));
    for (let i = 0; i < events.length; i += 1000) await tx.insert(signatureCountEvents).values(events.slice(i, i + 1000));
    await appendAudit(tx, {
      actorAccountId: actor.accountId,
      action: `integrity.${input.decision}`,
      subject: { type: 'petition', id: input.petitionId },
      meta,
      at: deps.clock.now(),
      details: { decision: input.decision, reason: reason.reason, count: changedIds.length, requested: ids.length, byTransition, signatureIds: changedIds },
    });
    return { kind: 'ok', changed: changedIds.length, unchanged: ids.length - changedIds.length, byTransition };
  });
}

/**
 * Rule: a closed-reached petition whose valid count (as just reconciled) is below its threshold
 * reverts to open through the system event 'threshold-lost' (and only then: any other state, no
 * threshold, or a count at or above it changes nothing). The petition row is locked; the event is
 * recorded in petition_events. Returns the new state or null.
 */
export async function applyThresholdLoss(tx: Db, deps: Pick<Deps, 'clock'>, petitionId: string, valid: number): Promise<PetitionState | null> {
  const [p] = await tx.select().from(petitions).where(eq(petitions.id, petitionId)).for('update');
  if (!p) throw new NotFoundError('petition');
  if (p.state !== 'closed-reached' || p.thresholdRequired === null) return null;
  const now = deps.clock.now();
  const out = transition('closed-reached', 'threshold-lost', 'system', { now, signatures: Math.max(0, valid), threshold: p.thresholdRequired });
  if (out.kind !== 'ok') return null;
  await tx.insert(petitionEvents).values({
    petitionId,
    event: 'threshold-lost',
    fromState: p.state,
    toState: out.next,
    actorAccountId: null,
    actorRole: 'system',
    at: now,
    data: out.record.data as unknown as Record<string, unknown>,
  });
  await tx.update(petitions).set({ state: out.next, thresholdReachedAt: null, closedAt: null, updatedAt: now }).where(eq(petitions.id, petitionId));
  return out.next;
}

// ---------------------------------------------------------------------------------------------
// Public report
// ---------------------------------------------------------------------------------------------

export interface IntegrityReport {
  petitionId: string;
  counts: { valid: number; underReview: number; invalidated: number; withdrawn: number; reconciledAt: Date | null };
  /** Reasons moderators gave, with how many currently invalidated signatures each covers. */
  reasons: { reason: string; count: number }[];
  /** Signals triggered on the currently invalidated signatures, with how many each. */
  signals: { signal: SignalName; count: number }[];
  /** Decisions taken on this petition. */
  decisions: { invalidate: number; restore: number };
}

/** The public integrity report of a petition: counts and aggregates only, no personal data. */
export async function integrityReport(deps: Pick<Deps, 'db'>, petitionId: string): Promise<IntegrityReport | null> {
  const [p] = await deps.db.select({ id: petitions.id }).from(petitions).where(eq(petitions.id, petitionId));
  if (!p) return null;
  const [c] = await deps.db.select().from(petitionCounts).where(eq(petitionCounts.petitionId, petitionId));
  const audits = await deps.db
    .select({ action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'petition'), eq(auditLog.subjectId, petitionId), inArray(auditLog.action, ['integrity.invalidate', 'integrity.restore'])))
    .orderBy(asc(auditLog.id));
  const decisions: DecisionRecord[] = audits.map((a) => ({
    decision: a.action === 'integrity.invalidate' ? 'invalidate' : 'restore',
    reason: typeof a.details.reason === 'string' ? a.details.reason : '',
    signatureIds: Array.isArray(a.details.signatureIds) ? (a.details.signatureIds as unknown[]).filter((x): x is string => typeof x === 'string') : [],
  }));
  const invalidated = await deps.db
    .select({ id: signatures.id, signals: signatureAssessments.signals })
    .from(signatures)
    .leftJoin(signatureAssessments, eq(signatureAssessments.signatureId, signatures.id))
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'invalidated'), isNull(signatures.withdrawnAt)));
  const signalCounts = new Map<SignalName, number>();
  for (const r of invalidated) for (const s of triggeredSignals(r.signals)) signalCounts.set(s, (signalCounts.get(s) ?? 0) + 1);
  return {
    petitionId,
    counts: c
      ? { valid: c.valid, underReview: c.underReview, invalidated: c.invalidated, withdrawn: c.withdrawn, reconciledAt: c.reconciledAt }
      : { valid: 0, underReview: 0, invalidated: 0, withdrawn: 0, reconciledAt: null },
    reasons: aggregateReasons(decisions, new Set(invalidated.map((r) => r.id))),
    signals: SIGNAL_NAMES.filter((s) => signalCounts.has(s)).map((signal) => ({ signal, count: signalCounts.get(signal)! })),
    decisions: { invalidate: decisions.filter((d) => d.decision === 'invalidate').length, restore: decisions.filter((d) => d.decision === 'restore').length },
  };
}
