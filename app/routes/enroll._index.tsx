import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { openEnrollment, recordProofing } from '../domain/identity/citizens.server';
import { listUnitTree } from '../domain/reference/queries.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { getIdentityConfig } from '../services/identity.server';
import { OIDC_ERROR_CODES } from '../services/oidc.server';
import { resolveLocale } from '../services/locale.server';
import { hitLimit } from '../services/rate-limit.server';
import { requestMeta, sessionCookie } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useNames } from '../ui/locale';

const Purpose = z.enum(['enroll', 'recover']).catch('enroll');

export async function loader({ request }: LoaderFunctionArgs) {
  const env = getEnv();
  const params = new URL(request.url).searchParams;
  const purpose = Purpose.parse(params.get('purpose') ?? 'enroll');
  // An error sent back here by the OIDC routes (`?error=`): only known codes are shown.
  const error = z.enum(OIDC_ERROR_CODES).nullable().catch(null).parse(params.get('error'));
  return {
    purpose,
    error: error ? { error, seconds: Number(params.get('seconds')) || 0 } : null,
    demo: env.identityProviders.includes('demo'),
    oidc: env.identityProviders.includes('oidc'),
    units: env.identityProviders.includes('demo') ? await listUnitTree(getDeps()) : [],
  };
}

const DemoForm = z.object({
  purpose: Purpose,
  iin: z.string().trim().min(1),
  givenName: z.string().trim().min(1),
  familyName: z.string().trim().min(1),
  residenceKato: z.string().trim().min(1),
  email: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .optional(),
});

type ActionErrors = { error: string; seconds?: number; fields?: Record<string, string> };

/** POST: the demo identity provider (local runs only): the same validation as any provider. */
export async function action({ request }: ActionFunctionArgs) {
  if (!getEnv().identityProviders.includes('demo')) throw new Response('Not Found', { status: 404 });
  const form = await csrfForm(request);
  const meta = requestMeta(request);
  const wait = await hitLimit('proofing', meta.ip ?? '');
  if (wait) return data<ActionErrors>({ error: 'rate-limited', seconds: wait }, { status: 429 });
  const parsed = DemoForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), 'required']));
    return data<ActionErrors>({ error: 'invalid-claims', fields }, { status: 422 });
  }
  const { purpose, ...claims } = parsed.data;
  const deps = getDeps();
  const cfg = getIdentityConfig();
  const outcome = await recordProofing(deps, cfg, { ...claims, locale: resolveLocale(request) }, 'demo', meta);
  if (outcome.kind === 'refused') {
    const field = outcome.reason === 'invalid-iin' ? 'iin' : outcome.reason === 'unknown-residence' ? 'residenceKato' : undefined;
    return data<ActionErrors>({ error: outcome.reason, fields: field ? { [field]: outcome.reason } : {} }, { status: 422 });
  }
  const session = await openEnrollment(deps, cfg, outcome.accountId, purpose, meta);
  const existing = outcome.created ? '' : '&existing=1';
  throw redirect(`/enroll/passkey?purpose=${purpose}${existing}`, {
    headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt) },
  });
}

export default function Enroll() {
  const { purpose, demo, oidc, units, error: returned } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  const errors = result?.fields ?? {};
  const shown = result?.error ? result : returned;
  const message = shown ? t(`identity.errors.${shown.error}`, { seconds: shown.seconds ?? 0 }) : null;
  const recover = purpose === 'recover';
  return (
    <section aria-labelledby="enroll-title" className="narrow">
      <h1 id="enroll-title">{recover ? t('identity.enroll.recoverTitle') : t('identity.enroll.title')}</h1>
      <p className="lead">{recover ? t('identity.enroll.recoverLead') : t('identity.enroll.lead')}</p>
      {message ? (
        <p role="alert" className="error" data-testid="form-error">
          {message}
        </p>
      ) : null}
      {oidc ? (
        <form method="post" action="/auth/oidc/start">
          <CsrfField />
          <input type="hidden" name="purpose" value={purpose} />
          <button type="submit" className="button primary">
            {t('identity.enroll.oidcButton')}
          </button>
        </form>
      ) : null}
      {demo ? (
        <Form method="post" className="card form" aria-labelledby="demo-title" noValidate>
          <h2 id="demo-title">{t('identity.enroll.demoHeading')}</h2>
          <p className="notice">{t('identity.enroll.demoNote')}</p>
          <CsrfField />
          <input type="hidden" name="purpose" value={purpose} />
          <div className="field">
            <label htmlFor="iin">{t('identity.enroll.iin')}</label>
            <input
              id="iin"
              name="iin"
              className="input"
              inputMode="numeric"
              autoComplete="off"
              required
              pattern="[0-9 ]{12,14}"
              aria-describedby="iin-hint iin-error"
              aria-invalid={errors.iin ? true : undefined}
            />
            <p id="iin-hint" className="hint">
              {t('identity.enroll.iinHint')}
            </p>
            {errors.iin ? (
              <p id="iin-error" className="error">
                {errors.iin === 'required' ? t('identity.fields.required') : t('identity.errors.invalid-iin')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="givenName">{t('identity.enroll.givenName')}</label>
            <input id="givenName" name="givenName" className="input" autoComplete="given-name" required aria-invalid={errors.givenName ? true : undefined} />
            {errors.givenName ? <p className="error">{t('identity.fields.required')}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="familyName">{t('identity.enroll.familyName')}</label>
            <input id="familyName" name="familyName" className="input" autoComplete="family-name" required aria-invalid={errors.familyName ? true : undefined} />
            {errors.familyName ? <p className="error">{t('identity.fields.required')}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="residenceKato">{t('identity.enroll.residence')}</label>
            <select id="residenceKato" name="residenceKato" className="input" required aria-describedby="residence-hint" aria-invalid={errors.residenceKato ? true : undefined} defaultValue="">
              <option value="" disabled>
                {t('identity.enroll.chooseResidence')}
              </option>
              {units.map((r) => (
                <optgroup key={r.kato} label={name(r)}>
                  {r.children.length === 0 ? <option value={r.kato}>{name(r)}</option> : null}
                  {r.children.map((c) => (
                    <option key={c.kato} value={c.kato}>
                      {name(c)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p id="residence-hint" className="hint">
              {t('identity.enroll.residenceHint')}
            </p>
            {errors.residenceKato ? <p className="error">{t('identity.errors.unknown-residence')}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="email">{t('identity.enroll.email')}</label>
            <input id="email" name="email" type="email" className="input" autoComplete="email" />
          </div>
          <p className="hint">{t('identity.enroll.adultsNote')}</p>
          <button type="submit" className="button primary">
            {t('identity.enroll.submit')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
