import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { confirmFix, myReport, provideInfo, rejectFix, type CitizenStepOutcome } from '../domain/reports/citizen.server';
import { REASON_MAX, REASON_MIN, REPLY_MAX, REPLY_MIN } from '../domain/reports/limits';
import { explainRouting, type ExplainableReason } from '../domain/routing/explain';
import { ForbiddenError, NotFoundError } from '../domain/shared/errors';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { resolveLocale } from '../services/locale.server';
import { requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { ReportPhotoList } from '../ui/reports-public/photos';
import { useDates } from '../ui/dates';
import { useNames } from '../ui/locale';
import styles from '../styles/reports-filing.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

const NUMBER = /^R-\d{4}-\d{6,}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const number = params.number ?? '';
  const report = NUMBER.test(number) ? await myReport(getDeps().db, session.accountId, number) : null;
  if (!report) throw new Response('Not found', { status: 404 });
  const routing = report.routingReason ? explainRouting(report.routingReason as unknown as ExplainableReason, resolveLocale(request)) : [];
  return { report, routing };
}

const DONE: Record<string, string> = { confirm: 'confirmed', reject: 'rejected', reply: 'replied' };

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await csrfForm(request);
  const deps = getDeps();
  const number = params.number ?? '';
  const report = NUMBER.test(number) ? await myReport(deps.db, session.accountId, number) : null;
  if (!report) throw new Response('Not found', { status: 404 });
  const intent = String(form.get('intent') ?? '');
  const input = { accountId: session.accountId, reportId: report.id };
  let out: CitizenStepOutcome;
  try {
    if (intent === 'confirm') out = await confirmFix(deps, input);
    else if (intent === 'reject') out = await rejectFix(deps, { ...input, reason: String(form.get('reason') ?? '') });
    else if (intent === 'reply') out = await provideInfo(deps, { ...input, text: String(form.get('text') ?? '') });
    else throw new Response('Bad request', { status: 400 });
  } catch (err) {
    if (err instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 });
    if (err instanceof NotFoundError) throw new Response('Not found', { status: 404 });
    throw err;
  }
  if (out.kind === 'refused') return data({ intent, reason: out.reason, text: String(form.get('reason') ?? form.get('text') ?? '') }, { status: 422 });
  throw redirect(`/my/reports/${number}?done=${DONE[intent]}`);
}

export default function MyReportPage() {
  const { report: r, routing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const name = useNames();
  const dates = useDates();
  const k = 'reportFiling.detail';
  const reportPhotos = r.photos.filter((p) => p.kind === 'report').sort((a, b) => a.position - b.position);
  const done = params.get('done');
  const limits = { min: result?.intent === 'reply' ? REPLY_MIN : REASON_MIN, max: result?.intent === 'reply' ? REPLY_MAX : REASON_MAX };
  const stepError = (intent: string) =>
    result && result.intent === intent ? (
      <p className="error" role="alert" id={`${intent}-error`}>
        {t(`reportFiling.stepErrors.${result.reason}`, limits)}
      </p>
    ) : null;

  return (
    <section aria-labelledby="report-title" className="narrow">
      <p className="small">
        <Link to="/my/reports">{t(`${k}.back`)}</Link>
      </p>
      {params.get('filed') ? (
        <div className="card notice" role="status" data-testid="receipt">
          <h2>{t('reportFiling.receipt.title')}</h2>
          <p className="receipt-number">
            <strong>{t('reportFiling.receipt.number', { number: r.registrationNumber })}</strong>
          </p>
          <p>{t('reportFiling.receipt.lead', { date: dates.dayText(r.registeredOn) })}</p>
        </div>
      ) : null}
      {params.get('joined') ? (
        <div className="card notice" role="status" data-testid="joined">
          <h2>{t('reportFiling.receipt.joinedTitle')}</h2>
          <p>{t('reportFiling.receipt.joinedLead', { number: r.registrationNumber })}</p>
        </div>
      ) : null}
      {done && ['confirmed', 'rejected', 'replied'].includes(done) ? (
        <p className="notice" role="status" data-testid="done">
          {t(`${k}.${done}`)}
        </p>
      ) : null}

      <h1 id="report-title">{t(`${k}.title`, { number: r.registrationNumber })}</h1>
      <p>
        <span className={`badge status-${r.status}`} data-testid="report-status">
          {t(`reportFiling.status.${r.status}`)}
        </span>{' '}
        · {t(`reportFiling.role.${r.role}`, { defaultValue: r.role })}
      </p>

      {r.steps.includes('info-provided') ? (
        <section aria-labelledby="info-title" className="card" data-testid="info-request">
          <h2 id="info-title">{t(`${k}.infoRequest`)}</h2>
          {r.infoRequest ? <blockquote className="prewrap">{r.infoRequest}</blockquote> : null}
          <Form method="post" className="form">
            <CsrfField />
            <div className="field">
              <label htmlFor="reply-text">{t(`${k}.reply`)}</label>
              <textarea id="reply-text" name="text" className="input" rows={4} maxLength={REPLY_MAX} required defaultValue={result?.intent === 'reply' ? result.text : undefined} aria-describedby="reply-hint" aria-invalid={result?.intent === 'reply' ? true : undefined} />
              <p id="reply-hint" className="hint">
                {t(`${k}.replyHint`, { min: REPLY_MIN, max: REPLY_MAX })}
              </p>
              {stepError('reply')}
            </div>
            <button type="submit" name="intent" value="reply" className="button primary">
              {t(`${k}.sendReply`)}
            </button>
          </Form>
        </section>
      ) : null}

      {r.steps.includes('confirm') || r.steps.includes('reject-fix') ? (
        <section aria-labelledby="fix-title" className="card" data-testid="fix-question">
          <h2 id="fix-title">{t(`${k}.fixQuestion`)}</h2>
          <p>{t(`${k}.fixLead`)}</p>
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="confirm" className="button primary">
              {t(`${k}.confirm`)}
            </button>
            {stepError('confirm')}
          </Form>
          <Form method="post" className="form">
            <CsrfField />
            <div className="field">
              <label htmlFor="reject-reason">{t(`${k}.rejectReason`)}</label>
              <textarea id="reject-reason" name="reason" className="input" rows={3} maxLength={REASON_MAX} required defaultValue={result?.intent === 'reject' ? result.text : undefined} aria-describedby="reject-hint" aria-invalid={result?.intent === 'reject' ? true : undefined} />
              <p id="reject-hint" className="hint">
                {t(`${k}.rejectHint`, { min: REASON_MIN, max: REASON_MAX })}
              </p>
              {stepError('reject')}
            </div>
            <button type="submit" name="intent" value="reject" className="button">
              {t(`${k}.reject`)}
            </button>
          </Form>
        </section>
      ) : null}

      {r.answeredAt || r.answerText ? (
        <section aria-labelledby="answer-title" className="card" data-testid="answer">
          <h2 id="answer-title">{t(`${k}.answer`)}</h2>
          {r.decision ? <p>{t(`${k}.decision`, { decision: t(`reportFiling.decision.${r.decision}`) })}</p> : null}
          {r.plannedOn ? <p>{t(`${k}.plannedOn`, { date: dates.dayText(r.plannedOn) })}</p> : null}
          {r.answerText ? <p className="prewrap">{r.answerText}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t(`${k}.facts`)}</h2>
        <dl className="facts">
          <dt>{t(`${k}.category`)}</dt>
          <dd>{name(r.category)}</dd>
          {r.place ? (
            <>
              <dt>{t(`${k}.place`)}</dt>
              <dd>{name(r.place)}</dd>
            </>
          ) : null}
          {r.addressText ? (
            <>
              <dt>{t(`${k}.address`)}</dt>
              <dd>{r.addressText}</dd>
            </>
          ) : null}
          {r.lat !== null && r.lon !== null ? (
            <>
              <dt>{t(`${k}.point`)}</dt>
              <dd>
                {r.lat.toFixed(5)}, {r.lon.toFixed(5)}
              </dd>
            </>
          ) : null}
          <dt>{t(`${k}.description`)}</dt>
          <dd className="prewrap">{r.description}</dd>
          <dt>{t(`${k}.registered`)}</dt>
          <dd>{dates.date(r.registeredOn)}</dd>
          <dt>{t(`${k}.akimat`)}</dt>
          <dd data-testid="report-akimat">{r.akimat ? name(r.akimat) : t(`${k}.notRouted`)}</dd>
          {r.forwardDueOn ? (
            <>
              <dt>{t(`${k}.forwardDue`)}</dt>
              <dd>{dates.date(r.forwardDueOn)}</dd>
            </>
          ) : null}
          {r.answerDueOn || r.status === 'info-requested' ? (
            <>
              <dt>{t(`${k}.answerDue`)}</dt>
              <dd data-testid="answer-due">{r.status === 'info-requested' ? t(`${k}.paused`) : dates.date(r.answerDueOn)}</dd>
            </>
          ) : null}
          {r.answerDueOnOriginal && r.answerDueOnOriginal !== r.answerDueOn ? (
            <>
              <dt>{t(`${k}.answerDueOriginal`)}</dt>
              <dd>{dates.date(r.answerDueOnOriginal)}</dd>
            </>
          ) : null}
          {r.extendedAt && r.extensionReason ? (
            <>
              <dt>{t(`${k}.answerDue`)}</dt>
              <dd>{t(`${k}.extended`, { reason: r.extensionReason })}</dd>
            </>
          ) : null}
          <dt>{t(`${k}.applicants`)}</dt>
          <dd>{dates.num(r.applicants)}</dd>
        </dl>
        {reportPhotos.length > 0 ? (
          <>
            <h3>{t(`${k}.photos`)}</h3>
            <ReportPhotoList
              number={r.registrationNumber}
              photos={reportPhotos}
              testId="my-report-photos"
              alt={(i) => t('reportPublic.photos.reportAlt', { n: i + 1, count: reportPhotos.length, number: r.registrationNumber, category: name(r.category) })}
            />
          </>
        ) : null}
        <p className="small">
          <Link to={`/reports/${r.registrationNumber}`}>{t(`${k}.publicPage`)}</Link>
        </p>
      </section>

      {routing.length > 0 ? (
        <section aria-labelledby="routing-title" data-testid="routing-reason">
          <h2 id="routing-title">{t(`${k}.routing`)}</h2>
          {routing.map((m, i) => (
            <p key={i}>{t(m.key, m.params)}</p>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t(`${k}.history`)}</h2>
        <ol className="plain-list" data-testid="history">
          {r.events.map((e) => (
            <li key={e.id} data-event={e.type}>
              {dates.when(e.at)} — {t(`reportFiling.event.${e.type}`, { defaultValue: e.type })}
              {e.byMe ? ` (${t(`${k}.byYou`)})` : null}
              {e.details.question || e.details.text ? <blockquote className="prewrap">{e.details.question ?? e.details.text}</blockquote> : null}
              {e.details.reason ? <p className="small prewrap">{e.details.reason}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}
