import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { editPetition, getAuthorView } from '../domain/petitions/petitions.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { uuidParam } from '../services/params.server';
import { requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const view = await getAuthorView(getDeps(), session.actor, uuidParam(params.id));
  if (!view) throw new Response('Not Found', { status: 404 });
  return { view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await csrfForm(request);
  const id = uuidParam(params.id);
  const outcome = await editPetition(getDeps(), session.actor, id, { title: form.get('title'), body: form.get('body') });
  if (outcome.kind === 'refused') return data({ error: outcome.reason, fields: outcome.fields ?? {} }, { status: outcome.reason === 'invalid' ? 422 : 409 });
  throw redirect(`/petitions/${id}/manage?saved=1`);
}

export default function EditPetition() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const fields = result?.fields ?? {};
  return (
    <section aria-labelledby="edit-title" className="narrow">
      <h1 id="edit-title">{t('petitionForms.editTitle')}</h1>
      {result?.error && result.error !== 'invalid' ? <p role="alert" className="error">{t(`petitionForms.errors.${result.error}`)}</p> : null}
      <Form method="post" className="form">
        <CsrfField />
        <div className="field">
          <label htmlFor="title">{t('petitionForms.title')}</label>
          <input id="title" name="title" className="input" defaultValue={view.title} maxLength={200} required aria-invalid={fields.title ? true : undefined} aria-describedby="title-hint" />
          <p id="title-hint" className="hint">{t('petitionForms.titleHint')}</p>
          {fields.title ? <p className="error">{t(`petitionForms.errors.${fields.title}`)}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="body">{t('petitionForms.body')}</label>
          <textarea id="body" name="body" className="input" rows={12} defaultValue={view.body} required aria-invalid={fields.body ? true : undefined} aria-describedby="body-hint" />
          <p id="body-hint" className="hint">{t('petitionForms.bodyHint')}</p>
          {fields.body ? <p className="error">{t(`petitionForms.errors.${fields.body}`)}</p> : null}
        </div>
        <button type="submit" className="button primary">
          {t('petitionForms.save')}
        </button>
      </Form>
    </section>
  );
}
