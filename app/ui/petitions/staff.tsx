import { useTranslation } from 'react-i18next';
import type { ClockStatus } from '../../domain/calendar';
import { useDates } from '../dates';

/** The status of a legal clock in words (never colour alone); overdue in bold. */
export function ClockBadge({ clock }: { clock: ClockStatus | null }) {
  const { t } = useTranslation();
  if (!clock) return <span className="muted">—</span>;
  if (clock.status === 'overdue')
    return (
      <strong className="error" data-clock="overdue">
        {clock.workingDaysOverdue > 0 ? t('petitions.clock.workingDaysOverdue', { count: clock.workingDaysOverdue }) : t('petitions.clock.status.overdue')}
      </strong>
    );
  if (clock.status === 'paused') return <span data-clock="paused">{t('petitions.clock.status.paused')}</span>;
  return (
    <span data-clock={clock.status}>
      {`${t(`petitions.clock.status.${clock.status}`)} · ${clock.workingDaysLeft === 0 ? t('petitions.clock.dueToday') : t('petitions.clock.workingDaysLeft', { count: clock.workingDaysLeft })}`}
    </span>
  );
}

export interface HistoryEntry {
  at: Date | string;
  event: string;
  toState: string;
  actorRole: string;
}

/** A petition's events for staff: when, what, the resulting stage and who. */
export function PetitionHistory({ history }: { history: readonly HistoryEntry[] }) {
  const { t } = useTranslation();
  const { when } = useDates();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('moderation.history.heading')}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('moderation.history.when')}</th>
              <th scope="col">{t('moderation.history.event')}</th>
              <th scope="col">{t('moderation.history.stage')}</th>
              <th scope="col">{t('moderation.history.by')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i}>
                <td>{when(h.at)}</td>
                <td>{t(`petitions.event.${h.event}`)}</td>
                <td>{t(`petitions.state.${h.toState}`)}</td>
                <td>{t(`petitions.role.${h.actorRole}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
