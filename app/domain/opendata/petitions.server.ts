import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  governmentBodies,
  localBodies,
  petitionCounts,
  petitionEvents,
  petitions,
  petitionVersions,
  units,
} from '../../../db/schema';
import { REJECTION_REASONS, type RejectionReasonCode } from '../petitions/reasons';
import { integrityReport } from '../integrity/review.server';
import { getCounts } from '../signatures/counts.server';
import type { Deps } from '../shared/deps';
import { PUBLIC_STATES, type ParamError, type PetitionListQuery } from './params';
import {
  toPublicPetition,
  toTimelineEntry,
  type PetitionReadRow,
  type PublicPetition,
  type PublicPetitionDetail,
  type RegionCount,
} from './representation';

/**
 * Read functions of the open data. Only petitions in PUBLIC_STATES are ever read (never drafts,
 * petitions gathering initial support, in moderation or withdrawn), and only the public columns of
 * PetitionReadRow are selected: the author's account, signers and actors never leave the database.
 */

/** The public columns of a petition with its current text, counts, unit and addressee names. */
const READ_COLUMNS = {
  id: petitions.id,
  number: petitions.number,
  state: petitions.state,
  topic: petitions.topic,
  addresseeKind: petitions.addresseeKind,
  addresseeBodyCode: petitions.addresseeBodyCode,
  addresseeLocalBodyId: petitions.addresseeLocalBodyId,
  addresseeNameKk: sql<string | null>`coalesce(${governmentBodies.nameKk}, ${localBodies.nameKk})`,
  addresseeNameRu: sql<string | null>`coalesce(${governmentBodies.nameRu}, ${localBodies.nameRu})`,
  addresseeNameEn: sql<string | null>`coalesce(${governmentBodies.nameEn}, ${localBodies.nameEn})`,
  unitKato: petitions.unitKato,
  unitLevel: units.level,
  unitParentKato: units.parentKato,
  title: petitionVersions.title,
  body: petitionVersions.body,
  textHash: petitionVersions.textHash,
  version: petitionVersions.version,
  valid: petitionCounts.valid,
  underReview: petitionCounts.underReview,
  countedAt: petitionCounts.reconciledAt,
  thresholdRequired: petitions.thresholdRequired,
  thresholdRule: petitions.thresholdRule,
  thresholdPopulation: petitions.thresholdPopulation,
  createdAt: petitions.createdAt,
  openedAt: petitions.openedAt,
  closesAt: petitions.closesAt,
  thresholdReachedAt: petitions.thresholdReachedAt,
  closedAt: petitions.closedAt,
  registeredAt: petitions.registeredAt,
  answeredAt: petitions.answeredAt,
  moderatedAt: petitions.moderatedAt,
  moderationDueOn: petitions.moderationDueOn,
  considerationDueOn: petitions.considerationDueOn,
  decision: petitions.decision,
  responseText: petitions.responseText,
  responseDocumentUrl: petitions.responseDocumentUrl,
  rejectionReason: petitions.rejectionReason,
  rejectionTopicGroup: petitions.rejectionTopicGroup,
  rejectionNote: petitions.rejectionNote,
};

/** Rejection reasons whose petitions keep their text hidden (not searchable either). */
const HIDING_REASONS = (Object.keys(REJECTION_REASONS) as RejectionReasonCode[]).filter((c) => REJECTION_REASONS[c].hidesText);

/** A LIKE pattern matching `q` anywhere, with LIKE's wildcards in `q` taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(query: PetitionListQuery): SQL[] {
  const where: SQL[] = [inArray(petitions.state, query.states.length > 0 ? query.states : [...PUBLIC_STATES])];
  if (query.level === 'national') where.push(isNull(petitions.unitKato));
  if (query.level === 'region') where.push(eq(units.level, 1));
  if (query.level === 'district') where.push(eq(units.level, 2));
  if (query.region) where.push(or(eq(petitions.unitKato, query.region), eq(units.parentKato, query.region))!);
  if (query.addressee)
    where.push('kind' in query.addressee ? eq(petitions.addresseeKind, query.addressee.kind) : eq(petitions.addresseeBodyCode, query.addressee.code));
  if (query.q) {
    // ILIKE '%q%' is served by the trigram index petition_versions_search_idx (q has 3+ characters).
    where.push(ilike(petitionVersions.title, containsPattern(query.q)));
    if (HIDING_REASONS.length > 0)
      where.push(sql`not (${petitions.state} = 'rejected' and coalesce(${petitions.rejectionReason}, '') in (${sql.join(HIDING_REASONS.map((r) => sql`${r}`), sql`, `)}))`);
  }
  if (query.openedAfter) where.push(gte(petitions.openedAt, query.openedAfter));
  if (query.openedBefore) where.push(lt(petitions.openedAt, query.openedBefore));
  return where;
}

/**
 * Orders: newest (most recently opened first; a rejected petition by its moderation time);
 * signatures (most valid signatures first); closing (open petitions first, the soonest to close
 * first, then the others by the end of their signing window). Ties: by number, so that pages are
 * stable.
 */
function ordering(sort: PetitionListQuery['sort']): SQL[] {
  switch (sort) {
    case 'signatures':
      return [desc(sql`coalesce(${petitionCounts.valid}, 0)`), desc(petitions.number)];
    case 'closing':
      return [asc(sql`case when ${petitions.state} = 'open' then 0 else 1 end`), sql`${petitions.closesAt} asc nulls last`, asc(petitions.number)];
    case 'newest':
      return [desc(sql`coalesce(${petitions.openedAt}, ${petitions.moderatedAt}, ${petitions.createdAt})`), desc(petitions.number)];
  }
}

/** Errors a query can only show against the reference tables: an unknown region or body code. */
async function checkReferences(deps: Pick<Deps, 'db'>, query: PetitionListQuery): Promise<ParamError[]> {
  const errors: ParamError[] = [];
  if (query.region) {
    const [u] = await deps.db.select({ kato: units.kato }).from(units).where(and(eq(units.kato, query.region), eq(units.level, 1)));
    if (!u) errors.push({ parameter: 'region', code: 'unknown-region' });
  }
  if (query.addressee && 'code' in query.addressee) {
    const [b] = await deps.db.select({ code: governmentBodies.code }).from(governmentBodies).where(eq(governmentBodies.code, query.addressee.code));
    if (!b) errors.push({ parameter: 'addressee', code: 'unknown-addressee' });
  }
  return errors;
}

export type ListOutcome = { kind: 'ok'; petitions: PublicPetition[]; total: number } | { kind: 'invalid'; errors: ParamError[] };

/** One page of public petitions matching the query, with the number of all matches. */
export async function listPublicPetitions(deps: Pick<Deps, 'db'>, query: PetitionListQuery, opts: { publicOrigin: string }): Promise<ListOutcome> {
  const errors = await checkReferences(deps, query);
  if (errors.length > 0) return { kind: 'invalid', errors };
  const where = and(...conditions(query));
  const [count] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .leftJoin(units, eq(units.kato, petitions.unitKato))
    .where(where);
  const total = Number(count?.n ?? 0);
  const rows: PetitionReadRow[] =
    total === 0 || (query.page - 1) * query.perPage >= total
      ? []
      : await deps.db
          .select(READ_COLUMNS)
          .from(petitions)
          .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
          .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
          .leftJoin(units, eq(units.kato, petitions.unitKato))
          .leftJoin(governmentBodies, eq(governmentBodies.code, petitions.addresseeBodyCode))
          .leftJoin(localBodies, eq(localBodies.id, petitions.addresseeLocalBodyId))
          .where(where)
          .orderBy(...ordering(query.sort))
          .limit(query.perPage)
          .offset((query.page - 1) * query.perPage);
  return { kind: 'ok', petitions: rows.map((r) => toPublicPetition(r, opts.publicOrigin)), total };
}

/**
 * One public petition by id or public number, with its valid signatures by region (getCounts,
 * names of the regions in three languages) and the timeline of its events (no actor ids). Null
 * when there is no such petition or it is not public.
 */
export async function getPublicPetition(
  deps: Pick<Deps, 'db'>,
  ref: { id: string } | { number: number },
  opts: { publicOrigin: string },
): Promise<PublicPetitionDetail | null> {
  const [row] = await deps.db
    .select(READ_COLUMNS)
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
    .leftJoin(units, eq(units.kato, petitions.unitKato))
    .leftJoin(governmentBodies, eq(governmentBodies.code, petitions.addresseeBodyCode))
    .leftJoin(localBodies, eq(localBodies.id, petitions.addresseeLocalBodyId))
    .where(and('id' in ref ? eq(petitions.id, ref.id) : eq(petitions.number, ref.number), inArray(petitions.state, [...PUBLIC_STATES])));
  if (!row) return null;

  const counts = await getCounts(deps, row.id);
  const katos = (counts?.byRegion ?? []).map((r) => r.regionKato);
  const names =
    katos.length === 0
      ? []
      : await deps.db.select({ kato: units.kato, kk: units.nameKk, ru: units.nameRu, en: units.nameEn }).from(units).where(inArray(units.kato, katos));
  const nameOf = new Map(names.map((n) => [n.kato, { kk: n.kk, ru: n.ru, en: n.en }]));
  const byRegion: RegionCount[] = (counts?.byRegion ?? [])
    .map((r) => ({ region_kato: r.regionKato, names: nameOf.get(r.regionKato) ?? null, valid: r.valid }))
    .sort((a, b) => b.valid - a.valid || (a.region_kato < b.region_kato ? -1 : a.region_kato > b.region_kato ? 1 : 0));

  const events = await deps.db
    .select({
      event: petitionEvents.event,
      fromState: petitionEvents.fromState,
      toState: petitionEvents.toState,
      at: petitionEvents.at,
      actorRole: petitionEvents.actorRole,
      data: petitionEvents.data,
    })
    .from(petitionEvents)
    .where(eq(petitionEvents.petitionId, row.id))
    .orderBy(asc(petitionEvents.id));

  const report = await integrityReport(deps, row.id);
  const integrity = {
    valid: report?.counts.valid ?? 0,
    under_review: report?.counts.underReview ?? 0,
    invalidated: report?.counts.invalidated ?? 0,
    withdrawn: report?.counts.withdrawn ?? 0,
    invalidation_reasons: (report?.reasons ?? []).map((r) => ({ reason: r.reason, signatures: r.count })),
    signals: (report?.signals ?? []).map((s) => ({ signal: s.signal, signatures: s.count })),
  };
  return { ...toPublicPetition(row, opts.publicOrigin), signatures_by_region: byRegion, timeline: events.map(toTimelineEntry), integrity };
}
