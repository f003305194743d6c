import { and, eq } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import { createNotification } from '../notify/notify.server';
import { localBodies, staffRoles, units } from '../../../db/schema';
import type { IdentityConfig } from '../identity/config';
import { inviteFromCommandLine } from '../identity/staff.server';
import type { Deps } from '../shared/deps';

export const DEMO_MAILBOX = 'demo@dauys.local';

/**
 * Demo content for local runs (DEMO on). Idempotent: content that exists is left alone.
 * Today: a welcome email to the demo mailbox, delivered through outbox -> queue -> worker, so a
 * fresh `npm start` shows the job pipeline working (see .data/mail).
 */
export async function seedDemoContent(deps: Pick<Deps, 'db'>): Promise<{ created: number }> {
  return deps.db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.recipientEmail, DEMO_MAILBOX), eq(notifications.template, 'welcome')));
    if (existing.length > 0) return { created: 0 };
    await createNotification(tx, {
      channel: 'email',
      recipientEmail: DEMO_MAILBOX,
      locale: 'kk',
      template: 'welcome',
      params: { name: 'Demo' },
    });
    return { created: 1 };
  });
}

/**
 * Demo runs: one-time invitations for each staff role that nobody holds yet (administrator,
 * moderator, project analyst, and an officer of the Astana city akimat and its district akimats), so a person trying the
 * portal — or an end-to-end test — can reach the staff side. Returns role -> token.
 */
export async function demoStaffInvites(deps: Deps, cfg: Pick<IdentityConfig, 'inviteTtlMs'>): Promise<Record<string, string>> {
  const held = new Set((await deps.db.select({ role: staffRoles.role }).from(staffRoles)).map((r) => r.role));
  const [astana] = await deps.db
    .select({ id: localBodies.id })
    .from(localBodies)
    .where(and(eq(localBodies.unitKato, '710000000'), eq(localBodies.kind, 'akimat')));
  // The demo officer also serves Astana's district akimats, where most demo reports are routed.
  const astanaDistricts = (
    await deps.db
      .select({ id: localBodies.id })
      .from(localBodies)
      .innerJoin(units, eq(units.kato, localBodies.unitKato))
      .where(and(eq(units.parentKato, '710000000'), eq(localBodies.kind, 'akimat')))
  ).map((r) => r.id);
  const [almaty] = await deps.db
    .select({ id: localBodies.id })
    .from(localBodies)
    .where(and(eq(localBodies.unitKato, '750000000'), eq(localBodies.kind, 'akimat')));
  const wanted: { key: string; role: string; name: string; bodyIds?: number[] }[] = [
    { key: 'administrator', role: 'administrator', name: 'Demo Administrator' },
    { key: 'moderator', role: 'moderator', name: 'Demo Moderator' },
    { key: 'project_analyst', role: 'project_analyst', name: 'Demo Project Analyst' },
    ...(astana ? [{ key: `akimat_officer:${astana.id}`, role: 'akimat_officer', name: 'Demo Astana Officer', bodyIds: [astana.id, ...astanaDistricts] }] : []),
    // A second officer of the same akimats for the reports walk-through (each invitation is single-use).
    ...(astana ? [{ key: `reports_officer:${astana.id}`, role: 'akimat_officer', name: 'Demo Astana Reports Officer', bodyIds: [astana.id, ...astanaDistricts] }] : []),
    // An officer of another city's akimat: sees only Almaty's reports.
    ...(almaty ? [{ key: `almaty_officer:${almaty.id}`, role: 'akimat_officer', name: 'Demo Almaty Officer', bodyIds: [almaty.id] }] : []),
  ];
  const out: Record<string, string> = {};
  for (const w of wanted) {
    if (held.has(w.role)) continue;
    const outcome = await inviteFromCommandLine(deps, cfg, { displayName: w.name, role: w.role, bodyIds: w.bodyIds ?? [] });
    if (outcome.kind === 'invited') out[w.key] = outcome.token;
  }
  return out;
}
