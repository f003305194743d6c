import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listMySignatures } from '../domain/signatures/signing.server';
import { getDeps } from '../services/db.server';
import { requireSession } from '../services/session.server';
import { useLocale } from '../ui/locale';
import { formatDateIn } from '../ui/formatters';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  return { signatures: await listMySignatures(getDeps(), session.actor) };
}

export default function MySignatures() {
  const { signatures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const when = (d: string | Date) => formatDateIn(locale, d);
  return (
    <section aria-labelledby="mine-title">
      <h1 id="mine-title">{t('signing.mine.title')}</h1>
      {signatures.length === 0 ? (
        <p>{t('signing.mine.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="my-signatures">
            <thead>
              <tr>
                <th scope="col">{t('signing.mine.petition')}</th>
                <th scope="col">{t('signing.mine.state')}</th>
                <th scope="col">{t('signing.mine.signedAt')}</th>
                <th scope="col">{t('signing.mine.status')}</th>
                <th scope="col">{t('signing.mine.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {signatures.map((s) => (
                <tr key={s.signatureId}>
                  <th scope="row">
                    <Link to={`/petitions/${s.petitionId}`}>
                      № {s.number} — {s.title}
                    </Link>
                  </th>
                  <td>{t(`petitions.state.${s.petitionState}`)}</td>
                  <td>{when(s.signedAt)}</td>
                  <td>{s.withdrawnAt ? t('signing.mine.withdrawnOn', { date: when(s.withdrawnAt) }) : t('signing.mine.live')}</td>
                  <td>
                    <Link to={`/signatures/${s.signatureId}`}>{t('signing.mine.receipt')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
