import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Notifications to people: one row a message, rendered in the recipient's language when delivered.
 * `in_app` rows are shown in the portal; `email` rows are sent by the notify worker.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    recipientEmail: text('recipient_email'),
    recipientRef: text('recipient_ref'),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    deliveryRef: text('delivery_ref'),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientRef, t.createdAt),
    check('notifications_channel_check', sql`${t.channel} in ('email', 'in_app')`),
    check('notifications_locale_check', sql`${t.locale} in ('kk', 'ru', 'en')`),
    check(
      'notifications_email_has_address',
      sql`${t.channel} <> 'email' or ${t.recipientEmail} is not null`,
    ),
  ],
);
