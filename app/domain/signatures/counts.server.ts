import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { petitionCounts, petitionRegionCounts, petitions, signatureCountEvents, signatures } from '../../../db/schema';
import { applyThresholdLoss } from '../integrity/review.server';
import { applyCountMilestones } from '../petitions/petitions.server';
import type { Deps } from '../shared/deps';

/**
 * Counting. A signature never bumps a counter on the petition row (that row would become the
 * hottest lock of a surge); each change appends a count event in the signer's transaction. The
 * reconciler, every few seconds and one at a time (advisory lock), folds a batch of events into
 * petition_counts and per-region tallies, then stamps milestones (initial support -> moderation,
 * threshold -> closed). `recount` rebuilds everything from the signatures themselves.
 */
const RECONCILE_LOCK = 7_366_101;

export interface ReconcileResult {
  /** False when another reconciler holds the lock (this call did nothing). */
  ran: boolean;
  events: number;
  petitions: number;
  milestones: number;
}

type Delta = { valid: number; review: number; invalidated: number; withdrawn: number };

/**
 * Folds count events into the counts. Events are consumed by DELETE ... RETURNING: a row is only
 * seen once its signing transaction has committed, so an event that commits late is simply folded
 * by a later pass; none is skipped and none is counted twice (the deletion and the count update
 * commit together).
 */
export async function reconcileCounts(deps: Pick<Deps, 'db' | 'clock'>, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<ReconcileResult> {
  const batchSize = opts.batchSize ?? 20_000;
  const maxBatches = opts.maxBatches ?? 20;
  const total: ReconcileResult = { ran: true, events: 0, petitions: 0, milestones: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const r = await deps.db.transaction(async (tx) => {
      const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${RECONCILE_LOCK}) as locked`));
      if (!lock?.locked) return null;
      const events = rowsOf<{ petition_id: string; region_kato: string; valid_delta: number; review_delta: number; invalidated_delta: number; withdrawn_delta: number }>(
        await tx.execute(sql`
          delete from ${signatureCountEvents}
          where ${signatureCountEvents.id} in (select ${signatureCountEvents.id} from ${signatureCountEvents} order by ${signatureCountEvents.id} limit ${batchSize})
          returning petition_id, region_kato, valid_delta, review_delta, invalidated_delta, withdrawn_delta`),
      );
      if (events.length === 0) return { events: 0, petitions: 0, milestones: 0 };
      const perPetition = new Map<string, Delta>();
      const perRegion = new Map<string, number>();
      for (const e of events) {
        const t = perPetition.get(e.petition_id) ?? { valid: 0, review: 0, invalidated: 0, withdrawn: 0 };
        t.valid += Number(e.valid_delta);
        t.review += Number(e.review_delta);
        t.invalidated += Number(e.invalidated_delta);
        t.withdrawn += Number(e.withdrawn_delta);
        perPetition.set(e.petition_id, t);
        const key = `${e.petition_id}|${e.region_kato}`;
        perRegion.set(key, (perRegion.get(key) ?? 0) + Number(e.valid_delta));
      }
      const now = deps.clock.now();
      for (const [key, valid] of perRegion) {
        if (valid === 0) continue;
        const [petitionId, regionKato] = key.split('|') as [string, string];
        await tx
          .insert(petitionRegionCounts)
          .values({ petitionId, regionKato, valid })
          .onConflictDoUpdate({ target: [petitionRegionCounts.petitionId, petitionRegionCounts.regionKato], set: { valid: sql`${petitionRegionCounts.valid} + ${valid}` } });
      }
      let milestones = 0;
      for (const [petitionId, d] of [...perPetition].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [row] = await tx
          .insert(petitionCounts)
          .values({ petitionId, valid: d.valid, underReview: d.review, invalidated: d.invalidated, withdrawn: d.withdrawn, reconciledAt: now })
          .onConflictDoUpdate({
            target: petitionCounts.petitionId,
            set: {
              valid: sql`${petitionCounts.valid} + ${d.valid}`,
              underReview: sql`${petitionCounts.underReview} + ${d.review}`,
              invalidated: sql`${petitionCounts.invalidated} + ${d.invalidated}`,
              withdrawn: sql`${petitionCounts.withdrawn} + ${d.withdrawn}`,
              reconciledAt: now,
            },
          })
          .returning({ valid: petitionCounts.valid });
        if (d.valid > 0 && (await applyCountMilestones(tx, deps, petitionId, row!.valid))) milestones++;
        // Held or invalidated signatures can push a closed-reached petition back below its threshold.
        if (d.valid < 0 && (await applyThresholdLoss(tx, deps, petitionId, row!.valid))) milestones++;
      }
      return { events: events.length, petitions: perPetition.size, milestones };
    });
    if (r === null) return { ...total, ran: i > 0 };
    total.events += r.events;
    total.petitions += r.petitions;
    total.milestones += r.milestones;
    if (r.events < batchSize) break;
  }
  // Every committed event is folded: the counts are fresh as of now.
  await deps.db.update(petitionCounts).set({ reconciledAt: deps.clock.now() });
  return total;
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * Rebuilds counts and tallies from the signatures (the source of truth), for one petition or all,
 * in one repeatable-read snapshot under the reconciler's lock. The events that snapshot sees are
 * already reflected in the signatures it counts, so they are deleted; later ones stay to be folded.
 */
export async function recountFromSignatures(deps: Pick<Deps, 'db' | 'clock'>, petitionIds?: string[]): Promise<{ petitions: number }> {
  return deps.db.transaction(
    async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RECONCILE_LOCK})`);
      const ids = petitionIds ?? (await tx.select({ id: petitions.id }).from(petitions)).map((p) => p.id);
      if (ids.length === 0) return { petitions: 0 };
      const rows = await tx
        .select({
          petitionId: signatures.petitionId,
          regionKato: signatures.regionKato,
          valid: sql<number>`count(*) filter (where ${signatures.withdrawnAt} is null and ${signatures.status} = 'valid')::int`,
          review: sql<number>`count(*) filter (where ${signatures.withdrawnAt} is null and ${signatures.status} = 'under_review')::int`,
          invalidated: sql<number>`count(*) filter (where ${signatures.withdrawnAt} is null and ${signatures.status} = 'invalidated')::int`,
          withdrawn: sql<number>`count(*) filter (where ${signatures.withdrawnAt} is not null)::int`,
        })
        .from(signatures)
        .where(inArray(signatures.petitionId, ids))
        .groupBy(signatures.petitionId, signatures.regionKato);
      await tx.delete(signatureCountEvents).where(inArray(signatureCountEvents.petitionId, ids));
      await tx.delete(petitionRegionCounts).where(inArray(petitionRegionCounts.petitionId, ids));
      const now = deps.clock.now();
      const per = new Map<string, Delta>(ids.map((id) => [id, { valid: 0, review: 0, invalidated: 0, withdrawn: 0 }]));
      for (const r of rows) {
        const t = per.get(r.petitionId)!;
        t.valid += Number(r.valid);
        t.review += Number(r.review);
        t.invalidated += Number(r.invalidated);
        t.withdrawn += Number(r.withdrawn);
        if (Number(r.valid) > 0) await tx.insert(petitionRegionCounts).values({ petitionId: r.petitionId, regionKato: r.regionKato, valid: Number(r.valid) });
      }
      for (const [petitionId, t] of per) {
        await tx
          .insert(petitionCounts)
          .values({ petitionId, valid: t.valid, underReview: t.review, invalidated: t.invalidated, withdrawn: t.withdrawn, reconciledAt: now })
          .onConflictDoUpdate({ target: petitionCounts.petitionId, set: { valid: t.valid, underReview: t.review, invalidated: t.invalidated, withdrawn: t.withdrawn, reconciledAt: now } });
      }
      return { petitions: per.size };
    },
    { isolationLevel: 'repeatable read' },
  );
}

export interface CountsView {
  valid: number;
  underReview: number;
  invalidated: number;
  withdrawn: number;
  reconciledAt: Date;
  byRegion: { regionKato: string; valid: number }[];
}

/** The counts a page shows, with when they were last reconciled. */
export async function getCounts(deps: Pick<Deps, 'db'>, petitionId: string): Promise<CountsView | null> {
  const [c] = await deps.db.select().from(petitionCounts).where(eq(petitionCounts.petitionId, petitionId));
  if (!c) return null;
  const byRegion = await deps.db
    .select({ regionKato: petitionRegionCounts.regionKato, valid: petitionRegionCounts.valid })
    .from(petitionRegionCounts)
    .where(and(eq(petitionRegionCounts.petitionId, petitionId), gt(petitionRegionCounts.valid, 0)))
    .orderBy(sql`${petitionRegionCounts.valid} desc`);
  return { valid: c.valid, underReview: c.underReview, invalidated: c.invalidated, withdrawn: c.withdrawn, reconciledAt: c.reconciledAt, byRegion };
}
