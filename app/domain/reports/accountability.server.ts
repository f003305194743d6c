import { and, asc, eq, gte, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { localBodies, reports, units } from '../../../db/schema';
import { localDate } from '../calendar/dates';
import type { Deps } from '../shared/deps';
import { accountabilityFigures, type AccountabilityFigures, type AccountabilityRow } from './accountability';
import { isReportStatus } from './states';

/**
 * The accountability figures of the akimats over the last WINDOW_DAYS days (rules in
 * accountability.ts): one akimat's page, and the index of all akimats (filterable by region).
 */

export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export interface AkimatRef {
  id: number;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  unit: { kato: string; level: number; nameKk: string; nameRu: string; nameEn: string };
  region: { kato: string; nameKk: string; nameRu: string; nameEn: string } | null;
}

export interface AkimatAccountability {
  akimat: AkimatRef;
  /** First day of the window (Kazakhstan date) and today. */
  from: string;
  to: string;
  figures: AccountabilityFigures;
}

const regionUnit = alias(units, 'region_unit');

async function loadAkimats(deps: Pick<Deps, 'db'>, where: ReturnType<typeof and>): Promise<AkimatRef[]> {
  const rows = await deps.db
    .select({
      id: localBodies.id,
      nameKk: localBodies.nameKk,
      nameRu: localBodies.nameRu,
      nameEn: localBodies.nameEn,
      unitKato: units.kato,
      unitLevel: units.level,
      unitKk: units.nameKk,
      unitRu: units.nameRu,
      unitEn: units.nameEn,
      regionKato: regionUnit.kato,
      regionKk: regionUnit.nameKk,
      regionRu: regionUnit.nameRu,
      regionEn: regionUnit.nameEn,
    })
    .from(localBodies)
    .innerJoin(units, eq(units.kato, localBodies.unitKato))
    .leftJoin(regionUnit, eq(regionUnit.kato, units.parentKato))
    .where(and(eq(localBodies.kind, 'akimat'), where))
    .orderBy(asc(units.kato));
  return rows.map((r) => ({
    id: r.id,
    nameKk: r.nameKk,
    nameRu: r.nameRu,
    nameEn: r.nameEn,
    unit: { kato: r.unitKato, level: r.unitLevel, nameKk: r.unitKk, nameRu: r.unitRu, nameEn: r.unitEn },
    region:
      r.unitLevel === 1
        ? { kato: r.unitKato, nameKk: r.unitKk, nameRu: r.unitRu, nameEn: r.unitEn }
        : r.regionKato
          ? { kato: r.regionKato, nameKk: r.regionKk!, nameRu: r.regionRu!, nameEn: r.regionEn! }
          : null,
  }));
}

async function loadRows(deps: Pick<Deps, 'db' | 'clock'>, bodyIds: number[]): Promise<Map<number, AccountabilityRow[]>> {
  const out = new Map<number, AccountabilityRow[]>();
  if (bodyIds.length === 0) return out;
  const since = new Date(deps.clock.now().getTime() - WINDOW_DAYS * DAY_MS);
  const rows = await deps.db
    .select({
      bodyId: reports.akimatBodyId,
      status: reports.status,
      registeredAt: reports.registeredAt,
      acknowledgedAt: reports.acknowledgedAt,
      answeredAt: reports.answeredAt,
      fixedAt: reports.fixedAt,
      answerDueOn: reports.answerDueOn,
      reopenCount: reports.reopenCount,
    })
    .from(reports)
    .where(and(inArray(reports.akimatBodyId, bodyIds), gte(reports.registeredAt, since)));
  for (const r of rows) {
    if (r.bodyId === null || !isReportStatus(r.status)) continue;
    const list = out.get(r.bodyId) ?? [];
    list.push({ ...r, status: r.status });
    out.set(r.bodyId, list);
  }
  return out;
}

function window(deps: Pick<Deps, 'clock'>): { from: string; to: string } {
  const now = deps.clock.now();
  return { from: localDate(new Date(now.getTime() - WINDOW_DAYS * DAY_MS)), to: localDate(now) };
}

/** One akimat's figures; null when the id is not an akimat. */
export async function getAkimatAccountability(deps: Pick<Deps, 'db' | 'clock'>, bodyId: number): Promise<AkimatAccountability | null> {
  const [akimat] = await loadAkimats(deps, eq(localBodies.id, bodyId));
  if (!akimat) return null;
  const rows = (await loadRows(deps, [akimat.id])).get(akimat.id) ?? [];
  const w = window(deps);
  return { akimat, ...w, figures: accountabilityFigures(rows, w.to) };
}

/**
 * Every akimat (of a region: its own and its districts' akimats) with its figures; those with
 * reports first (most reports first), then the others in KATO order.
 */
export async function listAkimatAccountability(deps: Pick<Deps, 'db' | 'clock'>, regionKato?: string): Promise<{ from: string; to: string; items: AkimatAccountability[] }> {
  const akimats = await loadAkimats(deps, regionKato ? or(eq(units.kato, regionKato), eq(units.parentKato, regionKato)) : undefined);
  const rows = await loadRows(
    deps,
    akimats.map((a) => a.id),
  );
  const w = window(deps);
  const items = akimats.map((akimat) => ({ akimat, ...w, figures: accountabilityFigures(rows.get(akimat.id) ?? [], w.to) }));
  items.sort((a, b) => b.figures.counts.total - a.figures.counts.total);
  return { ...w, items };
}
