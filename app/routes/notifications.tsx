import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { listInbox, markRead } from '../domain/notify/inbox.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { resolveLocale } from '../services/locale.server';
import { requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import type { Locale } from '../i18n';

/** The signed-in person's in-app notifications, newest first; mark one or all as read. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const locale = resolveLocale(request);
  const inbox = await listInbox(getDeps(), session.accountId, locale, { baseUrl: getEnv().publicOrigin });
  // Formatted on the server: the browser may lack the locale data (Debian's Chromium has no Kazakh).
  const times = Object.fromEntries(inbox.items.map((n) => [n.id, formatInstant(locale, n.createdAt)]));
  const marked = new URL(request.url).searchParams.get('marked');
  return { inbox, times, marked: marked !== null && /^[0-9]{1,6}$/.test(marked) ? Number(marked) : null };
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('read-all') }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const session = await requireSession(request);
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: 'moderation.errors.invalid' }, { status: 400 });
  const outcome = await markRead(getDeps(), session.accountId, parsed.data.intent === 'read-all' ? 'all' : { id: parsed.data.id });
  if (outcome.kind === 'refused') return data({ error: 'moderation.errors.not-found' }, { status: 404 });
  throw redirect(`/notifications?marked=${outcome.count}`);
}

export default function Notifications() {
  const { inbox, times, marked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('moderation.inbox.title')}</h1>
      {marked !== null ? (
        <p role="status" className="success">
          {t('moderation.inbox.marked', { count: marked })}
        </p>
      ) : null}
      {result?.error ? (
        <p role="alert" className="error">
          {t(result.error)}
        </p>
      ) : null}
      {inbox.items.length === 0 ? (
        <p>{t('moderation.inbox.empty')}</p>
      ) : (
        <>
          <p data-testid="inbox-unread">{t('moderation.inbox.unread', { count: inbox.unread })}</p>
          {inbox.unread > 0 ? (
            <Form method="post" className="inline-form">
              <CsrfField />
              <input type="hidden" name="intent" value="read-all" />
              <button type="submit" className="button">
                {t('moderation.inbox.markAllRead')}
              </button>
            </Form>
          ) : null}
          <ol className="stack" data-testid="inbox">
            {inbox.items.map((n) => (
              <li key={n.id} className="card" data-testid="notification" data-template={n.template} data-read={n.readAt ? 'true' : 'false'}>
                <h2 className="card-title">
                  {n.subject}
                  {n.readAt ? null : <span className="badge">{t('moderation.inbox.new')}</span>}
                </h2>
                <p className="muted">
                  <time dateTime={n.createdAt.toISOString()}>{times[n.id]}</time>
                </p>
                <p style={{ whiteSpace: 'pre-line' }}>{n.text}</p>
                {n.path ? (
                  <p>
                    <Link to={n.path}>{t('moderation.inbox.open')}</Link>
                  </p>
                ) : null}
                {n.readAt ? null : (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="button small" aria-label={t('moderation.inbox.markReadLabel', { subject: n.subject })}>
                      {t('moderation.inbox.markRead')}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function formatInstant(locale: Locale, instant: Date): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : `${locale}-KZ`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(instant);
}
