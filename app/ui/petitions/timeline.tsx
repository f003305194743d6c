import { useTranslation } from 'react-i18next';
import type { PublicEventDetails, TimelineItem } from '../../domain/petitions/queries.server';
import { DeadlineBadge, deadlineText } from './deadline';
import { useFormat } from './format';

function eventText(t: (key: string, opts?: Record<string, unknown>) => string, num: (n: number) => string, event: string, d: PublicEventDetails): string {
  const k = 'petitionPages.timeline';
  if (event === 'initial-support-reached' && d.kind === 'initial-support') return t(`${k}.initial-support-reached-count`, { supporters: num(d.supporters), required: num(d.required) });
  if (event === 'threshold-reached' && d.kind === 'threshold') return t(`${k}.threshold-reached-count`, { signatures: num(d.signatures), threshold: num(d.threshold) });
  return t(`${k}.${event}`);
}

/**
 * The petition's history: every event with its date, and the legal deadlines (moderation,
 * consideration) at their due dates, each marked kept / missed / pending in words.
 */
export function Timeline({ items }: { items: readonly TimelineItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item) => {
        if (item.kind === 'deadline') {
          const { mark } = item;
          return (
            <li key={`deadline-${item.clock}`} className={`timeline-deadline deadline-${mark.status}`} data-testid={`deadline-${item.clock}`}>
              <time dateTime={mark.due}>{f.day(mark.due)}</time>
              <div>
                <p className="timeline-title">
                  {t(`petitionPages.deadline.${item.clock}Due`, { date: f.day(mark.due) })} <DeadlineBadge mark={mark} />
                </p>
                <p>
                  {deadlineText(t, f, mark)}
                  {mark.provisional ? <span className="muted"> ({t('petitionPages.deadline.provisional')})</span> : null}
                </p>
              </div>
            </li>
          );
        }
        const d = item.details;
        return (
          <li key={`event-${item.id}`} className={`timeline-event event-${item.event}`}>
            <time dateTime={f.iso(item.at)}>{f.date(item.at)}</time>
            <div>
              <p className="timeline-title">{eventText(t, f.number, item.event, d)}</p>
              {d.kind === 'rejection' ? <p>{t(`petitions.reason.${d.code}`)}</p> : null}
              {d.kind === 'answer' ? <p>{t('petitionPages.page.responseDecision', { decision: t(`petitions.decision.${d.decision}`) })}</p> : null}
              {d.kind === 'milestone' ? (
                <p className="pre-line">
                  {d.text}
                  {d.progressPercent !== null ? ` (${t('petitions.milestone.progress', { percent: d.progressPercent })})` : ''}
                </p>
              ) : null}
              <p className="muted small">{t('petitionPages.timeline.by', { role: t(`petitions.role.${item.actorRole}`) })}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
