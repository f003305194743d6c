import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { REASON_MAX, decideCluster, listHeld, petitionForReview, type HeldCluster } from '../domain/integrity/review.server';
import { listTrending } from '../domain/integrity/trending.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { resolveLocale } from '../services/locale.server';
import { uuidParam } from '../services/params.server';
import { requestMeta, requirePermission } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { formatDateTimeIn } from '../ui/formatters';
import { useLocale } from '../ui/locale';

/**
 * One petition's held and invalidated signatures, grouped into clusters with their evidence; one
 * plain HTML form per cluster (reason required; invalidate or restore). Works without JavaScript.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'integrity:review');
  const deps = getDeps();
  const id = uuidParam(params.petitionId);
  const header = await petitionForReview(deps, session.actor, id);
  if (!header) throw new Response('Not Found', { status: 404 });
  const [clusters, trending] = await Promise.all([listHeld(deps, session.actor, id, resolveLocale(request)), listTrending(deps, session.actor, id)]);
  const url = new URL(request.url);
  const done = url.searchParams.get('done');
  const count = Number(url.searchParams.get('count'));
  const flash = (done === 'invalidate' || done === 'restore') && Number.isSafeInteger(count) && count >= 0 ? { done, count } : null;
  return { header, clusters, trending, flash, reasonMax: REASON_MAX };
}

type ActionResult = { error: string; cluster: string; reason: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const session = await requirePermission(request, 'integrity:review');
  const id = uuidParam(params.petitionId);
  const decision = String(form.get('decision') ?? '');
  const reason = String(form.get('reason') ?? '').slice(0, REASON_MAX * 4);
  const cluster = String(form.get('cluster') ?? '').slice(0, 200);
  const outcome = await decideCluster(
    getDeps(),
    session.actor,
    { petitionId: id, signatureIds: form.getAll('id').map(String), decision: decision as 'invalidate' | 'restore', reason },
    requestMeta(request),
  );
  if (outcome.kind === 'refused') return data<ActionResult>({ error: `integrityReview.review.errors.${outcome.reason}`, cluster, reason }, { status: 422 });
  throw redirect(`/integrity/${id}?done=${decision}&count=${outcome.changed}`);
}

function ClusterCard({ c, failed, reasonMax }: { c: HeldCluster; failed: ActionResult | undefined; reasonMax: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formKey = `${c.status}|${c.key}`;
  const error = failed && failed.cluster === formKey ? failed : undefined;
  const reasonId = `reason-${c.status}-${c.key.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <div className="card" data-testid="integrity-cluster" data-kind={c.kind} data-status={c.status} data-count={c.count} data-key={c.key}>
      <h3 className="card-title">
        {t(`integrityReview.review.kind.${c.kind}`, { network: c.network ?? '', hours: c.youngHours ?? '' })} · {t('integrityReview.review.signatures', { count: c.count })}
      </h3>
      <p className="muted">
        {t('integrityReview.review.span', { from: formatDateTimeIn(locale, c.from), to: formatDateTimeIn(locale, c.to) })} · {t('integrityReview.review.maxScore', { pct: Math.round(c.maxScore * 100) })}
      </p>
      {c.signals.length > 0 ? (
        <p>
          {t('integrityReview.review.signals')}: {c.signals.map((s) => t(`integrity.signal.${s}`)).join(', ')}
        </p>
      ) : null}
      {c.explanation.length > 0 ? (
        <>
          <h4>{t('integrityReview.review.evidence')}</h4>
          <ul data-testid="cluster-evidence">
            {c.explanation.map((e, i) => (
              <li key={i}>{t(e.key, { ...e.params })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" data-testid="cluster-form">
        <CsrfField />
        <input type="hidden" name="cluster" value={formKey} />
        {c.signatureIds.map((id) => (
          <input key={id} type="hidden" name="id" value={id} />
        ))}
        {error ? (
          <p className="error" id={`${reasonId}-error`}>
            {t(error.error)}
          </p>
        ) : null}
        <label htmlFor={reasonId}>{t('integrityReview.review.reason')}</label>
        <textarea
          id={reasonId}
          name="reason"
          required
          minLength={5}
          maxLength={reasonMax}
          rows={2}
          defaultValue={error?.reason ?? ''}
          {...(error ? { 'aria-invalid': true, 'aria-describedby': `${reasonId}-error` } : {})}
        />
        <p>
          {c.status === 'under_review' ? (
            <button type="submit" name="decision" value="invalidate" className="danger">
              {t('integrityReview.review.invalidate')}
            </button>
          ) : null}{' '}
          <button type="submit" name="decision" value="restore">
            {t('integrityReview.review.restore')}
          </button>
        </p>
      </Form>
    </div>
  );
}

export default function IntegrityReview() {
  const { header, clusters, trending, flash, reasonMax } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation();
  const held = clusters.filter((c) => c.status === 'under_review');
  const invalidated = clusters.filter((c) => c.status === 'invalidated');
  const list = (items: typeof clusters) =>
    items.length === 0 ? <p>{t('integrityReview.review.none')}</p> : items.map((c) => <ClusterCard key={`${c.status}|${c.key}`} c={c} failed={failed} reasonMax={reasonMax} />);
  return (
    <article aria-labelledby="integrity-title">
      <p className="breadcrumb">
        <Link to="/integrity">{t('integrityReview.review.back')}</Link>
      </p>
      <h1 id="integrity-title">
        {t('integrityReview.review.title', { number: header.number })}: {header.title}
      </h1>
      <p className="lead">{t('integrityReview.review.lead')}</p>
      {flash ? (
        <p role="status" className="success" data-testid="integrity-flash">
          {t(`integrityReview.review.done.${flash.done}`, { count: flash.count })} {t('integrityReview.review.pending')}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="error" data-testid="decision-error">
          {t(failed.error)}
        </p>
      ) : null}
      <p data-testid="integrity-counts">{t('integrityReview.review.counts', header.counts)}</p>
      <section aria-labelledby="held-heading">
        <h2 id="held-heading">{t('integrityReview.review.heldHeading')}</h2>
        {list(held)}
      </section>
      <section aria-labelledby="invalidated-heading">
        <h2 id="invalidated-heading">{t('integrityReview.review.invalidatedHeading')}</h2>
        {list(invalidated)}
      </section>
      <section aria-labelledby="trending-heading">
        <h2 id="trending-heading">{t('integrityReview.trending.heading')}</h2>
        <p className="muted">{t('integrityReview.trending.lead')}</p>
        {trending.length === 0 ? (
          <p>{t('integrityReview.trending.none')}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="trending-sources">
              <thead>
                <tr>
                  <th scope="col">{t('integrityReview.trending.window')}</th>
                  <th scope="col">{t('integrityReview.trending.source')}</th>
                  <th scope="col">{t('integrityReview.trending.signatures')}</th>
                </tr>
              </thead>
              <tbody>
                {trending.map((r) => (
                  <tr key={`${r.kind}|${r.key}|${String(r.windowStart)}`}>
                    <td>
                      {formatDateTimeIn(locale, r.windowStart)} – {formatDateTimeIn(locale, r.windowEnd)}
                    </td>
                    <td>{t(`integrityReview.trending.kind.${r.kind}`, { source: r.kind === 'network' ? r.key : r.key.replace(/^device:/, '') })}</td>
                    <td>
                      {r.signatures}
                      {r.alerted ? ` · ${t('integrityReview.trending.alerted')}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
