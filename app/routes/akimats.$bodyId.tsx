import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getAkimatAccountability, WINDOW_DAYS } from '../domain/reports/accountability.server';
import { DEFAULT_LOCALE, getT, isLocale, localized } from '../i18n';
import { getDeps } from '../services/db.server';
import styles from '../styles/reports-public.css';
import { useDates } from '../ui/dates';
import { useNames } from '../ui/locale';
import { FiguresTable } from '../ui/reports-public/figures';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = /^[0-9]{1,9}$/.test(params.bodyId ?? '') ? Number(params.bodyId) : null;
  const page = id === null ? null : await getAkimatAccountability(getDeps(), id);
  if (!page) throw new Response('Not Found', { status: 404 });
  return { page };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const loc = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = getT(loc);
  if (!data) return [{ title: `${t('errors.notFoundTitle')} — ${t('shell.brand')}` }];
  return [{ title: `${localized(data.page.akimat, loc)} — ${t('reportPublic.akimats.title')} — ${t('shell.brand')}` }];
};

export default function AkimatPage() {
  const { page } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const d = useDates();
  const a = 'reportPublic.accountability';
  const reportsHref = `/reports?akimat=${page.akimat.id}`;
  return (
    <article aria-labelledby="akimat-title">
      <nav aria-label="breadcrumb" className="breadcrumb">
        <Link to="/akimats">{t('reportPublic.akimats.title')}</Link> / <span aria-current="page">{name(page.akimat)}</span>
      </nav>
      <h1 id="akimat-title" data-testid="akimat-name">
        {name(page.akimat)}
      </h1>
      <p className="lead">{t(`${a}.lead`, { days: WINDOW_DAYS })}</p>
      <p className="muted">
        {t(`${a}.window`)} {d.date(page.from)} — {d.date(page.to)}
      </p>
      <FiguresTable figures={page.figures} />
      <p>
        <Link to={reportsHref}>{t(`${a}.reportsLink`)}</Link>
      </p>
      <p className="muted small">{t(`${a}.method`)}</p>
    </article>
  );
}
