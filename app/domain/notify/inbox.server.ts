import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import type { Locale } from '../../i18n';
import type { Deps } from '../shared/deps';
import { renderNotification, TEMPLATES, type Template } from './notify.server';

/**
 * A person's in-app notifications (channel `in_app`, recipient_ref = their account id): listed
 * newest first, rendered in the language of the page they read them on, and marked as read. Only
 * the recipient sees or marks their own; someone else's id is "not found" (nothing is revealed).
 */

export interface InboxItem {
  id: number;
  template: Template;
  subject: string;
  /** The message body without the email footer. */
  text: string;
  /** The portal page the message is about (e.g. /petitions/<id>), if any. */
  path: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface Inbox {
  items: InboxItem[];
  unread: number;
}

export const INBOX_PAGE_SIZE = 50;

const isTemplate = (value: string): value is Template => (TEMPLATES as readonly string[]).includes(value);

/** The separator renderNotification puts before the email footer ("you receive this because..."). */
const FOOTER_SEPARATOR = '\n\n--\n';

/**
 * One notification as the inbox shows it: the template rendered with renderNotification in
 * `locale` (links in the text on `baseUrl`, the portal's public origin), and the email footer left
 * out (it speaks of email). `path` stays relative, for the page's own link.
 */
export function renderInboxItem(
  row: { id: number; template: string; params: Record<string, string | number>; createdAt: Date; readAt: Date | null },
  locale: Locale,
  baseUrl = '',
): InboxItem | null {
  if (!isTemplate(row.template)) return null;
  const { subject, text } = renderNotification(row.template, locale, row.params, baseUrl);
  const cut = text.lastIndexOf(FOOTER_SEPARATOR);
  const path = typeof row.params.path === 'string' && row.params.path.startsWith('/') && !row.params.path.startsWith('//') ? row.params.path : null;
  return { id: row.id, template: row.template, subject, text: cut >= 0 ? text.slice(0, cut) : text, path, createdAt: row.createdAt, readAt: row.readAt };
}

const mine = (accountId: string) => and(eq(notifications.channel, 'in_app'), eq(notifications.recipientRef, accountId));

/** The newest in-app notifications of an account and how many are unread. */
export async function listInbox(deps: Pick<Deps, 'db'>, accountId: string, locale: Locale, opts: { limit?: number; baseUrl?: string } = {}): Promise<Inbox> {
  const rows = await deps.db
    .select({ id: notifications.id, template: notifications.template, params: notifications.params, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(mine(accountId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit ?? INBOX_PAGE_SIZE);
  return {
    items: rows.map((r) => renderInboxItem(r, locale, opts.baseUrl)).filter((i): i is InboxItem => i !== null),
    unread: await unreadCount(deps, accountId),
  };
}

export async function unreadCount(deps: Pick<Deps, 'db'>, accountId: string): Promise<number> {
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine(accountId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export type MarkReadOutcome = { kind: 'marked'; count: number } | { kind: 'refused'; reason: 'not-found' };

/**
 * Marks one of the account's notifications, or all of them, as read. Marking one already read
 * succeeds with count 0 (a repeated form post is harmless); another person's id is not found.
 */
export async function markRead(deps: Pick<Deps, 'db' | 'clock'>, accountId: string, target: { id: number } | 'all'): Promise<MarkReadOutcome> {
  const now = deps.clock.now();
  if (target === 'all') {
    const rows = await deps.db
      .update(notifications)
      .set({ readAt: now })
      .where(and(mine(accountId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { kind: 'marked', count: rows.length };
  }
  const [own] = await deps.db.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(and(mine(accountId), eq(notifications.id, target.id)));
  if (!own) return { kind: 'refused', reason: 'not-found' };
  if (own.readAt) return { kind: 'marked', count: 0 };
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, own.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { kind: 'marked', count: rows.length };
}
