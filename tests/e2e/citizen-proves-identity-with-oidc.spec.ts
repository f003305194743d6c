import { expect, test } from '@playwright/test';
import { messages } from '../../app/i18n';
import { addVirtualAuthenticator } from './support';

/**
 * A citizen proves who they are at the national identity provider (here the local OIDC dev
 * provider, scripts/oidc-dev-provider.ts on port 3101), comes back, creates a passkey with the
 * browser's virtual authenticator and lands signed in on their account page.
 */
const OIDC_URL = `http://localhost:${process.env.E2E_OIDC_PORT ?? 3101}`;
const t = messages.en.identity;

test.describe('a citizen proves their identity with the national identity provider', () => {
  test('logs in at the provider, comes back, creates a passkey and is signed in', async ({ page }) => {
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);

    await page.goto('/enroll?lng=en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.enroll.title);
    await page.getByRole('button', { name: t.enroll.oidcButton }).click();

    // At the identity provider: its own login page.
    await expect(page).toHaveURL(new RegExp(`^${OIDC_URL}/interaction/`));
    await page.getByLabel('Account').selectOption('aigerim');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back at the portal, proofed: create the passkey.
    await expect(page).toHaveURL(/\/enroll\/passkey\?purpose=enroll/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.passkey.title);
    await page.getByRole('button', { name: t.passkey.button }).click();

    await expect(page).toHaveURL(/\/account/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.account.title);
    await expect(page.getByTestId('account-flash')).toHaveText(t.passkey.created);
    await expect(page.getByRole('main')).toContainText('Айгерим');

    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
  });

  test('a citizen who cancels at the provider is told so, and stays signed out', async ({ page }) => {
    await page.goto('/enroll?lng=en');
    await page.getByRole('button', { name: t.enroll.oidcButton }).click();
    await expect(page).toHaveURL(new RegExp(`^${OIDC_URL}/interaction/`));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/enroll\?error=oidc-cancelled/);
    await expect(page.getByTestId('form-error')).toHaveText(t.errors['oidc-cancelled']);
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name === 'dauys_session')).toBe(false);
  });
});
