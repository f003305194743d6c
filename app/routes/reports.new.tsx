import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filingMap } from '../domain/reports/filing-map.server';
import { ADDRESS_MAX, DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS } from '../domain/reports/limits';
import {
  checkReportDraft,
  fileReport,
  joinReport,
  offeredDuplicates,
  reportCategories,
  type FilingMessage,
  type NearbyOpenReport,
  type ReportPlace,
} from '../domain/reports/filing.server';
import { DEFAULT_NEARBY_RADIUS_M } from '../domain/reports/nearby';
import { listUnitTree } from '../domain/reference/queries.server';
import { NotFoundError } from '../domain/shared/errors';
import { getDeps } from '../services/db.server';
import { resolveLocale } from '../services/locale.server';
import { cleanPhotos, readReportForm, UploadTooLarge } from '../services/report-upload.server';
import { PHOTO_LIMITS } from '../services/images.server';
import { requirePermission } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useDates } from '../ui/dates';
import { useNames } from '../ui/locale';
import { PlaceMap } from '../ui/reports-filing/place-map';
import styles from '../styles/reports-filing.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction = () => [{ title: 'Dauys' }];

const KATO = /^[0-9]{9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'report:create');
  const deps = getDeps();
  const url = new URL(request.url);
  const [categories, unitTree] = await Promise.all([reportCategories(deps.db), listUnitTree(deps)]);
  const region = url.searchParams.get('region') ?? '';
  const district = url.searchParams.get('district') ?? '';
  const regionRow = KATO.test(region) ? unitTree.find((r) => r.kato === region) : undefined;
  const districtRow = regionRow && KATO.test(district) ? regionRow.children.find((c) => c.kato === district) : undefined;
  const focus = districtRow ? { kato: districtRow.kato, level: 2 } : regionRow ? { kato: regionRow.kato, level: 1 } : null;
  const map = (await filingMap(deps.db, focus)) ?? (await filingMap(deps.db, regionRow ? { kato: regionRow.kato, level: 1 } : null));
  const category = url.searchParams.get('category') ?? '';
  return {
    categories,
    unitTree,
    map,
    region: regionRow ? { kato: regionRow.kato, nameKk: regionRow.nameKk, nameRu: regionRow.nameRu, nameEn: regionRow.nameEn } : null,
    district: districtRow ? { kato: districtRow.kato } : null,
    category: categories.some((c) => c.code === category) ? category : '',
    photoMaxMb: PHOTO_LIMITS.maxBytes / (1024 * 1024),
  };
}

type Values = Record<'categoryCode' | 'lon' | 'lat' | 'unitKato' | 'addressText' | 'description', string>;
const FIELDS: (keyof Values)[] = ['categoryCode', 'lon', 'lat', 'unitKato', 'addressText', 'description'];

type ActionResult = {
  step: 1 | 2;
  values: Values;
  nearby: NearbyOpenReport[];
  error: { field: string; message: FilingMessage } | null;
  photoErrors: { n: number; key: string; params: Record<string, string> }[];
};

function placeOf(v: Values): ReportPlace {
  if (v.lon.trim() !== '' && v.lat.trim() !== '') return { kind: 'point', lon: Number(v.lon), lat: Number(v.lat), addressText: v.addressText };
  return { kind: 'unit', unitKato: v.unitKato, addressText: v.addressText };
}

/**
 * intent=check: the first step's checks, then the second step with the open reports of the same
 * category nearby ("me too") and the photo fields; intent=join: "me too"; intent=file: the photos
 * are checked and cleaned, then the report is filed (nothing is stored when a photo is refused);
 * intent=edit: back to the first step with the values.
 */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requirePermission(request, 'report:create');
  const deps = getDeps();
  let read;
  try {
    read = await readReportForm(request);
  } catch (err) {
    if (!(err instanceof UploadTooLarge)) throw err;
    const values = Object.fromEntries(FIELDS.map((k) => [k, ''])) as Values;
    const message = { key: 'reportFiling.form.requestTooLarge', params: { maxMb: String(PHOTO_LIMITS.maxBytes / (1024 * 1024)) } };
    return data<ActionResult>({ step: 1, values, nearby: [], error: { field: 'form', message }, photoErrors: [] }, { status: 413 });
  }
  const { form } = read;
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? '')])) as Values;
  const intent = String(form.get('intent') ?? '');
  const reporter = { kind: 'citizen' as const, accountId: session.accountId };
  const draft = { reporter, categoryCode: values.categoryCode, place: placeOf(values), description: values.description };
  const nearbyFor = (v: Values) => offeredDuplicates(deps.db, v.categoryCode, placeOf(v));

  if (intent === 'join') {
    const reportId = String(form.get('reportId') ?? '');
    const out = UUID.test(reportId) ? await joinReport(deps, { accountId: session.accountId, reportId }).catch((err: unknown) => (err instanceof NotFoundError ? null : Promise.reject(err))) : null;
    if (out && (out.kind === 'joined' || out.kind === 'already-joined')) throw redirect(`/my/reports/${out.registrationNumber}?joined=1`);
    const message = { key: `reportFiling.stepErrors.${out?.kind === 'refused' ? out.reason : 'not-open'}`, params: {} };
    return data<ActionResult>({ step: 2, values, nearby: await nearbyFor(values), error: { field: 'form', message }, photoErrors: [] }, { status: 422 });
  }
  if (intent === 'edit') return data<ActionResult>({ step: 1, values, nearby: [], error: null, photoErrors: [] });

  const checked = await checkReportDraft(deps, draft);
  if (checked.kind === 'refused') return data<ActionResult>({ step: 1, values, nearby: [], error: { field: checked.field, message: checked.message }, photoErrors: [] }, { status: 422 });
  if (intent !== 'file') return data<ActionResult>({ step: 2, values, nearby: await nearbyFor(values), error: null, photoErrors: [] });

  if (read.excess) {
    const message = { key: 'reportFiling.errors.tooManyPhotos', params: { max: String(MAX_PHOTOS) } };
    return data<ActionResult>({ step: 2, values, nearby: await nearbyFor(values), error: { field: 'photos', message }, photoErrors: [] }, { status: 422 });
  }
  const photos = await cleanPhotos(read.photos);
  if (photos.kind === 'refused') return data<ActionResult>({ step: 2, values, nearby: await nearbyFor(values), error: null, photoErrors: photos.errors }, { status: 422 });
  const out = await fileReport(deps, { ...draft, photos: photos.photos, locale: resolveLocale(request) });
  if (out.kind === 'refused') return data<ActionResult>({ step: 1, values, nearby: [], error: { field: out.field, message: out.message }, photoErrors: [] }, { status: 422 });
  throw redirect(`/my/reports/${out.registrationNumber}?filed=1`);
}

export default function NewReport() {
  const { categories, unitTree, map, region, district, category: preset, photoMaxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const dates = useDates();
  const [params] = useSearchParams();
  const v = result?.values;
  // Filed without a map point: similar open reports are looked for by address in the chosen unit.
  const byAddress = !!v && (v.lon.trim() === '' || v.lat.trim() === '');
  const [category, setCategory] = useState(v?.categoryCode ?? preset);
  const error = result?.error ?? null;
  const fieldError = (field: string) =>
    error && error.field === field ? (
      <p className="error" id={`${field}-error`}>
        {t(error.message.key, error.message.params)}
      </p>
    ) : null;
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const step = result?.step ?? 1;
  const initialPoint = v && v.lon !== '' && v.lat !== '' && Number.isFinite(Number(v.lon)) && Number.isFinite(Number(v.lat)) ? { lon: Number(v.lon), lat: Number(v.lat) } : null;
  const hrefFor = (kato: string, level: number) => {
    const q = new URLSearchParams();
    if (level <= 1) q.set('region', kato);
    else {
      q.set('region', region?.kato ?? params.get('region') ?? '');
      q.set('district', kato);
    }
    if (category) q.set('category', category);
    return `/reports/new?${q.toString()}`;
  };
  const hidden = (keys: (keyof Values)[]) => keys.map((k) => <input key={k} type="hidden" name={k} value={v?.[k] ?? ''} />);
  const categoryName = categories.find((c) => c.code === v?.categoryCode);

  return (
    <section aria-labelledby="new-report-title" className="narrow">
      <h1 id="new-report-title">{t('reportFiling.form.title')}</h1>
      <p className="lead">{t('reportFiling.form.lead')}</p>
      {error?.field === 'form' ? (
        <p role="alert" className="error" data-testid="form-error">
          {t(error.message.key, error.message.params)}
        </p>
      ) : error ? (
        <p role="alert" className="error">
          {t('reportFiling.form.invalid')}
        </p>
      ) : null}

      {step === 1 ? (
        <Form method="post" className="form" noValidate data-testid="report-step-1">
          <h2>{t('reportFiling.form.step1')}</h2>
          <CsrfField />
          <div className="field">
            <label htmlFor="categoryCode">{t('reportFiling.form.category')}</label>
            <select id="categoryCode" name="categoryCode" className="input" value={category} onChange={(e) => setCategory(e.target.value)} aria-invalid={invalid('categoryCode')} aria-describedby={error?.field === 'categoryCode' ? 'categoryCode-error' : undefined}>
              <option value="">{t('reportFiling.form.chooseCategory')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {name(c)}
                </option>
              ))}
            </select>
            {fieldError('categoryCode')}
          </div>
          <fieldset className="field">
            <legend>{t('reportFiling.form.place')}</legend>
            <p className="hint" id="place-hint">
              {t('reportFiling.form.placeHint')}
            </p>
            {map ? (
              <>
                {map.zoom !== 'country' ? (
                  <p className="small">
                    <a href={category ? `/reports/new?category=${category}` : '/reports/new'}>{t('reportFiling.map.back')}</a>
                    {map.zoom === 'district' && region ? (
                      <>
                        {' · '}
                        <a href={hrefFor(region.kato, 1)}>{t('reportFiling.map.up', { place: name(region) })}</a>
                      </>
                    ) : null}
                  </p>
                ) : null}
                <PlaceMap key={`${map.zoom}:${map.focusKato ?? ''}`} map={map} hrefFor={hrefFor} initial={initialPoint} />
              </>
            ) : null}
            {fieldError('point')}
            <div className="field">
              <label htmlFor="unitKato">{t('reportFiling.form.unit')}</label>
              <select id="unitKato" name="unitKato" className="input" defaultValue={v?.unitKato ?? district?.kato ?? region?.kato ?? ''} aria-describedby="unit-hint" aria-invalid={invalid('unitKato')}>
                <option value="">{t('reportFiling.form.chooseUnit')}</option>
                {unitTree.map((r) => (
                  <optgroup key={r.kato} label={name(r)}>
                    <option value={r.kato}>{t('reportFiling.form.wholeUnit', { name: name(r) })}</option>
                    {r.children.map((c) => (
                      <option key={c.kato} value={c.kato}>
                        {name(c)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <p id="unit-hint" className="hint">
                {t('reportFiling.form.unitHint')}
              </p>
              {fieldError('unitKato')}
            </div>
            <div className="field">
              <label htmlFor="addressText">{t('reportFiling.form.address')}</label>
              <input id="addressText" name="addressText" className="input" maxLength={ADDRESS_MAX} defaultValue={v?.addressText} aria-describedby="address-hint" aria-invalid={invalid('addressText')} />
              <p id="address-hint" className="hint">
                {t('reportFiling.form.addressHint')}
              </p>
              {fieldError('addressText')}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="description">{t('reportFiling.form.description')}</label>
            <textarea id="description" name="description" className="input" rows={6} maxLength={DESCRIPTION_MAX} defaultValue={v?.description} required aria-describedby="description-hint" aria-invalid={invalid('description')} />
            <p id="description-hint" className="hint">
              {t('reportFiling.form.descriptionHint', { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })}
            </p>
            {fieldError('description')}
          </div>
          <div className="button-row">
            <button type="submit" name="intent" value="check" className="button primary">
              {t('reportFiling.form.continue')}
            </button>
          </div>
        </Form>
      ) : (
        <div data-testid="report-step-2">
          <h2>{t('reportFiling.form.step2')}</h2>
          <section aria-labelledby="summary-title" className="card">
            <h3 id="summary-title">{t('reportFiling.form.summary')}</h3>
            <dl className="facts">
              <dt>{t('reportFiling.form.category')}</dt>
              <dd>{categoryName ? name(categoryName) : v?.categoryCode}</dd>
              <dt>{t('reportFiling.form.place')}</dt>
              <dd>
                {initialPoint ? t('reportFiling.form.pointSummary', { lat: initialPoint.lat.toFixed(5), lon: initialPoint.lon.toFixed(5) }) : null}
                {v?.addressText ? <> {v.addressText}</> : null}
              </dd>
              <dt>{t('reportFiling.form.description')}</dt>
              <dd className="prewrap">{v?.description}</dd>
            </dl>
            <Form method="post">
              <CsrfField />
              {hidden(FIELDS)}
              <button type="submit" name="intent" value="edit" className="button">
                {t('reportFiling.form.edit')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="nearby-title" className="card" data-testid="nearby-reports">
            <h3 id="nearby-title">{t('reports.nearby.heading')}</h3>
            {result && result.nearby.length > 0 ? (
              <>
                <p>{byAddress ? t('reports.nearby.leadAddress') : t('reports.nearby.lead', { radius: DEFAULT_NEARBY_RADIUS_M })}</p>
                <ul className="plain-list">
                  {result.nearby.map((r) => (
                    <li key={r.id} className="nearby-item" data-number={r.registrationNumber}>
                      <p>
                        <strong>{r.registrationNumber}</strong> · {t(`reportFiling.status.${r.status}`)} ·{' '}
                        {r.distanceM === null ? t('reports.nearby.address', { address: r.addressText ?? '' }) : t('reports.nearby.distance', { distance: Math.round(r.distanceM) })} · {dates.date(r.registeredOn)}
                      </p>
                      <p className="prewrap">{r.description.length > 300 ? `${r.description.slice(0, 300)}…` : r.description}</p>
                      <p className="small muted">{t('reportFiling.form.applicants', { count: r.applicants })}</p>
                      <Form method="post">
                        <CsrfField />
                        {hidden(FIELDS)}
                        <input type="hidden" name="reportId" value={r.id} />
                        <button type="submit" name="intent" value="join" className="button" aria-describedby="me-too-hint">
                          {t('reportFiling.form.meToo', { number: r.registrationNumber })}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                <p id="me-too-hint" className="hint">
                  {t('reportFiling.form.meTooHint')}
                </p>
              </>
            ) : (
              <p>{byAddress ? t('reportFiling.form.noSimilarAddress') : t('reportFiling.form.noNearby', { radius: DEFAULT_NEARBY_RADIUS_M })}</p>
            )}
          </section>

          <Form method="post" encType="multipart/form-data" className="form" noValidate data-testid="report-file-form">
            <CsrfField />
            {hidden(FIELDS)}
            <fieldset className="field">
              <legend>{t('reportFiling.form.photos', { max: MAX_PHOTOS })}</legend>
              <p className="hint" id="photos-hint">
                {t('reports.photo.hint', { maxMb: photoMaxMb })}
              </p>
              {result?.photoErrors.length ? (
                <ul className="error" role="alert" data-testid="photo-errors">
                  {result.photoErrors.map((e) => (
                    <li key={e.n}>{t('reportFiling.form.photoError', { n: e.n, message: t(e.key, e.params) })}</li>
                  ))}
                </ul>
              ) : null}
              {fieldError('photos')}
              {Array.from({ length: MAX_PHOTOS }, (_, i) => (
                <div className="field" key={i}>
                  <label htmlFor={`photo-${i + 1}`}>{t('reportFiling.form.photo', { n: i + 1 })}</label>
                  <input id={`photo-${i + 1}`} type="file" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby="photos-hint" />
                </div>
              ))}
            </fieldset>
            <div className="button-row">
              <button type="submit" name="intent" value="file" className="button primary">
                {result && result.nearby.length > 0 ? t('reportFiling.form.sendAnyway') : t('reportFiling.form.send')}
              </button>
            </div>
          </Form>
        </div>
      )}
    </section>
  );
}
