import type { Page } from 'playwright-core';

/** The edit form of one dataset on `/mapping/datasets`, opened from the dataset's row. */
export class DatasetEditForm {
  constructor(readonly page: Page) {}

  get form() {
    return this.page.getByTestId('dataset-edit-form');
  }
  get saved() {
    return this.page.getByTestId('dataset-saved');
  }
  get summary() {
    return this.form.getByTestId('dataset-edit-errors');
  }

  error(field: 'name' | 'source' | 'licence' | 'description' | 'universe' | 'fillRule') {
    return this.form.getByTestId(`dataset-edit-error-${field}`);
  }

  /** Opens the form from the row of the dataset with this name. */
  async open(name: string): Promise<void> {
    await this.page
      .locator(`[data-testid="dataset-row"][data-name="${name}"]`)
      .getByTestId('dataset-edit')
      .click();
    await this.form.waitFor();
  }

  async fill(change: { name?: string; source?: string; licence?: string }): Promise<void> {
    for (const [field, value] of Object.entries(change))
      await this.form.getByTestId(`dataset-edit-${field}`).fill(value);
  }

  /** Saves and waits for the answer: the form closes, or it shows the server's errors. */
  async save(): Promise<void> {
    await this.form.getByTestId('dataset-edit-save').click();
    await this.page
      .locator('[data-testid="dataset-saved"], [data-testid="dataset-edit-errors"]')
      .first()
      .waitFor();
  }
}
