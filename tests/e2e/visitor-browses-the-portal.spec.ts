import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LOCALES, messages, type Locale } from '../../app/i18n';

type Tree = { [k: string]: string | Tree };
function strings(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)));
}
/** Plain strings (no placeholders) of the parts of the UI shown on the home page. */
function shownStrings(locale: Locale): string[] {
  const m = messages[locale] as unknown as Tree;
  const { languageNames: _names, brand: _brand, ...shell } = m.shell as Tree;
  return [...strings(shell), ...strings(m.home as Tree)].filter((s) => !s.includes('{{'));
}

async function visibleText(page: Page, { withoutSwitcher = false } = {}): Promise<string> {
  return page.evaluate((without) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    if (without) clone.querySelectorAll('.lang-switcher').forEach((n) => n.remove());
    clone.querySelectorAll('script, style').forEach((n) => n.remove());
    return clone.innerText ?? clone.textContent ?? '';
  }, withoutSwitcher);
}

const ABAI = { kk: 'Абай облысы', ru: 'область Абай', en: 'Abai Region' } as const;

test.describe('a visitor browses the portal', () => {
  for (const locale of LOCALES) {
    test(`the home page lists the 20 first-level units in ${locale} @nojs`, async ({ page }) => {
      const response = await page.goto(`/?lng=${locale}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      const t = messages[locale];
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.home.heading);
      await expect(page.getByTestId('region-list').getByRole('listitem')).toHaveCount(20);
      await expect(page.getByTestId('region-list')).toContainText(ABAI[locale]);
      const nav = page.getByRole('navigation', { name: t.shell.mainNav });
      for (const label of [t.shell.nav.petitions, t.shell.nav.report, t.shell.nav.projects, t.shell.nav.dashboard, t.shell.nav.signIn]) {
        await expect(nav.getByRole('link', { name: label })).toBeVisible();
      }
      await expect(page.getByRole('contentinfo')).toContainText('UNHCR / OCHA');
      await expect(page.getByTestId('project-list').getByRole('listitem').first()).toBeVisible();

      // Every visible string changes with the language: none of the other languages' texts remain.
      const text = await visibleText(page, { withoutSwitcher: true });
      for (const other of LOCALES.filter((l) => l !== locale)) {
        const own = new Set(shownStrings(locale));
        for (const s of shownStrings(other)) if (!own.has(s)) expect(text, `${locale} page shows ${other} text`).not.toContain(s);
        expect(text).not.toContain(ABAI[other]);
      }
      if (locale === 'en') expect(text).not.toMatch(/[\u0400-\u04FF]/);
    });
  }

  test('the language switcher changes the language and remembers it', async ({ page }) => {
    await page.goto('/?lng=en');
    await page.getByRole('navigation', { name: messages.en.shell.language }).getByRole('link', { name: 'Русский' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.ru.home.heading);
    // The choice is kept for the next page without ?lng.
    await page.goto('/projects');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.ru.projects.heading);
    await page.getByRole('link', { name: 'Қазақша' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.kk.projects.heading);
  });

  test('a region page lists its districts and akimats @nojs', async ({ page }) => {
    await page.goto('/?lng=en');
    await page.getByRole('link', { name: 'Abai Region' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abai Region');
    const rows = page.getByTestId('district-table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    await expect(page.getByTestId('district-table')).toContainText('Semey');
    await expect(page.getByTestId('district-table')).toContainText('Akimat of');
    await expect(page.getByRole('main')).toContainText('Maslikhat of Abai Region');
  });

  for (const locale of LOCALES) {
    test(`an unknown address shows the 404 page in ${locale} without internals @nojs`, async ({ page }) => {
      const response = await page.goto(`/no/such/page?lng=${locale}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages[locale].errors.notFoundTitle);
      const text = await visibleText(page);
      expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules/);
      await expect(page.getByRole('link', { name: messages[locale].section.backHome })).toBeVisible();
    });
  }

  test('an unknown region is a 404', async ({ page }) => {
    expect((await page.goto('/regions/999999999'))?.status()).toBe(404);
    expect((await page.goto('/regions/abc'))?.status()).toBe(404);
  });

  test('the main pages have no serious accessibility violations', async ({ page }) => {
    for (const path of ['/?lng=kk', '/regions/100000000?lng=ru', '/projects?lng=en', '/nowhere?lng=en']) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
    }
  });

  test('health endpoints answer', async ({ request }) => {
    expect((await request.get('/healthz')).status()).toBe(200);
    const ready = await request.get('/readyz');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: 'ok', redis: 'ok' } });
  });
});
