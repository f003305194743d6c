import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LOCALES } from '../../app/i18n';
import { reportPublic } from '../../app/i18n/areas/reportPublic';

/**
 * A visitor reads local issue reports: the list with its filters and map (zooming to a region with
 * the GET form), a public report page, and the accountability pages of the akimats — in kk, ru and
 * en, with and without JavaScript (@nojs), with axe checks. Data: the demo reports
 * (app/domain/demo/reports.server.ts), whose reporters are named "Reporter<n> Demo": no such name
 * may appear on a public page.
 */

const ASTANA = '710000000';

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectNoReporterName(page: Page) {
  const html = await page.content();
  expect(html).not.toMatch(/Reporter\d+/);
  expect(html).not.toContain('officer (demo)');
}

test.describe('a visitor reads local issue reports', () => {
  for (const locale of LOCALES) {
    test(`the list shows reports, filters and the map in ${locale} @nojs`, async ({ page }) => {
      const s = reportPublic[locale].list;
      const res = await page.goto(`/reports?lng=${locale}`);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title);
      for (const label of [s.q, s.region, s.category, s.status]) await expect(page.getByLabel(label, { exact: true })).toBeVisible();
      await expect(page.getByTestId('report-list').locator('li').first()).toBeVisible();
      await expect(page.getByTestId('report-map')).toBeVisible();
      expect(await page.getByTestId('report-map-dots').locator('circle').count()).toBeGreaterThan(0);
      await expectNoReporterName(page);
    });
  }

  test('zooms to a region and filters by status with the GET form @nojs', async ({ page }) => {
    const s = reportPublic.en.list;
    await page.goto('/reports?lng=en');
    await page.getByLabel(s.region, { exact: true }).selectOption(ASTANA);
    await page.getByRole('button', { name: s.apply }).click();
    await expect(page).toHaveURL(new RegExp(`region=${ASTANA}`));
    await expect(page.getByTestId('report-map')).toHaveAttribute('data-region', ASTANA);
    await expect(page.getByLabel(s.district, { exact: true })).toBeVisible();
    await page.getByLabel(s.status, { exact: true }).selectOption('fixed');
    await page.getByRole('button', { name: s.apply }).click();
    await expect(page).toHaveURL(/status=fixed/);
    // The URL changes when the navigation commits; wait for the new list before reading it.
    await expect(page.getByTestId('report-list')).toBeVisible();
    const cards = page.getByTestId('report-list').locator('li');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThan(0);
    for (const status of await page.getByTestId('report-status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
      expect(['fixed', 'closed-confirmed', 'closed-unconfirmed']).toContain(status);
    }
  });

  test('a report page shows the akimat, the terms, photos with alt text and the history, never the reporter @nojs', async ({ page }) => {
    const p = reportPublic.en.page;
    await page.goto(`/reports?lng=en&region=${ASTANA}&status=fixed`);
    await page.getByTestId('report-list').locator('h3 a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/R-\d{4}-\d{6}/);
    await expect(page.getByRole('heading', { name: p.history })).toBeVisible();
    // At least three steps (filed, routed, and what the akimat did), waited for as the page loads.
    await expect(page.getByTestId('report-history').locator('li').nth(2)).toBeVisible();
    await expect(page.getByTestId('report-clock')).toBeVisible();
    await expect(page.getByTestId('report-akimat').getByRole('link')).toHaveAttribute('href', /^\/akimats\/\d+$/);
    for (const img of await page.locator('main img').all()) expect((await img.getAttribute('alt'))?.length ?? 0).toBeGreaterThan(10);
    await expectNoReporterName(page);
  });

  test('the accountability pages list the akimats and their figures @nojs', async ({ page }) => {
    const a = reportPublic.en;
    await page.goto(`/akimats?lng=en&region=${ASTANA}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(a.akimats.title);
    await page.getByTestId('akimat-table').locator('tbody th a').first().click();
    await expect(page.getByTestId('durations')).toBeVisible();
    await expect(page.getByText(a.accountability.onTime)).toBeVisible();
    await page.getByRole('link', { name: a.accountability.reportsLink }).click();
    await expect(page.getByTestId('akimat-filter')).toBeVisible();
  });

  test('the pages pass axe', async ({ page }) => {
    await page.goto('/reports?lng=en');
    await noSeriousViolations(page);
    await page.getByTestId('report-list').locator('h3 a').first().click();
    await expect(page.getByTestId('report-history')).toBeVisible();
    await noSeriousViolations(page);
    await page.goto('/akimats?lng=ru');
    await noSeriousViolations(page);
  });

  test('Open311 answers a partner without cookies', async ({ request }) => {
    const res = await request.get('/open311/v2/services.json?locale=kk');
    expect(res.status()).toBe(200);
    expect(res.headers()['set-cookie']).toBeUndefined();
    expect(((await res.json()) as unknown[]).length).toBe(26);
  });
});
