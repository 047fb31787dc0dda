import type { Page } from 'playwright-core';

/** The generic entity form: inputs named after the contract's fields. */
export class EntityFormPage {
  constructor(readonly page: Page) {}

  field(name: string) {
    return this.page.locator(`form [name="${name}"]`);
  }
  error(name: string) {
    return this.page.getByTestId(`error-${name}`);
  }
  get summary() {
    return this.page.getByTestId('form-errors');
  }
  get submit() {
    return this.page.getByTestId('form-submit');
  }

  async fill(name: string, value: string): Promise<void> {
    await this.field(name).fill(value);
  }
  async select(name: string, value: string): Promise<void> {
    await this.field(name).selectOption(value);
  }
  /** Picks the option of a select by its visible label (reference fields show names). */
  async selectByLabel(name: string, label: string): Promise<void> {
    const select = this.field(name);
    await select.locator('option', { hasText: label }).first().waitFor({ state: 'attached' });
    await select.selectOption({ label });
  }
}
