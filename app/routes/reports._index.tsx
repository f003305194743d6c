import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { STATUS_GROUPS } from '../domain/reports/groups';
import { getReportMap } from '../domain/reports/map.server';
import { listPublicReports, listReportPoints, parseReportListQuery, reportFilterOptions } from '../domain/reports/public.server';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { getDeps } from '../services/db.server';
import styles from '../styles/reports-public.css';
import { FilterSelect } from '../ui/filter-select';
import { formatNumberIn } from '../ui/formatters';
import { useLocale, useNames } from '../ui/locale';
import { ReportCard, ReportPagination, reportListHref } from '../ui/reports-public/cards';
import { ReportMap } from '../ui/reports-public/report-map';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseReportListQuery(new URL(request.url).searchParams);
  const deps = getDeps();
  const options = await reportFilterOptions(deps, filters.region, filters.akimat);
  if (filters.akimat && !options.akimat) filters.akimat = undefined;
  // A district outside the chosen region (a hand-edited link) is dropped.
  if (filters.district && !options.districts.some((d) => d.kato === filters.district)) filters.district = undefined;
  if (filters.region && !options.regions.some((r) => r.kato === filters.region)) {
    filters.region = undefined;
    filters.district = undefined;
  }
  const [list, points] = await Promise.all([listPublicReports(deps, filters), listReportPoints(deps, filters)]);
  const map = await getReportMap(deps, filters.region ?? null, points.points);
  return { list, options, map, truncated: points.truncated };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t('reportPublic.list.title')} — ${t('shell.brand')}` }, { name: 'description', content: t('reportPublic.list.lead') }];
};

export default function ReportsPage() {
  const { list, options, map, truncated } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const locale = useLocale();
  const a = list.applied;
  const k = 'reportPublic.list';
  const region = a.region ? options.regions.find((r) => r.kato === a.region) : undefined;
  return (
    <>
      <div className="page-heading">
        <div>
          <h1 id="reports-title">{t(`${k}.title`)}</h1>
          <p className="lead">{t(`${k}.lead`)}</p>
        </div>
        <p>
          <Link to="/reports/new" className="button primary">
            {t(`${k}.file`)}
          </Link>{' '}
          <Link to="/akimats">{t('reportPublic.nav.akimats')}</Link>
        </p>
      </div>

      <section aria-labelledby="filters-title" className="report-filters">
        <h2 id="filters-title">{t(`${k}.filtersHeading`)}</h2>
        <Form method="get" action="/reports" role="search" aria-labelledby="filters-title">
          <div className="field">
            <label htmlFor="filter-q">{t(`${k}.q`)}</label>
            <input id="filter-q" className="input" type="search" name="q" defaultValue={a.q ?? ''} maxLength={200} />
          </div>
          <FilterSelect id="filter-region" name="region" label={t(`${k}.region`)} anyLabel={t(`${k}.regionAny`)} value={a.region} options={options.regions.map((r) => ({ value: r.kato, label: name(r) }))} />
          {options.districts.length > 0 ? (
            <FilterSelect id="filter-district" name="district" label={t(`${k}.district`)} anyLabel={t(`${k}.districtAny`)} value={a.district} options={options.districts.map((d) => ({ value: d.kato, label: name(d) }))} />
          ) : null}
          <FilterSelect id="filter-category" name="category" label={t(`${k}.category`)} anyLabel={t(`${k}.categoryAny`)} value={a.category} options={options.categories.map((c) => ({ value: c.code, label: name(c) }))} />
          <FilterSelect id="filter-status" name="status" label={t(`${k}.status`)} anyLabel={t(`${k}.statusAny`)} value={a.status} options={STATUS_GROUPS.map((g) => ({ value: g, label: t(`reportPublic.group.${g}`) }))} />
          {a.akimat ? <input type="hidden" name="akimat" value={a.akimat} /> : null}
          <div className="filters-actions">
            <button type="submit" className="button primary">
              {t(`${k}.apply`)}
            </button>{' '}
            <Link to="/reports">{t(`${k}.reset`)}</Link>
          </div>
        </Form>
        {options.akimat ? (
          <p className="notice" data-testid="akimat-filter">
            {t(`${k}.akimatFilter`, { akimat: name(options.akimat) })} <Link to={reportListHref(a, 1, { akimat: undefined })}>{t(`${k}.akimatFilterRemove`)}</Link>
          </p>
        ) : null}
        {!a.region ? <p className="hint">{t(`${k}.districtHint`)}</p> : null}
      </section>

      <section aria-labelledby="map-title">
        <h2 id="map-title">{region ? t(`${k}.mapHeadingRegion`, { region: name(region) }) : t(`${k}.mapHeading`)}</h2>
        {region ? (
          <p>
            <Link to={reportListHref(a, 1, { region: undefined, district: undefined })}>{t(`${k}.wholeCountry`)}</Link>
          </p>
        ) : null}
        {map ? (
          <ReportMap
            map={map}
            hrefForUnit={(kato, level) => (level === 1 && !a.region ? reportListHref(a, 1, { region: kato, district: undefined }) : level === 2 ? reportListHref(a, 1, { district: kato }) : null)}
          />
        ) : (
          <p className="muted">{t(`${k}.noMap`)}</p>
        )}
        {truncated ? <p className="muted small">{t(`${k}.truncated`)}</p> : null}
      </section>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t(`${k}.resultsHeading`)}</h2>
        <p role="status" data-testid="result-count">
          {t(`${k}.found`, { count: list.total, num: formatNumberIn(locale, list.total) })}
        </p>
        {list.items.length === 0 ? (
          <p>{t(`${k}.none`)}</p>
        ) : (
          <ul className="report-list" data-testid="report-list">
            {list.items.map((r) => (
              <ReportCard key={r.number} report={r} />
            ))}
          </ul>
        )}
        <ReportPagination applied={a} page={list.page} pages={list.pages} />
      </section>
    </>
  );
}
