import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getReceipt } from '../domain/signatures/signing.server';
import { getDeps } from '../services/db.server';
import { uuidParam } from '../services/params.server';
import { requireSession } from '../services/session.server';
import { useLocale } from '../ui/locale';
import { formatDateTimeIn } from '../ui/formatters';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const receipt = await getReceipt(getDeps(), session.actor, uuidParam(params.id));
  if (!receipt) throw new Response('Not Found', { status: 404 });
  return { receipt };
}

export default function ReceiptPage() {
  const { receipt: r } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const when = (d: string | Date) => formatDateTimeIn(locale, d);
  const rows: [string, string][] = [
    [t('signing.receiptPage.version'), String(r.version)],
    [t('signing.receiptPage.textHash'), r.textHash],
    [t('signing.receiptPage.signedAt'), when(r.signedAt)],
    [t('signing.receiptPage.credential'), r.credentialId],
    [t('signing.receiptPage.challenge'), r.challenge],
    [t('signing.receiptPage.nonce'), r.nonce],
    [t('signing.receiptPage.authenticatorData'), r.authenticatorData],
    [t('signing.receiptPage.clientData'), r.clientDataJson],
    [t('signing.receiptPage.signature'), r.signature],
  ];
  return (
    <section aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t('signing.receiptPage.title')}</h1>
      <p className="lead">{t('signing.receiptPage.lead')}</p>
      <p>
        {t('signing.receiptPage.petition')}: <Link to={`/petitions/${r.petitionId}`}>№ {r.number} — {r.title}</Link>
      </p>
      {r.withdrawnAt ? <p className="notice">{t('signing.receiptPage.withdrawnNote', { date: when(r.withdrawnAt) })}</p> : null}
      <h2>{t('signing.receiptPage.verification')}</h2>
      <p role="status" className={r.check.valid ? 'success' : 'error'} data-testid="receipt-verdict">
        {r.check.valid ? t('signing.receiptPage.valid') : t('signing.receiptPage.invalid')}
      </p>
      <ul>
        {(Object.keys(r.check.checks) as (keyof typeof r.check.checks)[]).map((k) => (
          <li key={k}>
            {t(`signing.receiptPage.checks.${k}`)}: <strong>{r.check.checks[k] ? t('signing.receiptPage.ok') : t('signing.receiptPage.no')}</strong>
          </li>
        ))}
      </ul>
      <div className="table-scroll">
        <table>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>
                  <code>{v}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
