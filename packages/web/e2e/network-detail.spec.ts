import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ActivityDetail,
  NetworkGraphResponse,
  NetworkJob,
  NetworkNodeMeasures,
} from '@innocluster/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';
import { ActivityLogPage, NetworkExplorerPage } from './pages/network.page.ts';
import { AttendanceImportSection, ExplorerNodePanel } from './pages/network-detail.page.ts';

interface OrganisationItem {
  id: number;
  name: string;
  kind: string;
}

/** Swaps two neighbouring letters inside the word "University": a typist's slip. */
function misspell(name: string): string {
  const misspelt = name.replace('University', 'Univeristy');
  if (misspelt === name) throw new Error(`${name} has no "University" to misspell`);
  return misspelt;
}

/** The CSV an organiser might keep: one row per attendee of one activity. */
function sheetOf(title: string, organisations: string[]): string {
  return [
    'activity,date,kind,topic,organisation,person',
    ...organisations.map((o, i) => `${title},2026-11-21,forum,Batteries,"${o}",Person ${i + 1}`),
  ].join('\n');
}

describe('networking: attendance import review and the explorer node panel', () => {
  let harness: Harness;
  let page: Page;

  async function getJson<T>(url: string): Promise<T> {
    const res = await page.request.get(url, { timeout: 180_000 });
    expect(res.status(), url).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage();
    await page.goto('/');
  }, 300_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('reviews an attendance sheet: exact, fuzzy and unknown names, then commits the matches', async () => {
    // Two universities of the demo registry, as the registry spells them.
    const universities = (
      await getJson<{ items: OrganisationItem[] }>(
        '/api/v1/organisations?q=University&kind=university&pageSize=2&sort=name',
      )
    ).items;
    expect(universities).toHaveLength(2);
    const [exact, fuzzy] = universities as [OrganisationItem, OrganisationItem];
    const misspelt = misspell(fuzzy.name);
    const unknown = 'Zebrafish Quantum Bakery Cooperative';
    const title = `E2E imported forum ${Date.now()}`;

    const log = new ActivityLogPage(page);
    await log.open();
    const importer = new AttendanceImportSection(page);
    await importer.upload('attendance.csv', sheetOf(title, [exact.name, misspelt, unknown]));

    // The review: the header is row 1, so the attendees are rows 2, 3 and 4.
    const rows = await importer.reviewRows();
    expect(rows.map((r) => [r.row, r.match, r.asWritten])).toEqual([
      [2, 'exact', `${exact.name} (Person 1)`],
      [3, 'fuzzy', `${misspelt} (Person 2)`],
      [4, 'none', `${unknown} (Person 3)`],
    ]);
    expect(rows[0]!.proposal).toContain(exact.name);
    expect(rows[1]!.proposal).toContain(fuzzy.name);
    expect(rows[2]!.proposal).toBe('unmatched');
    await expect
      .poll(() => importer.review.locator('p').first().textContent())
      .toContain('3 rows, 1 activity · exact 1 · fuzzy 1 · unmatched 1');
    await page
      .locator('section[aria-labelledby="attendance-import-title"]')
      .screenshot({ path: join(screenshotDir, 'network-import-review.png') });

    // The reviewer accepts the fuzzy proposal; the unknown name stays unmatched.
    await importer.decision(3).selectOption('accept');
    expect(await importer.decision(4).inputValue()).toBe('none');
    await importer.commit();
    expect(await page.getByTestId('import-summary').textContent()).toContain('1 activity, 3');

    // The activity now lists both matched organisations, and the unknown name as written.
    await log.open(`q=${encodeURIComponent(title)}`);
    const row = log.table.locator(`tr[data-title="${title}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-col="attendees"]').textContent()).toBe('3');
    const id = Number(await row.getAttribute('data-activity'));
    const detail = await getJson<ActivityDetail>(`/api/v1/activities/${id}`);
    expect(
      detail.attendees
        .map((a) => [a.organisationId, a.match])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [exact.id, 'exact'],
      [fuzzy.id, 'fuzzy'],
      [null, 'none'],
    ]);
    await row.getByTestId('activity-toggle').click();
    const listed = page.getByTestId('activity-attendees').locator('li');
    await listed.nth(2).waitFor();
    const names = await listed.allTextContents();
    expect(names.some((n) => n.startsWith(exact.name))).toBe(true);
    expect(names.some((n) => n.startsWith(fuzzy.name))).toBe(true);
    expect(names.some((n) => n.startsWith(unknown))).toBe(true);
    await page.screenshot({
      path: join(screenshotDir, 'network-import-committed.png'),
      fullPage: true,
    });
  }, 180_000);

  it('refuses a sheet without a date column, naming the column and the header row', async () => {
    const log = new ActivityLogPage(page);
    await log.open();
    const importer = new AttendanceImportSection(page);
    await importer.upload(
      'no-dates.csv',
      ['activity,kind,organisation', 'Forum,forum,Somebody'].join('\n'),
    );
    const errors = importer.errors;
    await errors.waitFor();
    expect(await errors.locator('strong').textContent()).toContain(
      'no-dates.csv: 1 problem in 1 row; nothing was imported',
    );
    const items = await errors.getByTestId('import-errors-item').allTextContents();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/^row 1: heldOn: .*has no heldOn column.*date/);
    expect(await importer.review.count()).toBe(0);
  }, 60_000);

  it('finds an organisation on the explorer and shows its measures with units, as the API gives them', async () => {
    // A small demo network: the complex with the fewest organisations (at least 20).
    const complexes = (await getJson<{ items: { id: number }[] }>('/api/v1/complexes?pageSize=100'))
      .items;
    let chosen = { id: 0, total: Infinity };
    for (const c of complexes) {
      const { total } = await getJson<{ total: number }>(
        `/api/v1/organisations?complexId=${c.id}&pageSize=1`,
      );
      if (total >= 20 && total < chosen.total) chosen = { id: c.id, total };
    }
    const scope = `complex:${chosen.id}`;
    const graph = await getJson<NetworkGraphResponse>(
      `/api/v1/networks/graph?scope=${scope}&outside=false&communities=true`,
    );
    // The best-connected organisation, so that its measures are not all zero.
    const degree = new Array<number>(graph.nodes.length).fill(0);
    for (const [s, t] of graph.edges) {
      degree[s]! += 1;
      degree[t]! += 1;
    }
    const top = degree.indexOf(Math.max(...degree));
    const [id, name] = graph.nodes[top]!;

    const explorer = new NetworkExplorerPage(page);
    await explorer.open(`scope=${scope}`);
    const panel = new ExplorerNodePanel(page);
    // Part of the name, as a user remembers it: everything after "Demo ", in lower case.
    const typed = name.replace(/^Demo /, '').toLowerCase();
    await page.getByTestId('node-search').fill(typed);
    await page.getByTestId('node-search-options').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'network-node-search.png') });
    await panel.find(typed, id);
    expect(await panel.panel.getByTestId('node-name').textContent()).toContain(name);
    expect(new URL(page.url()).searchParams.get('node')).toBe(String(id));

    await panel.computeMeasures();
    const shown = await panel.measures();

    // The same measures from the API, for the same network.
    // A write through the API carries the session's CSRF token, as the web client sends it.
    const csrf = (await page.context().cookies()).find((c) => c.name === 'ic_csrf')?.value ?? '';
    const started = await page.request.post('/api/v1/networks/measures', {
      headers: { 'X-Innocluster-Client': 'web', 'X-CSRF-Token': csrf },
      data: {
        scope,
        outside: false,
        maxAttendees: graph.maxAttendees,
        measures: ['degree', 'strength', 'betweenness', 'closeness', 'eigenvector', 'pagerank'],
      },
    });
    expect(started.status()).toBe(202);
    let job = (await started.json()) as NetworkJob;
    while (job.status !== 'done' && job.status !== 'failed') {
      await page.waitForTimeout(200);
      job = await getJson<NetworkJob>(`/api/v1/networks/jobs/${job.id}`);
    }
    expect(job.status, job.error ?? '').toBe('done');
    const api = job.result!.nodes.find((n) => n.id === id)!;
    expect(api.degree).toBe(degree[top]);

    const units: Record<string, string> = {
      degree: 'partners',
      strength: 'sum of tie weights',
      betweenness: 'share, 0 to 1',
      closeness: 'score, 0 to 1',
      eigenvector: 'score, 0 to 1',
      pagerank: 'share, 0 to 1',
    };
    for (const [measure, unit] of Object.entries(units)) {
      const row = shown.get(measure);
      const value = api[measure as keyof NetworkNodeMeasures] as number;
      expect(row, measure).toBeDefined();
      expect(row!.unit, measure).toBe(unit);
      expect(Number(row!.value), measure).toBe(value);
      // Shown to three significant digits (thousands separators removed).
      const tolerance = value === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - 2);
      expect(Math.abs(Number(row!.shown.replace(/,/g, '')) - value), measure).toBeLessThanOrEqual(
        tolerance,
      );
    }
    expect(api.betweenness!).toBeGreaterThan(0);
    expect(shown.get('degree')!.shown).toBe(String(degree[top]));
    // The side column alone: a full-page shot of the scrolled explorer draws the sticky header
    // over the canvas.
    await page.locator('.network-side').screenshot({
      path: join(screenshotDir, 'network-node-panel.png'),
    });
  }, 300_000);
});
