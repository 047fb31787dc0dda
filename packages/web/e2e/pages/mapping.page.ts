import type { Page } from 'playwright-core';
import { probeCanvas } from '../support/canvas-probe.ts';

/** The cluster-mapping page at `/mapping`: selectors, map with legend, table, portfolio, profile. */
export class MappingPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/mapping');
    await this.waitForMap();
    await this.table.locator('tbody tr[data-region]').first().waitFor();
    await this.page.locator('[data-testid="mapping-portfolio"][data-rendered="true"]').waitFor();
    await this.page.locator('[data-testid="mapping-profile"][data-rendered="true"]').waitFor();
  }

  get map() {
    return this.page.getByTestId('mapping-map');
  }
  get legend() {
    return this.page.getByTestId('mapping-legend');
  }
  get indicator() {
    return this.page.getByTestId('mapping-indicator');
  }
  get table() {
    return this.page.getByTestId('mapping-table');
  }
  get portfolio() {
    return this.page.getByTestId('mapping-portfolio');
  }
  get profile() {
    return this.page.getByTestId('mapping-profile');
  }
  get datasetFacts() {
    return this.page.getByTestId('mapping-dataset-facts');
  }

  async waitForMap(indicator?: string): Promise<void> {
    const selector = indicator
      ? `[data-testid="mapping-map"][data-indicator="${indicator}"][data-rendered="true"]`
      : '[data-testid="mapping-map"][data-rendered="true"]';
    await this.page.locator(selector).waitFor();
  }

  /** Picks an indicator and waits until the map and its legend show it. */
  async chooseIndicator(indicator: string): Promise<void> {
    await this.indicator.selectOption(indicator);
    await this.page
      .locator(`[data-testid="mapping-legend"][data-indicator="${indicator}"]`)
      .waitFor();
    await this.waitForMap(indicator);
    // ECharts animates the new colours in; let the last frame land before reading pixels.
    await this.page.waitForTimeout(1200);
  }

  /** The map's pixels, as a data URL, to compare before and after a change. */
  async mapPixels(): Promise<string> {
    return this.map
      .locator('canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => c.toDataURL());
  }

  probeMap() {
    return probeCanvas(this.map);
  }
  probePortfolio() {
    return probeCanvas(this.portfolio);
  }
  probeProfile() {
    return probeCanvas(this.profile);
  }
}

/** The site-selection page at `/mapping/selection`: weights, bounds, ranking and intervals. */
export class SelectionPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/mapping/selection');
    await this.ranking.locator('tr[data-candidate]').first().waitFor();
    await this.page.locator('[data-testid="selection-intervals"][data-rendered="true"]').waitFor();
  }

  get ranking() {
    return this.page.getByTestId('selection-ranking');
  }
  get intervals() {
    return this.page.getByTestId('selection-intervals');
  }

  weight(criterion: string) {
    return this.page.getByTestId(`weight-${criterion}`);
  }

  /** Sets a weight slider (a range input) as a user's drag would, firing React's change. */
  async setWeight(criterion: string, value: number): Promise<void> {
    await this.weight(criterion).fill(String(value));
  }

  /** Candidate names in table order with their rank ('' when excluded) and score. */
  async rows(): Promise<Array<{ name: string; rank: string; score: string; eligible: boolean }>> {
    return this.ranking.evaluate((table) =>
      [...table.querySelectorAll('tr[data-candidate]')].map((row) => ({
        name: row.getAttribute('data-candidate') ?? '',
        rank: row.querySelector('td[data-col="rank"]')?.textContent?.trim() ?? '',
        score: row.querySelector('td[data-col="score"]')?.textContent?.trim() ?? '',
        eligible: row.getAttribute('data-eligible') === 'true',
      })),
    );
  }

  /** Waits until the ranking differs from `before` (the debounced re-score has landed). */
  async waitForRankingChange(before: string): Promise<void> {
    await this.page.waitForFunction(
      (previous) => {
        const table = document.querySelector('[data-testid="selection-ranking"]');
        if (!table || table.getAttribute('aria-busy') === 'true') return false;
        const now = [...table.querySelectorAll('tr[data-candidate]')]
          .map(
            (r) =>
              `${r.getAttribute('data-candidate')}:${r.querySelector('td[data-col="score"]')?.textContent}`,
          )
          .join('|');
        return now !== previous;
      },
      before,
      { timeout: 10_000 },
    );
  }

  async signature(): Promise<string> {
    const rows = await this.rows();
    return rows.map((r) => `${r.name}:${r.score}`).join('|');
  }
}
