import type { LoaderFunctionArgs } from '@remix-run/node';
import { photoResponse } from '../services/report-photos.server';

/** GET /reports/:number/photos/:photoId/thumb: the thumbnail. */
export const loader = ({ params, request }: LoaderFunctionArgs) => photoResponse(request, params.number, params.photoId, 'thumb');
