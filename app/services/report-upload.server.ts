import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from '@remix-run/node';
import { MAX_PHOTOS, type CleanPhoto } from '../domain/reports/filing.server';
import { csrfForm, requireCsrf } from './csrf.server';
import { PHOTO_LIMITS, photoRefusalMessage, processPhoto } from './images.server';

/**
 * The filing form's POST, urlencoded or multipart (with photos), CSRF-checked.
 *
 * Photos (field `photo`, up to 3 files) are held in memory, never on disk. A file over the size
 * limit (10 MiB) is not kept: the rest of its bytes are read and dropped (so the browser gets an
 * answer instead of a reset connection) and the part becomes a refusal marker; files beyond the
 * third are dropped the same way. Text fields go through Remix's memory handler with a 64 KiB limit
 * (a larger text part fails the whole request with 413). Nothing is stored here: the caller
 * processes the photos (processPhoto: type from the bytes, re-encoded without EXIF/GPS) and files
 * the report only when every photo passed.
 */

const OVERSIZE = 'dauys:oversize';
const EXCESS = 'dauys:excess';
const TEXT_LIMIT = 64 * 1024;

export class UploadTooLarge extends Error {}

function photoHandler(maxBytes: number): UploadHandler {
  let files = 0;
  return async ({ name, filename, contentType, data }) => {
    if (name !== 'photo' || filename === undefined) return undefined;
    if (filename === '') {
      // An empty file input: drain it.
      for await (const chunk of data) void chunk;
      return null;
    }
    files += 1;
    const keep = files <= MAX_PHOTOS;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (keep && size <= maxBytes) chunks.push(chunk);
    }
    if (size === 0) return null;
    if (!keep) return EXCESS;
    if (size > maxBytes) return OVERSIZE;
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  };
}

export interface ReportForm {
  form: FormData;
  /** Photo parts in order: a file, or a refusal for a file over the size limit. */
  photos: ({ kind: 'file'; file: File } | { kind: 'oversize' })[];
  /** More than MAX_PHOTOS files were sent. */
  excess: boolean;
}

export async function readReportForm(request: Request, opts: { maxBytes?: number } = {}): Promise<ReportForm> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return { form: await csrfForm(request), photos: [], excess: false };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(photoHandler(opts.maxBytes ?? PHOTO_LIMITS.maxBytes), unstable_createMemoryUploadHandler({ maxPartSize: TEXT_LIMIT })),
    );
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) throw new UploadTooLarge(err.message);
    throw err;
  }
  requireCsrf(request, form);
  const photos: ReportForm['photos'] = [];
  let excess = false;
  for (const v of form.getAll('photo')) {
    if (v === OVERSIZE) photos.push({ kind: 'oversize' });
    else if (v === EXCESS) excess = true;
    else if (typeof v !== 'string' && v.size > 0) photos.push({ kind: 'file', file: v });
  }
  return { form, photos, excess };
}

export type PhotoCheck =
  | { kind: 'ok'; photos: CleanPhoto[] }
  | { kind: 'refused'; errors: { n: number; key: string; params: Record<string, string> }[] };

/** Every photo checked and cleaned; the refusals numbered from 1 as the form shows them. */
export async function cleanPhotos(photos: ReportForm['photos'], opts: { maxBytes?: number } = {}): Promise<PhotoCheck> {
  const maxBytes = opts.maxBytes ?? PHOTO_LIMITS.maxBytes;
  const out: CleanPhoto[] = [];
  const errors: { n: number; key: string; params: Record<string, string> }[] = [];
  for (const [i, p] of photos.entries()) {
    if (p.kind === 'oversize') {
      errors.push({ n: i + 1, ...photoRefusalMessage({ kind: 'refused', reason: 'too-large', limit: maxBytes }) });
      continue;
    }
    const outcome = await processPhoto(Buffer.from(await p.file.arrayBuffer()), { declaredType: p.file.type, fileName: p.file.name, maxBytes });
    if (outcome.kind === 'refused') errors.push({ n: i + 1, ...photoRefusalMessage(outcome) });
    else out.push({ image: outcome.image, thumbnail: outcome.thumbnail });
  }
  return errors.length > 0 ? { kind: 'refused', errors } : { kind: 'ok', photos: out };
}
