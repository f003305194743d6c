import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addVirtualAuthenticator } from './support';

/**
 * A project analyst links a petition to a national project: accepts the demo invitation, registers
 * a passkey, confirms a suggestion in the project office, and sees the petition on the project's
 * public page and the project on the petition's page.
 *
 * Needs from the demo start (npm start with DEMO on, empty database):
 *  - DAUYS_E2E_DIR/demo-invites.json: { "project_analyst": "<token>", ... } (written by scripts/start.ts);
 *  - at least one OPEN demo petition whose text the linker links to a project (its `petition.link`
 *    job has run by the time the analyst looks: the worker runs in the same process).
 * The analyst's invitation is used once; other specs needing an analyst invite one through the
 * administrator.
 */

async function demoInvite(role: string): Promise<string> {
  const dir = process.env.DAUYS_E2E_DIR;
  if (!dir) throw new Error('DAUYS_E2E_DIR is not set (playwright.config.ts sets it)');
  const file = path.join(dir, 'demo-invites.json');
  const invites = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  const token = invites[role];
  if (!token) throw new Error(`${file} has no ${role} invitation`);
  return token;
}

async function acceptInvite(page: Page, token: string) {
  await addVirtualAuthenticator(page);
  await page.goto(`/invite/${token}?lng=en`);
  await page.getByRole('button', { name: 'Accept and create a passkey' }).click();
  await page.waitForURL(/\/enroll\/passkey\?purpose=invite/);
  await page.getByLabel('Name of this passkey').fill('Office laptop');
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/enroll') && !url.pathname.startsWith('/invite'));
}

test('a project analyst confirms a suggested link; the project page and the petition page show it', async ({ page }) => {
  test.setTimeout(60_000);
  await acceptInvite(page, await demoInvite('project_analyst'));

  // The project office: suggestions with their matched words. Wait for the demo petitions' link jobs.
  const row = page.locator('[data-testid="suggestion-row"][data-state="open"]').first();
  await expect(async () => {
    await page.goto('/office?lng=en');
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Project office');
  await expect(row.getByTestId('matched-words').locator('mark').first()).toBeVisible();
  const petitionId = (await row.getAttribute('data-petition'))!;
  const projectCode = (await row.getAttribute('data-project'))!;
  const title = (await row.getByRole('rowheader').getByRole('link').textContent())!.trim();
  expect(petitionId).toMatch(/^[0-9a-f-]{36}$/);
  expect(projectCode).toMatch(/^NP-/);

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await row.getByTestId('confirm-link').click();
  await expect(page.getByTestId('office-flash')).toContainText('is now linked to');
  await expect(page.locator(`[data-testid="suggestion-row"][data-petition="${petitionId}"][data-project="${projectCode}"]`)).toHaveCount(0);
  await expect(page.getByTestId('recent-decisions')).toContainText(title);

  // The project's public page lists the petition (any visitor, no JavaScript needed to read it).
  await page.goto(`/projects/${projectCode}?lng=en`);
  const linked = page.locator(`[data-testid="linked-petition"][data-petition="${petitionId}"]`);
  await expect(linked).toBeVisible();
  await expect(linked.getByRole('link', { name: title })).toBeVisible();
  const projectName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  const axeProject = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axeProject.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The petition's page names the project (the LinkedProjects block).
  await linked.getByRole('link', { name: title }).click();
  await page.waitForURL(new RegExp(`/petitions/${petitionId}`));
  const block = page.getByTestId('linked-projects');
  await expect(block).toBeVisible();
  await expect(block.getByRole('link', { name: projectName })).toHaveAttribute('href', `/projects/${projectCode}`);

  // The open data agrees.
  const api = await page.request.get(`/api/v1/projects/${projectCode}`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { linked_petitions: { id: string }[] };
  expect(body.linked_petitions.map((p) => p.id)).toContain(petitionId);
});

test('a visitor reads the national projects and a project page without JavaScript @nojs', async ({ page }) => {
  await page.goto('/projects?lng=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('National projects');
  const cards = page.getByTestId('project-card');
  expect(await cards.count()).toBeGreaterThanOrEqual(10);
  await page.locator('[data-project="NP-HEALTH"]').getByRole('link').first().click();
  await page.waitForURL(/\/projects\/NP-HEALTH/);
  await expect(page.getByTestId('project-indicators')).toContainText('Life expectancy at birth');
  await expect(page.getByTestId('project-indicators')).toContainText('75.4 years');
  await expect(page.getByRole('link', { name: 'Sign in to follow this project' })).toBeVisible();
  // The office is for staff: a visitor is sent to sign in.
  await page.goto('/office?lng=en');
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Foffice/);
});
