import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityFormPage } from './pages/entity-form.page.ts';
import { OrganisationsPage } from './pages/organisations.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

describe('organisation directory and forms', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('lists all 2,632 demo organisations, flagged synthetic, and filters by kind and search', async () => {
    const directory = new OrganisationsPage(page);
    await directory.open();
    expect(await directory.total()).toBe(2632);
    expect(await directory.table.locator('tbody tr[data-name]').count()).toBe(50);
    expect(await directory.table.locator('tbody .badge-synthetic').count()).toBe(50);
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'organisations.png') });
    await page.locator('select[name="filter-kind"]').selectOption('university');
    await page.waitForURL(/kind=university/);
    await page.locator('.table-wrap:not(.is-fetching) [data-testid="org-table"]').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="total-count"]')?.getAttribute('data-total') === '485',
    );
    await directory.searchFor('Gumi');
    expect((await directory.rowNames()).every((n) => n.includes('Gumi'))).toBe(true);
  });

  it('refuses an invalid organisation with inline errors, then creates a valid one', async () => {
    const directory = new OrganisationsPage(page);
    await directory.open();
    await directory.newButton.click();
    const form = new EntityFormPage(page);
    await form.field('name').waitFor();
    await form.fill('website', 'not a url');
    await form.submit.click();
    await form.error('name').waitFor();
    expect(await form.error('kind').isVisible()).toBe(true);
    expect(await form.error('website').isVisible()).toBe(true);
    expect(await form.summary.isVisible()).toBe(true);
    expect(page.url()).toMatch(/\/organisations\/new$/);
    await page.screenshot({ path: join(screenshotDir, 'organisation-form-errors.png') });

    await form.fill('name', 'E2E Photonics Lab');
    await form.select('kind', 'research_institute');
    await form.fill('website', 'https://example.org/e2e');
    await form.fill('employees', '42');
    await form.selectByLabel('complexId', 'Gwangju');
    await form.submit.click();
    await page.waitForURL(/\/organisations\/\d+/);
    await page.getByTestId('org-name').waitFor();
    expect(await page.getByTestId('org-name').textContent()).toContain('E2E Photonics Lab');

    await directory.open();
    await directory.searchFor('E2E Photonics');
    expect(await directory.rowNames()).toEqual(['E2E Photonics Lab']);
    expect(await directory.total()).toBe(1);
    const row = directory.table.locator('tr[data-name="E2E Photonics Lab"]');
    expect(await row.textContent()).toContain('Gwangju');
    expect(await row.locator('.badge-synthetic').count()).toBe(0);
  });

  it('shows the server field errors under the field', async () => {
    await page.goto('/registry/programmes/new');
    const form = new EntityFormPage(page);
    await form.field('code').waitFor();
    // Valid for the client schema, but the code is taken: the server names the field.
    await form.fill('code', 'ICCP');
    await form.fill('name', 'Duplicate');
    await form.fill('ministry', 'Somewhere');
    await form.submit.click();
    await form.error('code').waitFor();
    expect(await form.error('code').textContent()).toContain('already used');
    expect(await form.summary.textContent()).toContain('ICCP');
  });

  it('edits and deletes a row through the registry pages', async () => {
    await page.goto('/registry/organisations?q=E2E%20Photonics');
    const row = page.locator('[data-testid="registry-table"] tbody tr[data-id]');
    await row.first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'registry.png') });
    await row.first().click();
    const form = new EntityFormPage(page);
    await form.field('name').waitFor();
    await form.fill('name', 'E2E Photonics Lab (renamed)');
    await form.submit.click();
    await page.getByTestId('form-saved').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('delete').click();
    await page.waitForURL(/\/registry\/organisations$/);
    const directory = new OrganisationsPage(page);
    await directory.open('?q=E2E%20Photonics');
    expect(await directory.total()).toBe(0);
  });
});
