import { and, eq } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import { createNotification } from '../notify/notify.server';
import { staffRoles } from '../../../db/schema';
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
 * Demo runs: while no administrator exists, a fresh one-time administrator invitation is made at
 * each start so the person trying the portal can reach the staff side. Returns its token.
 */
export async function demoAdministratorInvite(deps: Deps, cfg: Pick<IdentityConfig, 'inviteTtlMs'>): Promise<string | null> {
  const admins = await deps.db.select({ id: staffRoles.id }).from(staffRoles).where(eq(staffRoles.role, 'administrator')).limit(1);
  if (admins.length > 0) return null;
  const outcome = await inviteFromCommandLine(deps, cfg, { displayName: 'Demo Administrator', role: 'administrator' });
  return outcome.kind === 'invited' ? outcome.token : null;
}
