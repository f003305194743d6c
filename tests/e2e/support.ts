import type { CDPSession, Page } from '@playwright/test';
import { iinCheckDigit } from '../../app/domain/identity/iin';

/** Chromium's virtual authenticator (CDP): a platform passkey with user verification. */
export async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

let serial = Math.floor(Math.random() * 5000);
/** A fresh valid IIN of an adult (distinct per call within a run). */
export function uniqueIin(birthDate = '1988-04-12', sex: 'M' | 'F' = 'F'): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  for (;;) {
    serial = (serial + 1) % 10000;
    const first11 = `${y.slice(2)}${m}${d}${sex === 'M' ? 3 : 4}${String(serial).padStart(4, '0')}`;
    const check = iinCheckDigit([...first11].map(Number));
    if (check !== null) return `${first11}${check}`;
  }
}

/** Proofs a citizen with the demo provider (the form) and creates a passkey; ends on /account. */
export async function enrollWithDemo(page: Page, opts: { iin: string; givenName: string; familyName: string; residence: string; lng?: string }) {
  await page.goto(`/enroll?lng=${opts.lng ?? 'en'}`);
  await page.getByLabel('IIN (12 digits)').fill(opts.iin);
  await page.getByLabel('First name').fill(opts.givenName);
  await page.getByLabel('Surname').fill(opts.familyName);
  await page.getByLabel('Place of residence').selectOption(opts.residence);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL(/\/enroll\/passkey/);
  await page.getByLabel('Name of this passkey').fill('My phone');
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await page.waitForURL(/\/account/);
}
