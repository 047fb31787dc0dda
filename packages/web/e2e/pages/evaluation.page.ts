import type { Page } from 'playwright-core';

/** One complex's rank interval as the uncertainty table shows it. */
export interface ShownInterval {
  complex: string;
  median: number;
  low: number;
  high: number;
}

/** Reads a download's bytes. */
async function downloadBytes(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { fileName: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** The composite index page at `/evaluation/index`: method, ranking, uncertainty. */
export class EvaluationIndexPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/evaluation/index${query ? `?${query}` : ''}`);
    await this.rankingTable.waitFor();
  }

  get rankingTable() {
    return this.page.getByTestId('index-ranking-table');
  }

  /** The id of the index run shown. */
  async shownRunId(): Promise<number> {
    return Number(await this.page.getByTestId('index-ranking').getAttribute('data-run'));
  }

  /** Complex names in rank order. */
  async ranking(): Promise<string[]> {
    return this.rankingTable
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-complex') ?? ''));
  }

  async chooseWeighting(kind: string): Promise<void> {
    await this.page.getByTestId('method-weighting').selectOption(kind);
  }

  async chooseNormalisation(kind: string): Promise<void> {
    await this.page.getByTestId('method-normalisation').selectOption(kind);
  }

  /** The distance-to-target input of one indicator. */
  target(code: string) {
    return this.page.getByTestId(`target-${code}`);
  }

  /** Moves one indicator's weight slider (hand-set weighting) to `value`. */
  async setWeight(code: string, value: number): Promise<void> {
    await this.page.getByTestId(`weight-${code}`).fill(String(value));
  }

  /** Keeps the first `n` indicators of the framework and leaves out the rest; their codes. */
  async includeOnly(n: number): Promise<string[]> {
    const picker = this.page.getByTestId('index-indicators');
    if ((await picker.getAttribute('open')) === null) await picker.locator('summary').click();
    const boxes = picker.locator('input[type="checkbox"]');
    const count = await boxes.count();
    const kept: string[] = [];
    for (let k = 0; k < count; k++) {
      const box = boxes.nth(k);
      const code = ((await box.getAttribute('data-testid')) ?? '').replace(/^include-/, '');
      if (kept.length < n) {
        await box.check();
        kept.push(code);
      } else await box.uncheck();
    }
    return kept;
  }

  /** Types a judgement into the AHP matrix cell (row i, column j above the diagonal). */
  async setJudgement(i: number, j: number, value: string): Promise<void> {
    const cell = this.page.getByTestId(`ahp-${i}-${j}`);
    await cell.fill(value);
    await cell.press('Enter');
  }

  /** Runs the index with the controls' method; waits for the new run to be shown. */
  async runIndex(): Promise<number> {
    const before = await this.shownRunId();
    await this.page.getByTestId('index-run').click();
    await this.page
      .locator(`[data-testid="index-ranking"]:not([data-run="${before}"])`)
      .waitFor({ timeout: 60_000 });
    return this.shownRunId();
  }

  async setDraws(draws: number): Promise<void> {
    await this.page.getByTestId('uncertainty-draws').fill(String(draws));
  }

  /**
   * Starts the uncertainty analysis and waits for its result (a new run id); returns the id.
   * The progress bar shows while the job runs.
   */
  async runUncertainty(): Promise<number> {
    const current = await this.page
      .getByTestId('uncertainty-result')
      .getAttribute('data-uncertainty-run', { timeout: 1000 })
      .catch(() => null);
    await this.page.getByTestId('uncertainty-run').click();
    const result = this.page.locator(
      current === null
        ? '[data-testid="uncertainty-result"]'
        : `[data-testid="uncertainty-result"]:not([data-uncertainty-run="${current}"])`,
    );
    await result.waitFor({ timeout: 120_000 });
    await this.page
      .locator('[data-testid="evaluation-rank-intervals"][data-rendered="true"]')
      .waitFor();
    return Number(await result.getAttribute('data-uncertainty-run'));
  }

  /** The chart's summary of the intervals (`low-median-high` per complex, base-rank order). */
  async intervalSignature(): Promise<string> {
    return (
      (await this.page.getByTestId('evaluation-rank-intervals').getAttribute('data-intervals')) ??
      ''
    );
  }

  /** The intervals as the table under the chart lists them. */
  async intervals(): Promise<ShownInterval[]> {
    return this.page.locator('[data-testid="uncertainty-table"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const [low, high] = (r.querySelector('[data-col="interval"]')?.textContent ?? '')
          .split('–')
          .map(Number);
        return {
          complex: r.getAttribute('data-complex') ?? '',
          median: Number(r.querySelector('[data-col="median"]')?.textContent),
          low: low ?? NaN,
          high: high ?? NaN,
        };
      }),
    );
  }

  async downloadPdf() {
    return downloadBytes(this.page, () => this.page.getByTestId('report-pdf').first().click());
  }

  async downloadXlsx() {
    return downloadBytes(this.page, () => this.page.getByTestId('report-xlsx').first().click());
  }
}

/** The allocation simulator at `/evaluation/allocation`. */
export class EvaluationAllocationPage {
  constructor(readonly page: Page) {}

  async open(runId: number): Promise<void> {
    await this.page.goto(`/evaluation/allocation?run=${runId}`);
    await this.waitForTable(runId);
  }

  async waitForTable(runId: number): Promise<void> {
    await this.page
      .locator(`[data-testid="allocation-table"][data-run="${runId}"]`)
      .waitFor({ timeout: 60_000 });
  }

  async chooseRun(runId: number): Promise<void> {
    await this.page.getByTestId('allocation-run').selectOption(String(runId));
    await this.waitForTable(runId);
  }

  /** Amounts (KRW) per complex in scenario `k`. */
  async amounts(k: number): Promise<Record<string, number>> {
    return this.page
      .locator('[data-testid="allocation-table"] tbody tr')
      .evaluateAll(
        (rows, scenario) =>
          Object.fromEntries(
            rows.map((r) => [
              r.getAttribute('data-complex') ?? '',
              Number(
                r.querySelector(`td[data-scenario="${scenario}"]`)?.getAttribute('data-amount'),
              ),
            ]),
          ),
        k,
      );
  }

  /** Scenario `k`'s shown total and pool (KRW). */
  async total(k: number): Promise<{ total: number; pool: number; text: string }> {
    const cell = this.page.getByTestId(`allocation-total-${k}`);
    return {
      total: Number(await cell.getAttribute('data-total')),
      pool: Number(await cell.getAttribute('data-pool')),
      text: (await cell.textContent()) ?? '',
    };
  }

  async setPool(k: number, text: string): Promise<void> {
    const input = this.page.getByTestId(`scenario-${k}-pool`);
    await input.fill(text);
    await input.press('Enter');
  }

  async saveScenarios(): Promise<void> {
    await this.page.getByTestId('scenario-save').click();
    await this.page.getByTestId('scenario-saved').waitFor();
  }

  /** Runs the money-follows-noise check on the scenarios just saved; waits for the table. */
  async runNoise(moveAmount: string, draws: number): Promise<void> {
    const move = this.page.getByTestId('noise-move');
    await move.fill(moveAmount);
    await move.press('Enter');
    await this.page.getByTestId('noise-draws').fill(String(draws));
    await this.page.getByTestId('noise-run').click();
    await this.page.getByTestId('noise-table').waitFor({ timeout: 120_000 });
  }

  /** Share of draws moving (0…1) per complex, for the `k`-th scenario column of the check. */
  async sharesMoved(k: number): Promise<Record<string, number>> {
    return this.page
      .locator('[data-testid="noise-table"] tbody tr')
      .evaluateAll(
        (rows, column) =>
          Object.fromEntries(
            rows.map((r) => [
              r.getAttribute('data-complex') ?? '',
              Number(r.querySelectorAll('td[data-share]')[column]?.getAttribute('data-share')),
            ]),
          ),
        k,
      );
  }

  async downloadPdf() {
    return downloadBytes(this.page, () => this.page.getByTestId('report-pdf').click());
  }
}
