import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { explainRouting, type RoutingReason } from '../domain/routing';
import {
  acknowledgeReport,
  answerReport,
  assignReport,
  extendReport,
  forwardReport,
  markFixed,
  mergeReport,
  requestInfo,
  staffReportView,
  type ActionOutcome,
  type StaffEvent,
  type StaffReportView,
} from '../domain/reports/staff.server';
import { DECISIONS } from '../domain/reports/states';
import { DomainError } from '../domain/shared/errors';
import { localized, type Locale } from '../i18n';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { photoRefusalMessage, processPhoto } from '../services/images.server';
import { resolveLocale } from '../services/locale.server';
import { requestMeta, requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useDates } from '../ui/dates';
import { useLocale, useNames } from '../ui/locale';
import { StaffClock } from '../ui/reports/staff';

/**
 * One report for the akimat's officers: details, map (server-drawn SVG), photos, routing reason,
 * full history, and a plain HTML form for every action the status allows. Reports of other akimats
 * are 404 (the domain decides); staff without report:triage get 403.
 */

const NUMBER = /^R-\d{4}-\d{6,}$/;

function numberParam(value: string | undefined): string {
  if (!value || !NUMBER.test(value)) throw new Response('Not Found', { status: 404 });
  return value;
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const number = numberParam(params.number);
  const view = await guarded(() => staffReportView(getDeps(), session.actor, number));
  const locale = resolveLocale(request);
  const routing = view.routingReason ? explainRouting(view.routingReason as unknown as RoutingReason, locale) : [];
  const url = new URL(request.url);
  const done = url.searchParams.get('done');
  const template = view.templates.find((tpl) => tpl.code === url.searchParams.get('template')) ?? null;
  return { view, routing, done: done && /^[a-z-]{3,20}$/.test(done) ? done : null, template: template?.code ?? null, decisions: DECISIONS };
}

type Intent = 'acknowledge' | 'assign' | 'request-info' | 'forward' | 'merge' | 'answer' | 'mark-fixed' | 'extend';
type ActionResult = { intent: string; error: string; params: Record<string, string>; fields: Record<string, string>; values: Record<string, string> };

const STATUS_OF_REFUSAL: Record<string, number> = { invalid: 422, 'illegal-transition': 409 };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const session = await requireSession(request);
  const number = numberParam(params.number);
  const deps = getDeps();
  const meta = requestMeta(request);
  const intent = String(form.get('intent') ?? '') as Intent;
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === 'string' && k !== 'csrf') values[k] = v.slice(0, 5000);
  const fail = (error: string, status: number, extra: Partial<ActionResult> = {}) =>
    data<ActionResult>({ intent, error, params: {}, fields: {}, values, ...extra }, { status });

  let outcome: ActionOutcome;
  switch (intent) {
    case 'acknowledge':
      outcome = await guarded(() => acknowledgeReport(deps, session.actor, number, meta));
      break;
    case 'assign':
      outcome = await guarded(() => assignReport(deps, session.actor, number, values, meta));
      break;
    case 'request-info':
      outcome = await guarded(() => requestInfo(deps, session.actor, number, values, meta));
      break;
    case 'forward':
      outcome = await guarded(() => forwardReport(deps, session.actor, number, values, meta));
      break;
    case 'merge':
      outcome = await guarded(() => mergeReport(deps, session.actor, number, values, meta));
      break;
    case 'answer':
      outcome = await guarded(() => answerReport(deps, session.actor, number, values, meta));
      break;
    case 'extend':
      outcome = await guarded(() => extendReport(deps, session.actor, number, values, meta));
      break;
    case 'mark-fixed': {
      // Refuse before reading the photo if the actor may not act on the report at all.
      await guarded(() => staffReportView(deps, session.actor, number));
      const file = form.get('photo');
      if (!file || typeof file === 'string' || file.size === 0) return fail('reportStaff.errors.photoMissing', 422, { fields: { photo: 'required' } });
      const photo = await processPhoto(Buffer.from(await file.arrayBuffer()), { declaredType: file.type, fileName: file.name });
      if (photo.kind === 'refused') {
        const m = photoRefusalMessage(photo);
        return fail(m.key, 422, { params: m.params, fields: { photo: photo.reason } });
      }
      outcome = await guarded(() => markFixed(deps, session.actor, number, values, { image: photo.image, thumbnail: photo.thumbnail }, meta));
      break;
    }
    default:
      return fail('reportStaff.errors.unknownAction', 400);
  }
  if (outcome.kind === 'ok') {
    if (intent === 'forward') throw redirect(`/akimat/reports?done=forward&number=${number}`);
    throw redirect(`/akimat/reports/${number}?done=${intent}`);
  }
  if (outcome.reason === 'invalid') return fail('reportStaff.errors.invalid', 422, { fields: outcome.fields });
  if (outcome.reason === 'illegal-transition') return fail('reportStaff.errors.illegal-transition', 409, { params: { status: outcome.status } });
  return fail(`reportStaff.errors.${outcome.reason}`, STATUS_OF_REFUSAL[outcome.reason] ?? 422, { params: 'params' in outcome ? (outcome.params ?? {}) : {} });
}

// ---------------------------------------------------------------------------------------------

function useHistoryDetail(view: StaffReportView): (e: StaffEvent) => string {
  const { t } = useTranslation();
  const name = useNames();
  const { dayText } = useDates();
  return (e) => {
    const p = e.publicData;
    const body = (id: unknown) => (typeof id === 'number' && view.bodyNames[String(id)] ? name(view.bodyNames[String(id)]!) : '');
    switch (e.type) {
      case 'route':
        return body(p.akimatBodyId);
      case 'forward':
        return `${t('reportStaff.history.forwardedTo', { akimat: body(p.toBodyId), reason: String(p.reason ?? '') })}${p.late ? ` (${t('reportStaff.history.forwardedLate')})` : ''}`;
      case 'merge':
        return p.mergedInto ? t('reportStaff.history.mergedInto', { number: String(p.mergedInto) }) : p.mergedFrom ? t('reportStaff.history.mergedFrom', { number: String(p.mergedFrom) }) : '';
      case 'extend':
        return t('reportStaff.history.extendedTo', { date: typeof p.extendedTo === 'string' ? dayText(p.extendedTo) : '', reason: String(p.reason ?? '') });
      case 'escalate': {
        const cause = t(`reportStaff.escalation.${String(p.cause)}`);
        return p.toBodyId ? t('reportStaff.history.escalatedTo', { akimat: body(p.toBodyId), cause }) : t('reportStaff.history.escalatedNoUpper', { cause });
      }
      case 'request-info':
        return typeof e.data.question === 'string' ? t('reportStaff.history.question', { question: e.data.question }) : '';
      case 'assign':
        return typeof p.departmentCode === 'string' && view.departmentNames[p.departmentCode] ? t('reportStaff.history.department', { department: name(view.departmentNames[p.departmentCode]!) }) : '';
      case 'answer':
        return `${t(`reportStaff.decision.${String(p.decision)}`)}${p.late ? ` (${t('reportStaff.history.answeredLate')})` : ''}`;
      default:
        return '';
    }
  };
}

function FieldError({ result, intent, field }: { result: ActionResult | undefined; intent: Intent; field: string }) {
  const { t } = useTranslation();
  const code = result?.intent === intent ? result.fields[field] : undefined;
  if (!code) return null;
  const key = ['required', 'too-long', 'too-short'].includes(code) ? code : 'invalid';
  return (
    <span className="error" id={`${intent}-${field}-error`}>
      {t(`reportStaff.errors.${key}`)}
    </span>
  );
}

export default function AkimatReportPage() {
  const { view, routing, done, template: templateCode, decisions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const name = useNames();
  const { date, day, when, dayText } = useDates();
  const detail = useHistoryDetail(view);
  const can = (e: string) => view.available.includes(e as never);
  const template = view.templates.find((tpl) => tpl.code === templateCode) ?? null;
  const valueOf = (intent: Intent, field: string, fallback = '') => (result?.intent === intent ? (result.values[field] ?? fallback) : fallback);
  const invalid = (intent: Intent, field: string) =>
    result?.intent === intent && result.fields[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${intent}-${field}-error` } : {};
  const textIn = (n: { nameKk: string; nameRu: string; nameEn: string }, l: Locale) => localized(n, l);
  const errorFor = (intent: Intent) =>
    result?.intent === intent ? (
      <p role="alert" className="error" data-testid="action-error">
        {t(result.error, { ...result.params, status: result.params.status ? t(`reportStaff.status.${result.params.status}`) : undefined, originalDue: result.params.originalDue ? dayText(result.params.originalDue) : undefined, maxExtendedDue: result.params.maxExtendedDue ? dayText(result.params.maxExtendedDue) : undefined })}
      </p>
    ) : null;
  // An error of a form the page no longer shows (the status moved on) goes to the top.
  const formShown = (intent: string) => can(intent) && (intent !== 'merge' || view.mergeTargets.length > 0);
  const fixes = view.photos.filter((p) => p.kind === 'fix');
  const reportPhotos = view.photos.filter((p) => p.kind !== 'fix');

  return (
    <article aria-labelledby="report-title">
      <p className="breadcrumb">
        <Link to="/akimat/reports">{t('reportStaff.report.back')}</Link>
      </p>
      <h1 id="report-title">{t('reportStaff.report.title', { number: view.number })}</h1>
      {done ? (
        <p role="status" className="success" data-testid="action-done">
          {t('reportStaff.report.done', { event: t(`reportStaff.event.${done}`, { defaultValue: done }) })}
        </p>
      ) : null}
      {result && !formShown(result.intent) ? (
        <p role="alert" className="error" data-testid="action-error">
          {t(result.error, { ...result.params, status: result.params.status ? t(`reportStaff.status.${result.params.status}`) : undefined })}
        </p>
      ) : null}

      <h2>{t('reportStaff.report.details')}</h2>
      <dl data-testid="report-details">
        <dt>{t('reportStaff.inbox.state')}</dt>
        <dd data-testid="report-status">{t(`reportStaff.status.${view.status}`)}</dd>
        <dt>{t('reportStaff.report.category')}</dt>
        <dd>{name(view.category)}</dd>
        <dt>{t('reportStaff.report.place')}</dt>
        <dd>{view.place ? name(view.place) : '—'}</dd>
        {view.addressText ? (
          <>
            <dt>{t('reportStaff.report.address')}</dt>
            <dd>{view.addressText}</dd>
          </>
        ) : null}
        {view.lon !== null && view.lat !== null ? (
          <>
            <dt>{t('reportStaff.report.coordinates')}</dt>
            <dd>
              {view.lat.toFixed(5)}, {view.lon.toFixed(5)}
            </dd>
          </>
        ) : null}
        <dt>{t('reportStaff.report.akimat')}</dt>
        <dd>{view.akimat ? name(view.akimat) : '—'}</dd>
        {view.escalatedTo ? (
          <>
            <dt>{t('reportStaff.report.escalatedTo')}</dt>
            <dd data-testid="escalated-to">{name(view.escalatedTo)}</dd>
          </>
        ) : null}
        <dt>{t('reportStaff.report.department')}</dt>
        <dd>{view.department ? name(view.department) : t('reportStaff.report.none')}</dd>
        <dt>{t('reportStaff.report.executor')}</dt>
        <dd>{view.executor ? view.executor.name : t('reportStaff.report.none')}</dd>
        <dt>{t('reportStaff.report.applicants')}</dt>
        <dd>{view.applicants}</dd>
        <dt>{t('reportStaff.report.source')}</dt>
        <dd>{t(`reportStaff.report.sources.${view.source === 'open311' ? 'open311' : 'portal'}`)}</dd>
        <dt>{t('reportStaff.report.registered')}</dt>
        <dd>{date(view.registeredOn)}</dd>
        {view.forwardDueOn ? (
          <>
            <dt>{t('reportStaff.report.forwardDue')}</dt>
            <dd>{date(view.forwardDueOn)}</dd>
          </>
        ) : null}
        <dt>{t('reportStaff.report.answerDue')}</dt>
        <dd data-testid="answer-due">
          {view.answerDueOn ? date(view.answerDueOn) : t('reportStaff.inbox.noDue')} <StaffClock clock={view.clock} />
        </dd>
        {view.extendedAt && view.answerDueOnOriginal ? (
          <>
            <dt>{t('reportStaff.report.originalDue')}</dt>
            <dd>
              {date(view.answerDueOnOriginal)}. {t('reportStaff.report.extended', { reason: view.extensionReason ?? '' })}
            </dd>
          </>
        ) : null}
        {view.overdueAt ? (
          <>
            <dt>{t('reportStaff.inbox.overdueMark')}</dt>
            <dd>{t('reportStaff.report.overdueSince', { date: dayText(new Date(view.overdueAt).toISOString().slice(0, 10)) })}</dd>
          </>
        ) : null}
        {view.mergedInto ? (
          <>
            <dt>{t('reportStaff.event.merge')}</dt>
            <dd>
              <Link to={`/akimat/reports/${view.mergedInto}`}>{t('reportStaff.report.mergedInto', { number: view.mergedInto })}</Link>
            </dd>
          </>
        ) : null}
        {view.reopenCount > 0 ? (
          <>
            <dt>{t('reportStaff.status.reopened')}</dt>
            <dd>{t('reportStaff.report.reopened', { count: view.reopenCount })}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t('reportStaff.report.description')}</h2>
      <div className="card" data-testid="report-description">
        {view.description.split(/\n{2,}/).map((para, i) => (
          <p key={i} style={{ whiteSpace: 'pre-line' }}>
            {para}
          </p>
        ))}
      </div>

      {view.decision ? (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">{t('reportStaff.report.answer')}</h2>
          <p data-testid="report-decision">
            {t('reportStaff.report.decision')}: <strong>{t(`reportStaff.decision.${view.decision}`)}</strong>
            {view.plannedOn ? ` · ${t('reportStaff.report.plannedOn')} ${dayText(view.plannedOn)}` : null}
          </p>
          {view.answerText ? <p style={{ whiteSpace: 'pre-line' }}>{view.answerText}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t('reportStaff.report.map')}</h2>
        {view.map ? (
          <svg
            viewBox={`0 0 ${view.map.width} ${view.map.height}`}
            width={view.map.width}
            height={view.map.height}
            role="img"
            aria-label={t('reportStaff.report.mapAlt', { place: name(view.map.place) })}
            data-testid="report-map"
            style={{ maxWidth: '100%', height: 'auto' }}
          >
            <path d={view.map.d} fill="#e8eef5" stroke="#4a5a6a" strokeWidth="1" />
            <circle cx={view.map.x} cy={view.map.y} r="7" fill="#b3261e" stroke="#ffffff" strokeWidth="2" />
          </svg>
        ) : (
          <p>{t('reportStaff.report.noMap')}</p>
        )}
      </section>

      <section aria-labelledby="photos-heading">
        <h2 id="photos-heading">{t('reportStaff.report.photos')}</h2>
        {view.photos.length === 0 ? (
          <p>{t('reportStaff.report.noPhotos')}</p>
        ) : (
          <ul className="photo-list" data-testid="report-photos">
            {[...reportPhotos.map((p, i) => ({ p, label: t('reportStaff.report.photoReport', { n: i + 1 }) })), ...fixes.map((p, i) => ({ p, label: t('reportStaff.report.photoFix', { n: i + 1 }) }))].map(({ p, label }) => (
              <li key={p.id} data-kind={p.kind}>
                <a href={`/akimat/reports/${view.number}/photos/${p.id}`}>
                  <img src={`/akimat/reports/${view.number}/photos/${p.id}?thumb=1`} alt={label} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="routing-heading">
        <h2 id="routing-heading">{t('reportStaff.report.routing')}</h2>
        {routing.length === 0 ? (
          <p>{t('reportStaff.report.noRouting')}</p>
        ) : (
          routing.map((m, i) => (
            <p key={i} data-testid="routing-reason">
              {t(m.key, m.params)}
            </p>
          ))
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('reportStaff.report.history')}</h2>
        <div className="table-scroll">
          <table data-testid="report-history">
            <caption>{t('reportStaff.report.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reportStaff.report.when')}</th>
                <th scope="col">{t('reportStaff.report.event')}</th>
                <th scope="col">{t('reportStaff.inbox.state')}</th>
                <th scope="col">{t('reportStaff.report.who')}</th>
                <th scope="col">{t('reportStaff.report.details2')}</th>
              </tr>
            </thead>
            <tbody>
              {view.events.map((e) => (
                <tr key={e.id} data-event={e.type}>
                  <td>{when(e.at)}</td>
                  <td>{t(`reportStaff.event.${e.type}`, { defaultValue: e.type })}</td>
                  <td>{t(`reportStaff.status.${e.toStatus}`, { defaultValue: e.toStatus })}</td>
                  <td>
                    {t(`reportStaff.report.actors.${e.actorRole}`, { defaultValue: e.actorRole })}
                    {e.actorName ? `: ${e.actorName}` : null}
                  </td>
                  <td>{detail(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="actions-heading" data-testid="report-actions">
        <h2 id="actions-heading">{t('reportStaff.report.actions')}</h2>
        {view.available.length === 0 ? <p>{t('reportStaff.report.noActions')}</p> : null}

        {can('acknowledge') ? (
          <Form method="post" className="card" aria-labelledby="f-ack" data-testid="form-acknowledge">
            <h3 id="f-ack">{t('reportStaff.form.acknowledge.title')}</h3>
            <p className="hint">{t('reportStaff.form.acknowledge.lead')}</p>
            {errorFor('acknowledge')}
            <CsrfField />
            <input type="hidden" name="intent" value="acknowledge" />
            <button type="submit">{t('reportStaff.form.acknowledge.submit')}</button>
          </Form>
        ) : null}

        {can('answer') ? (
          <section className="card" aria-labelledby="f-answer" id="answer" data-testid="form-answer">
            <h3 id="f-answer">{t('reportStaff.form.answer.title')}</h3>
            {view.templates.length > 0 ? (
              <Form method="get" action={`/akimat/reports/${view.number}#answer`}>
                <p>
                  <label htmlFor="answer-template">{t('reportStaff.form.answer.template')}</label>{' '}
                  <select id="answer-template" name="template" defaultValue={templateCode ?? ''}>
                    <option value="">{t('reportStaff.form.answer.noTemplate')}</option>
                    {view.templates.map((tpl) => (
                      <option key={tpl.code} value={tpl.code}>
                        {name(tpl.title)} ({t(`reportStaff.decision.${tpl.decision}`)})
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit">{t('reportStaff.form.answer.useTemplate')}</button>
                </p>
              </Form>
            ) : null}
            <Form method="post" key={templateCode ?? 'none'}>
              {errorFor('answer')}
              <CsrfField />
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="templateCode" value={valueOf('answer', 'templateCode', templateCode ?? '')} />
              <p>
                <label htmlFor="answer-decision">{t('reportStaff.form.answer.decision')}</label>{' '}
                <select id="answer-decision" name="decision" defaultValue={valueOf('answer', 'decision', template?.decision ?? '')} {...invalid('answer', 'decision')}>
                  <option value="" disabled>
                    —
                  </option>
                  {decisions.map((d) => (
                    <option key={d} value={d}>
                      {t(`reportStaff.decision.${d}`)}
                    </option>
                  ))}
                </select>{' '}
                <FieldError result={result} intent="answer" field="decision" />
              </p>
              <p>
                <label htmlFor="answer-text">{t('reportStaff.form.answer.text')}</label>
                <br />
                <textarea id="answer-text" name="text" rows={6} cols={70} maxLength={4000} defaultValue={valueOf('answer', 'text', template ? textIn(template.text, locale) : '')} {...invalid('answer', 'text')} />
                <br />
                <FieldError result={result} intent="answer" field="text" />
              </p>
              <p>
                <label htmlFor="answer-planned">{t('reportStaff.form.answer.plannedOn')}</label>{' '}
                <input id="answer-planned" type="date" name="plannedOn" defaultValue={valueOf('answer', 'plannedOn')} {...invalid('answer', 'plannedOn')} />{' '}
                <FieldError result={result} intent="answer" field="plannedOn" />
              </p>
              <button type="submit">{t('reportStaff.form.answer.submit')}</button>
            </Form>
          </section>
        ) : null}

        {can('mark-fixed') ? (
          <Form method="post" encType="multipart/form-data" className="card" aria-labelledby="f-fix" data-testid="form-fix">
            <h3 id="f-fix">{t('reportStaff.form.fix.title')}</h3>
            <p className="hint">{t('reportStaff.form.fix.lead')}</p>
            {errorFor('mark-fixed')}
            <CsrfField />
            <input type="hidden" name="intent" value="mark-fixed" />
            <p>
              <label htmlFor="fix-photo">{t('reportStaff.form.fix.photo')}</label>{' '}
              <input id="fix-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp" required {...invalid('mark-fixed', 'photo')} />
              <br />
              <span className="hint">{t('reports.photo.hint', { maxMb: 10 })}</span>
            </p>
            <p>
              <label htmlFor="fix-note">{t('reportStaff.form.fix.note')}</label>
              <br />
              <textarea id="fix-note" name="note" rows={3} cols={70} maxLength={2000} defaultValue={valueOf('mark-fixed', 'note')} />
            </p>
            <button type="submit">{t('reportStaff.form.fix.submit')}</button>
          </Form>
        ) : null}

        {can('assign') ? (
          <Form method="post" className="card" aria-labelledby="f-assign" data-testid="form-assign">
            <h3 id="f-assign">{t('reportStaff.form.assign.title')}</h3>
            {errorFor('assign')}
            <CsrfField />
            <input type="hidden" name="intent" value="assign" />
            <p>
              <label htmlFor="assign-department">{t('reportStaff.form.assign.department')}</label>{' '}
              <select id="assign-department" name="departmentCode" defaultValue={valueOf('assign', 'departmentCode')} {...invalid('assign', 'departmentCode')}>
                <option value="">{t('reportStaff.form.assign.keep')}</option>
                {view.departments.map((d) => (
                  <option key={d.code} value={d.code}>
                    {name(d)}
                  </option>
                ))}
              </select>{' '}
              <FieldError result={result} intent="assign" field="departmentCode" />
            </p>
            <p>
              <label htmlFor="assign-executor">{t('reportStaff.form.assign.executor')}</label>{' '}
              <select id="assign-executor" name="executorAccountId" defaultValue={valueOf('assign', 'executorAccountId')}>
                <option value="">{t('reportStaff.form.assign.keep')}</option>
                {view.executors.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </p>
            <button type="submit">{t('reportStaff.form.assign.submit')}</button>
          </Form>
        ) : null}

        {can('request-info') ? (
          <Form method="post" className="card" aria-labelledby="f-info" data-testid="form-request-info">
            <h3 id="f-info">{t('reportStaff.form.requestInfo.title')}</h3>
            <p className="hint">{t('reportStaff.form.requestInfo.lead')}</p>
            {errorFor('request-info')}
            <CsrfField />
            <input type="hidden" name="intent" value="request-info" />
            <p>
              <label htmlFor="info-question">{t('reportStaff.form.requestInfo.question')}</label>
              <br />
              <textarea id="info-question" name="question" rows={3} cols={70} maxLength={2000} defaultValue={valueOf('request-info', 'question')} {...invalid('request-info', 'question')} />
              <br />
              <FieldError result={result} intent="request-info" field="question" />
            </p>
            <button type="submit">{t('reportStaff.form.requestInfo.submit')}</button>
          </Form>
        ) : null}

        {can('extend') ? (
          <Form method="post" className="card" aria-labelledby="f-extend" data-testid="form-extend">
            <h3 id="f-extend">{t('reportStaff.form.extend.title')}</h3>
            <p className="hint">{view.maxExtendedDue ? t('reportStaff.form.extend.lead', { max: dayText(view.maxExtendedDue) }) : t('reportStaff.form.extend.leadNoMax')}</p>
            {errorFor('extend')}
            <CsrfField />
            <input type="hidden" name="intent" value="extend" />
            <p>
              <label htmlFor="extend-to">{t('reportStaff.form.extend.to')}</label>{' '}
              <input id="extend-to" type="date" name="extendedTo" required defaultValue={valueOf('extend', 'extendedTo')} max={view.maxExtendedDue ?? undefined} {...invalid('extend', 'extendedTo')} />{' '}
              <FieldError result={result} intent="extend" field="extendedTo" />
            </p>
            <p>
              <label htmlFor="extend-reason">{t('reportStaff.form.extend.reason')}</label>
              <br />
              <textarea id="extend-reason" name="reason" rows={3} cols={70} maxLength={2000} required defaultValue={valueOf('extend', 'reason')} {...invalid('extend', 'reason')} />
              <br />
              <FieldError result={result} intent="extend" field="reason" />
            </p>
            <button type="submit">{t('reportStaff.form.extend.submit')}</button>
          </Form>
        ) : null}

        {can('forward') ? (
          <Form method="post" className="card" aria-labelledby="f-forward" data-testid="form-forward">
            <h3 id="f-forward">{t('reportStaff.form.forward.title')}</h3>
            <p className="hint">{t('reportStaff.form.forward.lead', { date: view.forwardDueOn ? dayText(view.forwardDueOn) : '—' })}</p>
            {errorFor('forward')}
            <CsrfField />
            <input type="hidden" name="intent" value="forward" />
            <p>
              <label htmlFor="forward-to">{t('reportStaff.form.forward.to')}</label>{' '}
              <select id="forward-to" name="toBodyId" required defaultValue={valueOf('forward', 'toBodyId')} {...invalid('forward', 'toBodyId')}>
                <option value="">{t('reportStaff.form.forward.choose')}</option>
                {view.forwardTargets.map((b) => (
                  <option key={b.id} value={b.id}>
                    {name(b)}
                  </option>
                ))}
              </select>{' '}
              <FieldError result={result} intent="forward" field="toBodyId" />
            </p>
            <p>
              <label htmlFor="forward-reason">{t('reportStaff.form.forward.reason')}</label>
              <br />
              <textarea id="forward-reason" name="reason" rows={3} cols={70} maxLength={2000} required defaultValue={valueOf('forward', 'reason')} {...invalid('forward', 'reason')} />
              <br />
              <FieldError result={result} intent="forward" field="reason" />
            </p>
            <button type="submit">{t('reportStaff.form.forward.submit')}</button>
          </Form>
        ) : null}

        {can('merge') && view.mergeTargets.length > 0 ? (
          <Form method="post" className="card" aria-labelledby="f-merge" data-testid="form-merge">
            <h3 id="f-merge">{t('reportStaff.form.merge.title')}</h3>
            <p className="hint">{t('reportStaff.form.merge.lead')}</p>
            {errorFor('merge')}
            <CsrfField />
            <input type="hidden" name="intent" value="merge" />
            <p>
              <label htmlFor="merge-target">{t('reportStaff.form.merge.target')}</label>{' '}
              <select id="merge-target" name="target" required defaultValue={valueOf('merge', 'target')} {...invalid('merge', 'target')}>
                <option value="">{t('reportStaff.form.merge.choose')}</option>
                {view.mergeTargets.map((m) => (
                  <option key={m.number} value={m.number}>
                    {m.number}: {m.description}
                  </option>
                ))}
              </select>{' '}
              <FieldError result={result} intent="merge" field="target" />
            </p>
            <button type="submit">{t('reportStaff.form.merge.submit')}</button>
          </Form>
        ) : null}
      </section>
      <p className="muted">
        {t('reportStaff.report.registered')}: {day(view.registeredAt)}
      </p>
    </article>
  );
}
