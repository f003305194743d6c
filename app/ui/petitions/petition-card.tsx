import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { PetitionCard as Card } from '../../domain/petitions/queries.server';
import { useNames } from '../locale';
import { CardDeadlineLine } from './deadline';
import { PetitionProgress } from './progress';

/** One result of the petition list. */
export function PetitionCard({ petition: p }: { petition: Card }) {
  const { t } = useTranslation();
  const name = useNames();
  return (
    <li className="card petition-card" data-testid="petition-card" data-state={p.state}>
      <h3 className="petition-card-title">
        <Link to={`/petitions/${p.id}`}>{p.title ?? t('petitionPages.card.hiddenTitle', { number: p.number })}</Link>
      </h3>
      <p className="petition-meta">
        <span className={`state-badge state-${p.state}`}>{t(`petitions.state.${p.state}`)}</span>
        <span>{t(`petitionPages.level.${p.level}`)}</span>
        <span>{t('petitionPages.card.number', { number: p.number })}</span>
      </p>
      <p>
        <span className="muted">{t('petitionPages.card.to')}</span> {name(p.addressee)}
      </p>
      <PetitionProgress progress={p.progress} id={`progress-${p.id}`} />
      <CardDeadlineLine deadline={p.deadline} />
      {p.state === 'answered' && p.decision ? <p>{t('petitionPages.card.decision', { decision: t(`petitions.decision.${p.decision}`) })}</p> : null}
      {p.state === 'rejected' && p.rejectionReason ? <p>{t('petitionPages.card.reason', { reason: t(`petitions.reason.${p.rejectionReason}`) })}</p> : null}
    </li>
  );
}
