import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { addVirtualAuthenticator, enrollWithDemo, uniqueIin } from './support';

/**
 * A citizen reports a local problem through the portal (the e2e installation runs web, workers and
 * relay together, so the routing job really runs): with JavaScript, the point is set by a click on
 * the district map or by "use my location"; without JavaScript, the region/district list and the
 * address are used. Both end on the receipt with the registration number; the report is then
 * routed to the district akimat of Saryarka (Astana). Axe checks the form and the receipt (with JavaScript: axe runs in the page).
 */

/**
 * A proofed citizen with a passkey (creating a passkey needs JavaScript); with
 * `javaScriptEnabled: false` the signed-in session then continues in a context without it.
 */
async function citizen(browser: Browser, opts: { geolocation?: { latitude: number; longitude: number }; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: true,
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  await addVirtualAuthenticator(page);
  await enrollWithDemo(page, { iin: uniqueIin('1990-06-1' + Math.floor(Math.random() * 9), 'M'), givenName: 'Ержан', familyName: 'Сапаров', residence: '711110000' });
  if (opts.javaScriptEnabled !== false) return page;
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  await context.close();
  return noJs.newPage();
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 160, height: 120, channels: 3, background: { r: 120, g: 100, b: 80 } } })
    .jpeg()
    .toBuffer();
}

/** Waits (reloading) until the worker has routed the report. */
async function expectRouted(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('report-akimat')).toContainText('Saryarka', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('routing-reason')).toContainText('The place is in Saryarka District, Astana.');
}

test('a citizen sets the point on the district map, adds a photo and gets the receipt; the report is routed', async ({ browser }) => {
  const page = await citizen(browser);
  await page.goto('/reports/new?lng=en');
  await expect(page.getByRole('heading', { name: 'Report a local problem' })).toBeVisible();
  await expect(page.getByTestId('place-map')).toHaveAttribute('data-zoom', 'country');
  await axe(page);

  await page.goto('/reports/new?region=710000000&district=711310000&category=yards_playgrounds');
  await expect(page.getByTestId('place-map')).toHaveAttribute('data-zoom', 'district');
  await expect(page.getByRole('button', { name: 'Use my location' })).toBeVisible();
  // A click in the middle of the district's outline sets the point.
  const district = page.locator('path[data-kato="711310000"]');
  await district.scrollIntoViewIfNeeded();
  const box = (await district.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('place-status')).toContainText('Point set:');
  await expect(page.getByTestId('place-marker')).toBeVisible();
  const lon = Number(await page.locator('input[name="lon"]').inputValue());
  const lat = Number(await page.locator('input[name="lat"]').inputValue());
  expect(lon).toBeGreaterThan(71.2);
  expect(lon).toBeLessThan(71.7);
  expect(lat).toBeGreaterThan(51.0);
  expect(lat).toBeLessThan(51.4);

  await expect(page.getByLabel('Category')).toHaveValue('yards_playgrounds');
  await page.getByLabel('What is the problem?').fill('The playground fence is broken, children run onto the road.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('report-step-2')).toBeVisible();
  await page.getByLabel('Photo 1').setInputFiles({ name: 'fence.jpg', mimeType: 'image/jpeg', buffer: await photo() });
  await axe(page);
  await page.getByRole('button', { name: /send/i }).click();

  await page.waitForURL(/\/my\/reports\/R-\d{4}-\d{6}\?filed=1/);
  await expect(page.getByTestId('receipt')).toContainText('Your report is registered');
  await expect(page.getByTestId('receipt')).toContainText(/Registration number: R-\d{4}-\d{6}/);
  await axe(page);
  await expectRouted(page);
});

test('"use my location" sets the point from the browser', async ({ browser }) => {
  const page = await citizen(browser, { geolocation: { latitude: 51.1955, longitude: 71.4094 } });
  await page.goto('/reports/new?lng=en');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByTestId('place-status')).toContainText('Point set: 51.19550, 71.40940');
  await expect(page.locator('input[name="lat"]')).toHaveValue('51.1955');
});

test('without JavaScript the region/district list and the address file the report @nojs-only', async ({ browser }) => {
  const page = await citizen(browser, { javaScriptEnabled: false });
  await page.goto('/reports/new?lng=en');
  await expect(page.getByRole('button', { name: 'Use my location' })).toHaveCount(0);
  await page.getByLabel('Category').selectOption('yards_playgrounds');
  await page.getByLabel('Region and district').selectOption('711310000');
  await page.getByLabel('Address or landmark').fill('Kenesary street 40, second yard');
  await page.getByLabel('What is the problem?').fill('The swing in the second yard has been broken for a month.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('report-step-2')).toBeVisible();
  // (axe needs JavaScript in the page: the same pages are checked in the test above.)
  await page.getByRole('button', { name: /send/i }).click();
  await page.waitForURL(/\/my\/reports\/R-\d{4}-\d{6}\?filed=1/);
  await expect(page.getByTestId('receipt')).toContainText('Your report is registered');
  await expectRouted(page);
});
