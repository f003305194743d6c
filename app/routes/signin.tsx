import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { safeReturnTo } from '../domain/shared/urls';
import { getSession } from '../services/session.server';
import { SignInWithPasskey } from '../ui/passkey-buttons';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get('returnTo'));
  if (session?.stage === 'active') throw redirect(returnTo);
  return { returnTo, notice: url.searchParams.get('notice') };
}

export default function SignIn() {
  const { returnTo, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="signin-title" className="narrow">
      <h1 id="signin-title">{t('identity.signIn.title')}</h1>
      {notice === 'signed-out' ? <p className="success" role="status">{t('identity.signIn.signedOut')}</p> : null}
      <p className="lead">{t('identity.signIn.lead')}</p>
      <SignInWithPasskey returnTo={returnTo} />
      <p>
        {t('identity.signIn.noAccount')} <Link to="/enroll">{t('identity.signIn.enrollLink')}</Link>
      </p>
      <p>
        {t('identity.signIn.lost')} <Link to="/enroll?purpose=recover">{t('identity.signIn.recoverLink')}</Link>
      </p>
    </section>
  );
}
