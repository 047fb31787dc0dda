import type { Page } from 'playwright-core';

/** One complex at `/complexes/:id`. */
export class ComplexPage {
  constructor(readonly page: Page) {}

  async open(id: number): Promise<void> {
    await this.page.goto(`/complexes/${id}`);
    await this.name.waitFor();
  }

  get name() {
    return this.page.getByTestId('complex-name');
  }
  get miniClustersTable() {
    return this.page.getByTestId('mini-clusters-table');
  }
  get taskForceTable() {
    return this.page.getByTestId('task-force-table');
  }
  get organisationsLink() {
    return this.page.getByTestId('complex-organisations-link');
  }

  async miniClusterRows(): Promise<number> {
    return this.miniClustersTable.locator('tbody tr[data-mini-cluster]').count();
  }
  async taskForceRows(): Promise<number> {
    return this.taskForceTable.locator('tbody tr').count();
  }
}
