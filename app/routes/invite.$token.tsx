import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { acceptInvite, checkInvite } from '../domain/identity/staff.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { hitLimit } from '../services/rate-limit.server';
import { requestMeta, sessionCookie } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';

function token(params: { token?: string }): string {
  return /^[A-Za-z0-9_-]{20,100}$/.test(params.token ?? '') ? params.token! : '';
}

export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkInvite(getDeps(), token(params));
  return { check };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await csrfForm(request);
  const meta = requestMeta(request);
  const wait = await hitLimit('invite', meta.ip ?? '');
  if (wait) throw new Response('Too many attempts', { status: 429 });
  const outcome = await acceptInvite(getDeps(), getIdentityConfig(), token(params), meta);
  if (outcome.kind === 'refused') return { check: outcome };
  throw redirect('/enroll/passkey?purpose=invite', { headers: { 'Set-Cookie': sessionCookie(outcome.session.token, outcome.session.expiresAt) } });
}

export default function Invite() {
  const { check } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invite-title" className="narrow">
      <h1 id="invite-title">{t('identity.staff.inviteTitle')}</h1>
      {check.kind === 'refused' ? (
        <p role="alert" className="error">
          {t(`identity.staff.inviteRefused.${check.reason}`)}
        </p>
      ) : (
        <>
          <p className="lead">{t('identity.staff.inviteLead', { name: check.displayName, role: t(`identity.roles.${check.role}`) })}</p>
          <Form method="post">
            <CsrfField />
            <button type="submit" className="button primary">
              {t('identity.staff.accept')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
