import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { myReports } from '../domain/reports/citizen.server';
import { getDeps } from '../services/db.server';
import { requireSession } from '../services/session.server';
import { useDates } from '../ui/dates';
import { useNames } from '../ui/locale';
import styles from '../styles/reports-filing.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  return { reports: await myReports(getDeps().db, session.accountId), citizen: session.actor.kind === 'citizen' };
}

export default function MyReports() {
  const { reports, citizen } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const dates = useDates();
  const k = 'reportFiling.my';
  return (
    <section aria-labelledby="my-reports-title">
      <h1 id="my-reports-title">{t(`${k}.title`)}</h1>
      <p className="lead">{t(`${k}.lead`)}</p>
      {citizen ? (
        <p>
          <Link to="/reports/new" className="button primary">
            {t(`${k}.new`)}
          </Link>
        </p>
      ) : null}
      {reports.length === 0 ? (
        <p>{t(`${k}.empty`)}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="my-reports">
            <thead>
              <tr>
                <th scope="col">{t(`${k}.number`)}</th>
                <th scope="col">{t(`${k}.category`)}</th>
                <th scope="col">{t(`${k}.place`)}</th>
                <th scope="col">{t(`${k}.status`)}</th>
                <th scope="col">{t(`${k}.registered`)}</th>
                <th scope="col">{t(`${k}.answerDue`)}</th>
                <th scope="col">{t(`${k}.role`)}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-number={r.registrationNumber}>
                  <th scope="row">
                    <Link to={`/my/reports/${r.registrationNumber}`}>{r.registrationNumber}</Link>
                  </th>
                  <td>{name(r.category)}</td>
                  <td>
                    {r.place ? name(r.place) : ''}
                    {r.addressText ? `, ${r.addressText}` : ''}
                  </td>
                  <td>{t(`reportFiling.status.${r.status}`)}</td>
                  <td>{dates.date(r.registeredOn)}</td>
                  <td>{dates.date(r.answerDueOn)}</td>
                  <td>{t(`reportFiling.role.${r.role}`, { defaultValue: r.role })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
