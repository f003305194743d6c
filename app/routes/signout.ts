import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { signOut } from '../domain/identity/accounts.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { clearSessionCookie, getSession, requestMeta } from '../services/session.server';

/** POST: ends this session. */
export async function action({ request }: ActionFunctionArgs) {
  await csrfForm(request);
  const session = await getSession(request);
  if (session) await signOut(getDeps(), session, requestMeta(request));
  throw redirect('/signin?notice=signed-out', { headers: { 'Set-Cookie': clearSessionCookie() } });
}

export async function loader() {
  throw redirect('/account');
}
