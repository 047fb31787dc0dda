import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell.page.ts';
import { ComplexPage } from './pages/complex.page.ts';
import { OverviewPage } from './pages/overview.page.ts';
import { findColour } from './support/canvas-probe.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

/**
 * OECD (2007), Korea chapter, Table 14.6: participants on 21 April 2006 (organisations), typed
 * in from the document: companies, universities, research institutes, support institutions, total.
 */
const table146: Record<string, number[]> = {
  Changwon: [391, 57, 33, 23, 504],
  Gumi: [405, 134, 13, 35, 587],
  Ulsan: [157, 14, 16, 6, 193],
  'Banwol-Sihwa': [582, 101, 44, 59, 786],
  Gwangju: [154, 18, 13, 7, 192],
  Gunsan: [52, 9, 1, 6, 68],
  Wonju: [118, 152, 1, 31, 302],
};
const table146Totals = [1859, 485, 121, 167, 2632];

// Colours the app paints with: province fill #dfe8f1, complex markers #d9480f.
const provinceFill: [number, number, number] = [223, 232, 241];
const markerColour: [number, number, number] = [217, 72, 15];

describe('programme overview', () => {
  let harness: Harness;
  let page: Page;
  let overview: OverviewPage;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    overview = new OverviewPage(page);
    await overview.open();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('draws the province map with the twelve complexes as markers', async () => {
    const map = await overview.probe('map', provinceFill);
    expect(map.width).toBeGreaterThan(300);
    expect(map.height).toBeGreaterThan(300);
    // The provinces cover a good part of the canvas when they are filled.
    expect(map.matching / (map.width * map.height)).toBeGreaterThan(0.05);
    expect(await overview.markerCount()).toBe(12);
    const markers = await overview.probe('map', markerColour);
    expect(markers.matching).toBeGreaterThan(12 * 20);
    await expect(overview.attribution.textContent()).resolves.toContain(
      'Administrative boundaries: Statistics Korea (KOSTAT) SGIS, 2018, KOGL Type 1; via southkorea/southkorea-maps; simplified.',
    );
  });

  it('draws the participants and budget charts', async () => {
    for (const chart of ['participants', 'budget'] as const) {
      const probe = await overview.probe(chart);
      expect(probe.width).toBeGreaterThan(300);
      expect(probe.height).toBeGreaterThan(200);
      expect(probe.inkShare).toBeGreaterThan(0.02);
    }
  });

  it('shows the participants table equal to OECD Table 14.6, with its unit and source', async () => {
    const counts = await overview.participantCounts();
    for (const [complex, expected] of Object.entries(table146)) {
      expect(counts[complex], complex).toEqual(expected);
    }
    expect(counts.__total).toEqual(table146Totals);
    const text = await overview.participantsTable.textContent();
    expect(text).toContain('organisations');
    expect(text).toContain('OECD (2007) Table 14.6, 21 April 2006');
    // Every published figure matches, so each reference cell shows a check mark.
    expect(await overview.participantsTable.locator('td.ref-mismatch').count()).toBe(0);
    expect(await overview.participantsTable.locator('td.ref-match').count()).toBe(8 * 5);
  });

  it('says the organisation counts are synthetic', async () => {
    const kpi = await overview.organisationsKpi.textContent();
    expect(kpi).toContain('2,632');
    expect(kpi).toMatch(/synthetic/i);
    expect(kpi).toContain('100%');
  });

  it('shows the budget with the 2008 allotment missing, not zero', async () => {
    const row2008 = page.locator('[data-testid="budget-years-table"] tr[data-year="2008"]');
    await expect(row2008.textContent()).resolves.toContain('not published');
    await expect(page.getByTestId('budget-items-total').textContent()).resolves.toBe('29,702');
  });

  it('saves screenshots of the overview and a complex page', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'overview.png'), fullPage: true });
    await page
      .getByTestId('overview-map')
      .screenshot({ path: join(screenshotDir, 'overview-map.png') });
    const complex = new ComplexPage(page);
    await complex.open(1);
    await complex.miniClustersTable.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'complex.png'), fullPage: true });
    // The layout must hold on a wide screen too.
    const wide = await harness.newPage({ width: 1920, height: 1080 });
    await new OverviewPage(wide).open();
    await wide.screenshot({ path: join(screenshotDir, 'overview-1920.png') });
    await wide.close();
  });

  it('opens a complex page from its marker on the map', async () => {
    await overview.open();
    const point = await findColour(overview.map, markerColour);
    expect(point).not.toBeNull();
    await overview.map
      .locator('canvas')
      .first()
      .click({ position: point ?? { x: 0, y: 0 } });
    await page.waitForURL(/\/complexes\/\d+$/);
    await page.getByTestId('complex-name').waitFor();
  });

  it('switches to Korean, keeps the choice after a reload, and switches back', async () => {
    const shell = new AppShellPage(page);
    await overview.open();
    await shell.switchLanguage();
    await expect(shell.nav('overview').textContent()).resolves.toBe('개요');
    await expect(shell.htmlLang()).resolves.toBe('ko');
    await expect(page.getByText('사업 참여 산업단지').count()).resolves.toBeGreaterThan(0);
    // The licence wants the attribution as written, so the English text stays.
    await expect(overview.attribution.textContent()).resolves.toContain(
      'Statistics Korea (KOSTAT) SGIS',
    );
    await page.reload();
    await overview.open();
    await expect(shell.nav('complexes').textContent()).resolves.toBe('산업단지');
    await page.screenshot({ path: join(screenshotDir, 'overview-ko.png') });
    await shell.switchLanguage();
    await expect(shell.nav('overview').textContent()).resolves.toBe('Overview');
  });
});
