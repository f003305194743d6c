import { getReportPhoto, photoContentType } from '../domain/reports/public.server';
import { getDeps } from './db.server';

/**
 * A report photo as an HTTP response. The bytes were re-encoded without EXIF/GPS when stored
 * (images.server.ts), so they are sent as they are. A photo never changes once stored (a new photo
 * gets a new id), so it is cached for a year as immutable, with a strong ETag from its SHA-256.
 */
export async function photoResponse(request: Request, number: string | undefined, photoId: string | undefined, variant: 'full' | 'thumb'): Promise<Response> {
  const photo = await getReportPhoto(getDeps(), number ?? '', photoId ?? '', variant);
  const type = photo ? photoContentType(photo.format) : null;
  if (!photo || !type) return new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const etag = `"${photo.sha256.slice(0, 32)}${variant === 'thumb' ? '-t' : ''}"`;
  const headers = {
    'Content-Type': type,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'inline',
  };
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(photo.data), { status: 200, headers: { ...headers, 'Content-Length': String(photo.data.length) } });
}
