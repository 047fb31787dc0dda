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

/** One row of the selection ranking as the page shows it. */
export interface SelectionRow {
  name: string;
  rank: string;
  score: string;
  eligible: boolean;
  values: Record<string, number | null>;
  sources: Record<string, string>;
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

  /**
   * Candidate names in table order with their rank ('—' when excluded), score as shown, and
   * each criterion's raw value (API units: fractions for per-cent criteria) and its source.
   */
  async rows(): Promise<SelectionRow[]> {
    return this.ranking.evaluate((table) =>
      [...table.querySelectorAll('tr[data-candidate]')].map((row) => {
        const values: Record<string, number | null> = {};
        const sources: Record<string, string> = {};
        for (const cell of row.querySelectorAll('td[data-source]')) {
          const key = cell.getAttribute('data-col') ?? '';
          const raw = cell.getAttribute('data-value') ?? '';
          values[key] = raw === '' ? null : Number(raw);
          sources[key] = cell.getAttribute('data-source') ?? '';
        }
        return {
          name: row.getAttribute('data-candidate') ?? '',
          rank: row.querySelector('td[data-col="rank"]')?.textContent?.trim() ?? '',
          score: row.querySelector('td[data-col="score"]')?.textContent?.trim() ?? '',
          eligible: row.getAttribute('data-eligible') === 'true',
          values,
          sources,
        };
      }),
    );
  }

  /** The input of one candidate's value in the candidate editor (opened first). */
  async editValue(candidate: string, field: string, value: string): Promise<void> {
    const editor = this.page.getByTestId('candidate-editor');
    if ((await editor.getAttribute('open')) === null) await editor.locator('summary').click();
    await editor
      .locator(`tr[data-candidate-edit="${candidate}"] input[data-field="${field}"]`)
      .fill(value);
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

/** The analysis page at `/mapping/analysis`: shift-share, specialisation and relatedness tabs. */
export class MappingAnalysisPage {
  constructor(readonly page: Page) {}

  /** Opens one tab (with extra address parameters) and waits for its chart and table. */
  async open(view: 'shift-share' | 'specialisation' | 'relatedness', query = ''): Promise<void> {
    await this.page.goto(`/mapping/analysis?view=${view}${query ? `&${query}` : ''}`);
    await this.page.locator(`[data-testid="${view}-chart"][data-rendered="true"]`).waitFor();
  }

  chart(view: string) {
    return this.page.getByTestId(`${view}-chart`);
  }

  /** The raw numbers (data-value) of a table's body rows, keyed by the row's id attribute. */
  async tableValues(
    testId: string,
    rowAttribute: string,
  ): Promise<Array<{ id: string; values: Record<string, number | null> }>> {
    return this.page.getByTestId(testId).evaluate(
      (table, attribute) =>
        [...table.querySelectorAll(`tbody tr[${attribute}]`)].map((row) => {
          const values: Record<string, number | null> = {};
          for (const cell of row.querySelectorAll('td[data-col]')) {
            const raw = cell.getAttribute('data-value') ?? '';
            values[cell.getAttribute('data-col') ?? ''] = raw === '' ? null : Number(raw);
          }
          return { id: row.getAttribute(attribute) ?? '', values };
        }),
      rowAttribute,
    );
  }

  /** Clicks a CSV button (the view's main one by default) and returns the file's text. */
  async downloadCsv(button = 'analysis-csv'): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(button).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  probe(view: string) {
    return probeCanvas(this.chart(view));
  }
}
