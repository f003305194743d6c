import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { can } from '../domain/identity/permissions';
import { addManualLink, confirmLink, listOfficeQueue, listRecentDecisions, PROJECT_CODE, rejectLink } from '../domain/projects/links.server';
import { listProjects } from '../domain/reference/queries.server';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { requestMeta, requirePermission } from '../services/session.server';
import petitionStyles from '../styles/petitions.css';
import { CsrfField } from '../ui/csrf-field';
import { useNames } from '../ui/locale';
import { useFormat } from '../ui/petitions/format';
import { MatchedWords } from '../ui/projects/matched-words';
import projectStyles from '../ui/projects/projects.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: petitionStyles },
  { rel: 'stylesheet', href: projectStyles },
];

const DONE = ['confirmed', 'rejected', 'linked'] as const;

/** The project office: suggestions waiting (oldest first), recent decisions, a form to link by hand. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'project:link');
  const deps = getDeps();
  const [queue, recent, projects] = await Promise.all([
    listOfficeQueue(deps, session.actor),
    listRecentDecisions(deps, session.actor),
    listProjects(deps),
  ]);
  const url = new URL(request.url);
  const done = url.searchParams.get('done');
  const number = Number(url.searchParams.get('number'));
  const project = url.searchParams.get('project') ?? '';
  const flash =
    (DONE as readonly string[]).includes(done ?? '') && Number.isSafeInteger(number) && number > 0 && PROJECT_CODE.test(project)
      ? { done: done as (typeof DONE)[number], number, project }
      : null;
  return { queue, recent, projects, flash, canEdit: can(session.actor, 'project:edit') };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t('projectPages.office.title')} — ${t('shell.brand')}` }];
};

export async function action({ request }: ActionFunctionArgs) {
  const session = await requirePermission(request, 'project:link');
  const form = await csrfForm(request);
  const deps = getDeps();
  const meta = requestMeta(request);
  const intent = form.get('intent');
  const input = Object.fromEntries([...form].filter(([k]) => k !== 'csrf' && k !== 'intent'));
  if (intent === 'confirm' || intent === 'reject') {
    const outcome = await (intent === 'confirm' ? confirmLink : rejectLink)(deps, session.actor, input, meta);
    if (outcome.kind === 'refused') return data({ form: 'decision' as const, error: outcome.reason, fields: {} as Record<string, string> }, { status: 409 });
    return redirect(`/office?done=${outcome.kind}&number=${outcome.number}&project=${outcome.projectCode}`);
  }
  if (intent === 'add') {
    const outcome = await addManualLink(deps, session.actor, input, meta);
    if (outcome.kind === 'refused') return data({ form: 'manual' as const, error: outcome.reason, fields: outcome.fields ?? {} }, { status: outcome.reason === 'invalid' ? 422 : 409 });
    return redirect(`/office?done=linked&number=${outcome.number}&project=${outcome.projectCode}`);
  }
  throw new Response('Bad Request', { status: 400 });
}

function Decide({ petitionId, projectCode, intent, label, ariaLabel, primary }: { petitionId: string; projectCode: string; intent: 'confirm' | 'reject'; label: string; ariaLabel: string; primary?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="petitionId" value={petitionId} />
      <input type="hidden" name="projectCode" value={projectCode} />
      <button type="submit" className={`button small${primary ? ' primary' : ''}`} aria-label={ariaLabel} data-testid={`${intent}-link`}>
        {label}
      </button>
    </Form>
  );
}

export default function ProjectOffice() {
  const { queue, recent, projects, flash, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const f = useFormat();
  const k = 'projectPages.office';
  const projectName = (code: string) => {
    const p = projects.find((x) => x.code === code);
    return p ? name(p) : code;
  };
  return (
    <section aria-labelledby="office-title" className="office-grid">
      <div>
        <h1 id="office-title">{t(`${k}.title`)}</h1>
        <p className="lead">{t(`${k}.lead`)}</p>
        {flash ? (
          <p role="status" className="success" data-testid="office-flash">
            {t(`${k}.done.${flash.done}`, { number: flash.number, project: projectName(flash.project) })}
          </p>
        ) : null}
        {result?.form === 'decision' ? (
          <p role="alert" className="error">
            {t(`${k}.errors.${result.error}`)}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{t(`${k}.queueHeading`)}</h2>
        {queue.total === 0 ? (
          <p data-testid="office-queue-empty">{t(`${k}.queueEmpty`)}</p>
        ) : (
          <>
            <p data-testid="office-queue-summary">
              {t(`${k}.waiting`, { count: queue.total })}
              {queue.total > queue.items.length ? ` ${t(`${k}.shownFirst`, { count: queue.items.length })}` : null}
            </p>
            <div className="table-scroll">
              <table className="office-queue" data-testid="office-queue">
                <caption>{t(`${k}.caption`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`${k}.petition`)}</th>
                    <th scope="col">{t(`${k}.project`)}</th>
                    <th scope="col">{t(`${k}.score`)}</th>
                    <th scope="col">{t(`${k}.words`)}</th>
                    <th scope="col">{t(`${k}.decision`)}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.items.map((item) => {
                    const project = name(item.project);
                    return (
                      <tr key={`${item.petitionId}-${item.projectCode}`} data-testid="suggestion-row" data-petition={item.petitionId} data-project={item.projectCode} data-state={item.state}>
                        <th scope="row">
                          <Link to={`/petitions/${item.petitionId}`}>{item.title}</Link>
                          <p className="muted small">
                            {t(`${k}.number`, { number: item.number })} · {t(`petitions.state.${item.state}`)}
                            {item.suggestedAt ? (
                              <>
                                {' · '}
                                <time dateTime={f.iso(item.suggestedAt)}>{t(`${k}.suggestedOn`, { date: f.date(item.suggestedAt) })}</time>
                              </>
                            ) : null}
                          </p>
                        </th>
                        <td>
                          {project}
                          {item.projectStatus !== 'active' ? <span className="badge">{t('projectPages.status.closed')}</span> : null}
                        </td>
                        <td className="num">{item.score === null ? '—' : Math.round(item.score * 100)}</td>
                        <td>
                          <MatchedWords matched={item.matched} />
                        </td>
                        <td>
                          <Decide petitionId={item.petitionId} projectCode={item.projectCode} intent="confirm" primary label={t(`${k}.confirm`)} ariaLabel={t(`${k}.confirmAria`, { number: item.number, project })} />
                          <Decide petitionId={item.petitionId} projectCode={item.projectCode} intent="reject" label={t(`${k}.reject`)} ariaLabel={t(`${k}.rejectAria`, { number: item.number, project })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="hint">{t(`${k}.scoreHint`)}</p>
          </>
        )}
      </section>

      <section aria-labelledby="manual-title">
        <h2 id="manual-title">{t(`${k}.manualHeading`)}</h2>
        <p className="muted">{t(`${k}.manualLead`)}</p>
        {result?.form === 'manual' ? (
          <p role="alert" className="error" id="manual-error">
            {t(`${k}.errors.${result.error}`)}
          </p>
        ) : null}
        <Form method="post" className="card form" aria-labelledby="manual-title">
          <CsrfField />
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="manual-petition">{t(`${k}.petitionField`)}</label>
            <input
              id="manual-petition"
              name="petition"
              className="input small"
              required
              inputMode="numeric"
              aria-invalid={result?.form === 'manual' && 'petition' in result.fields ? true : undefined}
              aria-describedby={result?.form === 'manual' ? 'manual-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="manual-project">{t(`${k}.projectField`)}</label>
            <select id="manual-project" name="projectCode" className="input" required>
              {projects.map((p) => (
                <option key={p.code} value={p.code}>
                  {name(p)}
                  {p.status !== 'active' ? ` (${t('projectPages.status.closed')})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="manual-note">{t(`${k}.noteField`)}</label>
            <input id="manual-note" name="note" className="input" maxLength={1000} />
          </div>
          <p>
            <button type="submit" className="button primary" data-testid="manual-link-submit">
              {t(`${k}.add`)}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t(`${k}.recentHeading`)}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t(`${k}.recentEmpty`)}</p>
        ) : (
          <ul className="stack" data-testid="recent-decisions">
            {recent.map((r) => {
              const project = name(r.project);
              return (
                <li key={`${r.petitionId}-${r.projectCode}`} className="card" data-testid="decision-row" data-status={r.status}>
                  <p>
                    <strong>{t(`${k}.status.${r.status}`)}</strong>
                    {r.origin === 'manual' ? <span className="badge">{t(`${k}.manualBadge`)}</span> : null}: <Link to={`/petitions/${r.petitionId}`}>{r.title}</Link> ({t(`${k}.number`, { number: r.number })}) → {project}
                  </p>
                  {r.decidedAt ? (
                    <p className="muted small">
                      <time dateTime={f.iso(r.decidedAt)}>{f.date(r.decidedAt)}</time>
                      {r.note ? ` · ${r.note}` : ''}
                    </p>
                  ) : null}
                  {r.status === 'confirmed' ? (
                    <Decide petitionId={r.petitionId} projectCode={r.projectCode} intent="reject" label={t(`${k}.unlink`)} ariaLabel={t(`${k}.unlinkAria`, { number: r.number, project })} />
                  ) : (
                    <Decide petitionId={r.petitionId} projectCode={r.projectCode} intent="confirm" label={t(`${k}.relink`)} ariaLabel={t(`${k}.relinkAria`, { number: r.number, project })} />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t(`${k}.projectsHeading`)}</h2>
          <ul>
            {projects.map((p) => (
              <li key={p.code}>
                <Link to={`/office/projects/${p.code}`}>{name(p)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
