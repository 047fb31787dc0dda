import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexRun, UncertaintyRun, ValuesResponse } from '@innocluster/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationAllocationPage, EvaluationIndexPage } from './pages/evaluation.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

describe('evaluation: index, uncertainty, allocation, scorecards, values, frameworks', () => {
  let harness: Harness;
  let page: Page;

  async function api<T>(path: string): Promise<T> {
    const res = await page.request.get(path);
    expect(res.status()).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage();
    page.setDefaultTimeout(60_000);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('changes a weight, reruns the uncertainty analysis, and sees the intervals and the allocation change; downloads the PDF report', async () => {
    await page.goto('/');
    await page.getByTestId('nav-evaluation').click();
    await page.waitForURL(/\/evaluation\/index/);
    const index = new EvaluationIndexPage(page);
    await index.rankingTable.waitFor();
    const demoRun = await index.shownRunId();
    const demo = await api<IndexRun>(`/api/v1/evaluation/index-runs/${demoRun}`);
    // The table shows the stored run, best first, flagged synthetic.
    expect(await index.ranking()).toEqual(demo.complexes.map((c) => c.complexName));
    expect(demo.complexes).toHaveLength(12);
    expect(await page.locator('[data-testid="index-ranking"] .badge-synthetic').count()).toBe(1);

    // The uncertainty analysis of the demo run: 500 draws, a progress bar, then the intervals.
    await index.setDraws(500);
    const first = await index.runUncertainty();
    const before = await index.intervals();
    const firstRun = await api<UncertaintyRun>(`/api/v1/evaluation/uncertainty-runs/${first}`);
    expect(firstRun.status).toBe('done');
    expect(before).toEqual(
      [...(firstRun.result?.complexes ?? [])]
        .sort((a, b) => a.baseRank - b.baseRank)
        .map((c) => ({
          complex: c.complexName,
          median: c.medianRank,
          low: c.lowRank,
          high: c.highRank,
        })),
    );
    const signatureBefore = await index.intervalSignature();
    await page.screenshot({ path: join(screenshotDir, 'evaluation-index.png'), fullPage: true });

    // Change one weight: production gets the largest hand-set weight.
    await index.chooseWeighting('fixed');
    await index.setWeight('ACC-PRODUCTION', 0.5);
    const share = await page.getByTestId('weight-ACC-PRODUCTION-value').textContent();
    expect(Number.parseFloat(share ?? '')).toBeGreaterThan(30);
    const changedRun = await index.runIndex();
    expect(changedRun).not.toBe(demoRun);
    const changed = await api<IndexRun>(`/api/v1/evaluation/index-runs/${changedRun}`);
    expect(changed.method.weighting.kind).toBe('fixed');
    const production = changed.indicators.findIndex((i) => i.code === 'ACC-PRODUCTION');
    const demoProduction = demo.indicators.findIndex((i) => i.code === 'ACC-PRODUCTION');
    expect(changed.method.weights[production]).toBeGreaterThan(
      (demo.method.weights[demoProduction] ?? 0) * 2,
    );
    expect(await index.ranking()).toEqual(changed.complexes.map((c) => c.complexName));

    // Rerun the uncertainty analysis on the new run: the intervals change.
    await page.getByTestId('uncertainty-none').waitFor();
    await index.setDraws(500);
    await index.runUncertainty();
    const after = await index.intervals();
    expect(after).toHaveLength(12);
    expect(await index.intervalSignature()).not.toBe(signatureBefore);
    expect(after).not.toEqual(before);
    for (const i of after) {
      expect(i.low).toBeLessThanOrEqual(i.median);
      expect(i.median).toBeLessThanOrEqual(i.high);
    }
    await page.screenshot({
      path: join(screenshotDir, 'evaluation-index-reweighted.png'),
      fullPage: true,
    });

    // The PDF report of the new run, with its uncertainty analysis.
    const pdf = await index.downloadPdf();
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.bytes.length).toBeGreaterThan(1000);

    // The allocation under the same rule moves with the weights; totals equal the pool.
    const allocation = new EvaluationAllocationPage(page);
    await allocation.open(demoRun);
    const demoAmounts = await allocation.amounts(0);
    for (const k of [0, 1]) {
      const total = await allocation.total(k);
      expect(total.total).toBe(total.pool);
      expect(total.text).toContain('KRW');
    }
    expect(Object.values(demoAmounts).reduce((s, v) => s + v, 0)).toBe(52_000_000_000);
    await allocation.chooseRun(changedRun);
    const changedAmounts = await allocation.amounts(0);
    expect(Object.values(changedAmounts).reduce((s, v) => s + v, 0)).toBe(52_000_000_000);
    expect(changedAmounts).not.toEqual(demoAmounts);
    const total = await allocation.total(0);
    expect(total.total).toBe(total.pool);

    // A different pool typed with a unit word: every amount is whole KRW and sums to it.
    await allocation.setPool(1, '30 billion');
    await page.locator('[data-testid="allocation-total-1"][data-pool="30000000000"]').waitFor();
    const tiers = await allocation.total(1);
    expect(tiers.total).toBe(30_000_000_000);
    await page.locator('[data-testid="allocation-chart"][data-rendered="true"]').waitFor();

    // Money follows noise: save the scenarios and count the draws in which money moves.
    await allocation.saveScenarios();
    await allocation.runNoise('100 million', 300);
    const moved = await allocation.sharesMoved(0);
    expect(Object.keys(moved)).toHaveLength(12);
    for (const v of Object.values(moved)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    await page.screenshot({
      path: join(screenshotDir, 'evaluation-allocation.png'),
      fullPage: true,
    });
    const allocationPdf = await allocation.downloadPdf();
    expect(allocationPdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('keeps the AHP matrix reciprocal and shows its consistency ratio', async () => {
    const index = new EvaluationIndexPage(page);
    await index.open();
    await index.chooseWeighting('ahp');
    await page.getByTestId('ahp-matrix').waitFor();
    // Saaty's random index stops at 10 items: with 14 indicators there is no CR.
    await page.locator('[data-testid="ahp-consistency"].cr-unknown').waitFor();
    // Keep four indicators: a 4 × 4 matrix.
    const keep = await index.includeOnly(4);
    expect(keep).toHaveLength(4);
    expect(await page.locator('[data-testid="ahp-matrix"] tbody tr').count()).toBe(4);
    await page.locator('[data-testid="ahp-consistency"].cr-ok').waitFor();
    // Row 0 is 3 times as important as column 1: the mirror cell reads 1/3.
    await index.setJudgement(0, 1, '3');
    await page.locator('[data-testid="ahp-1-0"]', { hasText: '1/3' }).waitFor();
    // 0 > 1 with every other pair equal is slightly inconsistent: 0 < CR ≤ 0.1.
    const cr = page.getByTestId('ahp-consistency');
    await page.locator('[data-testid="ahp-consistency"]:not([data-cr="0"])').waitFor();
    const mild = Number(await cr.getAttribute('data-cr'));
    expect(mild).toBeGreaterThan(0);
    expect(mild).toBeLessThanOrEqual(0.1);
    // A cycle (0 > 1, 1 > 2, 2 > 0) is flagged.
    await index.setJudgement(1, 2, '9');
    await index.setJudgement(0, 2, '1/9');
    await page.locator('[data-testid="ahp-consistency"].cr-bad').waitFor();
    expect(Number(await cr.getAttribute('data-cr'))).toBeGreaterThan(0.1);
    await page.getByTestId('ahp-matrix').screenshot({
      path: join(screenshotDir, 'evaluation-ahp.png'),
    });
    // A consistent matrix runs: the run records AHP with its consistency ratio.
    // Weights 9 : 3 : 1 : 3 — every judgement the ratio of two weights, so CR = 0.
    await index.setJudgement(0, 2, '9');
    await index.setJudgement(1, 2, '3');
    await index.setJudgement(0, 3, '3');
    await index.setJudgement(2, 3, '1/3');
    await page.locator('[data-testid="ahp-consistency"].cr-ok').waitFor();
    expect(Number(await cr.getAttribute('data-cr'))).toBeLessThan(1e-9);
    expect(await page.getByTestId(`ahp-weight-${keep[0]}`).textContent()).toBe('56.3 %');
    await index.runIndex();
    await page.locator('[data-testid="index-run-cr"].cr-ok').waitFor();
  });

  it('runs the index with distance to a target, the targets starting at the year’s best values', async () => {
    const runs = await api<{ items: { id: number; synthetic: boolean }[] }>(
      '/api/v1/evaluation/index-runs',
    );
    const demoRun = runs.items.find((r) => r.synthetic)!.id;
    const demo = await api<IndexRun>(`/api/v1/evaluation/index-runs/${demoRun}`);
    const index = new EvaluationIndexPage(page);
    await index.open(`run=${demoRun}`);
    await index.chooseNormalisation('distance-to-target');
    await page.getByTestId('method-targets').waitFor();
    // The first indicator's target is its best value among the complexes in the run's year.
    const first = demo.indicators[0]!;
    const values = await api<ValuesResponse>(
      `/api/v1/evaluation/values?frameworkId=${demo.frameworkId}&year=${demo.year}`,
    );
    const present = values.cells
      .filter((c) => c.indicatorCode === first.code && c.year === demo.year && c.value !== null)
      .map((c) => c.value as number);
    const exact = first.direction === 'lower' ? Math.min(...present) : Math.max(...present);
    const best = Number(exact.toPrecision(6));
    expect(Number(await index.target(first.code).inputValue())).toBe(best);
    await page.getByTestId('method-controls').screenshot({
      path: join(screenshotDir, 'evaluation-index-targets.png'),
    });
    // Half the best value as target: the run records it and the new ranking is shown.
    await index.target(first.code).fill(String(best / 2));
    const runId = await index.runIndex();
    const run = await api<IndexRun>(`/api/v1/evaluation/index-runs/${runId}`);
    const norm = run.method.normalisation;
    expect(norm.kind).toBe('distance-to-target');
    expect(norm.kind === 'distance-to-target' && norm.targets[0]).toBe(best / 2);
    expect(await index.ranking()).toEqual(run.complexes.map((c) => c.complexName));

    // The allocation of that run, base share in proportion to size: one complex of size 10,
    // the others 1, moves 50 % × pool × (10/(n + 9) − 1/n) to it (no bounds in scenario 0).
    const allocation = new EvaluationAllocationPage(page);
    await allocation.open(runId);
    const before = await allocation.amounts(0);
    const big = run.complexes[0]!;
    const n = run.complexes.length;
    await page.getByTestId('scenario-0-base-split').selectOption('proportional');
    await page.getByTestId(`scenario-0-size-${big.complexId}`).fill('10');
    const moved = 0.5 * 52_000_000_000 * (10 / (n + 9) - 1 / n);
    await expect
      .poll(
        async () => (await allocation.amounts(0))[big.complexName]! - before[big.complexName]!,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(moved - 2);
    const after = await allocation.amounts(0);
    expect(Math.abs(after[big.complexName]! - before[big.complexName]! - moved)).toBeLessThan(2);
    const total = await allocation.total(0);
    expect(total.total).toBe(total.pool);
    await page.getByTestId('scenario-0').screenshot({
      path: join(screenshotDir, 'evaluation-allocation-sizes.png'),
    });
  });

  it('names the indicator and the year when one has no value to impute from', async () => {
    // The demo project cycle stands on 2012-05-15, before the 2012 projects start, so no
    // project starting in 2012 has been paid: MGT-DAYS-TO-MONEY has no 2012 value at all.
    const runs = await api<{ items: { id: number; synthetic: boolean }[] }>(
      '/api/v1/evaluation/index-runs',
    );
    const demoRun = runs.items.find((r) => r.synthetic)!.id;
    const index = new EvaluationIndexPage(page);
    await index.open(`run=${demoRun}`);
    const picker = page.getByTestId('index-indicators');
    if ((await picker.getAttribute('open')) === null) await picker.locator('summary').click();
    await page.getByTestId('include-MGT-DAYS-TO-MONEY').check();
    await page.getByTestId('index-run').click();
    const error = page.getByTestId('index-run-error');
    await error.waitFor();
    expect(await error.locator('strong').textContent()).toBe(
      'No values in 2012 for MGT-DAYS-TO-MONEY',
    );
    expect(await error.getByTestId('index-run-error-item').textContent()).toMatch(
      /MGT-DAYS-TO-MONEY .* has no value for any complex in 2012; the mean rule cannot fill it/,
    );
    expect(await index.shownRunId()).toBe(demoRun);
  });

  it('shows a scorecard with trends, peers and policy hints with their sources', async () => {
    await page.goto('/evaluation/scorecards');
    await page.locator('[data-testid="scorecard-trend"][data-rendered="true"]').waitFor();
    await page.locator('[data-testid="scorecard-indicator-trend"][data-rendered="true"]').waitFor();
    expect(await page.locator('[data-testid="scorecard-indicators"] tbody tr').count()).toBe(15);
    await page.getByTestId('policy-stage').waitFor();
    const hints = page.getByTestId('policy-hint');
    if ((await hints.count()) > 0)
      expect(await hints.first().locator('cite').count()).toBeGreaterThan(0);
    await page.screenshot({
      path: join(screenshotDir, 'evaluation-scorecard.png'),
      fullPage: true,
    });
  });

  it('enters values in the grid with computed indicators read-only beside them', async () => {
    await page.goto('/evaluation/values');
    const grid = page.getByTestId('values-grid');
    await grid.waitFor();
    expect(await grid.locator('tbody tr').count()).toBe(12);
    expect(await grid.locator('td.cell-computed').count()).toBeGreaterThan(0);
    expect(await grid.locator('td.cell-computed input').count()).toBe(0);
    expect(await grid.locator('[data-synthetic="true"]').count()).toBeGreaterThan(0);
    // A value that is not a number is refused before it is sent.
    const cell = grid.locator('input[data-testid$="-ACC-EXPORTS"]').first();
    await cell.fill('12x');
    await grid.locator('.field-issue').first().waitFor();
    expect(await page.getByTestId('values-save').isDisabled()).toBe(true);
    await cell.fill('4321');
    await page.getByTestId('values-save').click();
    await page.getByTestId('values-saved').waitFor();
    expect(await cell.inputValue()).toBe('4321');

    // A file with bad rows writes nothing; the server names each row and field.
    const file = page.getByTestId('values-import-file');
    await file.setInputFiles({
      name: 'values.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'complex,year,indicator,value\nGumi,2012,ACC-EXPORTS,5100\nGumi,2012,ACC-PRODUCTION,lots\nNowhere,2012,ACC-PRODUCTION,3\n',
      ),
    });
    await page.getByTestId('values-import-error').waitFor();
    const problems = await page.getByTestId('values-import-error-item').allTextContents();
    expect(problems.some((p) => /row 3/.test(p))).toBe(true);
    expect(problems.some((p) => /row 4/.test(p))).toBe(true);
    expect(problems.some((p) => /row 2/.test(p))).toBe(false);
    const gumiExports = grid.locator('tr[data-complex="Gumi"] td[data-col="ACC-EXPORTS"] input');
    expect(await gumiExports.inputValue()).not.toBe('5100');
    await page.screenshot({
      path: join(screenshotDir, 'evaluation-values-import-errors.png'),
      fullPage: true,
    });
    // The good row alone imports.
    await file.setInputFiles({
      name: 'values.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('complex,year,indicator,value\nGumi,2012,ACC-EXPORTS,5100\n'),
    });
    await page.getByTestId('values-import-result').waitFor();
    expect(await page.getByTestId('values-import-result').textContent()).toMatch(
      /^1 rows read, 1 written/,
    );
    await page.waitForFunction(
      () =>
        (
          document.querySelector(
            'tr[data-complex="Gumi"] td[data-col="ACC-EXPORTS"] input',
          ) as HTMLInputElement | null
        )?.value === '5100',
    );
    await page.screenshot({ path: join(screenshotDir, 'evaluation-values.png'), fullPage: true });
  });

  it('checks each framework field as it is typed and saves a new version', async () => {
    await page.goto('/evaluation/frameworks');
    await page.getByTestId('framework-editor').waitFor();
    await page.getByTestId('ind-0-unit').fill('');
    await page.getByTestId('issue-i-0-unit').filter({ hasText: 'must not be empty' }).waitFor();
    await page.getByTestId('ind-1-weight').fill('-2');
    await page.getByTestId('issue-i-1-weight').filter({ hasText: '≥ 0' }).waitFor();
    expect(await page.getByTestId('framework-save').isDisabled()).toBe(true);
    await page.screenshot({
      path: join(screenshotDir, 'evaluation-frameworks-issues.png'),
      fullPage: true,
    });
    await page.getByTestId('ind-0-unit').fill('organisations');
    await page.getByTestId('ind-1-weight').fill('3');
    await page.getByTestId('framework-issue-count').filter({ hasText: 'No problems' }).waitFor();
    await page.getByTestId('framework-save').click();
    await page.locator('[data-testid="framework-list"] tr[data-framework="ICCP-EVAL@2"]').waitFor();
    await page.locator('[data-testid="framework-editor"] h2', { hasText: 'v2' }).waitFor();
  });

  it('speaks Korean on every evaluation page', async () => {
    await page.goto('/evaluation/index');
    await page.getByTestId('index-ranking-table').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.locator('html[lang="ko"]').waitFor();
    await page.locator('h1', { hasText: '종합지수' }).waitFor();
    await page.getByTestId('subnav-evaluation-allocation').click();
    await page.locator('h1', { hasText: '배분 시뮬레이터' }).waitFor();
    await page.locator('[data-testid="allocation-total-0"]', { hasText: '예산' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'evaluation-allocation-ko.png') });
    await page.getByTestId('lang-switch').click();
    await page.locator('html[lang="en"]').waitFor();
  });
});
