import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ListFilterOptions, PetitionListFilters } from '../../domain/petitions/queries.server';
import { FilterSelect } from '../filter-select';
import { useNames } from '../locale';

export interface FilterChoices {
  statuses: readonly string[];
  levels: readonly string[];
  sorts: readonly string[];
}

/** Status groups are labelled here; single states with the petitions area's state labels. */
const GROUPS = new Set(['open', 'closed', 'answered', 'rejected']);

/**
 * The search and filter form: a plain GET form (works without JavaScript; with it, Remix navigates
 * without a full reload). Every control has a visible label.
 */
export function ListFilters({ applied, options, choices }: { applied: PetitionListFilters; options: ListFilterOptions; choices: FilterChoices }) {
  const { t } = useTranslation();
  const name = useNames();
  const k = 'petitionPages.list';
  return (
    <section aria-labelledby="filters-title" className="petition-filters">
      <h2 id="filters-title">{t(`${k}.filtersHeading`)}</h2>
      <Form method="get" action="/petitions" role="search" aria-labelledby="filters-title" className="filters-form">
        <div className="field field-wide">
          <label htmlFor="filter-q">{t(`${k}.q`)}</label>
          <input id="filter-q" className="input" type="search" name="q" defaultValue={applied.q ?? ''} maxLength={200} aria-describedby="filter-q-hint" />
          <p id="filter-q-hint" className="hint">
            {t(`${k}.qHint`)}
          </p>
        </div>
        <FilterSelect id="filter-status" name="status" label={t(`${k}.status`)} anyLabel={t(`${k}.statusAny`)} value={applied.status} options={choices.statuses.map((s) => ({ value: s, label: GROUPS.has(s) ? t(`${k}.statusGroup.${s}`) : t(`petitions.state.${s}`) }))} />
        <FilterSelect id="filter-level" name="level" label={t(`${k}.level`)} anyLabel={t(`${k}.levelAny`)} value={applied.level} options={choices.levels.map((l) => ({ value: l, label: t(`${k}.levels.${l}`) }))} />
        <FilterSelect id="filter-region" name="region" label={t(`${k}.region`)} anyLabel={t(`${k}.regionAny`)} value={applied.region} options={options.regions.map((r) => ({ value: r.kato, label: name(r) }))} />
        <div className="field">
          <label htmlFor="filter-addressee">{t(`${k}.addressee`)}</label>
          <select id="filter-addressee" className="input" name="addressee" defaultValue={applied.addressee ?? ''}>
            <option value="">{t(`${k}.addresseeAny`)}</option>
            <option value="government">{t('petitions.addressee.government')}</option>
            <option value="akimat">{t(`${k}.anyAkimat`)}</option>
            <option value="maslikhat">{t(`${k}.anyMaslikhat`)}</option>
            <optgroup label={t(`${k}.ministries`)}>
              {options.ministries.map((m) => (
                <option key={m.code} value={m.code}>
                  {name(m)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        {options.projects.length > 0 ? (
          <FilterSelect id="filter-project" name="project" label={t(`${k}.project`)} anyLabel={t(`${k}.projectAny`)} value={applied.project} options={options.projects.map((p) => ({ value: p.code, label: name(p) }))} />
        ) : null}
        <div className="field">
          <label htmlFor="filter-sort">{t(`${k}.sort`)}</label>
          <select id="filter-sort" className="input" name="sort" defaultValue={applied.sort ?? ''}>
            <option value="">{t(`${k}.sorts.${applied.q ? 'relevant' : 'most-signed'}`)}</option>
            {choices.sorts
              .filter((s) => s !== (applied.q ? 'relevant' : 'most-signed') && (applied.q || s !== 'relevant'))
              .map((s) => (
                <option key={s} value={s}>
                  {t(`${k}.sorts.${s}`)}
                </option>
              ))}
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit" className="button primary">
            {t(`${k}.apply`)}
          </button>
          <Link to="/petitions">{t(`${k}.reset`)}</Link>
        </div>
      </Form>
    </section>
  );
}

/** The query string of the list for these filters on `page` (page 1 is left out). */
export function listHref(applied: PetitionListFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'status', 'level', 'region', 'addressee', 'project', 'sort'] as const) {
    const v = applied[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/petitions?${qs}` : '/petitions';
}

/** Previous / numbered / next links; the current page is marked with aria-current. */
export function Pagination({ applied, page, pages }: { applied: PetitionListFilters; page: number; pages: number }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const k = 'petitionPages.list';
  const from = Math.max(1, page - 2);
  const to = Math.min(pages, page + 2);
  const numbers = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <nav aria-label={t(`${k}.pagination`)} className="pagination">
      <p className="muted">{t(`${k}.pageOf`, { page, pages })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <Link to={listHref(applied, page - 1)} rel="prev">
              {t(`${k}.previous`)}
            </Link>
          </li>
        ) : null}
        {numbers.map((n) => (
          <li key={n}>
            {n === page ? (
              <span aria-current="page" className="current-page">
                {n}
              </span>
            ) : (
              <Link to={listHref(applied, n)}>{n}</Link>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <Link to={listHref(applied, page + 1)} rel="next">
              {t(`${k}.next`)}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
