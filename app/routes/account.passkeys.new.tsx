import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { requireSession } from '../services/session.server';
import { CreatePasskey } from '../ui/passkey-buttons';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return null;
}

export default function AddPasskey() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="add-title" className="narrow">
      <h1 id="add-title">{t('identity.account.add')}</h1>
      <p className="lead">{t('identity.passkey.lead')}</p>
      <CreatePasskey defaultName={t('identity.passkey.defaultName')} />
    </section>
  );
}
