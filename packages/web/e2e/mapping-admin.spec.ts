import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClustersAdminPage,
  DatasetsAdminPage,
  StrategicIndustriesAdminPage,
} from './pages/mapping-admin.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

describe('editing the mapping data: clusters, datasets, crosswalks', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage({ as: harness.users.admin });
    // Deletions ask for confirmation; the test accepts.
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('creates a cluster, edits it into version 2 and shows both versions', async () => {
    const clusters = new ClustersAdminPage(page);
    // The mapping area's sub-navigation leads to the editing pages.
    await page.goto('/mapping');
    await page.getByTestId('subnav-datasets').waitFor();
    await page.goto('/mapping/crosswalks');
    await page.getByTestId('subnav-clusters').click();
    await page.waitForURL(/\/mapping\/clusters$/);
    await clusters.open();
    await clusters.create('E2E semiconductors', 'traded', ['26', '27']);
    await expect(clusters.saved.textContent()).resolves.toContain('version 1');
    expect(
      await clusters.row('E2E semiconductors').getByTestId('cluster-row-version').textContent(),
    ).toBe('1');
    expect(await clusters.row('E2E semiconductors').textContent()).toContain('26, 27');

    await clusters.row('E2E semiconductors').getByTestId('cluster-edit').click();
    await clusters.fill({ kind: 'local', toggle: ['27', '28'] });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'mapping-cluster-form.png') });
    await clusters.save();
    await expect(clusters.saved.textContent()).resolves.toContain('version 2');
    const row = clusters.row('E2E semiconductors');
    expect(await row.getByTestId('cluster-row-version').textContent()).toBe('2');
    expect(await row.textContent()).toContain('26, 28');
    expect(await clusters.historyVersions()).toEqual([2, 1]);
    // Version 1 keeps what it was.
    const v1 = clusters.history.locator('[data-testid="cluster-version"][data-version="1"]');
    expect(await v1.textContent()).toContain('26, 27');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'mapping-clusters.png'), fullPage: true });
  });

  it('refuses a file with a bad row, naming row and field, and writes nothing; then imports a good one', async () => {
    const datasets = new DatasetsAdminPage(page);
    await datasets.open();
    await datasets.create('E2E statistics', 'zero');
    expect(await datasets.count('E2E statistics', 'values')).toBe(0);

    const header = 'region,industry,year,measure,value,suppressed';
    await datasets.importCsv(
      'E2E statistics',
      'bad.csv',
      [
        header,
        'KR-11,26,2021,employment,100,',
        'KR-11,27,2021,employment,abc,',
        'KR-26,26,2021,employment,50,',
      ].join('\n'),
    );
    const errors = datasets.importErrors;
    await expect(errors.textContent()).resolves.toContain(
      'bad.csv: 1 problem in 1 row; nothing was imported',
    );
    expect(await errors.locator('[data-testid="import-errors-item"]').allTextContents()).toEqual([
      'row 3: value: "abc" is not a number',
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: join(screenshotDir, 'mapping-datasets-error.png'),
      fullPage: true,
    });
    expect(await datasets.count('E2E statistics', 'values')).toBe(0);

    await datasets.importCsv(
      'E2E statistics',
      'good.csv',
      [
        header,
        'KR-11,26,2021,employment,100,',
        'KR-11,27,2021,employment,80,',
        'KR-26,26,2021,employment,50,',
        'KR-26,27,2021,employment,,true',
      ].join('\n'),
    );
    await expect(datasets.importDone.textContent()).resolves.toContain(
      'Imported 4 values from good.csv (1 suppressed, 1 filled)',
    );
    expect(await errors.count()).toBe(0);
    await page
      .locator(
        '[data-testid="dataset-row"][data-name="E2E statistics"] [data-testid="dataset-values"]',
        { hasText: '4' },
      )
      .waitFor();
    expect(await datasets.count('E2E statistics', 'suppressed')).toBe(1);
    expect(await datasets.count('E2E statistics', 'filled')).toBe(1);
    expect(await datasets.row('E2E statistics').textContent()).toContain('2021');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'mapping-datasets.png'), fullPage: true });
  });

  it('imports plants into the dataset, naming a bad row, and lists them per year', async () => {
    const datasets = new DatasetsAdminPage(page);
    await datasets.open();
    await datasets.row('E2E statistics').getByTestId('dataset-import').click();
    const form = page.getByTestId('plant-import-form');
    await expect(form.getByTestId('plant-summary').textContent()).resolves.toBe(
      'The dataset holds no plants.',
    );
    const upload = async (name: string, lines: string[]) => {
      await form.getByTestId('plant-import-file').setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(['plant,region,industry,year,employment', ...lines].join('\n')),
      });
      await form.getByTestId('plant-import-submit').click();
      await form
        .locator('[data-testid="plant-import-errors"], [data-testid="plant-import-done"]')
        .waitFor();
    };
    await upload('plants-bad.csv', ['A,KR-11,26,2021,30', 'B,KR-11,26,2021,-3']);
    expect(
      await form.locator('[data-testid="plant-import-errors-item"]').allTextContents(),
    ).toEqual(['row 3: employment: "-3" must not be negative']);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'mapping-plants-error.png') });
    await upload('plants.csv', ['A,KR-11,26,2021,30', 'B,KR-11,26,2021,70', 'C,KR-26,26,2021,50']);
    await expect(form.getByTestId('plant-import-done').textContent()).resolves.toContain(
      'Imported 3 plants from plants.csv (0 replaced; years 2021)',
    );
    await form
      .locator('[data-testid="plant-summary"] li[data-year="2021"][data-plants="3"]')
      .waitFor();
    expect(await form.getByTestId('plant-summary').textContent()).toBe(
      '2021: 3 plants, 150 persons employed',
    );
  });

  it('creates a crosswalk from pasted lines and lists its links', async () => {
    await page.goto('/mapping/crosswalks');
    await page.getByTestId('crosswalk-new').click();
    await page.getByTestId('crosswalk-name').fill('E2E KSIC split');
    await page.getByTestId('crosswalk-links').fill('from,to,weight\n26,26,0.5\n26,27,0.4\n');
    await page.getByTestId('crosswalk-create').click();
    // 0.5 + 0.4: the server names the line's weight.
    await expect(page.getByTestId('crosswalk-form-errors').textContent()).resolves.toContain(
      'line 2: weight',
    );
    await page
      .getByTestId('crosswalk-links')
      .fill('from,to,weight\n26,26,0.6\n26,27,0.4\n27,27,\n');
    await page.getByTestId('crosswalk-create').click();
    await page.getByTestId('crosswalk-detail').waitFor();
    expect(await page.getByTestId('crosswalk-link').count()).toBe(3);
    expect(
      await page.locator('[data-testid="crosswalk-row"][data-name="E2E KSIC split"]').textContent(),
    ).toContain('3');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'mapping-crosswalks.png'), fullPage: true });
  });

  it('declares an industry strategic for a province, keeps it after a reload, and selection still explains the criterion', async () => {
    const strategic = new StrategicIndustriesAdminPage(page);
    await page.goto('/mapping/crosswalks');
    await page.getByTestId('subnav-strategic-industries').click();
    await page.waitForURL(/\/mapping\/strategic-industries$/);
    await strategic.loaded();
    await expect(strategic.intro.textContent()).resolves.toContain('0.5');
    // The demo declares 26 and 30 nationally, nothing for Seoul.
    expect(await strategic.codes()).toEqual(['26', '30']);
    await strategic.chooseRegion('Seoul');
    expect(await page.getByTestId('strategic-empty').count()).toBe(1);

    await strategic.toggleAndSave(['28'], () =>
      page.screenshot({ path: join(screenshotDir, 'mapping-strategic-form.png'), fullPage: true }),
    );
    await expect(strategic.saved.textContent()).resolves.toContain('1 strategic');
    // The list refetches after the change.
    await page.locator('[data-testid="strategic-row"][data-code="28"]').waitFor();
    expect(await strategic.codes()).toEqual(['28']);
    expect(page.url()).toMatch(/\?region=\d+$/);
    await page.reload();
    await strategic.loaded();
    expect(await strategic.codes()).toEqual(['28']);
    expect(
      await page
        .getByTestId('strategic-region')
        .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent),
    ).toBe('Seoul');
    // Declared by a user, not demo data: no synthetic badge on the row.
    expect(await page.locator('[data-testid="strategic-row"] .badge-synthetic').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: join(screenshotDir, 'mapping-strategic-industries.png'),
      fullPage: true,
    });

    await page.getByTestId('subnav-selection').click();
    const row = page.locator(
      '[data-testid="selection-criteria"] tr[data-criterion="policyConsistency"]',
    );
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Policy consistency');
    expect(text).toContain('0.5 when declared only nationally');
  });

  it('speaks Korean on the editing pages', async () => {
    await page.goto('/mapping/clusters');
    await page.getByTestId('clusters-table').waitFor();
    await page.getByTestId('lang-switch').click();
    try {
      await page.getByRole('heading', { name: '클러스터 정의' }).waitFor();
      expect(await page.getByTestId('subnav-crosswalks').textContent()).toBe('산업 연계표');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, 'mapping-clusters-ko.png') });
    } finally {
      await page.getByTestId('lang-switch').click();
    }
  });

  it('shows an analyst the data without the buttons that change it', async () => {
    const analyst = await harness.newPage({ as: harness.users.analyst });
    try {
      await analyst.goto('/mapping/clusters');
      await analyst
        .locator('[data-testid="cluster-row"][data-name="E2E semiconductors"]')
        .waitFor();
      expect(await analyst.getByTestId('cluster-new').count()).toBe(0);
      expect(await analyst.getByTestId('cluster-edit').count()).toBe(0);
      expect(await analyst.getByTestId('cluster-delete').count()).toBe(0);
      await analyst.goto('/mapping/datasets');
      await analyst.locator('[data-testid="dataset-row"][data-name="E2E statistics"]').waitFor();
      expect(await analyst.getByTestId('dataset-form').count()).toBe(0);
      expect(await analyst.getByTestId('dataset-delete').count()).toBe(0);
    } finally {
      await analyst.context().close();
    }
  });

  it('deletes the dataset after confirmation', async () => {
    const datasets = new DatasetsAdminPage(page);
    await datasets.open();
    await datasets.row('E2E statistics').getByTestId('dataset-delete').click();
    await datasets.row('E2E statistics').waitFor({ state: 'detached' });
  });
});
