import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';

/** Browser side of the passkey ceremonies: fetch options, run the ceremony, post the result. */
export type CeremonyResult = { ok: true; redirectTo: string } | { ok: false; message: string };

async function postJson(url: string, csrf: string, body: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
    credentials: 'same-origin',
  });
  let data: Record<string, unknown> = {};
  try {
    data = (await res.json()) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return { status: res.status, data };
}

function failure(data: Record<string, unknown>, fallback: string): CeremonyResult {
  return { ok: false, message: typeof data.message === 'string' ? data.message : fallback };
}

export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

export async function autofillSupported(): Promise<boolean> {
  return browserSupportsWebAuthnAutofill();
}

export async function signInWithPasskey(csrf: string, fallback: string, opts: { autofill?: boolean; returnTo?: string } = {}): Promise<CeremonyResult> {
  const options = await postJson('/api/webauthn/authenticate/options', csrf, {});
  if (options.status !== 200) return failure(options.data, fallback);
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options.data.options as never, useBrowserAutofill: opts.autofill ?? false });
  } catch (err) {
    return { ok: false, message: err instanceof Error && err.name === 'NotAllowedError' ? fallback : fallback };
  }
  const verified = await postJson('/api/webauthn/authenticate/verify', csrf, { response, returnTo: opts.returnTo });
  if (verified.status !== 200) return failure(verified.data, fallback);
  return { ok: true, redirectTo: String(verified.data.redirectTo ?? '/account') };
}

export async function registerPasskey(csrf: string, name: string, fallback: string): Promise<CeremonyResult> {
  const options = await postJson('/api/webauthn/register/options', csrf, {});
  if (options.status !== 200) return failure(options.data, fallback);
  let response;
  try {
    response = await startRegistration({ optionsJSON: options.data.options as never });
  } catch {
    return { ok: false, message: fallback };
  }
  const verified = await postJson('/api/webauthn/register/verify', csrf, { response, name });
  if (verified.status !== 200) return failure(verified.data, fallback);
  return { ok: true, redirectTo: String(verified.data.redirectTo ?? '/account') };
}
