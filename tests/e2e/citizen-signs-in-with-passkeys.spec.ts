import { expect, test } from '@playwright/test';
import { addVirtualAuthenticator, enrollWithDemo, uniqueIin } from './support';

test('a citizen proves identity, registers a passkey, signs in, adds a second, revokes the first and signs in again', async ({ page }) => {
  const phone = await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin: uniqueIin(), givenName: 'Aigerim', familyName: 'Nurlanova', residence: '711110000' });
  await expect(page.getByTestId('account-flash')).toHaveText('Your passkey is ready. You are signed in.');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Aigerim N.' })).toBeVisible();
  await expect(page.getByTestId('passkey-table').locator('tbody tr')).toHaveCount(1);

  // Sign out, then sign in with the passkey without typing anything.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/signin/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.waitForURL(/\/account/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');

  // A second device: its own authenticator creates the second passkey.
  const { credentials } = await phone.cdp.send('WebAuthn.getCredentials', { authenticatorId: phone.authenticatorId });
  expect(credentials).toHaveLength(1);
  await phone.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phone.authenticatorId });
  const laptop = await addVirtualAuthenticator(page);
  await page.getByRole('link', { name: 'Add a passkey' }).click();
  await page.getByLabel('Name of this passkey').fill('Laptop');
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await page.waitForURL(/\/account\?added=1/);
  await expect(page.getByTestId('passkey-table').locator('tbody tr')).toHaveCount(2);

  // Revoke the first passkey (the phone's).
  await page.getByRole('button', { name: 'Revoke the passkey My phone' }).click();
  await expect(page.getByTestId('account-flash')).toHaveText('The passkey was revoked.');
  await expect(page.getByTestId('passkey-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('passkey-table')).toContainText('Laptop');

  // Sign out and in again with the remaining passkey.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/signin/);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.waitForURL(/\/account/);
  await expect(page.getByTestId('passkey-table')).toContainText('Laptop');

  // The phone's revoked passkey is refused with a clear message.
  await laptop.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: laptop.authenticatorId });
  const old = await addVirtualAuthenticator(page);
  await old.cdp.send('WebAuthn.addCredential', { authenticatorId: old.authenticatorId, credential: credentials[0]! });
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/signin/);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByTestId('passkey-error')).toHaveText('This passkey was revoked. Use another passkey or recover access.');
});

test('a citizen who lost every passkey recovers access: old passkeys and sessions are revoked', async ({ page, browser }) => {
  const iin = uniqueIin('1979-09-30', 'M');
  await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin, givenName: 'Yerlan', familyName: 'Akhmetov', residence: '751310000' });

  // On a new device with no passkey: prove identity again.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await addVirtualAuthenticator(fresh);
  await fresh.goto('/signin?lng=en');
  await fresh.getByRole('link', { name: 'Recover access' }).click();
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('Recover access');
  await fresh.getByLabel('IIN (12 digits)').fill(iin);
  await fresh.getByLabel('First name').fill('Yerlan');
  await fresh.getByLabel('Surname').fill('Akhmetov');
  await fresh.getByLabel('Place of residence').selectOption('751310000');
  await fresh.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(fresh.getByText('Creating this passkey revokes your old passkeys and signs out every device.')).toBeVisible();
  await fresh.getByRole('button', { name: 'Create passkey' }).click();
  await fresh.waitForURL(/\/account/);
  await expect(fresh.getByTestId('passkey-table').locator('tbody tr')).toHaveCount(1);
  await context.close();

  // The first device's session has ended.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin/);
});

test('the sign-in page tells a browser without JavaScript what to do @nojs-only', async ({ page }) => {
  await page.goto('/signin?lng=ru');
  await expect(page.getByTestId('passkey-nojs')).toHaveText('Для входа с ключом доступа нужен JavaScript. Включите его в браузере и обновите страницу.');
  await expect(page.getByRole('link', { name: 'Подтвердите личность и создайте ключ доступа' })).toBeVisible();
});

test('saved passkeys are offered in the account field (conditional UI) and sign in', async ({ page }) => {
  await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin: uniqueIin('1995-02-14', 'F'), givenName: 'Dana', familyName: 'Sadykova', residence: '751110000' });
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/signin/);
  await page.getByLabel('Your account (choose a saved passkey)').focus();
  await page.waitForURL(/\/account/);
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dana S.' })).toBeVisible();
});
