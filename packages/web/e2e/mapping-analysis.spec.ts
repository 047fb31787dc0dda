import { parse } from 'csv-parse/sync';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingAnalysisPage, MappingPage } from './pages/mapping.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

interface MeasureRow {
  regionCode: string;
  unitCode: string;
  value: number;
  lq: number | null;
  shareOfRegion: number | null;
  nationValue: number | null;
  nationTotal: number | null;
}

describe('mapping analysis: shift-share, specialisation, relatedness', () => {
  let harness: Harness;
  let page: Page;
  let datasetId: number;

  /** The region x unit table of one year from the measures API: the second method here. */
  async function measures(query: string): Promise<MeasureRow[]> {
    const res = await page.request.get(
      `/api/v1/mapping/measures?dataset=${datasetId}&measure=employment&${query}`,
    );
    expect(res.status()).toBe(200);
    return ((await res.json()) as { rows: MeasureRow[] }).rows;
  }

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage();
    await page.goto('/');
    const res = await page.request.get('/api/v1/mapping/datasets');
    datasetId = ((await res.json()) as { id: number }[])[0]!.id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('is reached from the mapping page', async () => {
    await new MappingPage(page).open();
    await page.getByTestId('nav-analysis').click();
    await page.waitForURL(/\/mapping\/analysis/);
    await page.locator('[data-testid="shift-share-chart"][data-rendered="true"]').waitFor();
  });

  it('splits a region’s change into national growth, industry mix and regional shift', async () => {
    const analysis = new MappingAnalysisPage(page);
    await analysis.open('shift-share', 'region=KR-47&year=2020&base=2011');
    expect((await analysis.probe('shift-share')).inkShare).toBeGreaterThan(0.02);
    const rows = await analysis.tableValues('shift-share-table', 'data-unit');
    expect(rows.length).toBe(2);
    const national = Number(
      await page.getByTestId('shift-share-national-rate').getAttribute('data-value'),
    );
    // Independently from the measures table of both years: G = E(2020) / E(2011) - 1 and
    // g_i = E_i(2020) / E_i(2011) - 1 over the nation, e_i the region's values.
    const [now, then] = [await measures('year=2020'), await measures('year=2011')];
    const pick = (table: MeasureRow[], unit: string) =>
      table.find((r) => r.regionCode === 'KR-47' && r.unitCode === unit)!;
    const anyNow = now[0]!;
    const anyThen = then.find((r) => r.unitCode === anyNow.unitCode)!;
    const G = anyNow.nationTotal! / anyThen.nationTotal! - 1;
    expect(national).toBeCloseTo(G, 9);
    for (const { id, values } of rows) {
      const e1 = pick(now, id);
      const e0 = pick(then, id);
      const g = e1.nationValue! / e0.nationValue! - 1;
      expect(values.baseValue).toBe(e0.value);
      expect(values.value).toBe(e1.value);
      expect(values.totalChange).toBeCloseTo(e1.value - e0.value, 6);
      expect(values.nationalGrowth).toBeCloseTo(e0.value * G, 6);
      expect(values.industryMix).toBeCloseTo(e0.value * (g - G), 6);
      expect(values.nationalGrowth! + values.industryMix! + values.regionalShift!).toBeCloseTo(
        values.totalChange!,
        6,
      );
    }
    await page.waitForTimeout(800);
    await page.screenshot({
      path: join(screenshotDir, 'analysis-shift-share.png'),
      fullPage: true,
    });

    const csv = await analysis.downloadCsv();
    expect(csv.fileName).toMatch(/^innocluster-shift-share-.*KR-47-2011-2020\.csv$/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('national_growth,industry_mix,regional_shift');
    expect(lines).toHaveLength(1 + rows.length);
  });

  it('gives each region’s Krugman, Hoover and Herfindahl indices', async () => {
    const analysis = new MappingAnalysisPage(page);
    await analysis.open('specialisation', 'year=2020&unit=industry');
    expect((await analysis.probe('specialisation')).inkShare).toBeGreaterThan(0.02);
    const rows = await analysis.tableValues('specialisation-table', 'data-region');
    expect(rows).toHaveLength(17);
    const table = await measures('year=2020&unit=industry');
    for (const { id, values } of rows) {
      const own = table.filter((r) => r.regionCode === id);
      expect(own.length).toBeGreaterThan(1);
      // Krugman = Σ |s_ri − s_i| with s_i the nation's share of the industry.
      const krugman = own.reduce(
        (s, r) => s + Math.abs(r.shareOfRegion! - r.nationValue! / r.nationTotal!),
        0,
      );
      const herfindahl = own.reduce((s, r) => s + r.shareOfRegion! ** 2, 0);
      const n = own.length;
      expect(values.krugman).toBeCloseTo(krugman, 9);
      expect(values.hoover).toBeCloseTo(krugman / 2, 9);
      expect(values.herfindahl).toBeCloseTo(herfindahl, 9);
      expect(values.herfindahlNormalised).toBeCloseTo((herfindahl - 1 / n) / (1 - 1 / n), 9);
    }
    // The demo has synthetic plants of 2020: each division's γ from the G and H shown and Σx_r²
    // of the provinces' totals (Ellison & Glaeser 1997, eq. 5).
    const totals = new Map<string, number>();
    for (const r of table) totals.set(r.regionCode, (totals.get(r.regionCode) ?? 0) + r.value);
    const all = [...totals.values()].reduce((a, b) => a + b, 0);
    const oneMinusSx2 = 1 - [...totals.values()].reduce((a, v) => a + (v / all) ** 2, 0);
    const units = await analysis.tableValues('localisation-table', 'data-unit');
    expect(units.length).toBeGreaterThan(1);
    for (const { values } of units) {
      const { ellisonGlaeser: gamma, egRawConcentration: g, egPlantHerfindahl: h } = values;
      expect(values.egPlants).toBeGreaterThan(1);
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThan(1);
      expect(gamma).toBeCloseTo((g! - oneMinusSx2 * h!) / (oneMinusSx2 * (1 - h!)), 9);
    }
    await page.getByTestId('specialisation-index').selectOption('hoover');
    await page
      .locator('[data-testid="specialisation-chart"][data-index="hoover"][data-rendered="true"]')
      .waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({
      path: join(screenshotDir, 'analysis-specialisation.png'),
      fullPage: true,
    });
    const csv = await analysis.downloadCsv();
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('krugman,hoover,herfindahl,herfindahl_normalised');
    expect(lines).toHaveLength(18);
    // The units table too: every division's γ, G, H and plant count as the table shows them.
    const unitsCsv = await analysis.downloadCsv('analysis-units-csv');
    const [head, ...body] = parse(unitsCsv.text.replace(/^\uFEFF/, '')) as string[][];
    expect(head!.slice(0, 8)).toEqual([
      'unit_code',
      'unit',
      'year',
      'hoover_localisation',
      'ellison_glaeser_gamma',
      'eg_raw_concentration_G',
      'eg_plant_herfindahl_H',
      'eg_plants',
    ]);
    expect(body).toHaveLength(units.length);
    const byCode = new Map(units.map((u) => [u.id, u.values]));
    for (const cells of body) {
      const shown = byCode.get(cells[0]!)!;
      expect(Number(cells[4])).toBeCloseTo(shown.ellisonGlaeser!, 9);
      expect(Number(cells[7])).toBe(shown.egPlants);
    }
  });

  it('draws the relatedness heatmap and lists the most related pairs', async () => {
    const analysis = new MappingAnalysisPage(page);
    await analysis.open('relatedness', 'year=2020&unit=industry');
    expect((await analysis.probe('relatedness')).inkShare).toBeGreaterThan(0.05);
    const pairs = await page.getByTestId('relatedness-pairs').evaluate((table) =>
      [...table.querySelectorAll('tbody tr[data-pair]')].map((r) => ({
        pair: r.getAttribute('data-pair') ?? '',
        proximity: Number(r.querySelector('td[data-col="proximity"]')?.getAttribute('data-value')),
      })),
    );
    expect(pairs.length).toBeGreaterThan(3);
    // Proximity from the LQs: regions specialised (LQ ≥ 1) in both over the larger count.
    const table = await measures('year=2020&unit=industry');
    const specialised = (unit: string) =>
      new Set(
        table.filter((r) => r.unitCode === unit && (r.lq ?? 0) >= 1).map((r) => r.regionCode),
      );
    for (const { pair, proximity } of pairs) {
      const [a, b] = pair.split('|') as [string, string];
      const sa = specialised(a);
      const sb = specialised(b);
      const both = [...sa].filter((r) => sb.has(r)).length;
      const larger = Math.max(sa.size, sb.size);
      expect(proximity).toBeCloseTo(larger === 0 ? 0 : both / larger, 9);
    }
    expect(pairs.map((p) => p.proximity)).toEqual(
      [...pairs.map((p) => p.proximity)].sort((x, y) => y - x),
    );
    await page.waitForTimeout(800);
    await page.screenshot({
      path: join(screenshotDir, 'analysis-relatedness.png'),
      fullPage: true,
    });
    const csv = await analysis.downloadCsv();
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'unit_a,unit_b,proximity,specialised_regions_a,specialised_regions_b,lq_threshold,year',
    );
    expect(lines.length).toBeGreaterThanOrEqual(1 + pairs.length);
  });

  it('shows the analysis in Korean', async () => {
    const analysis = new MappingAnalysisPage(page);
    await analysis.open('shift-share', 'region=KR-47');
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('analysis-tab-shift-share').textContent()).resolves.toBe(
      '변이할당',
    );
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(screenshotDir, 'analysis-ko.png'), fullPage: true });
    await analysis.open('specialisation');
    await page.waitForTimeout(800);
    await page.screenshot({
      path: join(screenshotDir, 'analysis-specialisation-ko.png'),
      fullPage: true,
    });
    await page.getByTestId('lang-switch').click();
  });
});
