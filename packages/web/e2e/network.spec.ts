import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkGraphResponse, NetworkIndicatorsResponse } from '@innocluster/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCanvas } from './support/canvas-probe.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';
import {
  ActivityLogPage,
  NetworkDashboardPage,
  NetworkExplorerPage,
} from './pages/network.page.ts';

/**
 * What the explorer should show for a graph and a kind filter, counted here from the API's
 * answer: nodes of the kind (any kind when null) that keep at least one tie to another shown node.
 */
function expectedShown(graph: NetworkGraphResponse, kind: string | null) {
  const keep = graph.nodes.map(([, , k]) => kind === null || k === kind);
  const tied = new Set<number>();
  let edges = 0;
  for (const [s, t] of graph.edges) {
    if (keep[s] && keep[t]) {
      tied.add(s);
      tied.add(t);
      edges += 1;
    }
  }
  return { nodes: tied.size, edges };
}

function percentile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] ?? 0) + (h - lo) * ((sorted[hi] ?? 0) - (sorted[lo] ?? 0));
}

describe('networking: explorer, activity log, measures dashboard', () => {
  let harness: Harness;
  let page: Page;
  let scope: string;

  async function apiGraph(query: string): Promise<NetworkGraphResponse> {
    const res = await page.request.get(`/api/v1/networks/graph?${query}`, { timeout: 180_000 });
    expect(res.status()).toBe(200);
    return (await res.json()) as NetworkGraphResponse;
  }

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage();
    // Software WebGL (SwiftShader) draws a large network slowly; the waits allow for it.
    page.setDefaultTimeout(120_000);
    await page.goto('/');
    // The largest demo network of one complex: the complex with the most organisations.
    const complexes = (await (await page.request.get('/api/v1/complexes?pageSize=100')).json()) as {
      items: { id: number }[];
    };
    let best = { id: 0, total: -1 };
    for (const c of complexes.items) {
      const res = await page.request.get(`/api/v1/organisations?complexId=${c.id}&pageSize=1`);
      const total = ((await res.json()) as { total: number }).total;
      if (total > best.total) best = { id: c.id, total };
    }
    scope = `complex:${best.id}`;
  }, 300_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('opens the explorer on the largest demo network and filters by kind and time', async () => {
    const explorer = new NetworkExplorerPage(page);
    await page.goto('/');
    await page.getByTestId('nav-network').click();
    await page.waitForURL(/\/network\/explorer/);
    await explorer.open(`scope=${scope}`);
    const whole = await apiGraph(`scope=${scope}&outside=false&communities=true`);
    const all = await explorer.counts();
    expect(all.totalNodes).toBe(whole.nodes.length);
    expect(all.totalEdges).toBe(whole.edges.length);
    expect(all).toMatchObject(expectedShown(whole, null));
    expect((await probeCanvas(explorer.canvas)).width).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'network-explorer.png'), fullPage: true });

    await explorer.toggleKind('company');
    const companies = expectedShown(whole, 'company');
    await explorer.waitForNodeCount(companies.nodes);
    expect(await explorer.counts()).toMatchObject(companies);
    expect(companies.nodes).toBeLessThan(all.nodes);

    await explorer.chooseYears('2008', '2008');
    const year = await apiGraph(
      `scope=${scope}&outside=false&communities=true&from=2008-01-01&to=2008-12-31`,
    );
    const yearCompanies = expectedShown(year, 'company');
    await explorer.waitForNodeCount(yearCompanies.nodes);
    expect(await explorer.counts()).toMatchObject(yearCompanies);
    expect(yearCompanies.edges).toBeLessThan(companies.edges);
    await page.screenshot({
      path: join(screenshotDir, 'network-explorer-filtered.png'),
      fullPage: true,
    });

    // A smaller cap on activity size: the page asks for it and keeps it in the address.
    await explorer.setMaxAttendees(5);
    const capped = await apiGraph(
      `scope=${scope}&outside=false&communities=true&from=2008-01-01&to=2008-12-31&maxAttendees=5`,
    );
    expect(capped.maxAttendees).toBe(5);
    await explorer.waitForTotals(capped.nodes.length, capped.edges.length);
    expect(await explorer.counts()).toMatchObject(expectedShown(capped, 'company'));
    expect(capped.edges.length).toBeLessThanOrEqual(year.edges.length);
    expect(new URL(page.url()).searchParams.get('maxAttendees')).toBe('5');

    await explorer.open(`scope=${scope}`);
    const frames = (await explorer.measureFrames()).sort((a, b) => a - b);
    expect(frames.length).toBeGreaterThan(10);
    console.log(
      `network explorer, ${whole.nodes.length} nodes / ${whole.edges.length} edges: ` +
        `${frames.length} frames while panning and zooming, median ${percentile(frames, 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(frames, 0.95).toFixed(1)} ms`,
    );
  }, 600_000);

  it('records an activity with two attendees and lists it', async () => {
    const orgs = (
      (await (
        await page.request.get('/api/v1/organisations?q=Gumi&pageSize=2&sort=name')
      ).json()) as {
        items: { id: number; name: string }[];
      }
    ).items;
    expect(orgs.length).toBe(2);
    const log = new ActivityLogPage(page);
    await log.open();
    const title = `E2E networking seminar ${Date.now()}`;
    await log.record({ title, heldOn: '2026-11-20', kind: 'seminar' });
    for (const o of orgs) await log.addAttendee(o.name, o.name);
    await page.screenshot({
      path: join(screenshotDir, 'network-activity-entry.png'),
      fullPage: true,
    });
    await log.submit();
    const row = log.table.locator(`tr[data-title="${title}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-col="attendees"]').textContent()).toBe('2');
    const id = Number(await row.getAttribute('data-activity'));
    const detail = (await (await page.request.get(`/api/v1/activities/${id}`)).json()) as {
      attendees: { organisationId: number | null }[];
    };
    expect(detail.attendees.map((a) => a.organisationId).sort()).toEqual(
      orgs.map((o) => o.id).sort(),
    );
    await row.getByTestId('activity-toggle').click();
    await page.getByTestId('activity-attendees').locator('li').nth(1).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'network-activities.png'), fullPage: true });
  }, 120_000);

  it('shows the activities-per-year series on the dashboard', async () => {
    const programmes = (await (await page.request.get('/api/v1/programmes')).json()) as {
      items: { id: number }[];
    };
    const programmeId = programmes.items[0]!.id;
    const ind = (await (
      await page.request.get(`/api/v1/networks/indicators?programmeId=${programmeId}`)
    ).json()) as NetworkIndicatorsResponse;
    const dashboard = new NetworkDashboardPage(page);
    await dashboard.open(`scope=${scope}`);
    expect(Number(await dashboard.activities.getAttribute('data-year-count'))).toBe(
      ind.activitiesPerYear.length,
    );
    expect((await probeCanvas(dashboard.activities)).inkShare).toBeGreaterThan(0.01);
    await page
      .locator('[data-testid="dashboard-yearly"]')
      .waitFor({ timeout: 240_000 })
      .catch(() => undefined);
    await page.screenshot({ path: join(screenshotDir, 'network-dashboard.png'), fullPage: true });
  }, 300_000);

  it('reads in Korean', async () => {
    await page.evaluate(() => window.localStorage.setItem('innocluster.language', 'ko'));
    await new NetworkExplorerPage(page).open(`scope=${scope}`);
    expect(await page.locator('h1').textContent()).toBe('네트워크 탐색기');
    await page.screenshot({ path: join(screenshotDir, 'network-explorer-ko.png'), fullPage: true });
    await new ActivityLogPage(page).open();
    await page.screenshot({
      path: join(screenshotDir, 'network-activities-ko.png'),
      fullPage: true,
    });
    await new NetworkDashboardPage(page).open(`scope=${scope}`);
    await page.screenshot({
      path: join(screenshotDir, 'network-dashboard-ko.png'),
      fullPage: true,
    });
    await page.evaluate(() => window.localStorage.setItem('innocluster.language', 'en'));
  }, 300_000);
});
