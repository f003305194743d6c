import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { getAccountOverview, signOutEverywhere } from '../domain/identity/accounts.server';
import { renamePasskey, revokePasskey } from '../domain/identity/passkeys.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { clearSessionCookie, requestMeta, requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useLocale, useNames } from '../ui/locale';
import { formatDateTimeIn } from '../ui/formatters';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const overview = await getAccountOverview(getDeps(), session.accountId);
  if (!overview) throw redirect('/signin');
  const url = new URL(request.url);
  const notice = url.searchParams.get('created') ? 'created' : url.searchParams.get('added') ? 'added' : null;
  return { overview, notice };
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('rename'), passkeyId: z.string().uuid(), name: z.string() }),
  z.object({ intent: z.literal('revoke'), passkeyId: z.string().uuid() }),
  z.object({ intent: z.literal('sign-out-everywhere') }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await csrfForm(request);
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ ok: false, message: 'malformed' }, { status: 400 });
  const deps = getDeps();
  const meta = requestMeta(request);
  const input = parsed.data;
  if (input.intent === 'sign-out-everywhere') {
    await signOutEverywhere(deps, session.actor, meta);
    throw redirect('/signin?notice=signed-out', { headers: { 'Set-Cookie': clearSessionCookie() } });
  }
  const outcome =
    input.intent === 'rename'
      ? await renamePasskey(deps, session.accountId, input.passkeyId, input.name, meta)
      : await revokePasskey(deps, session.accountId, input.passkeyId, meta);
  if (outcome.kind === 'refused') return data({ ok: false, message: outcome.reason }, { status: outcome.reason === 'not-found' ? 404 : 409 });
  return { ok: true, message: outcome.kind };
}

export default function Account() {
  const { overview, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const locale = useLocale();
  const date = (d: string | Date | null) => (d ? formatDateTimeIn(locale, d) : t('identity.account.never'));
  const flash = result ? (result.ok ? t(`identity.account.${result.message}`) : t(`identity.errors.${result.message}`)) : notice ? t(notice === 'created' ? 'identity.passkey.created' : 'identity.account.added') : null;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('identity.account.title')}</h1>
      {flash ? (
        <p role={result && !result.ok ? 'alert' : 'status'} className={result && !result.ok ? 'error' : 'success'} data-testid="account-flash">
          {flash}
        </p>
      ) : null}
      <p>
        <strong>{overview.displayName}</strong>
      </p>
      {overview.residence ? <p>{t('identity.account.residence', { unit: name(overview.residence) })}</p> : null}
      {overview.roles.length > 0 ? (
        <p>
          {t('identity.account.roles', {
            roles: overview.roles.map((r) => `${t(`identity.roles.${r.role}`)}${r.body ? ` (${name(r.body)})` : ''}`).join(', '),
          })}
        </p>
      ) : null}

      <h2>{t('identity.account.passkeysHeading')}</h2>
      <div className="table-scroll">
        <table data-testid="passkey-table">
          <thead>
            <tr>
              <th scope="col">{t('identity.account.name')}</th>
              <th scope="col">{t('identity.account.created')}</th>
              <th scope="col">{t('identity.account.lastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('identity.account.rename')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.passkeys.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name}
                  {p.backedUp ? <span className="badge">{t('identity.account.synced')}</span> : null}
                </th>
                <td>{date(p.createdAt)}</td>
                <td>{date(p.lastUsedAt)}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="rename" />
                    <input type="hidden" name="passkeyId" value={p.id} />
                    <label className="visually-hidden" htmlFor={`name-${p.id}`}>
                      {t('identity.account.newName', { name: p.name })}
                    </label>
                    <input id={`name-${p.id}`} name="name" className="input small" defaultValue={p.name} maxLength={60} />
                    <button type="submit" className="button">
                      {t('identity.account.rename')}
                    </button>
                  </Form>
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="passkeyId" value={p.id} />
                    <button type="submit" className="button danger" aria-label={t('identity.account.revokeConfirm', { name: p.name })}>
                      {t('identity.account.revoke')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to="/account/passkeys/new" className="button">
          {t('identity.account.add')}
        </Link>
      </p>

      <h2>{t('identity.account.sessionsHeading')}</h2>
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <p className="hint">{t('identity.account.signOutEverywhereHint')}</p>
        <button type="submit" className="button">
          {t('identity.account.signOutEverywhere')}
        </button>
      </Form>
      <Form method="post" action="/signout">
        <CsrfField />
        <button type="submit" className="button">
          {t('identity.account.signOut')}
        </button>
      </Form>
    </section>
  );
}
