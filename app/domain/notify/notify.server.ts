import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notifications } from '../../../db/schema';
import { getT, type Locale } from '../../i18n';
import { enqueue } from '../outbox/outbox.server';
import type { Deps } from '../shared/deps';
import { NotFoundError } from '../shared/errors';

/** Templates are i18n keys under `notify.<template>`: each has a subject and a body. */
export const TEMPLATES = [
  'welcome',
  'petitionState',
  'petitionOutcome',
  'petitionMilestone',
  'projectPetitionAnswered',
  // Local issue reports (app/domain/reports/notify.server.ts).
  'reportFiled',
  'reportRouted',
  'reportStep',
  'reportInfoRequested',
  'reportForwarded',
  'reportExtended',
  'reportAnswered',
  'reportFixed',
  'reportEscalated',
  'reportJoined',
  // To akimat officers: a report was escalated to their akimat (app/domain/reports/clocks.server.ts).
  'reportEscalatedToAkimat',
] as const;
export type Template = (typeof TEMPLATES)[number];

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable id so a receiving system can drop a duplicate delivery. */
  messageId: string;
}

/** Sends one email; returns the transport's reference. Implemented in services (nodemailer). */
export interface MailPort {
  /** The portal's public origin, for links in messages (params.path -> url). */
  baseUrl: string;
  send(message: MailMessage): Promise<string>;
}

export interface NewNotification {
  channel: 'email' | 'in_app';
  recipientEmail?: string;
  recipientRef?: string;
  locale: Locale;
  template: Template;
  params?: Record<string, string | number>;
}

/**
 * Records a notification and, for email, the outbox message that delivers it. Call inside the
 * transaction of the event it reports, so the message exists exactly when the event does.
 */
export async function createNotification(tx: Db, input: NewNotification): Promise<number> {
  const [row] = await tx
    .insert(notifications)
    .values({
      channel: input.channel,
      recipientEmail: input.recipientEmail ?? null,
      recipientRef: input.recipientRef ?? null,
      locale: input.locale,
      template: input.template,
      params: input.params ?? {},
      sentAt: input.channel === 'in_app' ? new Date() : null,
    })
    .returning({ id: notifications.id });
  const id = row!.id;
  if (input.channel === 'email') await enqueue(tx, { topic: 'notify.deliver', notificationId: id });
  return id;
}

export function renderNotification(
  template: Template,
  locale: Locale,
  raw: Record<string, string | number>,
  baseUrl = '',
): { subject: string; text: string } {
  const t = getT(locale);
  const params = typeof raw.path === 'string' ? { ...raw, url: `${baseUrl}${raw.path}` } : raw;
  return {
    subject: t(`notify.${template}.subject`, params),
    text: `${t(`notify.${template}.body`, params)}\n\n--\n${t('notify.footer')}`,
  };
}

export type DeliveryOutcome = { kind: 'sent'; ref: string } | { kind: 'already-sent' };

/**
 * Delivers an email notification. The row is locked while sending, and `sent_at` is stamped in
 * the same transaction: a second delivery of the same job finds it sent and does nothing.
 */
export async function deliverNotification(
  deps: Deps,
  mailer: MailPort,
  notificationId: number,
): Promise<DeliveryOutcome> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(eq(notifications.id, notificationId))
      .for('update');
    if (!row) throw new NotFoundError('notification');
    if (row.sentAt) return { kind: 'already-sent' } as const;
    if (row.channel !== 'email' || !row.recipientEmail) {
      await tx.update(notifications).set({ sentAt: deps.clock.now() }).where(eq(notifications.id, row.id));
      return { kind: 'sent', ref: 'in-app' } as const;
    }
    const { subject, text } = renderNotification(row.template as Template, row.locale as Locale, row.params, mailer.baseUrl);
    const ref = await mailer.send({
      to: row.recipientEmail,
      subject,
      text,
      messageId: `<notification-${row.id}@dauys>`,
    });
    await tx
      .update(notifications)
      .set({ sentAt: deps.clock.now(), deliveryRef: ref })
      .where(eq(notifications.id, row.id));
    deps.log.info({ notificationId: row.id, template: row.template }, 'notification sent');
    return { kind: 'sent', ref } as const;
  });
}
