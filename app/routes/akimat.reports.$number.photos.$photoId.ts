import type { LoaderFunctionArgs } from '@remix-run/node';
import { staffPhoto } from '../domain/reports/staff.server';
import { DomainError } from '../domain/shared/errors';
import { getDeps } from '../services/db.server';
import { PHOTO_CONTENT_TYPES, type PhotoFormat } from '../services/images.server';
import { uuidParam } from '../services/params.server';
import { requireSession } from '../services/session.server';

/** A photo of a report for the officers who may see the report (re-encoded, without metadata). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const number = params.number ?? '';
  if (!/^R-\d{4}-\d{6,}$/.test(number)) throw new Response('Not Found', { status: 404 });
  const id = uuidParam(params.photoId);
  const thumb = new URL(request.url).searchParams.get('thumb') === '1';
  try {
    const photo = await staffPhoto(getDeps(), session.actor, number, id, thumb);
    return new Response(new Uint8Array(photo.data), {
      headers: {
        'Content-Type': PHOTO_CONTENT_TYPES[photo.format as PhotoFormat] ?? 'application/octet-stream',
        'Cache-Control': 'private, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}
