import { useTranslation } from 'react-i18next';
import type { ClockStatus } from '../../domain/calendar';

/** The answer clock of a report in words (never colour alone); overdue in bold. */
export function StaffClock({ clock }: { clock: ClockStatus | null }) {
  const { t } = useTranslation();
  if (!clock) return <span className="muted">—</span>;
  if (clock.status === 'overdue')
    return (
      <strong className="error" data-clock="overdue">
        {t('reportStaff.clock.overdue', { count: clock.workingDaysOverdue })}
      </strong>
    );
  if (clock.status === 'paused') return <span data-clock="paused">{t('reportStaff.clock.paused', { count: clock.unitsLeft })}</span>;
  return <span data-clock={clock.status}>{t(`reportStaff.clock.${clock.status}`, { count: clock.workingDaysLeft })}</span>;
}

