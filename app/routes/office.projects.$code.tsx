import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteIndicator, editIndicator, editProject, getProjectPage, listPriorities, PROJECT_CODE, type IndicatorView } from '../domain/projects/links.server';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { requestMeta, requirePermission } from '../services/session.server';
import petitionStyles from '../styles/petitions.css';
import { CsrfField } from '../ui/csrf-field';
import { useNames } from '../ui/locale';
import projectStyles from '../ui/projects/projects.css';
import { KNOWN_UNITS } from '../ui/projects/units';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: petitionStyles },
  { rel: 'stylesheet', href: projectStyles },
];

function codeParam(value: string | undefined): string {
  if (!value || !PROJECT_CODE.test(value)) throw new Response('Not Found', { status: 404 });
  return value;
}

const DONE = ['saved', 'unchanged', 'created', 'updated', 'deleted'] as const;

/** The project office edits a project and its indicators (permission project:edit). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'project:edit');
  const code = codeParam(params.code);
  const deps = getDeps();
  const [page, priorities] = await Promise.all([getProjectPage(deps, code), listPriorities(deps)]);
  if (!page) throw new Response('Not Found', { status: 404 });
  const done = new URL(request.url).searchParams.get('done');
  return { page, priorities, done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t('projectPages.edit.title')} — ${t('shell.brand')}` }];
};

type Values = Record<string, string>;

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requirePermission(request, 'project:edit');
  const form = await csrfForm(request);
  const code = codeParam(params.code);
  const deps = getDeps();
  const meta = requestMeta(request);
  const intent = form.get('intent');
  const values: Values = Object.fromEntries([...form].filter(([k, v]) => k !== 'csrf' && k !== 'intent' && typeof v === 'string') as [string, string][]);
  const back = (done: string) => redirect(`/office/projects/${code}?done=${done}`);
  if (intent === 'project') {
    const outcome = await editProject(deps, session.actor, code, values, meta);
    if (outcome.kind === 'refused') return data({ form: 'project', error: outcome.reason, fields: outcome.fields ?? {}, values }, { status: outcome.reason === 'not-found' ? 404 : 422 });
    return back(outcome.kind);
  }
  if (intent === 'indicator') {
    const outcome = await editIndicator(deps, session.actor, { ...values, projectCode: code, id: values.id || undefined }, meta);
    if (outcome.kind === 'refused') return data({ form: `indicator:${values.id || 'new'}`, error: outcome.reason, fields: outcome.fields ?? {}, values }, { status: outcome.reason === 'not-found' ? 404 : 422 });
    return back(outcome.kind);
  }
  if (intent === 'delete-indicator') {
    const outcome = await deleteIndicator(deps, session.actor, { projectCode: code, id: values.id }, meta);
    if (outcome.kind === 'refused') return data({ form: `indicator:${values.id ?? ''}`, error: outcome.reason, fields: {}, values }, { status: 404 });
    return back('deleted');
  }
  throw new Response('Bad Request', { status: 400 });
}

interface FieldProps {
  form: string;
  name: string;
  label: string;
  defaultValue: string;
  errors: Record<string, string> | null;
  type?: string;
  required?: boolean;
  hint?: string;
  wide?: boolean;
  children?: ReactNode;
  list?: string;
}

function Field({ form, name, label, defaultValue, errors, type = 'text', required, hint, wide, list }: FieldProps) {
  const { t } = useTranslation();
  const id = `${form}-${name}`;
  const error = errors?.[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        className="input"
        defaultValue={defaultValue}
        required={required}
        list={list}
        inputMode={type === 'text' && /^(baseline|target|currentValue)$/.test(name) ? 'decimal' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="error">
          {t(`projectPages.edit.errors.${error}`, { defaultValue: t('projectPages.edit.errors.invalid') })}
        </p>
      ) : null}
    </div>
  );
}

const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));

function IndicatorForm({ indicator, errors, values, formId }: { indicator: IndicatorView | null; errors: Record<string, string> | null; values: Values | null; formId: string }) {
  const { t } = useTranslation();
  const k = 'projectPages.edit';
  const v = (name: string, fallback: string) => (values ? (values[name] ?? '') : fallback);
  const i = indicator;
  const fields: [string, string, string, string?][] = [
    ['nameKk', t(`${k}.nameKk`), str(i?.nameKk)],
    ['nameRu', t(`${k}.nameRu`), str(i?.nameRu)],
    ['nameEn', t(`${k}.nameEn`), str(i?.nameEn)],
  ];
  return (
    <Form method="post" className="indicator-form" aria-label={i ? t(`${k}.indicatorFormLabel`, { name: i.nameEn }) : t(`${k}.newIndicator`)} data-testid={i ? 'indicator-form' : 'new-indicator-form'}>
      <CsrfField />
      <input type="hidden" name="intent" value="indicator" />
      {i ? <input type="hidden" name="id" value={i.id} /> : null}
      {fields.map(([name, label, def]) => (
        <Field key={name} form={formId} name={name} label={label} defaultValue={v(name, def)} errors={errors} required wide />
      ))}
      <Field form={formId} name="unit" label={t(`${k}.unit`)} defaultValue={v('unit', str(i?.unit))} errors={errors} hint={t(`${k}.unitHint`)} list="known-units" />
      <Field form={formId} name="baseline" label={t(`${k}.baseline`)} defaultValue={v('baseline', str(i?.baseline))} errors={errors} />
      <Field form={formId} name="baselineYear" label={t(`${k}.baselineYear`)} defaultValue={v('baselineYear', str(i?.baselineYear))} errors={errors} type="number" />
      <Field form={formId} name="target" label={t(`${k}.target`)} defaultValue={v('target', str(i?.target))} errors={errors} />
      <Field form={formId} name="targetYear" label={t(`${k}.targetYear`)} defaultValue={v('targetYear', str(i?.targetYear))} errors={errors} type="number" />
      <Field form={formId} name="currentValue" label={t(`${k}.current`)} defaultValue={v('currentValue', str(i?.currentValue))} errors={errors} />
      <Field form={formId} name="currentAsOf" label={t(`${k}.currentAsOf`)} defaultValue={v('currentAsOf', str(i?.currentAsOf))} errors={errors} type="date" />
      <Field form={formId} name="sortOrder" label={t(`${k}.sortOrder`)} defaultValue={v('sortOrder', str(i?.sortOrder ?? 0))} errors={errors} type="number" />
      <Field form={formId} name="source" label={t(`${k}.source`)} defaultValue={v('source', str(i?.source))} errors={errors} wide />
      <p className="wide">
        <button type="submit" className="button primary">
          {i ? t(`${k}.saveIndicator`) : t(`${k}.addIndicator`)}
        </button>
      </p>
    </Form>
  );
}

export default function EditProject() {
  const { page: p, priorities, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const k = 'projectPages.edit';
  const projectErrors = result?.form === 'project' ? result.fields : null;
  const pv = (field: string, fallback: string) => (result?.form === 'project' ? (result.values[field] ?? '') : fallback);
  return (
    <section aria-labelledby="edit-title" className="office-grid">
      <div>
        <nav aria-label="breadcrumb" className="breadcrumb">
          <Link to="/office">{t('projectPages.office.title')}</Link> / <span aria-current="page">{p.code}</span>
        </nav>
        <h1 id="edit-title">{t(`${k}.heading`, { name: name(p) })}</h1>
        <p>
          <Link to={`/projects/${p.code}`}>{t(`${k}.publicPage`)}</Link>
        </p>
        {done ? (
          <p role="status" className="success" data-testid="edit-flash">
            {t(`${k}.done.${done}`)}
          </p>
        ) : null}
        {result && result.error !== 'invalid' ? (
          <p role="alert" className="error">
            {t(`${k}.errors.${result.error}`)}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="project-form-title">
        <h2 id="project-form-title">{t(`${k}.projectHeading`)}</h2>
        <p className="muted">{t(`${k}.relinkNote`)}</p>
        <Form method="post" className="card form" aria-labelledby="project-form-title" data-testid="project-form">
          <CsrfField />
          <input type="hidden" name="intent" value="project" />
          <Field form="project" name="nameKk" label={t(`${k}.nameKk`)} defaultValue={pv('nameKk', p.nameKk)} errors={projectErrors} required />
          <Field form="project" name="nameRu" label={t(`${k}.nameRu`)} defaultValue={pv('nameRu', p.nameRu)} errors={projectErrors} required />
          <Field form="project" name="nameEn" label={t(`${k}.nameEn`)} defaultValue={pv('nameEn', p.nameEn)} errors={projectErrors} required />
          <div className="field">
            <label htmlFor="project-summaryEn">{t(`${k}.summaryEn`)}</label>
            <textarea id="project-summaryEn" name="summaryEn" className="input" rows={4} maxLength={2000} defaultValue={pv('summaryEn', p.summaryEn ?? '')} lang="en" />
          </div>
          <Field form="project" name="period" label={t(`${k}.period`)} defaultValue={pv('period', p.period)} errors={projectErrors} required />
          <div className="field">
            <label htmlFor="project-status">{t(`${k}.status`)}</label>
            <select id="project-status" name="status" className="input" defaultValue={pv('status', p.status)}>
              <option value="active">{t('projectPages.status.active')}</option>
              <option value="closed">{t('projectPages.status.closed')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="project-priorityCode">{t(`${k}.priority`)}</label>
            <select id="project-priorityCode" name="priorityCode" className="input" defaultValue={pv('priorityCode', p.priority?.code ?? '')}>
              <option value="">{t(`${k}.noPriority`)}</option>
              {priorities.map((pr) => (
                <option key={pr.code} value={pr.code}>
                  {pr.code}: {name(pr)}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" className="button primary">
              {t(`${k}.save`)}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t(`${k}.indicatorsHeading`)}</h2>
        <p className="muted">{t(`${k}.indicatorsLead`)}</p>
        <datalist id="known-units">
          {KNOWN_UNITS.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <ul className="stack">
          {p.indicators.map((i) => {
            const formId = `indicator-${i.id}`;
            const mine = result?.form === `indicator:${i.id}` ? result : null;
            return (
              <li key={i.id} className="card">
                <h3>{name(i)}</h3>
                <IndicatorForm indicator={i} formId={formId} errors={mine?.fields ?? null} values={mine?.values ?? null} />
                <Form method="post" className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="delete-indicator" />
                  <input type="hidden" name="id" value={i.id} />
                  <button type="submit" className="button small danger" aria-label={t(`${k}.deleteIndicatorAria`, { name: name(i) })}>
                    {t(`${k}.deleteIndicator`)}
                  </button>
                </Form>
              </li>
            );
          })}
          <li className="card">
            <h3>{t(`${k}.newIndicator`)}</h3>
            <IndicatorForm indicator={null} formId="indicator-new" errors={result?.form === 'indicator:new' ? result.fields : null} values={result?.form === 'indicator:new' ? result.values : null} />
          </li>
        </ul>
      </section>
    </section>
  );
}
