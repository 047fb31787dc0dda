import type { Page } from 'playwright-core';

/** The cluster definitions page at `/mapping/clusters`: list, form, version history. */
export class ClustersAdminPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/mapping/clusters');
    await this.page
      .locator('[data-testid="clusters-table"], [data-testid="clusters-empty"]')
      .waitFor();
  }

  row(name: string) {
    return this.page.locator(`[data-testid="cluster-row"][data-name="${name}"]`);
  }
  get newButton() {
    return this.page.getByTestId('cluster-new');
  }
  get saved() {
    return this.page.getByTestId('cluster-saved');
  }
  get history() {
    return this.page.getByTestId('cluster-history');
  }

  /** Fills the open form: name, kind and the industries to tick or untick by code. */
  async fill(options: { name?: string; kind?: 'traded' | 'local'; toggle?: string[] }) {
    const form = this.page.getByTestId('cluster-form');
    await form.waitFor();
    if (options.name !== undefined) await form.getByTestId('cluster-name').fill(options.name);
    if (options.kind) await form.getByTestId('cluster-kind').selectOption(options.kind);
    for (const code of options.toggle ?? [])
      await form.getByTestId(`cluster-industry-${code}`).click();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('cluster-save').click();
    await this.page.getByTestId('cluster-form').waitFor({ state: 'detached' });
  }

  async create(name: string, kind: 'traded' | 'local', codes: string[]): Promise<void> {
    await this.newButton.click();
    await this.fill({ name, kind, toggle: codes });
    await this.save();
  }

  async edit(name: string, change: { kind?: 'traded' | 'local'; toggle?: string[] }) {
    await this.row(name).getByTestId('cluster-edit').click();
    await this.fill(change);
    await this.save();
  }

  /** The versions the history table lists, newest first. */
  async historyVersions(): Promise<number[]> {
    return this.history
      .locator('[data-testid="cluster-version"]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-version'))));
  }
}

/** The datasets page at `/mapping/datasets`: list, new dataset, import of a file. */
export class DatasetsAdminPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/mapping/datasets');
    await this.page
      .locator('[data-testid="datasets-table"], [data-testid="datasets-empty"]')
      .waitFor();
  }

  row(name: string) {
    return this.page.locator(`[data-testid="dataset-row"][data-name="${name}"]`);
  }
  get importErrors() {
    return this.page.getByTestId('import-errors');
  }
  get importDone() {
    return this.page.getByTestId('import-done');
  }

  async create(name: string, fillRule: 'zero' | 'band_midpoint' | 'parent_share'): Promise<void> {
    await this.page.getByTestId('dataset-name').fill(name);
    await this.page.getByTestId('dataset-fill-rule').selectOption(fillRule);
    await this.page.getByTestId('dataset-create').click();
    await this.row(name).waitFor();
  }

  /** Uploads CSV text as a file into the named dataset and waits for the answer. */
  async importCsv(dataset: string, fileName: string, text: string): Promise<void> {
    await this.row(dataset).getByTestId('dataset-import').click();
    await this.page.getByTestId('import-file').setInputFiles({
      name: fileName,
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    await this.page.getByTestId('import-submit').click();
    await this.page
      .locator('[data-testid="import-errors"], [data-testid="import-done"]')
      .first()
      .waitFor();
  }

  async count(dataset: string, column: 'values' | 'suppressed' | 'filled'): Promise<number> {
    const text = await this.row(dataset).getByTestId(`dataset-${column}`).textContent();
    return Number((text ?? '').replace(/[^\d]/g, ''));
  }
}

/** The strategic industries page at `/mapping/strategic-industries`: scope, list, editor. */
export class StrategicIndustriesAdminPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/mapping/strategic-industries');
    await this.loaded();
  }

  /** Waits for the declarations of the current scope (a table or the empty note). */
  async loaded(): Promise<void> {
    await this.page
      .locator('[data-testid="strategic-table"], [data-testid="strategic-empty"]')
      .waitFor();
  }

  get intro() {
    return this.page.getByTestId('strategic-intro');
  }
  get saved() {
    return this.page.getByTestId('strategic-saved');
  }

  /** Chooses the scope by the province's name as listed ('national' for the nation). */
  async chooseRegion(name: string): Promise<void> {
    const select = this.page.getByTestId('strategic-region');
    await select.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
    if (name === 'national') await select.selectOption('national');
    else await select.selectOption({ label: name });
    // The list of the previous scope stays until the new one has loaded.
    const region = await select.inputValue();
    await this.page
      .locator(
        `[data-testid="strategic-table"][data-region="${region}"], [data-testid="strategic-empty"][data-region="${region}"]`,
      )
      .waitFor();
  }

  /** The industry codes declared for the scope, in table order. */
  async codes(): Promise<string[]> {
    return this.page
      .locator('[data-testid="strategic-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
  }

  /** Opens the editor, ticks or unticks industries by code, runs `beforeSave`, saves. */
  async toggleAndSave(codes: string[], beforeSave?: () => Promise<unknown>): Promise<void> {
    await this.page.getByTestId('strategic-edit').click();
    const form = this.page.getByTestId('strategic-form');
    for (const code of codes) {
      await form.getByTestId('strategic-industry-filter').fill(code);
      await form.getByTestId(`strategic-industry-${code}`).click();
    }
    await beforeSave?.();
    await form.getByTestId('strategic-save').click();
    await form.waitFor({ state: 'detached' });
    await this.saved.waitFor();
  }
}
