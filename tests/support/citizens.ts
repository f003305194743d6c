import { composeIin } from '../../app/domain/identity/iin';
import type { TestBrowser } from './app';
import { SoftAuthenticator } from './soft-authenticator';

/** A valid IIN for a birth date, sex and serial (the check digit computed; null serials skipped). */
export function makeIin(birthDate: string, sex: 'M' | 'F', serial: number): string {
  return composeIin(birthDate, sex, serial);
}

export interface EnrolledCitizen {
  iin: string;
  browser: TestBrowser;
  authenticator: SoftAuthenticator;
}

/** Proofs a citizen through the demo provider and registers a passkey, over HTTP. */
export async function enrollCitizen(
  browser: TestBrowser,
  opts: { iin: string; givenName?: string; familyName?: string; residenceKato?: string; origin: string },
): Promise<EnrolledCitizen> {
  await browser.get('/enroll');
  const proofed = await browser.postForm('/enroll', {
    purpose: 'enroll',
    iin: opts.iin,
    givenName: opts.givenName ?? 'Айгерим',
    familyName: opts.familyName ?? 'Нурланова',
    residenceKato: opts.residenceKato ?? '711110000',
  });
  if (proofed.status !== 302 && proofed.status !== 204) throw new Error(`proofing failed: ${proofed.status} ${proofed.text.slice(0, 200)}`);
  const authenticator = new SoftAuthenticator(opts.origin);
  const options = await browser.postJson('/api/webauthn/register/options', {});
  if (options.status !== 200) throw new Error(`registration options: ${options.status} ${options.text}`);
  const response = authenticator.createCredential(options.json.options as never);
  const verified = await browser.postJson('/api/webauthn/register/verify', { response, name: 'Test phone' });
  if (verified.status !== 200) throw new Error(`registration: ${verified.status} ${verified.text}`);
  return { iin: opts.iin, browser, authenticator };
}

/** Signs in with the authenticator's last passkey; returns the verify response. */
export async function signIn(browser: TestBrowser, authenticator: SoftAuthenticator, overrides: Parameters<SoftAuthenticator['getAssertion']>[1] = {}) {
  if (!browser.csrf) await browser.get('/signin');
  const options = await browser.postJson('/api/webauthn/authenticate/options', {});
  if (options.status !== 200) throw new Error(`authentication options: ${options.status} ${options.text}`);
  const response = authenticator.getAssertion(options.json.options as never, overrides);
  return { response, result: await browser.postJson('/api/webauthn/authenticate/verify', { response }) };
}
