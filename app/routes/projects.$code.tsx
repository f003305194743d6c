import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { can } from '../domain/identity/permissions';
import { followSubject, getProjectPage, isFollowing, PROJECT_CODE, unfollowSubject } from '../domain/projects/links.server';
import { DEFAULT_LOCALE, getT, isLocale, localized } from '../i18n';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getSession, requireSession } from '../services/session.server';
import petitionStyles from '../styles/petitions.css';
import { useNames } from '../ui/locale';
import { useFormat } from '../ui/petitions/format';
import { FollowForm } from '../ui/projects/follow-form';
import { IndicatorTable } from '../ui/projects/indicators';
import { RelatedReportsTable } from '../ui/reports-public/project-reports';
import projectStyles from '../ui/projects/projects.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: petitionStyles },
  { rel: 'stylesheet', href: projectStyles },
];

function codeParam(value: string | undefined): string {
  if (!value || !PROJECT_CODE.test(value)) throw new Response('Not Found', { status: 404 });
  return value;
}

/** A national project: description, priority, indicators, confirmed linked petitions, report categories, followers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = codeParam(params.code);
  const deps = getDeps();
  const session = await getSession(request);
  const viewer = session && session.stage === 'active' ? session : null;
  const page = await getProjectPage(deps, code);
  if (!page) throw new Response('Not Found', { status: 404 });
  const following = viewer ? await isFollowing(deps, viewer.accountId, 'project', code) : false;
  const done = new URL(request.url).searchParams.get('done');
  return {
    page,
    following,
    signedIn: viewer !== null,
    canEdit: can(viewer?.actor ?? null, 'project:edit'),
    flash: done === 'followed' || done === 'unfollowed' ? done : null,
  };
}

/** Follow or unfollow (signed-in people; a form that works without JavaScript). */
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const code = codeParam(params.code);
  const session = await requireSession(request);
  const deps = getDeps();
  const intent = form.get('intent');
  if (intent === 'unfollow') {
    await unfollowSubject(deps, session.actor, { type: 'project', id: code });
    return redirect(`/projects/${code}?done=unfollowed`);
  }
  if (intent !== 'follow') throw new Response('Bad Request', { status: 400 });
  const outcome = await followSubject(deps, session.actor, { type: 'project', id: code });
  if (outcome.kind === 'refused') throw new Response('Not Found', { status: 404 });
  return redirect(`/projects/${code}?done=followed`);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const raw = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE;
  const t = getT(locale);
  if (!data) return [{ title: `${t('errors.notFoundTitle')} — ${t('shell.brand')}` }];
  return [{ title: `${localized(data.page, locale)} — ${t('shell.brand')}` }];
};

export default function ProjectPage() {
  const { page: p, following, signedIn, canEdit, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const f = useFormat();
  const k = 'projectPages.page';
  return (
    <article aria-labelledby="project-title" className="project-page" data-testid="project-page" data-project={p.code}>
      <nav aria-label="breadcrumb" className="breadcrumb">
        <Link to="/projects">{t(`${k}.breadcrumb`)}</Link> / <span aria-current="page">{p.code}</span>
      </nav>
      {flash ? (
        <p role="status" className="success" data-testid="follow-flash">
          {t(`projectPages.follow.${flash}`)}
        </p>
      ) : null}
      <header>
        <h1 id="project-title">{name(p)}</h1>
        <p className="petition-meta">
          <span className={`state-badge ${p.status === 'active' ? 'state-open' : ''}`} data-testid="project-status">
            {t(`projectPages.status.${p.status === 'active' ? 'active' : 'closed'}`)}
          </span>{' '}
          <span>{t('projectPages.list.period', { period: p.period })}</span>
        </p>
        {p.status !== 'active' && p.laterStatus ? (
          <p className="notice">
            {t(`${k}.closedNote`)} <span lang="en">{p.laterStatus}</span>
          </p>
        ) : null}
      </header>

      <div className="project-layout">
        <div>
          <dl className="project-facts">
            <dt>{t(`${k}.priority`)}</dt>
            <dd data-testid="project-priority">{p.priority ? name(p.priority) : t(`${k}.noPriority`)}</dd>
            {p.responsibleBodies.length > 0 ? (
              <>
                <dt>{t(`${k}.responsible`)}</dt>
                <dd lang="en">{p.responsibleBodies.join('; ')}</dd>
              </>
            ) : null}
          </dl>

          <section aria-labelledby="about-title">
            <h2 id="about-title">{t(`${k}.about`)}</h2>
            {p.summaryEn ? (
              <>
                <p lang="en" data-testid="project-summary">
                  {p.summaryEn}
                </p>
                <p className="muted small">{t(`${k}.summaryInEnglish`)}</p>
              </>
            ) : (
              <p className="muted">{t(`${k}.noSummary`)}</p>
            )}
          </section>

          <section aria-labelledby="indicators-title">
            <h2 id="indicators-title">{t(`${k}.indicatorsHeading`)}</h2>
            {p.indicators.length === 0 ? (
              <p className="muted">{t(`${k}.indicatorsEmpty`)}</p>
            ) : (
              <>
                <p className="muted">{t(`${k}.indicatorsLead`)}</p>
                <IndicatorTable indicators={p.indicators} caption={t(`${k}.indicatorsCaption`, { name: name(p) })} />
              </>
            )}
          </section>

          <section aria-labelledby="petitions-title">
            <h2 id="petitions-title">{t(`${k}.petitionsHeading`)}</h2>
            <p className="muted">{t(`${k}.petitionsLead`)}</p>
            {p.petitions.length === 0 ? (
              <p data-testid="linked-petitions-empty">{t(`${k}.petitionsEmpty`)}</p>
            ) : (
              <>
                <p>
                  {t(`${k}.counts`, { count: p.counts.linked })}
                  {p.counts.answered > 0 ? ` ${t(`${k}.answeredCount`, { count: p.counts.answered })}` : null}
                </p>
                <ul className="linked-petitions" data-testid="linked-petitions">
                  {p.petitions.map((x) => (
                    <li key={x.id} data-testid="linked-petition" data-petition={x.id}>
                      <Link to={`/petitions/${x.id}`}>{x.title}</Link>
                      <p className="petition-meta">
                        <span className={`state-badge state-${x.state}`}>{t(`petitions.state.${x.state}`)}</span>
                        <span>{t(`${k}.petitionNumber`, { number: x.number })}</span>
                        <span>{t(`${k}.signatures`, { count: x.signatures, num: f.number(x.signatures) })}</span>
                        {x.decision ? (
                          <span className={`decision-badge decision-${x.decision}`}>{t(`${k}.decision`, { decision: t(`petitions.decision.${x.decision}`) })}</span>
                        ) : null}
                        {x.answeredAt ? <time dateTime={f.iso(x.answeredAt)}>{t(`${k}.answeredOn`, { date: f.date(x.answeredAt) })}</time> : null}
                      </p>
                    </li>
                  ))}
                </ul>
                {p.counts.linked > p.petitions.length ? (
                  <p>
                    <Link to={`/petitions?project=${encodeURIComponent(p.code)}`}>{t(`${k}.allPetitions`, { count: p.counts.linked })}</Link>
                  </p>
                ) : null}
              </>
            )}
          </section>

          <section aria-labelledby="reports-title">
            <h2 id="reports-title">{t(`${k}.reportsHeading`)}</h2>
            {p.categories.length > 0 ? (
              <>
                <p>{t(`${k}.categoriesLead`)}</p>
                <ul data-testid="project-categories">
                  {p.categories.map((c) => (
                    <li key={c.code}>
                      <Link to={`/reports?category=${encodeURIComponent(c.code)}`}>{name(c)}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">{t(`${k}.categoriesEmpty`)}</p>
            )}
            {p.categories.length > 0 ? <RelatedReportsTable reports={p.reports} /> : null}
          </section>

          {p.sources.length > 0 ? (
            <section aria-labelledby="sources-title">
              <h2 id="sources-title">{t(`${k}.sourcesHeading`)}</h2>
              <ul className="small">
                {p.sources.map((s, i) => (
                  <li key={i} lang="en">
                    {s}
                  </li>
                ))}
              </ul>
              <p className="muted small">{t(`${k}.verification`, { status: p.verification })}</p>
            </section>
          ) : null}
        </div>

        <aside aria-labelledby="follow-title">
          <section className="card">
            <h2 id="follow-title">{t('projectPages.follow.heading')}</h2>
            <FollowForm code={p.code} following={following} signedIn={signedIn} followers={p.followers} />
          </section>
          <p className="small">
            <a href={`/api/v1/projects/${p.code}`} type="application/json">
              {t(`${k}.openData`)}
            </a>
          </p>
          {canEdit ? (
            <p className="small">
              <Link to={`/office/projects/${p.code}`}>{t(`${k}.edit`)}</Link>
            </p>
          ) : null}
          <p className="muted small">
            <time dateTime={f.iso(p.updatedAt)}>{t(`${k}.updated`, { date: f.date(p.updatedAt) })}</time>
          </p>
        </aside>
      </div>
    </article>
  );
}
