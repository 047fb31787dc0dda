import type { Page } from 'playwright-core';

/** The organisation directory at `/organisations`. */
export class OrganisationsPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/organisations${query}`);
    await this.table.waitFor();
  }

  get table() {
    return this.page.getByTestId('org-table');
  }
  get search() {
    return this.page.getByTestId('org-search');
  }
  get newButton() {
    return this.page.getByTestId('org-new');
  }

  async total(): Promise<number> {
    return Number(await this.page.getByTestId('total-count').getAttribute('data-total'));
  }

  /** Types a search and waits until the table shows the result for it. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.page.waitForURL((url) => url.searchParams.get('q') === text);
    await this.page.locator('.table-wrap:not(.is-fetching) [data-testid="org-table"]').waitFor();
    // The previous page stays on screen until the new one arrives: wait for the new rows.
    await this.page.waitForFunction(
      (t) =>
        [...document.querySelectorAll('[data-testid="org-table"] tbody tr[data-name]')].every((r) =>
          (r.getAttribute('data-name') ?? '').includes(t),
        ),
      text,
    );
  }

  async rowNames(): Promise<string[]> {
    return this.table
      .locator('tbody tr[data-name]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
  }
}
