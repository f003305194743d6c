import { useTranslation } from 'react-i18next';
import type { CardDeadline, DeadlineMark } from '../../domain/petitions/queries.server';
import { useFormat } from './format';

/** A deadline's state in words: kept / missed (late or still outstanding) / pending. */
export function deadlineText(t: (key: string, opts?: Record<string, unknown>) => string, f: ReturnType<typeof useFormat>, mark: DeadlineMark): string {
  const k = 'petitionPages.deadline';
  switch (mark.status) {
    case 'kept':
      return t(`${k}.kept`, { date: f.day(mark.doneOn) });
    case 'missed':
      if (mark.doneOn !== null)
        return mark.workingDaysOverdue > 0 ? t(`${k}.missedLate`, { count: mark.workingDaysOverdue, date: f.day(mark.doneOn) }) : t(`${k}.missedAfter`, { date: f.day(mark.doneOn) });
      return mark.workingDaysOverdue > 0 ? t(`${k}.missedOpen`, { count: mark.workingDaysOverdue }) : t(`${k}.missedOpenToday`);
    case 'pending':
      return mark.workingDaysLeft > 0 ? t(`${k}.pending`, { count: mark.workingDaysLeft }) : t(`${k}.pendingToday`);
  }
}

/** The status word of a deadline as a badge (text, not colour alone). */
export function DeadlineBadge({ mark }: { mark: DeadlineMark }) {
  const { t } = useTranslation();
  return <span className={`deadline-badge deadline-${mark.status}`}>{t(`petitionPages.deadline.badge.${mark.status}`)}</span>;
}

/** The one deadline a result card shows. */
export function CardDeadlineLine({ deadline }: { deadline: CardDeadline }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!deadline) return null;
  const k = 'petitionPages.deadline';
  if (deadline.kind === 'signing-closes' || deadline.kind === 'signing-closed')
    return (
      <p className="card-deadline">
        <time dateTime={f.iso(deadline.on)}>{t(`${k}.${deadline.kind === 'signing-closes' ? 'signingCloses' : 'signingClosed'}`, { date: f.date(deadline.on) })}</time>
      </p>
    );
  const what = t(`${k}.${deadline.kind}`);
  const { mark } = deadline;
  const text =
    mark.status === 'kept'
      ? t(`${k}.cardKept`, { what })
      : mark.status === 'missed'
        ? t(`${k}.cardMissed`, { what, date: f.day(mark.due) })
        : t(`${k}.cardPending`, { what, date: f.day(mark.due) });
  return (
    <p className={`card-deadline deadline-${mark.status}`}>
      <DeadlineBadge mark={mark} /> {text}
    </p>
  );
}
