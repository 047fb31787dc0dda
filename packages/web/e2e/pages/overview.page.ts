import type { Page } from 'playwright-core';
import { probeCanvas } from '../support/canvas-probe.ts';

export const participantCols = [
  'companies',
  'universities',
  'researchInstitutes',
  'supportInstitutions',
  'total',
] as const;

/** The programme overview at `/`: KPIs, the map, the participants and budget panels. */
export class OverviewPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.locator('[data-testid="overview-map"][data-rendered="true"]').waitFor();
    await this.page.locator('[data-testid="participants-chart"][data-rendered="true"]').waitFor();
    await this.page.locator('[data-testid="budget-chart"][data-rendered="true"]').waitFor();
  }

  get map() {
    return this.page.getByTestId('overview-map');
  }
  get participantsChart() {
    return this.page.getByTestId('participants-chart');
  }
  get budgetChart() {
    return this.page.getByTestId('budget-chart');
  }
  get participantsTable() {
    return this.page.getByTestId('participants-table');
  }
  get organisationsKpi() {
    return this.page.getByTestId('kpi-organisations');
  }
  get attribution() {
    return this.page.getByTestId('map-attribution');
  }

  probe(chart: 'map' | 'participants' | 'budget', rgb?: [number, number, number]) {
    const container =
      chart === 'map'
        ? this.map
        : chart === 'participants'
          ? this.participantsChart
          : this.budgetChart;
    return probeCanvas(container, rgb);
  }

  async markerCount(): Promise<number> {
    return Number(await this.map.getAttribute('data-marker-count'));
  }

  /** The table's counts by complex name (`__total` for the totals row), in column order. */
  async participantCounts(): Promise<Record<string, number[]>> {
    return this.participantsTable.evaluate(
      (table, cols) => {
        const result: Record<string, number[]> = {};
        for (const row of table.querySelectorAll('tr[data-complex]')) {
          const name = row.getAttribute('data-complex') ?? '';
          result[name] = cols.map((c) =>
            Number(row.querySelector(`td[data-col="${c}"]`)?.textContent?.trim()),
          );
        }
        return result;
      },
      [...participantCols],
    );
  }
}
