import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LOCALES, messages, type Locale } from '../../app/i18n';
import { petitionPages } from '../../app/i18n/areas/petitionPages';

/**
 * A visitor reads petitions: the list with its filters and the petition page, in kk, ru and en,
 * with and without JavaScript (@nojs), with axe checks.
 *
 * Data: the demo petitions of app/domain/demo/petitions.server.ts (DEMO on):
 *   road    open, to the Government, signed from several regions (the most signed)
 *   insulin answered (partially accepted) by the Almaty city akimat, with a milestone
 *   bus     open, to the Astana city akimat (a first-level unit)
 *   signs   rejected (prohibited topic: territorial structure and borders)
 *   lights  gathering initial support (visible by link only: never listed)
 */
const DEMO = {
  road: 'Ауыл мектептерінің бәріне жылдам интернет',
  insulin: 'Shade trees and drinking fountains in Almaty parks',
  bus: 'Безопасные пешеходные переходы у школ Астаны',
  signs: 'Change the state borders of the country',
  lights: 'Қысқы уақытта аялдамаларды жылыту',
} as const;

const text = (locale: Locale) => petitionPages[locale];

async function openPetition(page: Page, locale: Locale, title: string) {
  await page.goto(`/petitions?lng=${locale}`);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id} ${v.help}`);
}

test.describe('a visitor reads petitions', () => {
  for (const locale of LOCALES) {
    test(`the list shows the public petitions and the filter form in ${locale} @nojs`, async ({ page }) => {
      const response = await page.goto(`/petitions?lng=${locale}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      const s = text(locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.list.title);
      // Other specs add petitions to the same e2e database: check the demo ones, not a total.
      for (const title of [DEMO.road, DEMO.insulin, DEMO.bus, DEMO.signs]) await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: DEMO.lights })).toHaveCount(0);
      for (const label of [s.list.q, s.list.status, s.list.level, s.list.region, s.list.addressee, s.list.sort]) await expect(page.getByLabel(label, { exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: s.list.start })).toHaveAttribute('href', '/petitions/new');
      // The most signed first; every card says its state.
      await expect(page.getByTestId('petition-card').first()).toContainText(DEMO.road);
      await expect(page.getByTestId('petition-card').first()).toContainText(messages[locale].petitions.state.open);
    });
  }

  test('filters, searches and sorts with the GET form @nojs', async ({ page }) => {
    const s = text('en');
    await page.goto('/petitions?lng=en');
    await page.getByLabel(s.list.status, { exact: true }).selectOption('answered');
    await page.getByRole('button', { name: s.list.apply }).click();
    await expect(page).toHaveURL(/status=answered/);
    const answered = page.getByTestId('petition-card').filter({ hasText: DEMO.insulin });
    await expect(answered).toHaveCount(1);
    await expect(answered).toContainText(s.deadline.badge.kept);
    for (const card of await page.getByTestId('petition-card').all()) await expect(card).toContainText(messages.en.petitions.state.answered);

    await page.goto('/petitions?lng=en');
    await page.getByLabel(s.list.q, { exact: true }).fill('переходы');
    await page.getByRole('button', { name: s.list.apply }).click();
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.bus })).toHaveCount(1);
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.road })).toHaveCount(0);

    await page.goto('/petitions?lng=en');
    await page.getByLabel(s.list.level, { exact: true }).selectOption('region');
    await page.getByLabel(s.list.region, { exact: true }).selectOption({ label: 'Astana' });
    await page.getByRole('button', { name: s.list.apply }).click();
    await expect(page).toHaveURL(/region=710000000/);
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.bus })).toHaveCount(1);
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.road })).toHaveCount(0);

    await page.goto('/petitions?lng=en&status=rejected');
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.signs })).toContainText(messages.en.petitions.reason['prohibited-topic']);
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.road })).toHaveCount(0);

    await page.goto('/petitions?lng=en&q=zzzzzzzz');
    await expect(page.getByTestId('petition-card')).toHaveCount(0);
    await expect(page.getByRole('main')).toContainText(s.list.none);

    await page.goto('/petitions?lng=en&status=open&sort=newest');
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.road })).toHaveCount(1);
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.bus })).toHaveCount(1);
    await expect(page.getByTestId('petition-card').filter({ hasText: DEMO.insulin })).toHaveCount(0);
  });

  for (const locale of LOCALES) {
    test(`a petition page shows progress, signatures by region, the map and the timeline in ${locale} @nojs`, async ({ page }) => {
      const s = text(locale);
      await openPetition(page, locale, DEMO.road);
      await expect(page.getByTestId('petition-state')).toHaveText(messages[locale].petitions.state.open);
      await expect(page.getByTestId('petition-author')).toContainText('Demo1 C.');
      await expect(page.locator('progress#petition-progress')).toHaveAttribute('max', '50000');
      await expect(page.getByTestId('counted-at')).toBeVisible();
      const table = page.getByRole('table', { name: s.page.tableCaption });
      await expect(table).toBeVisible();
      await expect(table.locator('tbody tr')).toHaveCount(20);
      await expect(page.getByTestId('region-map').locator('path')).toHaveCount(20);
      await expect(page.getByTestId('region-map')).toContainText(s.page.legendTitle);
      await expect(page.getByTestId('timeline')).toContainText(s.timeline.approve);
      await expect(page.getByTestId('deadline-moderation')).toContainText(s.deadline.badge.kept);
      await expect(page.getByRole('link', { name: messages[locale].signing.signInToSign })).toBeVisible();
    });
  }

  test('an answered petition shows the official response and the milestones @nojs', async ({ page }) => {
    const s = text('ru');
    await openPetition(page, 'ru', DEMO.insulin);
    const response = page.getByTestId('official-response');
    await expect(response.getByRole('heading', { name: s.page.responseHeading })).toBeVisible();
    await expect(response).toContainText(messages.ru.petitions.decision['partially-accepted']);
    await expect(response).toContainText(messages.ru.petitions.milestone.heading);
    await expect(page.getByTestId('deadline-consideration')).toContainText(s.deadline.badge.kept);
  });

  test('a rejected petition shows its public reason @nojs', async ({ page }) => {
    const s = text('kk');
    await openPetition(page, 'kk', DEMO.signs);
    await expect(page.getByTestId('petition-state')).toHaveText(messages.kk.petitions.state.rejected);
    await expect(page.getByTestId('rejection')).toContainText(s.page.rejectionHeading);
    await expect(page.getByTestId('rejection')).toContainText('Әкімшілік-аумақтық құрылыс және мемлекеттік шекара');
  });

  test('after signing, the page thanks the signer @nojs', async ({ page }) => {
    await openPetition(page, 'en', DEMO.road);
    await page.goto(`${page.url().split('?')[0]}?signed=1&lng=en`);
    await expect(page.getByTestId('signed-thanks')).toHaveText(messages.en.signing.signed);
  });

  test('the pages hydrate without errors in every language', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /React|hydrat/i.test(m.text())) errors.push(m.text());
    });
    for (const locale of LOCALES) {
      await openPetition(page, locale, DEMO.road);
      await page.waitForLoadState('networkidle');
    }
    expect(errors).toEqual([]);
  });

  test('the petition pages have no serious accessibility violations', async ({ page }) => {
    const found: string[] = [];
    for (const path of ['/petitions?lng=kk', '/petitions?lng=ru&status=answered', '/petitions?lng=en&q=zzzzzzzz']) {
      await page.goto(path);
      found.push(...(await seriousViolations(page, path)));
    }
    for (const [locale, title] of [['en', DEMO.road], ['kk', DEMO.insulin], ['ru', DEMO.signs]] as const) {
      await openPetition(page, locale, title);
      found.push(...(await seriousViolations(page, `${locale}: ${title}`)));
    }
    expect(found).toEqual([]);
  });
});
