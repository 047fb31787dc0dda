import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell.page.ts';
import { ComplexPage } from './pages/complex.page.ts';
import { OrganisationsPage } from './pages/organisations.page.ts';
import { startHarness, type Harness } from './support/e2e-harness.ts';

describe('complex page', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('lists the complexes and opens one from the list', async () => {
    await page.goto('/');
    await new AppShellPage(page).nav('complexes').click();
    const rows = page.locator('[data-testid="complexes-table"] tbody tr[data-complex]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(12);
    await page
      .locator('[data-testid="complexes-table"] tr[data-complex="Changwon"] a')
      .first()
      .click();
    const complex = new ComplexPage(page);
    await complex.name.waitFor();
    expect(await complex.name.textContent()).toContain('Changwon');
    expect(await complex.name.textContent()).toContain('창원');
  });

  it('shows the mini-clusters and the task force, flagged synthetic', async () => {
    const complex = new ComplexPage(page);
    await complex.open(1);
    expect(await complex.name.textContent()).toContain('Gumi');
    await complex.miniClustersTable.waitFor();
    expect(await complex.miniClusterRows()).toBeGreaterThanOrEqual(3);
    expect(await complex.miniClustersTable.locator('.badge-synthetic').count()).toBe(
      await complex.miniClusterRows(),
    );
    expect(await complex.taskForceRows()).toBeGreaterThanOrEqual(14);
    expect(await complex.taskForceTable.textContent()).toContain('Head');
    // Gumi's organisations by kind equal its row of Table 14.6: 405 companies, 134 universities.
    const byKind = page.getByTestId('organisations-by-kind');
    expect(await byKind.locator('tr[data-kind="company"] td.num').textContent()).toBe('405');
    expect(await byKind.locator('tr[data-kind="university"] td.num').textContent()).toBe('134');
  });

  it('links to the organisation directory filtered to the complex', async () => {
    const complex = new ComplexPage(page);
    await complex.open(1);
    await complex.organisationsLink.click();
    const directory = new OrganisationsPage(page);
    await directory.table.waitFor();
    await page.waitForURL(/complexId=1/);
    await page.locator('.table-wrap:not(.is-fetching) [data-testid="org-table"]').waitFor();
    expect(await directory.total()).toBe(587);
  });

  it('shows an error state, not a blank page, for a complex that does not exist', async () => {
    await page.goto('/complexes/99999');
    await page.locator('.state-error').waitFor();
    expect(await page.locator('.state-error').textContent()).toContain('404');
  });
});
