import type { Page } from 'playwright-core';

/** One row of the attendance review as the table shows it. */
export interface ReviewRow {
  row: number;
  match: string;
  asWritten: string;
  proposal: string;
}

/** The attendance-sheet import on the activity log: upload, review table, commit. */
export class AttendanceImportSection {
  constructor(readonly page: Page) {}

  /** Chooses a CSV file built in the test in the file input (as a user picking a file). */
  async upload(fileName: string, csv: string): Promise<void> {
    await this.page.getByTestId('import-file').setInputFiles({
      name: fileName,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
  }

  get review() {
    return this.page.getByTestId('import-review');
  }

  get errors() {
    return this.page.getByTestId('import-errors');
  }

  /** Waits for the review table and reads its rows. */
  async reviewRows(): Promise<ReviewRow[]> {
    const rows = this.page.getByTestId('import-table').locator('tbody tr');
    await rows.first().waitFor();
    const out: ReviewRow[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const cells = row.locator('td');
      out.push({
        row: Number(await row.getAttribute('data-row')),
        match: (await row.getAttribute('data-match')) ?? '',
        asWritten: ((await cells.nth(3).textContent()) ?? '').trim(),
        proposal: ((await cells.nth(4).textContent()) ?? '').trim(),
      });
    }
    return out;
  }

  /** The decision box of a sheet row: its value and the labels of its options. */
  decision(row: number) {
    return this.page.getByTestId(`decision-${row}`);
  }

  async commit(): Promise<void> {
    await this.page.getByTestId('import-commit').click();
    await this.page.locator('[data-testid="import-review"][data-status="committed"]').waitFor();
  }
}

/** The explorer's organisation search and the node panel it opens. */
export class ExplorerNodePanel {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('node-panel');
  }

  /** Types part of a name in "Find an organisation" and picks the match for node `id` with the keyboard. */
  async find(text: string, id: number): Promise<void> {
    const box = this.page.getByTestId('node-search');
    await box.fill(text);
    const options = this.page.getByTestId('node-search-options').locator('li[role="option"]');
    await options.first().waitFor();
    const ids = await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-node')));
    const at = ids.indexOf(String(id));
    if (at < 0) throw new Error(`"${text}" does not list node ${id} (got ${ids.join(', ')})`);
    for (let i = 0; i < at; i++) await box.press('ArrowDown');
    await box.press('Enter');
    await this.page.locator(`[data-testid="node-panel"][data-node="${id}"]`).waitFor();
  }

  /** Asks for the measures from the panel and waits for its table. */
  async computeMeasures(): Promise<void> {
    await this.panel.getByTestId('node-compute').click();
    await this.panel.getByTestId('node-measures').waitFor({ timeout: 180_000 });
  }

  /** The panel's measure rows: name, raw value (data attribute), shown value and unit. */
  async measures(): Promise<
    Map<string, { label: string; value: string; shown: string; unit: string }>
  > {
    const rows = this.panel.getByTestId('node-measures').locator('tr[data-measure]');
    const out = new Map<string, { label: string; value: string; shown: string; unit: string }>();
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const unit = row.getByTestId('measure-unit');
      out.set((await row.getAttribute('data-measure')) ?? '', {
        label: ((await row.locator('th').textContent()) ?? '').trim(),
        value: (await row.getAttribute('data-value')) ?? '',
        shown: ((await row.locator('td').first().textContent()) ?? '').trim(),
        unit: (await unit.count()) ? ((await unit.textContent()) ?? '').trim() : '',
      });
    }
    return out;
  }
}
