import { createHash } from 'node:crypto';

/**
 * A weak entity tag: W/"<first 128 bits of SHA-256 of the validator, base64url>". Weak because
 * the web server may compress the body (gzip changes the bytes, not the representation) and
 * because the validator leaves out freshness stamps (http.ts, validatorOf).
 */
export function weakEtag(validator: string): string {
  return `W/"${createHash('sha256').update(validator, 'utf8').digest('base64url').slice(0, 22)}"`;
}
