import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  NOTE_MAX,
  parseModerationForm,
  petitionForModeration,
  prohibitedTopics,
  refusalKey,
  refusalStatus,
  type AddresseeRef,
} from '../domain/petitions/moderation.server';
import { moderatePetition } from '../domain/petitions/petitions.server';
import { REJECTION_REASON_CODES } from '../domain/petitions/reasons';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { uuidParam } from '../services/params.server';
import { requirePermission } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useLocale, useNames } from '../ui/locale';
import { useDates } from '../ui/dates';
import { ClockBadge, PetitionHistory } from '../ui/petitions/staff';

/** A petition under moderation, the similar petitions, and the decision forms (plain HTML forms). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'petition:moderate');
  const view = await petitionForModeration(getDeps(), session.actor, uuidParam(params.id));
  if (!view) throw new Response('Not Found', { status: 404 });
  const topics = prohibitedTopics().map((g) => ({ code: g.code, label: g.label }));
  // Values from *.server modules reach the component through the loader (they are empty in the browser).
  const thresholdRefusal = view.threshold.kind === 'refused' ? refusalKey(view.threshold.reason) : null;
  return { view, topics, thresholdRefusal, noteMax: NOTE_MAX };
}

type Values = { reason: string; topicGroup: string; note: string };
type ActionResult = { error: string; field: string | null; values: Values };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const session = await requirePermission(request, 'petition:moderate');
  const deps = getDeps();
  const id = uuidParam(params.id);
  const view = await petitionForModeration(deps, session.actor, id);
  if (!view) throw new Response('Not Found', { status: 404 });
  const fields = Object.fromEntries(form);
  const values: Values = { reason: String(fields.reason ?? ''), topicGroup: String(fields.topicGroup ?? ''), note: String(fields.note ?? '').slice(0, NOTE_MAX * 2) };
  const parsed = parseModerationForm(fields);
  if (parsed.kind === 'refused') return data<ActionResult>({ error: `moderation.errors.${parsed.error}`, field: parsed.field, values }, { status: 422 });
  const outcome = await moderatePetition(deps, session.actor, id, parsed.input, getEnv().petitions);
  if (outcome.kind === 'refused') return data<ActionResult>({ error: refusalKey(outcome.reason), field: null, values }, { status: refusalStatus(outcome.reason) });
  throw redirect(`/moderation?done=${parsed.input.decision === 'approve' ? 'approved' : 'rejected'}&number=${view.number}`);
}

export default function ModerationReview() {
  const { view, topics, thresholdRefusal, noteMax } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const name = useNames();
  const { date, day, num, dayText } = useDates();
  const addressee = (a: AddresseeRef) => (a.body ? name(a.body) : t(`petitions.addressee.${a.kind}`));
  const topicLabel = (code: string) => {
    const g = topics.find((x) => x.code === code);
    return g ? g.label[locale] : code;
  };
  const values = result?.values ?? { reason: '', topicGroup: '', note: '' };
  const invalid = (field: string) => (result?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': 'decision-error' } : {});
  const inModeration = view.state === 'moderation';
  return (
    <article aria-labelledby="petition-title">
      <p className="breadcrumb">
        <Link to="/moderation">{t('moderation.review.back')}</Link>
      </p>
      <h1 id="petition-title">
        {t('moderation.review.title', { number: view.number })}: {view.title}
      </h1>
      {result?.error ? (
        <p role="alert" className="error" id="decision-error" data-testid="decision-error">
          {t(result.error)}
        </p>
      ) : null}

      <h2>{t('moderation.review.details')}</h2>
      <dl>
        <dt>{t('moderation.review.author')}</dt>
        <dd>{view.authorName}</dd>
        <dt>{t('moderation.review.addressee')}</dt>
        <dd>{addressee(view.addressee)}</dd>
        <dt>{t('moderation.review.topic')}</dt>
        <dd>{t(`petitionForms.topics.${view.topic}`, { defaultValue: view.topic })}</dd>
        <dt>{t('moderation.review.stage')}</dt>
        <dd data-testid="petition-state">{t(`petitions.state.${view.state}`)}</dd>
        <dt>{t('moderation.review.submitted')}</dt>
        <dd>{day(view.submittedAt)}</dd>
        <dt>{t('moderation.review.due')}</dt>
        <dd>
          {date(view.moderationDueOn)} {inModeration ? <ClockBadge clock={view.clock} /> : null}
        </dd>
        <dt>{t('moderation.review.threshold')}</dt>
        <dd data-testid="threshold-preview">
          {view.threshold.kind === 'ok' ? (
            <>
              {t('petitions.threshold.signaturesNeeded', { count: view.threshold.signatures })}
              {view.threshold.population && view.threshold.percent !== null
                ? ` (${t('petitions.threshold.percentOfResidents', {
                    percent: view.threshold.percent,
                    population: num(view.threshold.population.count),
                    asOf: dayText(view.threshold.population.asOf),
                  })})`
                : null}
            </>
          ) : (
            t('moderation.review.thresholdRefused', { reason: t(thresholdRefusal ?? 'moderation.errors.invalid') })
          )}
        </dd>
      </dl>

      <h2>{t('moderation.review.text')}</h2>
      <div className="card" data-testid="petition-text">
        <h3 className="card-title">{view.title}</h3>
        {view.body.split(/\n{2,}/).map((para, i) => (
          <p key={i} style={{ whiteSpace: 'pre-line' }}>
            {para}
          </p>
        ))}
      </div>

      <section aria-labelledby="similar-heading">
        <h2 id="similar-heading">{t('moderation.review.similarHeading')}</h2>
        {view.similar.length === 0 ? (
          <p>{t('moderation.review.similarNone')}</p>
        ) : (
          <>
            <p className="hint">{t('moderation.review.similarLead')}</p>
            <ul data-testid="similar-petitions">
              {view.similar.map((s) => (
                <li key={s.id}>
                  <Link to={`/moderation/${s.id}`}>
                    № {s.number}: {s.title}
                  </Link>{' '}
                  <span className="badge">{t(`petitions.state.${s.state}`)}</span>{' '}
                  <span className="muted">{t('moderation.review.similarity', { percent: Math.round(s.score * 100) })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {!inModeration ? (
        <section aria-labelledby="outcome-heading">
          <h2 id="outcome-heading" className="visually-hidden">
            {t('moderation.review.stage')}
          </h2>
          <p className="notice" data-testid="decided">
            {t('moderation.review.decided', { state: t(`petitions.state.${view.state}`) })}
          </p>
          {view.rejection ? (
            <dl>
              <dt>{t('moderation.review.rejectionReason')}</dt>
              <dd>
                {view.rejection.reason === 'prohibited-topic' && view.rejection.topicGroup
                  ? t('petitions.prohibitedTopicWith', { topic: topicLabel(view.rejection.topicGroup) })
                  : t(`petitions.reason.${view.rejection.reason}`)}
              </dd>
              {view.rejection.note ? (
                <>
                  <dt>{t('moderation.review.rejectionNote')}</dt>
                  <dd>{view.rejection.note}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </section>
      ) : (
        <>
          <Form method="post" className="card form" aria-labelledby="approve-heading">
            <h2 id="approve-heading">{t('moderation.review.approveHeading')}</h2>
            <CsrfField />
            <input type="hidden" name="intent" value="approve" />
            <p className="hint">{t('moderation.review.approveHint')}</p>
            <div>
              <button type="submit" className="button primary">
                {t('moderation.review.approveButton')}
              </button>
            </div>
          </Form>

          <Form method="post" className="card form" aria-labelledby="reject-heading">
            <h2 id="reject-heading">{t('moderation.review.rejectHeading')}</h2>
            <CsrfField />
            <input type="hidden" name="intent" value="reject" />
            <div className="field">
              <label htmlFor="reason">{t('moderation.review.reason')}</label>
              <select id="reason" name="reason" className="input" style={{ minWidth: 0 }} required defaultValue={values.reason} {...invalid('reason')}>
                <option value="">{t('moderation.review.reasonChoose')}</option>
                {REJECTION_REASON_CODES.map((code) => (
                  <option key={code} value={code}>
                    {t(`petitions.reason.${code}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="topicGroup">{t('moderation.review.topicGroup')}</label>
              <select id="topicGroup" name="topicGroup" className="input" style={{ minWidth: 0 }} defaultValue={values.topicGroup} aria-describedby="topic-hint" {...invalid('topicGroup')}>
                <option value="">{t('moderation.review.topicChoose')}</option>
                {topics.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.label[locale]}
                  </option>
                ))}
              </select>
              <p id="topic-hint" className="hint">
                {t('moderation.review.topicHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor="note">{t('moderation.review.note')}</label>
              <textarea id="note" name="note" className="input" style={{ minWidth: 0 }} rows={4} maxLength={noteMax} defaultValue={values.note} aria-describedby="note-hint" {...invalid('note')} />
              <p id="note-hint" className="hint">
                {t('moderation.review.noteHint')}
              </p>
            </div>
            <div>
              <button type="submit" className="button danger">
                {t('moderation.review.rejectButton')}
              </button>
            </div>
          </Form>
        </>
      )}

      <PetitionHistory history={view.history} />
    </article>
  );
}
