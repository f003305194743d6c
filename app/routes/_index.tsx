import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listProjects, listRegions } from '../domain/reference/queries.server';
import { getDeps } from '../services/db.server';
import { useNames } from '../ui/locale';

export async function loader() {
  const deps = getDeps();
  const [regions, projects] = await Promise.all([listRegions(deps), listProjects(deps)]);
  return { regions, projects };
}

export default function Home() {
  const { regions, projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.heading')}</h1>
        <p className="lead">{t('home.lead')}</p>
      </section>

      <section aria-labelledby="regions-title">
        <h2 id="regions-title">{t('home.regionsHeading')}</h2>
        <p>{t('home.regionsLead')}</p>
        <ul className="card-grid" data-testid="region-list">
          {regions.map((r) => (
            <li key={r.kato} className="card">
              <Link to={`/regions/${r.kato}`} className="card-title">
                {name(r)}
              </Link>
              <p className="muted">{t(`unitType.${r.type}`)}</p>
              {r.centreEn && r.type === 'region' ? (
                <p>{t('home.centre', { centre: name({ nameKk: r.centreKk, nameRu: r.centreRu ?? r.centreEn, nameEn: r.centreEn }) })}</p>
              ) : null}
              <p>{t('home.districtCount', { count: r.childCount })}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="projects-title">
        <h2 id="projects-title">{t('home.projectsHeading')}</h2>
        <p>{t('home.projectsLead')}</p>
        <ul className="card-grid" data-testid="project-list">
          {projects.map((p) => (
            <li key={p.code} className="card">
              <Link to={`/projects#${p.code}`} className="card-title">
                {name(p)}
              </Link>
              <p className="muted">
                {t('home.period', { period: p.period })} ·{' '}
                {t(`home.projectStatus.${p.status === 'active' ? 'active' : 'closed'}`)}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
