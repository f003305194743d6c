import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { accounts, follows, nationalProjects, notifications, petitionProjectLinks, petitions, petitionVersions, signatures } from '../../../db/schema';
import type { Actor } from '../identity/permissions';
import type { Template } from '../notify/notify.server';
import { createNotification } from '../notify/notify.server';
import type { Deps } from '../shared/deps';
import { ForbiddenError } from '../shared/errors';
import type { Refusal } from './office.server';
import { projectNames } from './project-names.server';

// =============================================================================================
// Followers

export const FOLLOW_SUBJECTS = ['project', 'petition'] as const;
export type FollowSubject = (typeof FOLLOW_SUBJECTS)[number];

const FollowInput = z.object({ type: z.enum(FOLLOW_SUBJECTS), id: z.string().trim().min(1).max(64) });

/** A signed-in person follows a project (by code) or a petition (by id): told when a linked petition is answered. */
export async function followSubject(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, input: unknown): Promise<{ kind: 'following' } | Refusal<'not-found'>> {
  if (!actor) throw new ForbiddenError('forbidden.follow');
  const parsed = FollowInput.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'not-found' };
  const { type, id } = parsed.data;
  const exists =
    type === 'project'
      ? (await deps.db.select({ code: nationalProjects.code }).from(nationalProjects).where(eq(nationalProjects.code, id))).length > 0
      : /^[0-9a-f-]{36}$/i.test(id) && (await deps.db.select({ id: petitions.id }).from(petitions).where(eq(petitions.id, id.toLowerCase()))).length > 0;
  if (!exists) return { kind: 'refused', reason: 'not-found' };
  await deps.db
    .insert(follows)
    .values({ accountId: actor.accountId, subjectType: type, subjectId: type === 'petition' ? id.toLowerCase() : id, createdAt: deps.clock.now() })
    .onConflictDoNothing();
  return { kind: 'following' };
}

/** Stops following (no error when the person did not follow). */
export async function unfollowSubject(deps: Pick<Deps, 'db'>, actor: Actor | null, input: unknown): Promise<{ kind: 'not-following' }> {
  if (!actor) throw new ForbiddenError('forbidden.follow');
  const parsed = FollowInput.safeParse(input);
  if (parsed.success) {
    const id = parsed.data.type === 'petition' ? parsed.data.id.toLowerCase() : parsed.data.id;
    await deps.db
      .delete(follows)
      .where(and(eq(follows.accountId, actor.accountId), eq(follows.subjectType, parsed.data.type), eq(follows.subjectId, id)));
  }
  return { kind: 'not-following' };
}

export async function isFollowing(deps: Pick<Deps, 'db'>, accountId: string, type: FollowSubject, id: string): Promise<boolean> {
  const rows = await deps.db
    .select({ a: follows.accountId })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subjectType, type), eq(follows.subjectId, id)))
    .limit(1);
  return rows.length > 0;
}

/** The notification template of notifyProjectFollowers (its kk/ru/en strings live under notify.projectPetitionAnswered). */
export const PROJECT_FOLLOWER_TEMPLATE: string = 'projectPetitionAnswered';

const LOCALES = ['kk', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];

/**
 * When a petition linked to national projects is answered: an in-app notification to everyone who
 * follows one of those projects or the petition itself. Call in the transaction that records the
 * answer (next to the signers' notification). Rules:
 *   - only confirmed links count; a petition with none notifies nobody here;
 *   - each person is told once, whatever they follow, and however often this is called for the petition;
 *   - signers who asked to hear of the outcome are left out (they get `petitionOutcome` already);
 *   - disabled accounts are left out;
 *   - params: name (the recipient's display name), title, number, decision, path (/petitions/<id>)
 *     and `projects` (the linked projects' names in the recipient's language, joined with "; ").
 * Returns the number of notifications created.
 */
export async function notifyProjectFollowers(tx: Db, petitionId: string): Promise<number> {
  const [p] = await tx
    .select({ id: petitions.id, number: petitions.number, decision: petitions.decision, title: petitionVersions.title })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(eq(petitions.id, petitionId));
  if (!p) return 0;
  const projects = await tx
    .select({ code: nationalProjects.code, ...projectNames })
    .from(petitionProjectLinks)
    .innerJoin(nationalProjects, eq(nationalProjects.code, petitionProjectLinks.projectCode))
    .where(and(eq(petitionProjectLinks.petitionId, petitionId), eq(petitionProjectLinks.status, 'confirmed')))
    .orderBy(asc(nationalProjects.sortOrder));
  if (projects.length === 0) return 0;
  const followers = await tx
    .selectDistinct({ id: accounts.id, locale: accounts.locale, name: accounts.displayName })
    .from(follows)
    .innerJoin(accounts, sql`${accounts.id} = ${follows.accountId}`)
    .where(
      and(
        sql`${accounts.disabledAt} is null`,
        sql`((${follows.subjectType} = 'project' and ${inArray(follows.subjectId, projects.map((x) => x.code))}) or (${follows.subjectType} = 'petition' and ${follows.subjectId} = ${petitionId}))`,
        sql`not exists (select 1 from ${signatures} s where s.petition_id = ${petitionId} and s.account_id = ${accounts.id} and s.notify_on_outcome and s.withdrawn_at is null)`,
        // Told already (a second call for the same answer sends nothing).
        sql`not exists (select 1 from ${notifications} n where n.recipient_ref = ${accounts.id}::text and n.template = ${PROJECT_FOLLOWER_TEMPLATE} and n.params->>'path' = ${`/petitions/${petitionId}`})`,
      ),
    )
    .orderBy(asc(accounts.id));
  for (const f of followers) {
    const locale: Locale = (LOCALES as readonly string[]).includes(f.locale) ? (f.locale as Locale) : 'kk';
    const names = projects.map((x) => (locale === 'kk' ? x.nameKk : locale === 'ru' ? x.nameRu : x.nameEn)).join('; ');
    await createNotification(tx, {
      channel: 'in_app',
      recipientRef: f.id,
      locale,
      // A template the lead registers in TEMPLATES (notify.server.ts) with its strings; see the report.
      template: PROJECT_FOLLOWER_TEMPLATE as Template,
      params: { name: f.name, title: p.title, number: p.number, decision: p.decision ?? '', path: `/petitions/${p.id}`, projects: names },
    });
  }
  return followers.length;
}
