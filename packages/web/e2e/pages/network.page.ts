import type { Page } from 'playwright-core';

/** What the explorer says it shows (the counts line's data attributes). */
export interface ShownCounts {
  nodes: number;
  edges: number;
  totalNodes: number;
  totalEdges: number;
}

/** The network explorer at `/network/explorer`: controls, filters, counts, sigma canvas. */
export class NetworkExplorerPage {
  constructor(readonly page: Page) {}

  async open(query: string): Promise<void> {
    await this.page.goto(`/network/explorer?${query}`);
    await this.waitForGraph();
  }

  /** Waits until the graph is drawn and ForceAtlas2 has finished its bounded run. */
  async waitForGraph(): Promise<void> {
    await this.page
      .locator('[data-testid="network-canvas"][data-layout="done"]')
      .waitFor({ timeout: 300_000 });
  }

  get canvas() {
    return this.page.getByTestId('network-canvas');
  }

  async counts(): Promise<ShownCounts> {
    const el = this.page.getByTestId('network-counts');
    const read = async (name: string) => Number(await el.getAttribute(`data-${name}`));
    return {
      nodes: await read('nodes'),
      edges: await read('edges'),
      totalNodes: await read('total-nodes'),
      totalEdges: await read('total-edges'),
    };
  }

  /** Waits for the counts line to report `nodes` visible nodes. */
  async waitForNodeCount(nodes: number): Promise<void> {
    await this.page
      .locator(`[data-testid="network-counts"][data-nodes="${nodes}"]`)
      .waitFor({ timeout: 30_000 });
  }

  async toggleKind(kind: string): Promise<void> {
    await this.page.getByTestId(`kind-${kind}`).click();
  }

  /** Types a cap into "largest activity counted" and applies it with Enter. */
  async setMaxAttendees(value: number): Promise<void> {
    const box = this.page.getByTestId('network-max-attendees');
    await box.fill(String(value));
    await box.press('Enter');
  }

  /** Waits for the counts line to report a graph of `nodes` nodes and `edges` edges in all. */
  async waitForTotals(nodes: number, edges: number): Promise<void> {
    await this.page
      .locator(
        `[data-testid="network-counts"][data-total-nodes="${nodes}"][data-total-edges="${edges}"]`,
      )
      .waitFor({ timeout: 120_000 });
    await this.waitForGraph();
  }

  async chooseYears(from: string, to: string): Promise<void> {
    await this.page.getByTestId('network-from').selectOption(from);
    await this.page.getByTestId('network-to').selectOption(to);
    await this.waitForGraph();
  }

  /**
   * Pans and zooms the canvas with the mouse while the page records requestAnimationFrame
   * deltas; returns the frame times in milliseconds.
   */
  async measureFrames(): Promise<number[]> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('The network canvas has no box');
    await this.page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __framesOn: boolean };
      w.__frames = [];
      w.__framesOn = true;
      let last = performance.now();
      const tick = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        if (w.__framesOn) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (let round = 0; round < 3; round++) {
      await this.page.mouse.move(cx, cy);
      await this.page.mouse.down();
      for (let i = 0; i < 20; i++) await this.page.mouse.move(cx + i * 8, cy + i * 4);
      await this.page.mouse.up();
      for (let i = 0; i < 5; i++) {
        await this.page.mouse.wheel(0, -120);
        await this.page.waitForTimeout(30);
      }
      for (let i = 0; i < 5; i++) {
        await this.page.mouse.wheel(0, 120);
        await this.page.waitForTimeout(30);
      }
    }
    return this.page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __framesOn: boolean };
      w.__framesOn = false;
      return w.__frames.slice(1);
    });
  }
}

/** The activity log at `/network/activities`: quick entry with type-ahead, the list. */
export class ActivityLogPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/network/activities${query ? `?${query}` : ''}`);
    await this.page.getByTestId('activities-table').waitFor();
  }

  get table() {
    return this.page.getByTestId('activities-table');
  }

  /** Types part of a name in the attendee box and adds the first suggestion with Enter. */
  async addAttendee(search: string, name: string): Promise<void> {
    const box = this.page.getByTestId('attendee-search');
    await box.fill(search);
    await this.page
      .getByTestId('attendee-options')
      .locator('li[role="option"][aria-selected="true"]', { hasText: name })
      .first()
      .waitFor();
    await box.press('Enter');
    await this.page.getByTestId('attendee-chips').locator(`li[data-attendee="${name}"]`).waitFor();
  }

  async record(activity: { title: string; heldOn: string; kind: string }): Promise<void> {
    const form = this.page.getByTestId('activity-form');
    await form.locator('input[name="title"]').fill(activity.title);
    await form.locator('input[name="heldOn"]').fill(activity.heldOn);
    await form.locator('select[name="kind"]').selectOption(activity.kind);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('activity-submit').click();
    await this.page.getByTestId('activity-saved').waitFor();
  }
}

/** The measures dashboard at `/network/dashboard`. */
export class NetworkDashboardPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/network/dashboard${query ? `?${query}` : ''}`);
    await this.page
      .locator('[data-testid="indicator-activities"][data-rendered="true"]')
      .waitFor({ timeout: 60_000 });
  }

  get activities() {
    return this.page.getByTestId('indicator-activities');
  }
}
