import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { withdrawSignature } from '../domain/signatures/signing.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { uuidParam } from '../services/params.server';
import { requireSession } from '../services/session.server';

/** POST intent=withdraw: withdraws the signer's signature (a plain form, works without JS). */
export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await csrfForm(request);
  const id = uuidParam(params.id);
  if (form.get('intent') !== 'withdraw') throw new Response('Bad Request', { status: 400 });
  const outcome = await withdrawSignature(getDeps(), session.actor, id);
  throw redirect(`/petitions/${id}?${outcome.kind === 'withdrawn' ? 'withdrawn=1' : `refused=${outcome.reason}`}`);
}

export async function loader({ params }: ActionFunctionArgs) {
  throw redirect(`/petitions/${uuidParam(params.id)}`);
}
