import { createHmac } from 'node:crypto';
import type { IinKey } from './config';

/** HMAC-SHA-256 of an IIN under a server key, hex. The only form in which an IIN is kept. */
export function iinHmac(iin: string, key: IinKey): string {
  return createHmac('sha256', key.secret).update(`iin:${iin}`).digest('hex');
}
