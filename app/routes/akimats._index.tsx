import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listAkimatAccountability, WINDOW_DAYS } from '../domain/reports/accountability.server';
import { reportFilterOptions } from '../domain/reports/public.server';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { getDeps } from '../services/db.server';
import styles from '../styles/reports-public.css';
import { useDates } from '../ui/dates';
import { useNames } from '../ui/locale';
import { useFigureFormat } from '../ui/reports-public/figures';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const deps = getDeps();
  const raw = new URL(request.url).searchParams.get('region') ?? '';
  const { regions } = await reportFilterOptions(deps, undefined);
  const region = regions.some((r) => r.kato === raw) ? raw : undefined;
  const list = await listAkimatAccountability(deps, region);
  return { list, regions, region: region ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t('reportPublic.akimats.title')} — ${t('shell.brand')}` }];
};

export default function AkimatsPage() {
  const { list, regions, region } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const d = useDates();
  const f = useFigureFormat();
  const k = 'reportPublic.akimats';
  const a = 'reportPublic.accountability';
  return (
    <>
      <h1>{t(`${k}.title`)}</h1>
      <p className="lead">{t(`${k}.lead`, { days: WINDOW_DAYS })}</p>
      <p className="muted">
        {t(`${a}.window`)} {d.date(list.from)} — {d.date(list.to)}
      </p>
      <Form method="get" action="/akimats" role="search" className="report-filters" aria-label={t(`${k}.filter`)}>
        <div className="field">
          <label htmlFor="akimat-region">{t('reportPublic.list.region')}</label>
          <select id="akimat-region" name="region" className="input" defaultValue={region ?? ''}>
            <option value="">{t('reportPublic.list.regionAny')}</option>
            {regions.map((r) => (
              <option key={r.kato} value={r.kato}>
                {name(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit" className="button primary">
            {t('reportPublic.list.apply')}
          </button>
        </div>
      </Form>
      <div className="table-scroll">
        <table className="figures-table" data-testid="akimat-table">
          <caption>{t(`${k}.caption`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`${k}.akimat`)}</th>
              <th scope="col" className="num">
                {t(`${a}.total`)}
              </th>
              <th scope="col" className="num">
                {t(`${k}.medianAnswer`)}
              </th>
              <th scope="col" className="num">
                {t(`${k}.p90Answer`)}
              </th>
              <th scope="col" className="num">
                {t(`${a}.onTime`)}
              </th>
              <th scope="col" className="num">
                {t(`${a}.overdue`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => (
              <tr key={i.akimat.id} data-body={i.akimat.id}>
                <th scope="row">
                  <Link to={`/akimats/${i.akimat.id}`}>{name(i.akimat)}</Link>
                </th>
                <td className="num">{f.num(i.figures.counts.total)}</td>
                <td className="num">{f.days(i.figures.answer.median)}</td>
                <td className="num">{f.days(i.figures.answer.p90)}</td>
                <td className="num">{f.share(i.figures.onTime.share)}</td>
                <td className="num">{f.num(i.figures.counts.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t(`${a}.method`)}</p>
    </>
  );
}
