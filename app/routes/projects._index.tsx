import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listProjects } from '../domain/reference/queries.server';
import { getDeps } from '../services/db.server';
import { useNames } from '../ui/locale';

export async function loader() {
  return { projects: await listProjects(getDeps()) };
}

export default function ProjectsPage() {
  const { projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  return (
    <>
      <h1>{t('projects.heading')}</h1>
      <p className="lead">{t('projects.lead')}</p>
      <ul className="stack">
        {projects.map((p) => (
          <li key={p.code} id={p.code} className="card">
            <h2 className="card-title">{name(p)}</h2>
            <p className="muted">
              {p.code} · {t('home.period', { period: p.period })} ·{' '}
              {t(`home.projectStatus.${p.status === 'active' ? 'active' : 'closed'}`)}
            </p>
            {p.priority ? <p>{t('projects.priority', { priority: name(p.priority) })}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
