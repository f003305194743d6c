import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { PublicClock } from '../../domain/reports/groups';
import type { PublicReportCard, ReportListFilters } from '../../domain/reports/public.server';
import { useDates } from '../dates';
import { useNames } from '../locale';

type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string | Date : T[K] extends Date | null ? string | Date | null : T[K] };

/** The clock in one line: due, overdue by N days, answered on time / late. */
export function ClockLine({ clock }: { clock: PublicClock }) {
  const { t } = useTranslation();
  const d = useDates();
  const k = 'reportPublic.clock';
  switch (clock.kind) {
    case 'no-due':
      return <span className="clock-no-due">{t(`${k}.noDue`)}</span>;
    case 'merged':
      return <span className="clock-merged">{t(`${k}.merged`)}</span>;
    case 'running':
      return (
        <span className="clock-running">
          {t(`${k}.dueOn`)} {d.date(clock.dueOn)}
        </span>
      );
    case 'paused':
      return (
        <span className="clock-paused">
          {t(`${k}.paused`)} ({t(`${k}.dueOn`)} {d.date(clock.dueOn)})
        </span>
      );
    case 'overdue':
      return <span className="clock-overdue">{t(`${k}.overdue`, { count: clock.days, num: d.num(clock.days) })}</span>;
    case 'answered-on-time':
      return <span className="clock-answered-on-time">{t(`${k}.answeredOnTime`)}</span>;
    case 'answered-late':
      return <span className="clock-answered-late">{t(`${k}.answeredLate`, { count: clock.days, num: d.num(clock.days) })}</span>;
  }
}

export function GroupBadge({ group, status }: { group: string; status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`group-badge group-${group}`} data-testid="report-status" data-status={status}>
      {t(`reportPublic.status.${status}`)}
    </span>
  );
}

export function ReportCard({ report: r }: { report: Serialized<PublicReportCard> }) {
  const { t } = useTranslation();
  const name = useNames();
  const d = useDates();
  return (
    <li className="report-card" data-number={r.number}>
      {r.thumbPhotoId ? <img src={`/reports/${r.number}/photos/${r.thumbPhotoId}/thumb`} alt={t('reportPublic.photos.thumbAlt', { number: r.number })} width={96} height={96} loading="lazy" /> : null}
      <div>
        <h3>
          <Link to={`/reports/${r.number}`}>
            {name(r.category)} — {r.number}
          </Link>
        </h3>
        <p className="report-meta">
          <GroupBadge group={r.group} status={r.status} />
          {r.place ? <span>{name(r.place)}</span> : null}
          <span>
            {t('reportPublic.list.registered')} {d.day(r.registeredAt)}
          </span>
          <ClockLine clock={r.clock} />
        </p>
        <p className="report-excerpt">{r.excerpt}</p>
        {r.akimat ? <p className="muted small">{name(r.akimat)}</p> : null}
      </div>
    </li>
  );
}

/** The query string of the list for these filters on `page` (page 1 is left out). */
export function reportListHref(applied: ReportListFilters, page = 1, override: Partial<ReportListFilters> = {}): string {
  const params = new URLSearchParams();
  const merged = { ...applied, ...override };
  for (const key of ['q', 'region', 'district', 'category', 'status', 'akimat'] as const) {
    const v = merged[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/reports?${qs}` : '/reports';
}

export function ReportPagination({ applied, page, pages }: { applied: ReportListFilters; page: number; pages: number }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const k = 'reportPublic.list';
  return (
    <nav aria-label={t(`${k}.pagination`)} className="pagination">
      <p className="muted">{t(`${k}.pageOf`, { page, pages })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <Link to={reportListHref(applied, page - 1)} rel="prev">
              {t(`${k}.previous`)}
            </Link>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <Link to={reportListHref(applied, page + 1)} rel="next">
              {t(`${k}.next`)}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
