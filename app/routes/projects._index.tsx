import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listProjectsWithCounts } from '../domain/projects/links.server';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { getDeps } from '../services/db.server';
import petitionStyles from '../styles/petitions.css';
import { useNames } from '../ui/locale';
import projectStyles from '../ui/projects/projects.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: petitionStyles },
  { rel: 'stylesheet', href: projectStyles },
];

/** The national priorities with their projects, each with its linked and answered petitions. */
export async function loader() {
  return { overview: await listProjectsWithCounts(getDeps()) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t('projects.heading')} — ${t('shell.brand')}` }, { name: 'description', content: t('projectPages.list.lead') }];
};

export default function ProjectsPage() {
  const { overview } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const k = 'projectPages.list';
  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">{t('projects.heading')}</h1>
      <p className="lead">{t(`${k}.lead`)}</p>
      <p className="muted">{t(`${k}.caveat`)}</p>
      <div className="project-groups">
        {overview.groups.map((g) => {
          const id = `priority-${g.priority?.code ?? 'none'}`;
          return (
            <section key={id} aria-labelledby={id} data-testid="priority-group" data-priority={g.priority?.code ?? ''}>
              <h2 id={id}>{g.priority ? t(`${k}.priority`, { name: name(g.priority) }) : t(`${k}.noPriority`)}</h2>
              <ul className="card-grid">
                {g.projects.map((p) => (
                  <li key={p.code} id={p.code} className="card project-card" data-testid="project-card" data-project={p.code}>
                    <h3>
                      <Link to={`/projects/${p.code}`}>{name(p)}</Link>
                    </h3>
                    <p className="muted small">
                      {t(`${k}.period`, { period: p.period })}
                      {' · '}
                      <span className={`state-badge ${p.status === 'active' ? 'state-open' : ''}`}>{t(`projectPages.status.${p.status === 'active' ? 'active' : 'closed'}`)}</span>
                    </p>
                    <p className="project-counts">
                      <span data-testid="linked-count">{t(`${k}.linked`, { count: p.linked })}</span>
                      {p.linked > 0 ? <span>{t(`${k}.answered`, { count: p.answered })}</span> : null}
                      {p.indicators > 0 ? <span>{t(`${k}.indicators`, { count: p.indicators })}</span> : null}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <p>
        <a href="/api/v1/projects" type="application/json">
          {t(`${k}.openData`)}
        </a>
      </p>
    </section>
  );
}
