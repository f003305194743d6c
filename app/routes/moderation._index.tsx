import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { moderationQueue, type AddresseeRef } from '../domain/petitions/moderation.server';
import { getDeps } from '../services/db.server';
import { requirePermission } from '../services/session.server';
import { useNames } from '../ui/locale';
import { useDates } from '../ui/dates';
import { ClockBadge } from '../ui/petitions/staff';

/** The moderators' queue: petitions in moderation, oldest first, overdue ones marked. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'petition:moderate');
  const queue = await moderationQueue(getDeps(), session.actor);
  const url = new URL(request.url);
  const done = url.searchParams.get('done');
  const number = Number(url.searchParams.get('number'));
  const flash = (done === 'approved' || done === 'rejected') && Number.isSafeInteger(number) && number > 0 ? { done, number } : null;
  return { queue, flash };
}

function useAddresseeName(): (a: AddresseeRef) => string {
  const { t } = useTranslation();
  const name = useNames();
  return (a) => (a.body ? name(a.body) : t(`petitions.addressee.${a.kind}`));
}

export default function ModerationQueue() {
  const { queue, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const addressee = useAddresseeName();
  const { date, day } = useDates();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('moderation.queue.title')}</h1>
      <p className="lead">{t('moderation.queue.lead')}</p>
      {flash ? (
        <p role="status" className="success" data-testid="moderation-flash">
          {t(`moderation.queue.${flash.done}`, { number: flash.number })}
        </p>
      ) : null}
      {queue.total === 0 ? (
        <p data-testid="queue-empty">{t('moderation.queue.empty')}</p>
      ) : (
        <>
          <p data-testid="queue-summary">
            {t('moderation.queue.waiting', { count: queue.total })}
            {queue.overdue > 0 ? <strong className="error">{`; ${t('moderation.queue.overdue', { count: queue.overdue })}`}</strong> : null}
            {queue.total > queue.items.length ? ` ${t('moderation.queue.shownFirst', { count: queue.items.length })}` : null}
          </p>
          <div className="table-scroll">
            <table data-testid="moderation-queue">
              <caption>{t('moderation.queue.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('moderation.queue.number')}</th>
                  <th scope="col">{t('moderation.queue.petition')}</th>
                  <th scope="col">{t('moderation.queue.addressee')}</th>
                  <th scope="col">{t('moderation.queue.author')}</th>
                  <th scope="col">{t('moderation.queue.submitted')}</th>
                  <th scope="col">{t('moderation.queue.due')}</th>
                  <th scope="col">{t('moderation.queue.deadline')}</th>
                  <th scope="col">{t('moderation.queue.similar')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((item) => (
                  <tr key={item.id} data-testid="queue-row" data-petition={item.id} data-overdue={item.clock?.status === 'overdue' ? 'true' : 'false'}>
                    <td className="num">{item.number}</td>
                    <th scope="row">
                      <Link to={`/moderation/${item.id}`}>{item.title}</Link>
                    </th>
                    <td>{addressee(item.addressee)}</td>
                    <td>{item.authorName}</td>
                    <td>{day(item.submittedAt)}</td>
                    <td>{date(item.moderationDueOn)}</td>
                    <td>
                      <ClockBadge clock={item.clock} />
                    </td>
                    <td>
                      {item.similar.length === 0 ? (
                        t('moderation.queue.noSimilar')
                      ) : (
                        <span title={item.similar.map((s) => `№ ${s.number}: ${s.title}`).join('\n')}>{t('moderation.queue.similarCount', { count: item.similar.length })}</span>
                      )}
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
