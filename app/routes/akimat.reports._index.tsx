import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { staffInbox } from '../domain/reports/staff.server';
import { DomainError } from '../domain/shared/errors';
import { REPORT_STATUSES } from '../domain/reports/states';
import { getDeps } from '../services/db.server';
import { requireSession } from '../services/session.server';
import { useDates } from '../ui/dates';
import { useNames } from '../ui/locale';
import { StaffClock } from '../ui/reports/staff';

/** The akimat officer's inbox: reports assigned or escalated to their akimats (filters by GET). */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
  try {
    const inbox = await staffInbox(getDeps(), session.actor, raw);
    const done = url.searchParams.get('done');
    const number = url.searchParams.get('number');
    const flash = done === 'forward' && number && /^R-\d{4}-\d{6,}$/.test(number) ? { done, number } : null;
    return { inbox, flash, statuses: REPORT_STATUSES };
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}

export default function AkimatReportsInbox() {
  const { inbox, flash, statuses } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const { date, day } = useDates();
  const f = inbox.filters;
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('reportStaff.inbox.title')}</h1>
      <p className="lead">{t('reportStaff.inbox.lead')}</p>
      <p className="muted">{t('reportStaff.inbox.akimats', { list: inbox.akimats.map((a) => name(a)).join('; ') })}</p>
      {flash ? (
        <p role="status" className="success" data-testid="inbox-flash">
          {t('reportStaff.report.done', { event: t('reportStaff.event.forward') })} {flash.number}
        </p>
      ) : null}

      <Form method="get" className="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('reportStaff.inbox.filters')}</h2>
        <p>
          <label htmlFor="f-status">{t('reportStaff.inbox.status')}</label>{' '}
          <select id="f-status" name="status" defaultValue={f.status}>
            <option value="open">{t('reportStaff.inbox.statusOpen')}</option>
            <option value="all">{t('reportStaff.inbox.statusAll')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`reportStaff.status.${s}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="f-category">{t('reportStaff.inbox.category')}</label>{' '}
          <select id="f-category" name="category" defaultValue={f.category ?? ''}>
            <option value="">{t('reportStaff.inbox.any')}</option>
            {inbox.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {name(c)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="f-district">{t('reportStaff.inbox.district')}</label>{' '}
          <select id="f-district" name="district" defaultValue={f.district ?? ''}>
            <option value="">{t('reportStaff.inbox.any')}</option>
            {inbox.districts.map((d) => (
              <option key={d.kato} value={d.kato}>
                {name(d)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <input type="checkbox" id="f-overdue" name="overdue" value="1" defaultChecked={Boolean(f.overdue)} /> <label htmlFor="f-overdue">{t('reportStaff.inbox.overdue')}</label>
        </p>
        <p>
          <input type="checkbox" id="f-week" name="week" value="1" defaultChecked={Boolean(f.week)} /> <label htmlFor="f-week">{t('reportStaff.inbox.week')}</label>
        </p>
        <p>
          <button type="submit">{t('reportStaff.inbox.apply')}</button> <Link to="/akimat/reports">{t('reportStaff.inbox.reset')}</Link>
        </p>
      </Form>

      {inbox.items.length === 0 ? (
        <p data-testid="inbox-empty">{t('reportStaff.inbox.empty')}</p>
      ) : (
        <>
          <p data-testid="inbox-summary">
            {t('reportStaff.inbox.count', { count: inbox.total })}
            {inbox.total > inbox.items.length ? ` ${t('reportStaff.inbox.shownFirst', { count: inbox.items.length })}` : null}
          </p>
          <div className="table-scroll">
            <table data-testid="reports-inbox">
              <caption>{t('reportStaff.inbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reportStaff.inbox.number')}</th>
                  <th scope="col">{t('reportStaff.inbox.report')}</th>
                  <th scope="col">{t('reportStaff.inbox.place')}</th>
                  <th scope="col">{t('reportStaff.inbox.registered')}</th>
                  <th scope="col">{t('reportStaff.inbox.due')}</th>
                  <th scope="col">{t('reportStaff.inbox.state')}</th>
                </tr>
              </thead>
              <tbody>
                {inbox.items.map((item) => (
                  <tr key={item.id} data-testid="inbox-row" data-report={item.number} data-overdue={item.overdue ? 'true' : 'false'}>
                    <th scope="row">
                      <Link to={`/akimat/reports/${item.number}`}>{item.number}</Link>
                    </th>
                    <td>
                      <strong>{name(item.category)}</strong>
                      <br />
                      {item.description}
                    </td>
                    <td>
                      {item.place ? name(item.place) : '—'}
                      {item.addressText ? (
                        <>
                          <br />
                          {item.addressText}
                        </>
                      ) : null}
                    </td>
                    <td>{day(item.registeredAt)}</td>
                    <td>
                      {item.answerDueOn ? date(item.answerDueOn) : t('reportStaff.inbox.noDue')}
                      <br />
                      <StaffClock clock={item.clock} />
                    </td>
                    <td>
                      {t(`reportStaff.status.${item.status}`)}
                      {item.overdue ? (
                        <>
                          {' '}
                          <strong className="badge error">{t('reportStaff.inbox.overdueMark')}</strong>
                        </>
                      ) : null}
                      {item.escalated ? (
                        <>
                          {' '}
                          <span className="badge">{item.escalatedHere ? t('reportStaff.inbox.escalatedHere') : t('reportStaff.inbox.escalatedMark')}</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
