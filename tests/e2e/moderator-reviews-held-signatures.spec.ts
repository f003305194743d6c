import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { messages } from '../../app/i18n';
import { addVirtualAuthenticator, enrollWithDemo, uniqueIin } from './support';

/**
 * A moderator reviews signatures the integrity checks hold (Chromium, virtual authenticators, the
 * real workers of the e2e server). One shared terminal (one browser, one device cookie) signs an
 * open petition for seven different citizens: the first five withdraw at once, the sixth and the
 * seventh are held under review (one device for many citizens, many signatures from one address).
 * The moderator opens the cluster at /integrity/<petition>, invalidates it with a reason: the
 * public integrity report shows the invalidated signatures and the reason. The moderator restores
 * it: the public count grows by the restored signatures and the report has no invalidation left.
 *
 * Staff: the administrator's demo invitation (.data/demo-invites.json) invites a moderator (the
 * demo moderator's invitation belongs to the lifecycle spec).
 */
test.describe.configure({ mode: 'serial' });

const en = messages.en;
const invites = () => JSON.parse(readFileSync(path.join(process.env.DAUYS_E2E_DIR!, 'demo-invites.json'), 'utf8')) as Record<string, string>;
const REASON = 'One terminal signing for several people within minutes';

let birth = 0;
const iin = () => uniqueIin(`19${72 + (birth++ % 25)}-0${1 + (birth % 9)}-2${birth % 8}`, 'M');

async function acceptInvite(page: Page, link: string) {
  await addVirtualAuthenticator(page);
  await page.goto(`${link}?lng=en`);
  await page.getByRole('button', { name: en.identity.staff.accept }).click();
  await page.waitForURL(/\/enroll\/passkey/);
  await page.getByRole('button', { name: en.identity.passkey.button }).click();
  await page.waitForURL(/\/account/);
}

async function citizen(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin: iin(), givenName: name, familyName: 'Integritova', residence: '711110000' });
  return page;
}

async function sign(page: Page, url: string, supporting = false) {
  await page.goto(`${url}?lng=en`);
  await page.getByRole('button', { name: supporting ? en.signing.support : en.signing.sign }).click();
  await page.waitForURL(/signed=1/);
  await expect(page.getByTestId('signed-thanks')).toHaveText(en.signing.signed);
}

/** The integrity report's figure, as the public page shows it (reconciled every second: reload until it matches). */
async function expectReport(page: Page, url: string, figures: Partial<Record<'valid' | 'underReview' | 'invalidated' | 'withdrawn', number>>) {
  await expect(async () => {
    await page.goto(`${url}?lng=en`);
    for (const [k, v] of Object.entries(figures)) await expect(page.getByTestId(`integrity-${k}`)).toHaveAttribute('data-value', String(v), { timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

let petitionUrl = '';
let moderator: Page;

test('a moderator is invited and a petition is opened for signatures', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await acceptInvite(admin, `/invite/${invites().administrator}`);
  await admin.goto('/admin/staff?lng=en');
  await admin.getByLabel(en.identity.staff.displayName).fill('Integrity Moderator');
  await admin.getByLabel(en.identity.staff.role, { exact: true }).selectOption('moderator');
  await admin.getByRole('button', { name: en.identity.staff.submit }).click();
  const link = new URL((await admin.getByTestId('invite-link').textContent())!.trim()).pathname;
  moderator = await (await browser.newContext()).newPage();
  await acceptInvite(moderator, link);

  const author = await citizen(browser, 'Asem');
  await author.goto('/petitions/new?lng=en');
  await author.getByLabel(en.petitionForms.title, { exact: true }).fill('Benches and shade on the Ishim river walk');
  await author.getByLabel(en.petitionForms.body, { exact: true }).fill(
    'The river walk has no benches and no shade between the two bridges. We ask the akimat of Astana to put benches and plant trees along it before next summer.',
  );
  await author.getByLabel(en.petitionForms.addresseeKinds.akimat).check();
  await author.getByLabel(en.petitionForms.unit, { exact: true }).selectOption('710000000');
  await author.getByLabel(en.petitionForms.topic, { exact: true }).selectOption('roads');
  await author.getByRole('button', { name: en.petitionForms.create }).click();
  await author.waitForURL(/\/manage\?saved=1/);
  await author.getByRole('button', { name: en.petitionForms.publish }).click();
  await author.waitForURL(/\/petitions\/[0-9a-f-]{36}$/);
  petitionUrl = new URL(author.url()).pathname;
  for (const name of ['Berik', 'Dinara']) await sign(await citizen(browser, name), petitionUrl, true);

  await expect(async () => {
    await moderator.goto('/moderation?lng=en');
    await moderator.getByRole('link', { name: 'Benches and shade on the Ishim river walk' }).click({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await moderator.getByRole('button', { name: en.moderation.review.approveButton }).click();
  await expect(moderator.getByTestId('moderation-flash')).toBeVisible();
  await expectReport(author, petitionUrl, { valid: 2, underReview: 0, invalidated: 0, withdrawn: 0 });
  await expect(author.getByTestId('petition-state')).toHaveText(en.petitions.state.open);
});

test('one terminal signs for seven citizens: the last two are held under review, silently', async ({ browser }) => {
  test.setTimeout(300_000);
  const terminal = await (await browser.newContext()).newPage();
  let authenticator: Awaited<ReturnType<typeof addVirtualAuthenticator>> | null = null;
  for (let i = 1; i <= 7; i++) {
    // The next person signs in on the same browser (same device cookie) with their own passkey
    // (a fresh virtual authenticator each: Chromium's refuses a fourth resident credential here).
    await terminal.context().clearCookies({ name: 'dauys_session' });
    if (authenticator) await authenticator.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: authenticator.authenticatorId });
    authenticator = await addVirtualAuthenticator(terminal);
    await enrollWithDemo(terminal, { iin: iin(), givenName: `Terminal${i}`, familyName: 'Integritova', residence: '711110000' });
    await sign(terminal, petitionUrl);
    if (i <= 5) {
      await terminal.getByRole('button', { name: en.signing.withdraw }).click();
      await terminal.waitForURL(/withdrawn=1/);
    }
  }
  // The signer sees an ordinary receipt.
  await terminal.getByRole('link', { name: en.signing.receipt }).click();
  await expect(terminal.getByTestId('receipt-verdict')).toHaveText(en.signing.receiptPage.valid);

  // The public page: two counted, two under review (a separate number), five withdrawn.
  const visitor = await (await browser.newContext()).newPage();
  await expectReport(visitor, petitionUrl, { valid: 2, underReview: 2, invalidated: 0, withdrawn: 5 });
  await expect(visitor.getByTestId('integrity-no-invalidations')).toBeVisible();
});

test('the moderator invalidates the cluster with a reason, then restores it; the count and the report follow', async ({ browser }) => {
  test.setTimeout(120_000);
  const petitionId = petitionUrl.split('/').pop()!;
  await moderator.goto('/integrity?lng=en');
  await moderator.locator(`[data-testid="integrity-queue-row"][data-petition="${petitionId}"]`).getByRole('link').click();
  await moderator.waitForURL(new RegExp(`/integrity/${petitionId}`));
  const axe = await new AxeBuilder({ page: moderator }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const held = moderator.locator('[data-testid="integrity-cluster"][data-status="under_review"]');
  await expect(held).toHaveCount(1);
  await expect(held).toHaveAttribute('data-kind', 'device');
  await expect(held).toHaveAttribute('data-count', '2');
  await expect(held.getByTestId('cluster-evidence')).toContainText('to sign for 7 different citizens');
  // A reason is required (the browser's own check aside, the server refuses an empty one).
  await held.getByLabel(en.integrityReview.review.reason).fill(REASON);
  await held.getByRole('button', { name: en.integrityReview.review.invalidate }).click();
  await expect(moderator.getByTestId('integrity-flash')).toContainText('2 signatures invalidated.');

  const visitor = await (await browser.newContext()).newPage();
  await expectReport(visitor, petitionUrl, { valid: 2, underReview: 0, invalidated: 2, withdrawn: 5 });
  await expect(visitor.getByTestId('integrity-reasons')).toContainText(`${REASON}: 2 signatures`);
  await expect(visitor.getByTestId('integrity-signals')).toContainText(en.integrity.signal.sharedDevice);
  const api = await visitor.request.get(`/api/v1/petitions/${petitionId}`);
  expect((await api.json()) as unknown).toMatchObject({ integrity: { valid: 2, under_review: 0, invalidated: 2, invalidation_reasons: [{ reason: REASON, signatures: 2 }] } });

  const invalidated = moderator.locator('[data-testid="integrity-cluster"][data-status="invalidated"]');
  await expect(invalidated).toHaveCount(1);
  await invalidated.getByLabel(en.integrityReview.review.reason).fill('Confirmed by the signers at the service centre');
  await invalidated.getByRole('button', { name: en.integrityReview.review.restore }).click();
  await expect(moderator.getByTestId('integrity-flash')).toContainText('2 signatures restored and counted.');

  await expectReport(visitor, petitionUrl, { valid: 4, underReview: 0, invalidated: 0, withdrawn: 5 });
  await expect(visitor.getByTestId('integrity-no-invalidations')).toBeVisible();
  await expect(visitor.getByTestId('petition-progress')).toContainText('4');
});
