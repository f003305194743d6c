import { and, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { accounts, integrityTrendingSources, petitions, staffRoles, signatures } from '../../../db/schema';
import { ROLE_PERMISSIONS, STAFF_ROLES, assertCan, type Actor } from '../identity/permissions';
import { createNotification } from '../notify/notify.server';
import type { Deps } from '../shared/deps';
import type { IntegrityConfig } from './config';
import { integrityConfig } from './screening.server';
import { trendingSources, trendingWindow, type SourceKind } from './trending';

/**
 * The hourly trending-sources job: the networks and devices with the most signatures per petition
 * in the last clock hour (trending.ts). Sources at or above `trending.logAt` are recorded; those
 * at or above `trending.alertAt` are announced to every moderator in the portal (in-app
 * notification linking to the petition's integrity review). One row per source and window (a
 * unique key): a second run for the same window records and announces nothing new.
 */
export type TrendingOutcome = { kind: 'scanned'; windowStart: Date; windowEnd: Date; signatures: number; recorded: number; alerts: number; notified: number };

export async function scanTrendingSources(deps: Deps, cfg: IntegrityConfig = integrityConfig()): Promise<TrendingOutcome> {
  const { start, end } = trendingWindow(deps.clock.now(), cfg.trending.windowMinutes);
  const rows = await deps.db
    .select({ petitionId: signatures.petitionId, ip: signatures.ip, deviceId: signatures.deviceId })
    .from(signatures)
    .where(and(gte(signatures.signedAt, start), lt(signatures.signedAt, end), isNull(signatures.withdrawnAt)));
  const sources = trendingSources(rows, cfg);
  if (sources.length === 0) return { kind: 'scanned', windowStart: start, windowEnd: end, signatures: rows.length, recorded: 0, alerts: 0, notified: 0 };
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(integrityTrendingSources)
      .values(sources.map((s) => ({ petitionId: s.petitionId, kind: s.kind, key: s.key, windowStart: start, windowEnd: end, signatures: s.signatures, alertAt: s.alertAt, alerted: s.alerted })))
      .onConflictDoNothing()
      .returning();
    const alerts = inserted.filter((r) => r.alerted);
    let notified = 0;
    if (alerts.length > 0) {
      const reviewerRoles = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('integrity:review'));
      const reviewers = await tx
        .selectDistinct({ id: accounts.id, locale: accounts.locale })
        .from(staffRoles)
        .innerJoin(accounts, eq(accounts.id, staffRoles.accountId))
        .where(inArray(staffRoles.role, [...reviewerRoles]));
      const numbers = await tx.select({ id: petitions.id, number: petitions.number }).from(petitions).where(inArray(petitions.id, [...new Set(alerts.map((a) => a.petitionId))]));
      const numberOf = new Map(numbers.map((p) => [p.id, p.number]));
      for (const a of alerts) {
        for (const r of reviewers) {
          await createNotification(tx, {
            channel: 'in_app',
            recipientRef: r.id,
            locale: r.locale === 'ru' || r.locale === 'en' ? r.locale : 'kk',
            template: 'integrityTrending',
            params: {
              number: numberOf.get(a.petitionId) ?? 0,
              kind: a.kind,
              source: a.kind === 'network' ? a.key : a.key.replace(/^device:/, ''),
              count: a.signatures,
              minutes: cfg.trending.windowMinutes,
              path: `/integrity/${a.petitionId}`,
            },
          });
          notified++;
        }
      }
      deps.log.warn({ windowStart: start, alerts: alerts.length }, 'trending sources above the alert threshold');
    }
    return { kind: 'scanned', windowStart: start, windowEnd: end, signatures: rows.length, recorded: inserted.length, alerts: alerts.length, notified };
  });
}

export interface TrendingRow {
  kind: SourceKind;
  key: string;
  signatures: number;
  alerted: boolean;
  windowStart: Date;
  windowEnd: Date;
}

/** A petition's recorded trending sources, newest window first (moderators only). */
export async function listTrending(deps: Pick<Deps, 'db'>, actor: Actor | null, petitionId: string, limit = 20): Promise<TrendingRow[]> {
  assertCan(actor, 'integrity:review');
  const rows = await deps.db
    .select()
    .from(integrityTrendingSources)
    .where(eq(integrityTrendingSources.petitionId, petitionId))
    .orderBy(desc(integrityTrendingSources.windowStart), desc(integrityTrendingSources.signatures))
    .limit(limit);
  return rows.map((r) => ({ kind: r.kind as SourceKind, key: r.key, signatures: r.signatures, alerted: r.alerted, windowStart: r.windowStart, windowEnd: r.windowEnd }));
}
