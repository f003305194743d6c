import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { PetitionProject } from '../../domain/projects/links.server';
import { useNames } from '../locale';

/**
 * The national projects a petition is linked to (confirmed by the project office), for the petition
 * page: `listPetitionProjects(deps, petitionId)` in the loader, `<LinkedProjects projects={...} />`
 * in the page. Renders nothing when there is none.
 */
export function LinkedProjects({ projects }: { projects: Pick<PetitionProject, 'code' | 'nameKk' | 'nameRu' | 'nameEn' | 'status'>[] }) {
  const { t } = useTranslation();
  const name = useNames();
  if (projects.length === 0) return null;
  return (
    <section aria-labelledby="linked-projects-title" className="linked-projects" data-testid="linked-projects">
      <h2 id="linked-projects-title">{t('projectPages.linked.heading')}</h2>
      <p className="muted">{t('projectPages.linked.lead')}</p>
      <ul>
        {projects.map((p) => (
          <li key={p.code} data-project={p.code}>
            <Link to={`/projects/${p.code}`}>{name(p)}</Link>
            {p.status !== 'active' ? <span className="badge">{t('projectPages.status.closed')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
