import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { messages } from '../../app/i18n';
import { addVirtualAuthenticator, enrollWithDemo, uniqueIin } from './support';

/**
 * The life of a petition, through the portal as people use it (Chromium with virtual
 * authenticators): a citizen writes it, others support it, a moderator approves it, citizens sign
 * (one withdraws and signs again), it closes when it reaches its threshold, the addressee answers,
 * and the public page shows the outcome and the timeline. The e2e installation runs with
 * PETITION_INITIAL_SUPPORT=2 and PETITION_THRESHOLD_CAP=5 (the two supporters count) (playwright.config.ts) so that a handful
 * of people can walk the whole path. Staff come from the demo invitations (.data/demo-invites.json).
 */
test.describe.configure({ mode: 'serial' });

const en = messages.en;
const invites = () => JSON.parse(readFileSync(path.join(process.env.DAUYS_E2E_DIR!, 'demo-invites.json'), 'utf8')) as Record<string, string>;

async function citizen(browser: Browser, name: string, residence = '711110000'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin: uniqueIin(`19${70 + Math.floor(Math.random() * 30)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`, 'F'), givenName: name, familyName: 'Testova', residence });
  return page;
}

async function staff(browser: Browser, key: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await addVirtualAuthenticator(page);
  await page.goto(`/invite/${invites()[key]}?lng=en`);
  await page.getByRole('button', { name: en.identity.staff.accept }).click();
  await page.waitForURL(/\/enroll\/passkey/);
  await page.getByRole('button', { name: en.identity.passkey.button }).click();
  await page.waitForURL(/\/account/);
  return page;
}

async function sign(page: Page, petitionUrl: string, supporting = false) {
  await page.goto(`${petitionUrl}?lng=en`);
  await page.getByRole('button', { name: supporting ? en.signing.support : en.signing.sign }).click();
  await page.waitForURL(/signed=1/);
  await expect(page.getByTestId('signed-thanks')).toHaveText(en.signing.signed);
}

/** The counts are reconciled by a worker every 2 s: reload until the page shows the state. */
async function waitForState(page: Page, url: string, state: string) {
  await expect(async () => {
    await page.goto(`${url}?lng=en`);
    await expect(page.getByTestId('petition-state')).toHaveText(state, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

let petitionUrl = '';
/** The moderator signed in once (the invitation is single-use) and kept for the later decisions. */
let moderatorPage: Page;

test('a citizen writes a petition, checks similar ones and publishes it for support', async ({ browser }) => {
  const author = await citizen(browser, 'Aliya');
  await author.goto('/petitions/new?lng=en');
  await author.getByLabel(en.petitionForms.title, { exact: true }).fill('Lit bicycle paths along the Yesil embankment');
  await author.getByLabel(en.petitionForms.body, { exact: true }).fill(
    'Cyclists ride in the dark on the Yesil embankment after 6 pm in autumn and winter. We ask the akimat of Astana to light the bicycle paths along the whole embankment this year.',
  );
  await author.getByLabel(en.petitionForms.addresseeKinds.akimat).check();
  await author.getByLabel(en.petitionForms.unit, { exact: true }).selectOption('710000000');
  await author.getByLabel(en.petitionForms.topic, { exact: true }).selectOption('roads');
  await author.getByRole('button', { name: en.petitionForms.check }).click();
  await expect(author.getByTestId('similar-petitions')).toBeVisible();
  await author.getByRole('button', { name: en.petitionForms.create }).click();
  await author.waitForURL(/\/manage\?saved=1/);
  await expect(author.getByRole('status')).toHaveText(en.petitionForms.draftSaved);
  await author.getByRole('button', { name: en.petitionForms.publish }).click();
  await author.waitForURL(/\/petitions\/[0-9a-f-]{36}$/);
  petitionUrl = new URL(author.url()).pathname;
  await author.goto(`${petitionUrl}?lng=en`);
  await expect(author.getByTestId('petition-state')).toHaveText(en.petitions.state.collecting);
});

test('two residents support it and it goes to moderation; a moderator approves it', async ({ browser }) => {
  for (const name of ['Bolat', 'Dana']) await sign(await citizen(browser, name), petitionUrl, true);
  const visitor = await (await browser.newContext()).newPage();
  await waitForState(visitor, petitionUrl, en.petitions.state.moderation);

  const moderator = await staff(browser, 'moderator');
  moderatorPage = moderator;
  await moderator.goto('/moderation?lng=en');
  await moderator.getByRole('link', { name: 'Lit bicycle paths along the Yesil embankment' }).click();
  await moderator.getByRole('button', { name: en.moderation.review.approveButton }).click();
  await expect(moderator.getByTestId('moderation-flash')).toBeVisible();
  await waitForState(visitor, petitionUrl, en.petitions.state.open);
});

test('citizens sign, one withdraws and signs again, a non-resident cannot, and the petition closes at its threshold', async ({ browser }) => {
  const erlan = await citizen(browser, 'Erlan');
  await sign(erlan, petitionUrl);
  await erlan.getByRole('button', { name: en.signing.withdraw }).click();
  await erlan.waitForURL(/withdrawn=1/);
  await sign(erlan, petitionUrl);
  // The receipt re-verifies the signature.
  await erlan.getByRole('link', { name: en.signing.receipt }).click();
  await expect(erlan.getByTestId('receipt-verdict')).toHaveText(en.signing.receiptPage.valid);

  const outsider = await citizen(browser, 'Marat', '751310000');
  await outsider.goto(`${petitionUrl}?lng=en`);
  await expect(outsider.getByTestId('sign-panel')).toContainText('This local petition can be signed only by residents of');

  for (const name of ['Gulnar', 'Timur']) await sign(await citizen(browser, name), petitionUrl);
  const visitor = await (await browser.newContext()).newPage();
  await waitForState(visitor, petitionUrl, en.petitions.state['closed-reached']);
});

test('the akimat officer registers and answers; the public page shows the outcome and the timeline', async ({ browser }) => {
  const key = Object.keys(invites()).find((k) => k.startsWith('akimat_officer:'))!;
  const officer = await staff(browser, key);
  await officer.goto(`${petitionUrl}/respond?lng=en`);
  await officer.getByRole('button', { name: en.moderation.respond.registerButton }).click();
  await expect(officer.getByTestId('respond-flash')).toBeVisible();
  await officer.getByLabel(en.moderation.respond.decision, { exact: true }).selectOption('accepted');
  await officer.getByLabel(en.moderation.respond.response, { exact: true }).fill('The akimat will light the bicycle paths along the whole Yesil embankment by 1 October 2027; the works are in the city budget.');
  await officer.getByRole('button', { name: en.moderation.respond.answerButton }).click();
  await expect(officer.getByTestId('respond-flash')).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${petitionUrl}?lng=en`);
  await expect(visitor.getByTestId('petition-state')).toHaveText(en.petitions.state.answered);
  await expect(visitor.getByTestId('official-response')).toContainText('light the bicycle paths');
  await expect(visitor.getByTestId('official-response')).toContainText(en.petitions.decision.accepted);
  const timeline = visitor.getByTestId('timeline');
  for (const event of ['submit', 'approve', 'register', 'answer'] as const) await expect(timeline).toContainText(en.petitionPages.timeline[event]);
});

test('a rejected petition shows its public reason', async ({ browser }) => {
  const author = await citizen(browser, 'Saule');
  await author.goto('/petitions/new?lng=en');
  await author.getByLabel(en.petitionForms.title, { exact: true }).fill('Cancel the elections to the city maslikhat');
  await author.getByLabel(en.petitionForms.body, { exact: true }).fill('We ask the Government to cancel the coming elections to the city maslikhat and to appoint its members instead, to save money.');
  await author.getByRole('button', { name: en.petitionForms.create }).click();
  await author.waitForURL(/\/manage\?saved=1/);
  await author.getByRole('button', { name: en.petitionForms.publish }).click();
  await author.waitForURL(/\/petitions\/[0-9a-f-]{36}$/);
  const url = new URL(author.url()).pathname;
  for (const name of ['Aigul', 'Nurlan']) await sign(await citizen(browser, name), url, true);
  const visitor = await (await browser.newContext()).newPage();
  await waitForState(visitor, url, en.petitions.state.moderation);

  const page = moderatorPage;
  await page.goto(`/moderation?lng=en`);
  await page.getByRole('link', { name: 'Cancel the elections to the city maslikhat' }).click();
  await page.getByLabel(en.moderation.review.reason, { exact: true }).selectOption('prohibited-topic');
  await page.getByLabel(en.moderation.review.topicGroup, { exact: true }).selectOption('elections-referendums');
  await page.getByLabel(en.moderation.review.note).fill('Elections cannot be cancelled by a petition.');
  await page.getByRole('button', { name: en.moderation.review.rejectButton }).click();
  // The decision is recorded once the moderator's page confirms it (as for the approval above).
  await expect(page.getByTestId('moderation-flash')).toBeVisible();
  await visitor.goto(`${url}?lng=en`);
  await expect(visitor.getByTestId('petition-state')).toHaveText(en.petitions.state.rejected);
  await expect(visitor.getByTestId('rejection')).toContainText(en.petitions.reason['prohibited-topic']);
  await expect(visitor.getByTestId('rejection')).toContainText('Elections cannot be cancelled by a petition.');
});
