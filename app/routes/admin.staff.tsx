import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { listStaff } from '../domain/identity/accounts.server';
import { STAFF_ROLES } from '../domain/identity/permissions';
import { inviteStaff, removeRole } from '../domain/identity/staff.server';
import { listAkimats } from '../domain/reference/queries.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { getIdentityConfig } from '../services/identity.server';
import { requestMeta, requirePermission } from '../services/session.server';
import { CsrfField } from '../ui/csrf-field';
import { useNames } from '../ui/locale';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'staff:manage');
  const deps = getDeps();
  return { staff: await listStaff(deps, session.actor), akimats: await listAkimats(deps) };
}

const Remove = z.object({ intent: z.literal('remove'), accountId: z.string().uuid(), role: z.enum(STAFF_ROLES), bodyId: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const session = await requirePermission(request, 'staff:manage');
  const form = await csrfForm(request);
  const deps = getDeps();
  const meta = requestMeta(request);
  if (form.get('intent') === 'remove') {
    const parsed = Remove.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ kind: 'error' as const, code: 'not-found' }, { status: 400 });
    const bodyId = parsed.data.bodyId ? Number(parsed.data.bodyId) : null;
    const outcome = await removeRole(deps, session.actor, { accountId: parsed.data.accountId, role: parsed.data.role, bodyId }, meta);
    return outcome.kind === 'removed' ? { kind: 'removed' as const } : data({ kind: 'error' as const, code: outcome.reason }, { status: 409 });
  }
  const outcome = await inviteStaff(
    deps,
    getIdentityConfig(),
    session.actor,
    {
      displayName: form.get('displayName'),
      email: form.get('email') || undefined,
      role: form.get('role'),
      bodyIds: form.getAll('bodyIds'),
    },
    meta,
  );
  if (outcome.kind === 'refused') {
    return data({ kind: 'error' as const, code: outcome.reason === 'invalid' ? 'invalid-claims' : outcome.reason }, { status: 422 });
  }
  return { kind: 'invited' as const, link: `${getEnv().publicOrigin}/invite/${outcome.token}`, name: String(form.get('displayName')) };
}

export default function StaffAdmin() {
  const { staff, akimats } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = useNames();
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{t('identity.staff.title')}</h1>
      {result?.kind === 'invited' ? (
        <div role="status" className="success">
          <p>{t('identity.staff.created', { name: result.name })}</p>
          <p>
            <code data-testid="invite-link">{result.link}</code>
          </p>
        </div>
      ) : null}
      {result?.kind === 'removed' ? <p role="status" className="success">{t('identity.staff.removed')}</p> : null}
      {result?.kind === 'error' ? (
        <p role="alert" className="error">
          {t(`identity.errors.${result.code}`)}
        </p>
      ) : null}
      <Form method="post" className="card form" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('identity.staff.inviteHeading')}</h2>
        <CsrfField />
        <div className="field">
          <label htmlFor="displayName">{t('identity.staff.displayName')}</label>
          <input id="displayName" name="displayName" className="input" required minLength={2} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="email">{t('identity.staff.email')}</label>
          <input id="email" name="email" type="email" className="input" />
        </div>
        <div className="field">
          <label htmlFor="role">{t('identity.staff.role')}</label>
          <select id="role" name="role" className="input" required>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`identity.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="bodyIds">{t('identity.staff.akimats')}</label>
          <select id="bodyIds" name="bodyIds" className="input" multiple size={8} aria-describedby="akimats-hint">
            {akimats.map((a) => (
              <option key={a.id} value={a.id}>
                {name(a)}
              </option>
            ))}
          </select>
          <p id="akimats-hint" className="hint">
            {t('identity.staff.akimatsHint')}
          </p>
        </div>
        <button type="submit" className="button primary">
          {t('identity.staff.submit')}
        </button>
      </Form>
      <h2>{t('identity.staff.listHeading')}</h2>
      {staff.length === 0 ? <p>{t('identity.staff.noStaff')}</p> : null}
      <ul className="stack">
        {staff.map((m) => (
          <li key={m.accountId} className="card">
            <strong>{m.displayName}</strong>
            <ul>
              {m.roles.map((r) => (
                <li key={`${r.role}-${r.bodyId ?? ''}`}>
                  {t(`identity.roles.${r.role}`)}
                  {r.body ? ` — ${name(r.body)}` : ''}{' '}
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="accountId" value={m.accountId} />
                    <input type="hidden" name="role" value={r.role} />
                    <input type="hidden" name="bodyId" value={r.bodyId ?? ''} />
                    <button type="submit" className="button small">
                      {t('identity.staff.remove')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
