import type { LoaderFunctionArgs } from '@remix-run/node';
import { photoResponse } from '../services/report-photos.server';

/** GET /reports/:number/photos/:photoId: the photo as stored (re-encoded, without metadata). */
export const loader = ({ params, request }: LoaderFunctionArgs) => photoResponse(request, params.number, params.photoId, 'full');
