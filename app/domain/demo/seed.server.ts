import { and, eq } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import { createNotification } from '../notify/notify.server';
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
