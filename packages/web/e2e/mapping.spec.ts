import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell.page.ts';
import { MappingPage, SelectionPage, type SelectionRow } from './pages/mapping.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

const criteria = [
  'competitiveness',
  'influence',
  'concentration',
  'policyConsistency',
  'investmentExpectancy',
] as const;
const equalWeights = Object.fromEntries(criteria.map((c) => [c, 0.2])) as Record<
  (typeof criteria)[number],
  number
>;

/** (rank − 1) / (n − 1) of `x` among `all`, ties sharing their average rank (worst 0, best 1). */
function rankShare(x: number, all: number[]): number {
  const below = all.filter((v) => v < x).length;
  const equal = all.filter((v) => v === x).length;
  return all.length > 1 ? (below + (equal - 1) / 2) / (all.length - 1) : 0;
}

/**
 * [name, score to three decimals] of the eligible rows, by min-max (or rank) normalisation and
 * the weighted sum over the weights' total, best first.
 */
function expectedScores(
  rows: SelectionRow[],
  weights: typeof equalWeights,
  normalisation: 'minMax' | 'rank' = 'minMax',
): [string, string][] {
  const eligible = rows.filter((r) => r.eligible);
  const total = criteria.reduce((s, c) => s + weights[c], 0);
  const scored = eligible.map((r) => {
    let sum = 0;
    for (const c of criteria) {
      const all = eligible.map((e) => e.values[c] as number);
      const x = r.values[c] as number;
      const min = Math.min(...all);
      const max = Math.max(...all);
      const normalised =
        normalisation === 'rank' ? rankShare(x, all) : max > min ? (x - min) / (max - min) : 0;
      sum += weights[c] * normalised;
    }
    return { name: r.name, score: sum / total };
  });
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return scored.map((r) => [r.name, r.score.toFixed(3)]);
}

describe('cluster mapping and site selection', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('draws the choropleth and changes map and legend when the indicator changes', async () => {
    await page.goto('/');
    await new AppShellPage(page).nav('mapping').click();
    const mapping = new MappingPage(page);
    await page.waitForURL(/\/mapping$/);
    await mapping.open();

    // The demo's statistics are generated: the page says so.
    await expect(mapping.datasetFacts.textContent()).resolves.toContain('synthetic');
    const probe = await mapping.probeMap();
    expect(probe.width).toBeGreaterThan(0);
    expect(probe.inkShare).toBeGreaterThan(0.05);
    expect(Number(await mapping.map.getAttribute('data-region-count'))).toBe(17);
    await expect(mapping.legend.textContent()).resolves.toContain('national average');
    expect((await mapping.probePortfolio()).inkShare).toBeGreaterThan(0.01);
    expect((await mapping.probeProfile()).inkShare).toBeGreaterThan(0.01);
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(screenshotDir, 'mapping.png'), fullPage: true });

    const lqPixels = await mapping.mapPixels();
    const lqLegend = await mapping.legend.textContent();
    await mapping.chooseIndicator('cagr');
    expect(await mapping.legend.textContent()).not.toBe(lqLegend);
    await expect(mapping.legend.textContent()).resolves.toContain('per cent per year');
    expect(await mapping.mapPixels()).not.toBe(lqPixels);
    expect((await mapping.probeMap()).inkShare).toBeGreaterThan(0.05);
    await mapping.map.screenshot({ path: join(screenshotDir, 'mapping-map-cagr.png') });
    // The choice is in the address: a reload keeps it.
    expect(page.url()).toContain('indicator=cagr');
    await page.reload();
    await mapping.waitForMap('cagr');
    expect(await mapping.indicator.inputValue()).toBe('cagr');

    await mapping.chooseIndicator('stars');
    expect(Number(await mapping.map.getAttribute('data-region-count'))).toBe(17);
    await mapping.chooseIndicator('lq');
  });

  it('maps KSIC divisions as well as clusters, one division at a time', async () => {
    const mapping = new MappingPage(page);
    await page.getByTestId('mapping-unit').selectOption('industry');
    await page.locator('[data-testid="mapping-portfolio"][data-point-count]').waitFor();
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="mapping-portfolio"]')
            ?.getAttribute('data-point-count'),
        ) > 2,
    );
    const options = await page.getByTestId('mapping-cluster').locator('option').count();
    expect(options).toBeGreaterThan(3);
    await page.getByTestId('mapping-cluster').selectOption({ index: 1 });
    await mapping.waitForMap('lq');
    await page.waitForTimeout(1200);
    expect(Number(await mapping.map.getAttribute('data-region-count'))).toBe(17);
    expect((await mapping.probeMap()).inkShare).toBeGreaterThan(0.05);
    await page.screenshot({ path: join(screenshotDir, 'mapping-industry.png'), fullPage: true });
    await page.getByTestId('mapping-unit').selectOption('cluster');
    await mapping.table.locator('tbody tr[data-region]').first().waitFor();
  });

  it('filters the table to strong clusters, each with its badge', async () => {
    const mapping = new MappingPage(page);
    const all = await mapping.table.locator('tbody tr[data-region]').count();
    await page.getByTestId('filter-strong').check();
    const strong = mapping.table.locator('tbody tr[data-region]');
    const count = await strong.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    expect(await mapping.table.locator('tbody tr[data-strong="false"]').count()).toBe(0);
    expect(await mapping.table.getByTestId('badge-strong').count()).toBe(count);
    await page.getByTestId('filter-strong').uncheck();
  });

  it('exports the table as CSV and XLSX through the API', async () => {
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['xlsx', 'spreadsheetml'],
    ] as const) {
      const href = await page.getByTestId(`mapping-export-${format}`).getAttribute('href');
      expect(href).toContain(`format=${format}`);
      const response = await page.request.get(href ?? '');
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(type);
    }
  });

  it('ranks the complexes from the data and re-ranks them when a weight changes', async () => {
    const selection = new SelectionPage(page);
    await selection.open();
    const before = await selection.rows();
    // Gunsan's 52 companies (the registry's, after OECD Table 14.6) are below the 100 required.
    const gunsan = before.find((r) => r.name === 'Gunsan');
    expect(gunsan?.eligible).toBe(false);
    expect(gunsan?.rank).toBe('—');
    expect(gunsan?.values.companies).toBe(52);
    await expect(
      selection.ranking.locator('tr[data-candidate="Gunsan"]').textContent(),
    ).resolves.toContain('fewer companies');
    // Companies and all five criteria come from the data by default.
    const gumi = before.find((r) => r.name === 'Gumi')!;
    expect(gumi.sources).toMatchObject({
      companies: 'data',
      concentration: 'data',
      influence: 'data',
      competitiveness: 'data',
      policyConsistency: 'data',
      investmentExpectancy: 'data',
    });
    await expect(
      page.locator('[data-testid="selection-criteria"] td[data-col="source"]').allTextContents(),
    ).resolves.toEqual(Array(6).fill('data'));
    expect(gumi.values.concentration).toBeGreaterThan(0);
    expect(gumi.values.concentration).toBeLessThanOrEqual(1);
    await page.locator('[data-testid="selection-intervals"][data-rendered="true"]').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'selection.png'), fullPage: true });

    // The scores, recomputed here from the values the page shows: min-max over the eligible
    // complexes, weighted sum divided by the weights' total.
    expect(before.filter((r) => r.eligible).map((r) => [r.name, r.score])).toEqual(
      expectedScores(before, equalWeights),
    );

    const signature = await selection.signature();
    await selection.setWeight('concentration', 0);
    await selection.setWeight('influence', 1);
    await selection.waitForRankingChange(signature);
    const after = await selection.rows();
    const order = (rows: SelectionRow[]) => rows.filter((r) => r.eligible).map((r) => r.name);
    expect(order(after)).not.toEqual(order(before));
    const reweighted = { ...equalWeights, concentration: 0, influence: 1 };
    expect(after.filter((r) => r.eligible).map((r) => [r.name, r.score])).toEqual(
      expectedScores(after, reweighted),
    );
    // Gwangju leads on competitiveness; with influence weighing most it falls behind Wonju,
    // whose employees are about all of its province's (demo data).
    const rankOf = (rows: SelectionRow[], name: string) =>
      Number(rows.find((r) => r.name === name)?.rank);
    expect(rankOf(before, 'Gwangju')).toBeLessThan(rankOf(before, 'Wonju'));
    expect(rankOf(after, 'Wonju')).toBeLessThan(rankOf(after, 'Gwangju'));
    await page.locator('[data-testid="selection-intervals"][data-rendered="true"]').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({
      path: join(screenshotDir, 'selection-reweighted.png'),
      fullPage: true,
    });
  });

  it('normalises by rank when chosen, and says how', async () => {
    const selection = new SelectionPage(page);
    await selection.open();
    const signature = await selection.signature();
    await page.getByTestId('selection-normalisation').selectOption('rank');
    await expect(
      page.getByTestId('selection-normalisation-definition').textContent(),
    ).resolves.toContain('(rank − 1) / (n − 1)');
    await selection.waitForRankingChange(signature);
    const rows = await selection.rows();
    expect(rows.filter((r) => r.eligible).map((r) => [r.name, r.score])).toEqual(
      expectedScores(rows, equalWeights, 'rank'),
    );
  });

  it('re-scores when a candidate value is edited: Gunsan becomes eligible', async () => {
    const selection = new SelectionPage(page);
    await selection.open();
    const signature = await selection.signature();
    await selection.editValue('Gunsan', 'companies', '120');
    await selection.waitForRankingChange(signature);
    const gunsan = (await selection.rows()).find((r) => r.name === 'Gunsan');
    expect(gunsan?.eligible).toBe(true);
    expect(gunsan?.values.companies).toBe(120);
    expect(gunsan?.sources.companies).toBe('entered');
    expect(Number(gunsan?.rank)).toBeGreaterThan(0);
    await page.getByTestId('candidates-reset').click();
  });

  it('shows the mapping page in Korean', async () => {
    const mapping = new MappingPage(page);
    await mapping.open();
    await page.getByTestId('lang-switch').click();
    await expect(mapping.legend.textContent()).resolves.toContain('전국 평균');
    // The life-cycle reason is worded from its codes in Korean, not the server's English.
    const reason = (await page.getByTestId('mapping-profile-reason').textContent()) ?? '';
    expect(reason).toMatch(/[가-힣]/);
    expect(reason).not.toMatch(/employment|is at least/);
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(screenshotDir, 'mapping-ko.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
  });
});
