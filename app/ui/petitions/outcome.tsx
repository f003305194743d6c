import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { PetitionPage } from '../../domain/petitions/queries.server';
import { useNames } from '../locale';
import { useFormat } from './format';

/** The addressee's official response, and the implementation milestones recorded after it. */
export function OfficialResponse({ response, milestones }: { response: PetitionPage['response']; milestones: PetitionPage['milestones'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const k = 'petitionPages.page';
  return (
    <section aria-labelledby="response-title" className="petition-response" data-testid="official-response">
      <h2 id="response-title">{t(`${k}.responseHeading`)}</h2>
      {response ? (
        <>
          {response.decision ? (
            <p>
              <span className={`decision-badge decision-${response.decision}`}>{t(`${k}.responseDecision`, { decision: t(`petitions.decision.${response.decision}`) })}</span>
            </p>
          ) : null}
          {response.answeredAt ? (
            <p className="muted">
              <time dateTime={f.iso(response.answeredAt)}>{t(`${k}.responseOn`, { date: f.date(response.answeredAt) })}</time>
            </p>
          ) : null}
          {response.text ? <div className="response-text pre-line">{response.text}</div> : null}
          {response.documentUrl ? (
            <p>
              <a href={response.documentUrl} rel="noopener noreferrer">
                {t(`${k}.responseDocument`)}
              </a>
            </p>
          ) : null}
        </>
      ) : (
        <p>{t(`${k}.noResponseYet`)}</p>
      )}
      {milestones.length > 0 ? (
        <>
          <h3>{t('petitions.milestone.heading')}</h3>
          <ol className="milestones">
            {milestones.map((m, i) => (
              <li key={i}>
                <time dateTime={f.iso(m.at)}>{f.date(m.at)}</time>: <span className="pre-line">{m.text}</span>
                {m.progressPercent !== null ? (
                  <>
                    {' '}
                    <span className="badge">{t('petitions.milestone.progress', { percent: m.progressPercent })}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** Why a petition was rejected: the coded, public reason, the topic group, the moderator's note. */
export function RejectionNotice({ rejection }: { rejection: NonNullable<PetitionPage['rejection']> }) {
  const { t } = useTranslation();
  const name = useNames();
  const k = 'petitionPages.page';
  return (
    <section aria-labelledby="rejection-title" className="petition-rejection notice" data-testid="rejection">
      <h2 id="rejection-title">{t(`${k}.rejectionHeading`)}</h2>
      <p>{rejection.topicGroup ? t('petitions.prohibitedTopicWith', { topic: name(rejection.topicGroup) }) : t(`petitions.reason.${rejection.code}`)}</p>
      {rejection.note ? <p className="pre-line">{t(`${k}.rejectionNote`, { note: rejection.note })}</p> : null}
      {rejection.duplicateOf ? (
        <p>
          {t(`${k}.duplicateOf`)}{' '}
          <Link to={`/petitions/${rejection.duplicateOf.id}`}>{rejection.duplicateOf.title ?? t('petitionPages.card.hiddenTitle', { number: rejection.duplicateOf.number })}</Link>
        </p>
      ) : null}
    </section>
  );
}
