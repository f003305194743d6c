import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { createPetition } from '../domain/petitions/petitions.server';
import { similarPetitions } from '../domain/petitions/queries.server';
import { PETITION_TOPICS } from '../domain/petitions/topics';
import { listMinistries, listUnitTree } from '../domain/reference/queries.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { requirePermission } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useNames } from '../ui/locale';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'petition:create');
  const deps = getDeps();
  const [units, ministries] = await Promise.all([listUnitTree(deps), listMinistries(deps)]);
  return { units, ministries };
}

type Values = Record<'title' | 'body' | 'addresseeKind' | 'ministryCode' | 'unitKato' | 'topic', string>;

/**
 * POST intent=check: shows similar petitions before saving (no JavaScript needed);
 * intent=create: saves the draft and opens the author's page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requirePermission(request, 'petition:create');
  const form = await csrfForm(request);
  const values: Values = {
    title: String(form.get('title') ?? ''),
    body: String(form.get('body') ?? ''),
    addresseeKind: String(form.get('addresseeKind') ?? ''),
    ministryCode: String(form.get('ministryCode') ?? ''),
    unitKato: String(form.get('unitKato') ?? ''),
    topic: String(form.get('topic') ?? ''),
  };
  const deps = getDeps();
  if (form.get('intent') === 'check') {
    const similar = await similarPetitions(deps, { title: values.title, body: values.body });
    return { values, similar, checked: true, fields: {} as Record<string, string> };
  }
  const outcome = await createPetition(deps, session.actor, {
    ...values,
    ministryCode: values.addresseeKind === 'ministry' ? values.ministryCode : undefined,
    unitKato: values.addresseeKind === 'akimat' || values.addresseeKind === 'maslikhat' ? values.unitKato : undefined,
  }, getEnv().petitions);
  if (outcome.kind === 'refused') return data({ values, similar: [], checked: false, fields: outcome.fields ?? {} }, { status: 422 });
  throw redirect(`/petitions/${outcome.id}/manage?saved=1`);
}

export default function NewPetition() {
  const { units, ministries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const v = result?.values;
  const fields = result?.fields ?? {};
  const err = (key: string) => (fields[key] ? <p className="error">{t(`petitionForms.errors.${fields[key] === 'Required' ? 'required' : fields[key]}`, { defaultValue: t('petitionForms.errors.invalid') })}</p> : null);
  return (
    <section aria-labelledby="new-title" className="narrow">
      <h1 id="new-title">{t('petitionForms.newTitle')}</h1>
      <p className="lead">{t('petitionForms.newLead')}</p>
      {result && !result.checked && Object.keys(fields).length > 0 ? (
        <p role="alert" className="error">
          {t('petitionForms.errors.invalid')}
        </p>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <div className="field">
          <label htmlFor="title">{t('petitionForms.title')}</label>
          <input id="title" name="title" className="input" maxLength={200} defaultValue={v?.title} required aria-describedby="title-hint" aria-invalid={fields.title ? true : undefined} />
          <p id="title-hint" className="hint">{t('petitionForms.titleHint')}</p>
          {err('title')}
        </div>
        <div className="field">
          <label htmlFor="body">{t('petitionForms.body')}</label>
          <textarea id="body" name="body" className="input" rows={10} defaultValue={v?.body} required aria-describedby="body-hint" aria-invalid={fields.body ? true : undefined} />
          <p id="body-hint" className="hint">{t('petitionForms.bodyHint')}</p>
          {err('body')}
        </div>
        <fieldset className="field">
          <legend>{t('petitionForms.addressee')}</legend>
          {(['government', 'ministry', 'akimat', 'maslikhat'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="addresseeKind" value={k} defaultChecked={(v?.addresseeKind ?? 'government') === k} /> {t(`petitionForms.addresseeKinds.${k}`)}
            </label>
          ))}
          {err('addresseeKind')}
        </fieldset>
        <div className="field">
          <label htmlFor="ministryCode">{t('petitionForms.ministry')}</label>
          <select id="ministryCode" name="ministryCode" className="input" defaultValue={v?.ministryCode ?? ''}>
            <option value="">{t('petitionForms.chooseMinistry')}</option>
            {ministries.map((m) => (
              <option key={m.code} value={m.code}>
                {name(m)}
              </option>
            ))}
          </select>
          {err('ministryCode')}
        </div>
        <div className="field">
          <label htmlFor="unitKato">{t('petitionForms.unit')}</label>
          <select id="unitKato" name="unitKato" className="input" defaultValue={v?.unitKato ?? ''} aria-describedby="unit-hint">
            <option value="">{t('petitionForms.chooseUnit')}</option>
            {units.map((r) => (
              <optgroup key={r.kato} label={name(r)}>
                <option value={r.kato}>{name(r)}</option>
                {r.children.map((c) => (
                  <option key={c.kato} value={c.kato}>
                    {name(c)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <p id="unit-hint" className="hint">{t('petitionForms.unitHint')}</p>
          {err('unitKato')}
        </div>
        <div className="field">
          <label htmlFor="topic">{t('petitionForms.topic')}</label>
          <select id="topic" name="topic" className="input" defaultValue={v?.topic ?? 'other'}>
            {PETITION_TOPICS.map((k) => (
              <option key={k} value={k}>
                {t(`petitionForms.topics.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {result?.checked ? (
          <section aria-labelledby="similar-title" className="card" data-testid="similar-petitions">
            <h2 id="similar-title">{t('petitionForms.similarHeading')}</h2>
            {result.similar.length === 0 ? (
              <p>{t('petitionForms.noSimilar')}</p>
            ) : (
              <>
                <p>{t('petitionForms.similarLead')}</p>
                <ul>
                  {result.similar.map((s) => (
                    <li key={s.id}>
                      <Link to={`/petitions/${s.id}`}>
                        № {s.number} — {s.title}
                      </Link>{' '}
                      ({t(`petitions.state.${s.state}`)})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ) : null}
        <div className="button-row">
          <button type="submit" name="intent" value="check" className="button">
            {t('petitionForms.check')}
          </button>
          <button type="submit" name="intent" value="create" className="button primary">
            {t('petitionForms.create')}
          </button>
        </div>
      </Form>
    </section>
  );
}
