import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { messages } from '../../app/i18n';
import { addVirtualAuthenticator, enrollWithDemo, uniqueIin } from './support';

/**
 * The closed loop of a report through the portal (Chromium with virtual authenticators; the e2e
 * installation runs web, workers and relay together, so the routing job really runs): a citizen
 * files a report with a photo at a point in Saryarka District of Astana; an officer of the Astana
 * akimats (a demo invitation, .data/demo-invites.json) finds it in the inbox, takes it into work,
 * answers from a template, marks it fixed with a photo, while an officer of Almaty's akimat sees
 * nothing of it; the citizen confirms the fix; the public page shows the history without the
 * reporter's name.
 */
test.describe.configure({ mode: 'serial' });

const en = messages.en;
const invites = () => JSON.parse(readFileSync(path.join(process.env.DAUYS_E2E_DIR!, 'demo-invites.json'), 'utf8')) as Record<string, string>;

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const picture = (r: number, g: number, b: number) => sharp({ create: { width: 160, height: 120, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

async function citizen(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ geolocation: { latitude: 51.1955, longitude: 71.4094 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin: uniqueIin('1984-03-1' + Math.floor(Math.random() * 9), 'F'), givenName: 'Сауле', familyName: 'Ахметова', residence: '711310000' });
  return page;
}

async function officer(browser: Browser, prefix = 'reports_officer:'): Promise<Page> {
  const key = Object.keys(invites()).find((k) => k.startsWith(prefix))!;
  const page = await (await browser.newContext()).newPage();
  await addVirtualAuthenticator(page);
  await page.goto(`/invite/${invites()[key]}?lng=en`);
  await page.getByRole('button', { name: en.identity.staff.accept }).click();
  await page.waitForURL(/\/enroll\/passkey/);
  await page.getByRole('button', { name: en.identity.passkey.button }).click();
  await page.waitForURL(/\/account/);
  return page;
}

let reporter: Page;
let number = '';

test('a citizen files a report with a photo at a point in Astana and it is routed to Saryarka', async ({ browser }) => {
  reporter = await citizen(browser);
  await reporter.goto('/reports/new?lng=en');
  await reporter.getByRole('button', { name: 'Use my location' }).click();
  await expect(reporter.getByTestId('place-status')).toContainText('Point set: 51.19550, 71.40940');
  await reporter.getByLabel('Category').selectOption('yards_playgrounds');
  await reporter.getByLabel('What is the problem?').fill('The swing on the playground is broken and its chain hangs loose.');
  await reporter.getByRole('button', { name: 'Continue' }).click();
  await reporter.getByLabel('Photo 1').setInputFiles({ name: 'swing.jpg', mimeType: 'image/jpeg', buffer: await picture(20, 20, 40) });
  await reporter.getByRole('button', { name: /send/i }).click();
  await reporter.waitForURL(/\/my\/reports\/R-\d{4}-\d{6}\?filed=1/);
  number = /R-\d{4}-\d{6}/.exec(reporter.url())![0];
  await expect(async () => {
    await reporter.reload();
    await expect(reporter.getByTestId('report-akimat')).toContainText('Saryarka', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test('an officer of another akimat does not see it', async ({ browser }) => {
  const page = await officer(browser, 'almaty_officer:');
  await page.goto('/akimat/reports?lng=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports inbox');
  await expect(page.locator(`tr[data-report="${number}"]`)).toHaveCount(0);
  const direct = await page.goto(`/akimat/reports/${number}?lng=en`);
  expect(direct?.status()).toBe(404);
});

test('the officer finds it in the inbox, takes it into work, answers from a template and marks it fixed with a photo', async ({ browser }) => {
  const page = await officer(browser);
  await page.goto('/akimat/reports?lng=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports inbox');
  await expect(page.locator(`tr[data-report="${number}"]`)).toBeVisible();
  await axe(page);

  await page.getByRole('link', { name: number, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report ${number}`);
  await expect(page.getByTestId('report-map')).toBeVisible();
  await expect(page.getByTestId('routing-reason')).toContainText('Saryarka District');
  await axe(page);

  await page.getByRole('button', { name: 'Take into work' }).click();
  await expect(page.getByTestId('action-done')).toHaveText('Done: Taken into work.');
  await expect(page.getByTestId('report-status')).toHaveText('In progress');

  await page.getByLabel('Start from a template').selectOption('general-resolved');
  await page.getByRole('button', { name: 'Use the template' }).click();
  await expect(page.getByLabel('Answer (public, no personal data)')).toHaveValue(/The problem you reported has been fixed/);
  await expect(page.getByLabel('Decision')).toHaveValue('resolved');
  await page.getByRole('button', { name: 'Send the answer' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Answered');

  await page.getByLabel('Photo of the fix').setInputFiles({ name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: await picture(250, 230, 150) });
  await page.getByLabel('Note (public, optional)').fill('New swing chains fitted.');
  await page.getByRole('button', { name: 'Mark fixed' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Fixed');
  await expect(page.locator('[data-testid="report-photos"] li[data-kind="fix"] img')).toBeVisible();
});

test('the citizen confirms the fix and the report closes', async () => {
  await reporter.goto(`/my/reports/${number}?lng=en`);
  await expect(reporter.getByTestId('fix-question')).toBeVisible();
  await reporter.getByRole('button', { name: 'Yes, it is fixed' }).click();
  await expect(reporter.getByTestId('done')).toHaveText('Thank you: the report is closed as fixed.');
  await expect(reporter.getByTestId('report-status')).toHaveText('Fixed, confirmed');
});

test('the public page shows the history without the reporter\'s name', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/reports/${number}?lng=en`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  const history = page.getByTestId('report-history');
  for (const step of ['file', 'route', 'acknowledge', 'answer', 'mark-fixed', 'confirm'])
    await expect(history.locator(`li[data-event="${step}"]`)).toHaveCount(1);
  const html = await page.content();
  for (const personal of ['Сауле', 'Ахметова', 'Demo Astana Reports Officer']) expect(html).not.toContain(personal);
});
