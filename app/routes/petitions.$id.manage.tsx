import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getAuthorView, submitForSupport, withdrawPetition } from '../domain/petitions/petitions.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { uuidParam } from '../services/params.server';
import { requireSession } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const view = await getAuthorView(getDeps(), session.actor, uuidParam(params.id));
  if (!view) throw new Response('Not Found', { status: 404 });
  return { view, saved: new URL(request.url).searchParams.has('saved') };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await csrfForm(request);
  const id = uuidParam(params.id);
  const intent = form.get('intent');
  const deps = getDeps();
  const outcome = intent === 'publish' ? await submitForSupport(deps, session.actor, id) : intent === 'withdraw' ? await withdrawPetition(deps, session.actor, id) : null;
  if (!outcome) return data({ error: 'invalid' }, { status: 400 });
  if (outcome.kind === 'refused') return data({ error: outcome.reason }, { status: 409 });
  throw redirect(intent === 'publish' ? `/petitions/${id}` : `/petitions/${id}/manage`);
}

export default function ManagePetition() {
  const { view, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="manage-title">
      <h1 id="manage-title">{t('petitionForms.manageHeading')}</h1>
      {saved ? <p role="status" className="success">{t('petitionForms.draftSaved')}</p> : null}
      {result?.error ? <p role="alert" className="error">{t(`petitionForms.errors.${result.error}`, { defaultValue: t('petitionForms.errors.invalid') })}</p> : null}
      <p className="muted">
        № {view.number} · {t(`petitions.state.${view.state}`)}
      </p>
      <h2>{view.title}</h2>
      <div className="petition-text">{view.body}</div>
      {view.canEdit ? (
        <p>
          <Link className="button" to={`/petitions/${view.id}/edit`}>
            {t('petitionForms.edit')}
          </Link>
        </p>
      ) : null}
      {view.state === 'draft' ? (
        <Form method="post">
          <CsrfField />
          <p className="hint">{t('petitionForms.publishHint', { count: view.initialSupportRequired })}</p>
          <button type="submit" name="intent" value="publish" className="button primary">
            {t('petitionForms.publish')}
          </button>
        </Form>
      ) : null}
      {view.state === 'draft' || view.state === 'collecting' ? (
        <Form method="post">
          <CsrfField />
          <button type="submit" name="intent" value="withdraw" className="button danger">
            {t('petitionForms.withdrawPetition')}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to={`/petitions/${view.id}`}>{t('petitionForms.viewPublic')}</Link>
      </p>
    </section>
  );
}
