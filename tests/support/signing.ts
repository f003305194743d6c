import type { TestApp, TestBrowser } from './app';
import type { FixtureCitizen } from './fixtures';

/** A browser signed in as the fixture citizen (session cookie + CSRF cookie from a first GET). */
export async function browserFor(app: TestApp, citizen: FixtureCitizen): Promise<TestBrowser> {
  const b = app.browser();
  b.cookies.set('dauys_session', citizen.sessionToken);
  b.cookies.set('lng', 'en');
  await b.get('/signin?returnTo=%2F');
  return b;
}

/** Signs a petition over HTTP: signing options, the passkey assertion, verification. */
export async function signOverHttp(browser: TestBrowser, citizen: FixtureCitizen, petitionId: string, overrides: Parameters<FixtureCitizen['authenticator']['getAssertion']>[1] = {}) {
  const options = await browser.postJson(`/api/petitions/${petitionId}/sign/options`, {});
  if (options.status !== 200) return options;
  const response = citizen.authenticator.getAssertion(options.json.options as never, overrides);
  return browser.postJson(`/api/petitions/${petitionId}/sign/verify`, { response, notifyOnOutcome: true });
}
