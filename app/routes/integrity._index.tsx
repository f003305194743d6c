import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { reviewQueue } from '../domain/integrity/review.server';
import { getDeps } from '../services/db.server';
import { requirePermission } from '../services/session.server';
import { useDates } from '../ui/dates';

/** The moderators' integrity queue: petitions with signatures held for review, most held first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'integrity:review');
  const queue = await reviewQueue(getDeps(), session.actor);
  return { queue };
}

export default function IntegrityQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { when, num } = useDates();
  return (
    <section aria-labelledby="integrity-queue-title">
      <h1 id="integrity-queue-title">{t('integrityReview.queue.title')}</h1>
      <p className="lead">{t('integrityReview.queue.lead')}</p>
      {queue.length === 0 ? (
        <p data-testid="integrity-queue-empty">{t('integrityReview.queue.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="integrity-queue">
            <caption>{t('integrityReview.queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrityReview.queue.number')}</th>
                <th scope="col">{t('integrityReview.queue.petition')}</th>
                <th scope="col">{t('integrityReview.queue.stage')}</th>
                <th scope="col">{t('integrityReview.queue.held')}</th>
                <th scope="col">{t('integrityReview.queue.since')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((item) => (
                <tr key={item.petitionId} data-testid="integrity-queue-row" data-petition={item.petitionId} data-held={item.held}>
                  <td className="num">{item.number}</td>
                  <th scope="row">
                    <Link to={`/integrity/${item.petitionId}`}>{item.title}</Link>
                  </th>
                  <td>{t(`petitions.state.${item.state}`)}</td>
                  <td className="num">{num(item.held)}</td>
                  <td>{when(item.oldestHeldAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
