import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LIST_SORTS, PETITION_LEVELS, STATUS_FILTERS, listFilterOptions, listPetitions, parseListQuery } from '../domain/petitions/queries.server';
import { DEFAULT_LOCALE, getT, isLocale, localized } from '../i18n';
import { getDeps } from '../services/db.server';
import { resolveLocale } from '../services/locale.server';
import petitionStyles from '../styles/petitions.css';
import { ListFilters, Pagination } from '../ui/petitions/list-filters';
import { PetitionCard } from '../ui/petitions/petition-card';
import { formatNumberIn } from '../ui/formatters';
import { useLocale } from '../ui/locale';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: petitionStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseListQuery(new URL(request.url).searchParams);
  const deps = getDeps();
  const [list, options] = await Promise.all([listPetitions(deps, filters), listFilterOptions(deps)]);
  // Ministries in the alphabetical order of the page's language (sorted here, once,
  // so the server's HTML and the hydrated page agree).
  const locale = resolveLocale(request);
  const collator = new Intl.Collator(locale);
  const byName = <T extends { nameKk: string; nameRu: string; nameEn: string }>(a: T, b: T) => collator.compare(localized(a, locale), localized(b, locale));
  options.ministries.sort(byName);
  return { list, options, choices: { statuses: STATUS_FILTERS, levels: PETITION_LEVELS, sorts: LIST_SORTS } };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t('petitionPages.list.title')} — ${t('shell.brand')}` }, { name: 'description', content: t('petitionPages.list.lead') }];
};

export default function PetitionsPage() {
  const { list, options, choices } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const k = 'petitionPages.list';
  return (
    <>
      <div className="page-heading">
        <div>
          <h1 id="petitions-title">{t(`${k}.title`)}</h1>
          <p className="lead">{t(`${k}.lead`)}</p>
        </div>
        <p>
          <Link to="/petitions/new" className="button primary">
            {t(`${k}.start`)}
          </Link>
        </p>
      </div>

      <ListFilters applied={list.applied} options={options} choices={choices} />

      <section aria-labelledby="results-title" className="petition-results">
        <h2 id="results-title">{t(`${k}.resultsHeading`)}</h2>
        <p role="status" data-testid="result-count">
          {t(`${k}.found`, { count: list.total, num: formatNumberIn(locale, list.total) })}
        </p>
        {list.items.length === 0 ? (
          <p>{t(`${k}.none`)}</p>
        ) : (
          <ul className="stack petition-list" data-testid="petition-list">
            {list.items.map((p) => (
              <PetitionCard key={p.id} petition={p} />
            ))}
          </ul>
        )}
        <Pagination applied={list.applied} page={list.page} pages={list.pages} />
      </section>
    </>
  );
}
