import { useCsrf } from './root-data';

/** The hidden CSRF field of every form that changes something. */
export function CsrfField() {
  return <input type="hidden" name="csrf" value={useCsrf()} />;
}
