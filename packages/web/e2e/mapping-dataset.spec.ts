import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoDatasetName } from '@innocluster/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetsAdminPage } from './pages/mapping-admin.page.ts';
import { DatasetEditForm } from './pages/mapping-dataset.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

describe('editing a dataset’s metadata', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage({ as: harness.users.admin });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('renames a dataset and sets its source; the list and a reload show the new name', async () => {
    const datasets = new DatasetsAdminPage(page);
    const edit = new DatasetEditForm(page);
    await datasets.open();
    await datasets.create('E2E census (typo)', 'zero');
    await edit.open('E2E census (typo)');
    // The form starts from the stored metadata.
    expect(await edit.form.getByTestId('dataset-edit-name').inputValue()).toBe('E2E census (typo)');
    await edit.fill({ name: 'E2E census 2021', source: 'Statistics Korea, census 2021' });
    await edit.form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'mapping-dataset-edit.png') });
    await edit.save();
    expect(await edit.saved.textContent()).toBe('Saved the dataset “E2E census 2021”.');
    expect(await edit.form.count()).toBe(0);
    expect(await datasets.row('E2E census (typo)').count()).toBe(0);
    expect(await datasets.row('E2E census 2021').textContent()).toContain(
      'Statistics Korea, census 2021',
    );
    await datasets.open();
    await datasets.row('E2E census 2021').waitFor();
    expect(await datasets.row('E2E census (typo)').count()).toBe(0);
  });

  it('shows a field error under a blank name, in the interface language, and keeps the stored name', async () => {
    const datasets = new DatasetsAdminPage(page);
    const edit = new DatasetEditForm(page);
    await datasets.open();
    await edit.open('E2E census 2021');
    await edit.fill({ name: '   ' });
    await edit.save();
    expect(await edit.summary.textContent()).toBe('Please correct the highlighted fields:');
    const error = edit.error('name');
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('required');
    expect(await edit.form.getByTestId('dataset-edit-name').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await edit.form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'mapping-dataset-edit-error.png') });
    await edit.form.getByTestId('dataset-edit-cancel').click();
    await datasets.open();
    await datasets.row('E2E census 2021').waitFor();
  });

  it('locks the fill rule of a dataset holding suppressed cells', async () => {
    const datasets = new DatasetsAdminPage(page);
    const edit = new DatasetEditForm(page);
    await datasets.open();
    expect(await datasets.count(demoDatasetName, 'suppressed')).toBeGreaterThan(0);
    await edit.open(demoDatasetName);
    expect(await edit.form.getByTestId('dataset-edit-fill-rule').isDisabled()).toBe(true);
    expect(await edit.form.textContent()).toContain('suppressed cells were filled by this rule');
    expect(await edit.form.getByTestId('dataset-edit-universe').isDisabled()).toBe(false);
  });

  it('offers no edit to an analyst, who may read the datasets only', async () => {
    const analystPage = await harness.newPage({ as: harness.users.analyst });
    const datasets = new DatasetsAdminPage(analystPage);
    await datasets.open();
    await datasets.row('E2E census 2021').waitFor();
    expect(await analystPage.getByTestId('dataset-edit').count()).toBe(0);
  });
});
