import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireEnrollingSession } from '../services/session.server';
import { CreatePasskey } from '../ui/passkey-buttons';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireEnrollingSession(request);
  const url = new URL(request.url);
  return { purpose: session.purpose, existing: url.searchParams.get('existing') === '1', stage: session.stage };
}

export default function EnrollPasskey() {
  const { purpose, existing } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="passkey-title" className="narrow">
      <h1 id="passkey-title">{t('identity.passkey.title')}</h1>
      <p className="lead">{t('identity.passkey.lead')}</p>
      {purpose === 'recover' ? <p className="notice">{t('identity.passkey.recoveryWarning')}</p> : null}
      {purpose === 'enroll' && existing ? <p className="notice">{t('identity.passkey.existing')}</p> : null}
      {purpose === 'invite' ? <p className="notice">{t('identity.passkey.inviteNote')}</p> : null}
      <CreatePasskey defaultName={t('identity.passkey.defaultName')} />
    </section>
  );
}
