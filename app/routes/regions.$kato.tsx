import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { getRegion } from '../domain/reference/queries.server';
import { getDeps } from '../services/db.server';
import { formatDate, formatNumber, useLocale, useNames } from '../ui/locale';

const Params = z.object({ kato: z.string().regex(/^[0-9]{9}$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw new Response('Not Found', { status: 404 });
  const region = await getRegion(getDeps(), parsed.data.kato);
  if (!region) throw new Response('Not Found', { status: 404 });
  return { region };
}

export default function RegionPage() {
  const { region } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const locale = useLocale();
  const population = (p: { population: number; asOf: string } | null) =>
    p ? t('region.population', { population: formatNumber(locale, p.population), asOf: formatDate(locale, p.asOf) }) : t('region.populationUnknown');
  return (
    <>
      <nav aria-label="breadcrumb" className="breadcrumb">
        <Link to="/">{t('region.breadcrumbHome')}</Link> / <span aria-current="page">{name(region)}</span>
      </nav>
      <h1>{name(region)}</h1>
      <p className="muted">
        {t(`unitType.${region.type}`)} · {t('region.table.kato')} {region.kato}
      </p>
      <p>{population(region.population)}</p>

      <section aria-labelledby="bodies-title">
        <h2 id="bodies-title">{t('region.bodiesHeading')}</h2>
        <ul>
          {region.akimat ? <li>{name(region.akimat)}</li> : null}
          {region.maslikhat ? <li>{name(region.maslikhat)}</li> : null}
        </ul>
        {region.departments.length > 0 ? (
          <details>
            <summary>
              {t('region.departmentsHeading')} ({t('region.departmentsCount', { count: region.departments.length })})
            </summary>
            <ul>
              {region.departments.map((d) => (
                <li key={d.code}>{name(d)}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="units-title">
        <h2 id="units-title">{t('region.unitsHeading')}</h2>
        <div className="table-scroll">
          <table data-testid="district-table">
            <caption>{t('region.table.caption', { region: name(region) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('region.table.name')}</th>
                <th scope="col">{t('region.table.type')}</th>
                <th scope="col">{t('region.table.kato')}</th>
                <th scope="col">{t('region.table.akimat')}</th>
                <th scope="col" className="num">
                  {t('region.table.population')}
                </th>
              </tr>
            </thead>
            <tbody>
              {region.children.map((c) => (
                <tr key={c.kato}>
                  <th scope="row">
                    {name(c)}
                    {c.needsReview ? <span className="badge"> {t('region.needsReview')}</span> : null}
                  </th>
                  <td>{t(`unitType.${c.type}`)}</td>
                  <td>{c.kato}</td>
                  <td>{c.akimat ? name(c.akimat) : '—'}</td>
                  <td className="num">{c.population ? formatNumber(locale, c.population.population) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
