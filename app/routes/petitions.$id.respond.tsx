import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../domain/identity/permissions';
import {
  DOCUMENT_URL_MAX,
  MILESTONE_MAX,
  parseAddresseeForm,
  petitionForAddressee,
  refusalKey,
  refusalStatus,
  RESPONSE_MAX,
  type AddresseeRef,
} from '../domain/petitions/moderation.server';
import { actAsAddressee } from '../domain/petitions/petitions.server';
import { DECISIONS } from '../domain/petitions/states';
import type { Deps } from '../domain/shared/deps';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { uuidParam } from '../services/params.server';
import { requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useNames } from '../ui/locale';
import { useDates } from '../ui/dates';
import { ClockBadge, PetitionHistory } from '../ui/petitions/staff';

/**
 * The addressee's page of a petition: register it for consideration, publish the answer, record
 * implementation progress. Only those who may act for the addressee (canActForAddressee) see it;
 * everyone else gets 403 and changes nothing. Plain HTML forms: works without JavaScript.
 */
async function lookup(deps: Deps, actor: Actor, id: string) {
  const found = await petitionForAddressee(deps, actor, id);
  if (found.kind === 'not-found') throw new Response('Not Found', { status: 404 });
  if (found.kind === 'forbidden') throw new Response('Forbidden', { status: 403 });
  return found.view;
}

const DONE = ['register', 'answer', 'milestone'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const view = await lookup(getDeps(), session.actor, uuidParam(params.id));
  const done = DONE.find((d) => d === new URL(request.url).searchParams.get('done')) ?? null;
  // Values from *.server modules reach the component through the loader (they are empty in the browser).
  return { view, done, limits: { response: RESPONSE_MAX, documentUrl: DOCUMENT_URL_MAX, milestone: MILESTONE_MAX } };
}

type ActionResult = { intent: string; error: string | null; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const session = await requireSession(request);
  const deps = getDeps();
  const id = uuidParam(params.id);
  await lookup(deps, session.actor, id);
  const fields = Object.fromEntries(form);
  const intent = String(fields.intent ?? '');
  const values = Object.fromEntries(['decision', 'responseText', 'documentUrl', 'text', 'progressPercent'].map((k) => [k, String(fields[k] ?? '').slice(0, 25_000)]));
  const parsed = parseAddresseeForm(fields);
  if (parsed.kind === 'refused') {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, code]) => [field, `moderation.errors.${code}`]));
    return data<ActionResult>({ intent, error: null, errors, values }, { status: 422 });
  }
  const outcome = await actAsAddressee(deps, session.actor, id, parsed.input);
  if (outcome.kind === 'refused') {
    if (outcome.reason === 'forbidden') throw new Response('Forbidden', { status: 403 });
    return data<ActionResult>({ intent, error: refusalKey(outcome.reason), errors: {}, values }, { status: refusalStatus(outcome.reason) });
  }
  throw redirect(`/petitions/${id}/respond?done=${parsed.input.action}`);
}

export default function AddresseeDesk() {
  const { view, done, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const { date, day, num } = useDates();
  const addressee = (a: AddresseeRef) => (a.body ? name(a.body) : t(`petitions.addressee.${a.kind}`));
  const values = result?.values ?? {};
  const fieldError = (field: string) => result?.errors[field];
  const aria = (field: string) => (fieldError(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {});
  const errorText = (field: string) => {
    const key = fieldError(field);
    return key ? (
      <p id={`${field}-error`} className="error">
        {t(key)}
      </p>
    ) : null;
  };
  const answered = view.answer !== null;
  return (
    <article aria-labelledby="respond-title">
      <h1 id="respond-title">
        {t('moderation.respond.title', { number: view.number })}: {view.title}
      </h1>
      <p className="lead">{t('moderation.respond.forAddressee', { addressee: addressee(view.addressee) })}</p>
      {done ? (
        <p role="status" className="success" data-testid="respond-flash">
          {t(`moderation.respond.done.${done}`)}
        </p>
      ) : null}
      {result?.error ? (
        <p role="alert" className="error" data-testid="respond-error">
          {t(result.error)}
        </p>
      ) : null}
      {result && Object.keys(result.errors).length > 0 ? (
        <p role="alert" className="error" data-testid="respond-error">
          {t('moderation.errors.invalid')}
        </p>
      ) : null}

      <dl>
        <dt>{t('moderation.respond.stage')}</dt>
        <dd data-testid="petition-state">{t(`petitions.state.${view.state}`)}</dd>
        <dt>{t('moderation.respond.signatures')}</dt>
        <dd>
          {view.thresholdRequired !== null
            ? t('moderation.respond.signaturesOf', { valid: num(view.validSignatures), threshold: num(view.thresholdRequired) })
            : num(view.validSignatures)}
        </dd>
        {view.thresholdReachedAt ? (
          <>
            <dt>{t('moderation.respond.thresholdReached')}</dt>
            <dd>{day(view.thresholdReachedAt)}</dd>
          </>
        ) : null}
        <dt>{t('moderation.respond.registered')}</dt>
        <dd>{view.registeredAt ? day(view.registeredAt) : t('moderation.respond.notRegistered')}</dd>
        {view.considerationDueOn ? (
          <>
            <dt>{t('moderation.respond.deadline')}</dt>
            <dd data-testid="consideration-due">
              {date(view.considerationDueOn)}{' '}
              {answered ? (
                view.clock?.status === 'overdue' ? (
                  <strong className="error">{t('moderation.respond.answeredLate')}</strong>
                ) : (
                  <span>{t('moderation.respond.answeredInTime')}</span>
                )
              ) : (
                <ClockBadge clock={view.clock} />
              )}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t('moderation.review.text')}</h2>
      <div className="card">
        <h3 className="card-title">{view.title}</h3>
        {view.body.split(/\n{2,}/).map((para, i) => (
          <p key={i} style={{ whiteSpace: 'pre-line' }}>
            {para}
          </p>
        ))}
      </div>

      {view.answer ? (
        <section aria-labelledby="answer-heading" data-testid="answer">
          <h2 id="answer-heading">{t('moderation.respond.answerGiven')}</h2>
          <p>
            <strong>{t(`petitions.decision.${view.answer.decision}`)}</strong>
            {view.answer.answeredAt ? (
              <>
                {` · ${t('moderation.respond.answeredOn')}: `}
                {day(view.answer.answeredAt)}
              </>
            ) : null}
          </p>
          <p style={{ whiteSpace: 'pre-line' }}>{view.answer.responseText}</p>
          {view.answer.documentUrl ? (
            <p>
              <a href={view.answer.documentUrl} rel="noopener noreferrer nofollow">
                {t('moderation.respond.documentLink')}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      {view.actions.length === 0 ? <p className="notice">{t('moderation.respond.nothingToDo')}</p> : null}

      {view.actions.includes('register') ? (
        <Form method="post" className="card form" aria-labelledby="register-heading">
          <h2 id="register-heading">{t('moderation.respond.registerHeading')}</h2>
          <CsrfField />
          <input type="hidden" name="intent" value="register" />
          <p className="hint">{t('moderation.respond.registerHint')}</p>
          <div>
            <button type="submit" className="button primary">
              {t('moderation.respond.registerButton')}
            </button>
          </div>
        </Form>
      ) : null}

      {view.actions.includes('answer') ? (
        <Form method="post" className="card form" aria-labelledby="answer-form-heading">
          <h2 id="answer-form-heading">{t('moderation.respond.answerHeading')}</h2>
          <CsrfField />
          <input type="hidden" name="intent" value="answer" />
          <div className="field">
            <label htmlFor="decision">{t('moderation.respond.decision')}</label>
            <select id="decision" name="decision" className="input" style={{ minWidth: 0 }} required defaultValue={values.decision ?? ''} {...aria('decision')}>
              <option value="">{t('moderation.respond.decisionChoose')}</option>
              {DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`petitions.decision.${d}`)}
                </option>
              ))}
            </select>
            {errorText('decision')}
          </div>
          <div className="field">
            <label htmlFor="responseText">{t('moderation.respond.response')}</label>
            <textarea id="responseText" name="responseText" className="input" style={{ minWidth: 0 }} rows={10} required minLength={20} maxLength={limits.response} defaultValue={values.responseText ?? ''} {...aria('responseText')} />
            <p className="hint">{t('moderation.respond.responseHint')}</p>
            {errorText('responseText')}
          </div>
          <div className="field">
            <label htmlFor="documentUrl">{t('moderation.respond.document')}</label>
            <input id="documentUrl" name="documentUrl" type="url" className="input" style={{ minWidth: 0 }} maxLength={limits.documentUrl} defaultValue={values.documentUrl ?? ''} {...aria('documentUrl')} />
            <p className="hint">{t('moderation.respond.documentHint')}</p>
            {errorText('documentUrl')}
          </div>
          <div>
            <button type="submit" className="button primary">
              {t('moderation.respond.answerButton')}
            </button>
          </div>
        </Form>
      ) : null}

      {answered || view.milestones.length > 0 ? (
        <section aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">{t('moderation.respond.milestonesHeading')}</h2>
          {view.milestones.length === 0 ? (
            <p>{t('moderation.respond.milestonesNone')}</p>
          ) : (
            <ol data-testid="milestones">
              {view.milestones.map((m, i) => (
                <li key={i}>
                  <strong>{day(m.at)}</strong>
                  {m.progressPercent !== null ? ` · ${t('petitions.milestone.progress', { percent: m.progressPercent })}` : ''}
                  <p style={{ whiteSpace: 'pre-line' }}>{m.text}</p>
                </li>
              ))}
            </ol>
          )}
          {view.actions.includes('record-milestone') ? (
            <Form method="post" className="card form" aria-labelledby="milestone-form-heading">
              <h3 id="milestone-form-heading">{t('petitions.event.record-milestone')}</h3>
              <CsrfField />
              <input type="hidden" name="intent" value="milestone" />
              <div className="field">
                <label htmlFor="text">{t('moderation.respond.milestoneText')}</label>
                <textarea id="text" name="text" className="input" style={{ minWidth: 0 }} rows={4} required minLength={5} maxLength={limits.milestone} defaultValue={values.text ?? ''} {...aria('text')} />
                <p className="hint">{t('moderation.respond.milestoneHint')}</p>
                {errorText('text')}
              </div>
              <div className="field">
                <label htmlFor="progressPercent">{t('moderation.respond.progress')}</label>
                <input id="progressPercent" name="progressPercent" type="number" min={0} max={100} step={1} inputMode="numeric" className="input small" defaultValue={values.progressPercent ?? ''} {...aria('progressPercent')} />
                <p className="hint">{t('moderation.respond.progressHint')}</p>
                {errorText('progressPercent')}
              </div>
              <div>
                <button type="submit" className="button primary">
                  {t('moderation.respond.milestoneButton')}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      <PetitionHistory history={view.history} />
    </article>
  );
}
