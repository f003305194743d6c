import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { petitionProjectLinks, petitions, petitionVersions } from '../../../db/schema';
import type { Deps } from '../shared/deps';
import type { Linker } from './linking';
import { type ExistingLink, planLinkChanges, toExplanation } from './link-rules';
import { getLinker } from './linker.server';

// =============================================================================================
// The worker: suggestions for one petition, for all

export type LinkOutcome =
  | { kind: 'linked'; petitionId: string; versionId: string; suggested: string[]; removed: string[]; decided: string[] }
  | { kind: 'gone'; petitionId: string };

/** Advisory-lock namespace of the linker's writes for one petition (second key: hash of the id). */
const LINK_LOCK = 7_366_020;

async function linkWith(deps: Pick<Deps, 'db' | 'clock'>, linker: Linker, petitionId: string): Promise<LinkOutcome> {
  return deps.db.transaction(async (tx) => {
    // Jobs for one petition (created, then edited) take turns; other petitions are not blocked.
    await tx.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK}, hashtext(${petitionId}))`);
    const [p] = await tx
      .select({ versionId: petitionVersions.id, title: petitionVersions.title, body: petitionVersions.body })
      .from(petitions)
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .where(eq(petitions.id, petitionId));
    if (!p) return { kind: 'gone', petitionId } as const;
    const suggestions = linker.score(`${p.title}\n${p.body}`);
    const existing = await tx
      .select({ projectCode: petitionProjectLinks.projectCode, status: petitionProjectLinks.status, origin: petitionProjectLinks.origin })
      .from(petitionProjectLinks)
      .where(eq(petitionProjectLinks.petitionId, petitionId));
    const plan = planLinkChanges(existing as ExistingLink[], suggestions);
    const now = deps.clock.now();
    for (const s of plan.write) {
      await tx
        .insert(petitionProjectLinks)
        .values({
          petitionId,
          projectCode: s.code,
          status: 'suggested',
          origin: 'linker',
          score: s.score,
          explanation: toExplanation(s, linker.options.threshold),
          versionId: p.versionId,
          suggestedAt: now,
        })
        .onConflictDoUpdate({
          target: [petitionProjectLinks.petitionId, petitionProjectLinks.projectCode],
          set: {
            score: sql`excluded.score`,
            explanation: sql`excluded.explanation`,
            // The queue keeps its order while the text is the same; a new text is a new suggestion.
            suggestedAt: sql`case when ${petitionProjectLinks.versionId} is distinct from excluded.version_id then excluded.suggested_at else ${petitionProjectLinks.suggestedAt} end`,
            versionId: sql`excluded.version_id`,
          },
          // Never a row a person decided, even one decided since it was read above.
          setWhere: sql`${petitionProjectLinks.status} = 'suggested' and ${petitionProjectLinks.origin} = 'linker'`,
        });
    }
    if (plan.remove.length > 0) {
      await tx
        .delete(petitionProjectLinks)
        .where(
          and(
            eq(petitionProjectLinks.petitionId, petitionId),
            inArray(petitionProjectLinks.projectCode, plan.remove),
            eq(petitionProjectLinks.status, 'suggested'),
            eq(petitionProjectLinks.origin, 'linker'),
          ),
        );
    }
    return { kind: 'linked', petitionId, versionId: p.versionId, suggested: plan.write.map((s) => s.code), removed: plan.remove, decided: plan.decided } as const;
  });
}

/** Job `petition.link`: scores the petition's current text and updates its suggestions (idempotent). */
export async function linkPetition(deps: Deps, petitionId: string): Promise<LinkOutcome> {
  const { linker } = await getLinker(deps);
  return linkWith(deps, linker, petitionId);
}

export interface RelinkReport {
  petitions: number;
  suggested: number;
  removed: number;
  ms: number;
}

/**
 * Job `projects.relink`: re-scores every petition (drafts too: their suggestions wait for
 * publication) with the current linker, in id order, one short transaction per petition.
 */
export async function relinkAll(deps: Deps, opts: { pageSize?: number } = {}): Promise<RelinkReport> {
  const t0 = performance.now();
  const { linker } = await getLinker(deps);
  const pageSize = opts.pageSize ?? 200;
  const report: RelinkReport = { petitions: 0, suggested: 0, removed: 0, ms: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await deps.db
      .select({ id: petitions.id })
      .from(petitions)
      .where(sql`${petitions.id} > ${after}`)
      .orderBy(asc(petitions.id))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const { id } of page) {
      const r = await linkWith(deps, linker, id);
      if (r.kind !== 'linked') continue;
      report.petitions++;
      report.suggested += r.suggested.length;
      report.removed += r.removed.length;
    }
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) break;
  }
  report.ms = Math.round(performance.now() - t0);
  deps.log.info(report, 'petitions relinked');
  return report;
}
