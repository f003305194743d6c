import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { RelatedReports } from '../../domain/projects/links.server';
import type { StatusGroup } from '../../domain/reports/groups';
import { formatNumberIn } from '../formatters';
import { useLocale, useNames } from '../locale';

const GROUPS = ['open', 'answered', 'fixed'] as const satisfies readonly StatusGroup[];

/** Report counts per category of a national project, each number a link to the filtered public list. */
export function RelatedReportsTable({ reports }: { reports: RelatedReports }) {
  const { t } = useTranslation();
  const name = useNames();
  const locale = useLocale();
  const n = (v: number) => formatNumberIn(locale, v);
  const k = 'reportPublic.project';
  if (reports.totals.total === 0) return <p className="muted">{t(`${k}.none`, { days: reports.windowDays })}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="project-reports">
        <caption>{t(`${k}.caption`, { days: reports.windowDays })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${k}.category`)}</th>
            {GROUPS.map((g) => (
              <th key={g} scope="col" className="num">
                {t(`reportPublic.group.${g}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('reportPublic.accountability.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.categories.map((c) => (
            <tr key={c.code} data-category={c.code}>
              <th scope="row">
                <Link to={`/reports?category=${encodeURIComponent(c.code)}`}>{name(c)}</Link>
              </th>
              {GROUPS.map((g) => (
                <td key={g} className="num">
                  {c[g] > 0 ? <Link to={`/reports?category=${encodeURIComponent(c.code)}&status=${g}`}>{n(c[g])}</Link> : n(0)}
                </td>
              ))}
              <td className="num">{n(c.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t(`${k}.total`)}</th>
            {GROUPS.map((g) => (
              <td key={g} className="num">
                {n(reports.totals[g])}
              </td>
            ))}
            <td className="num">{n(reports.totals.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
