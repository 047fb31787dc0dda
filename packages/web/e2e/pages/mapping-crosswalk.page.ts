import type { Page } from 'playwright-core';

/** One link as the editor shows it. */
export interface EditorLink {
  from: string;
  to: string;
  weight: number;
}

/** The crosswalks page at `/mapping/crosswalks` with the link editor of one crosswalk. */
export class CrosswalkEditorPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/mapping/crosswalks');
    await this.page
      .locator('[data-testid="crosswalks-table"], [data-testid="crosswalks-empty"]')
      .waitFor();
  }

  row(name: string) {
    return this.page.locator(`[data-testid="crosswalk-row"][data-name="${name}"]`);
  }

  /** Shows the named crosswalk's links in the editor. */
  async view(name: string, id: number): Promise<void> {
    await this.row(name).getByTestId('crosswalk-view').click();
    await this.page.locator(`[data-testid="crosswalk-detail"][data-id="${id}"]`).waitFor();
    await this.editor.waitFor();
  }

  get editor() {
    return this.page.getByTestId('crosswalk-editor');
  }
  get errors() {
    return this.page.getByTestId('crosswalk-edit-errors');
  }
  get saved() {
    return this.page.getByTestId('crosswalk-edit-saved');
  }
  get unsaved() {
    return this.page.getByTestId('crosswalk-edit-unsaved');
  }

  /** The editor row numbered `n` (1-based, as the table numbers them). */
  link(n: number) {
    return this.page.locator(`[data-testid="crosswalk-link"][data-row="${n}"]`);
  }

  async setLink(n: number, change: Partial<Record<'from' | 'to' | 'weight', string>>) {
    for (const field of ['from', 'to', 'weight'] as const) {
      const value = change[field];
      if (value !== undefined)
        await this.link(n).getByTestId(`crosswalk-link-${field}`).fill(value);
    }
  }

  /** Appends a row and fills it in; the new row is the last one. */
  async addLink(link: { from: string; to: string; weight: string }): Promise<void> {
    const before = await this.page.getByTestId('crosswalk-link').count();
    await this.page.getByTestId('crosswalk-edit-add').click();
    await this.link(before + 1).waitFor();
    await this.setLink(before + 1, link);
  }

  async removeLink(n: number): Promise<void> {
    await this.link(n).getByTestId('crosswalk-link-remove').click();
  }

  /** Saves and waits for the server's answer: the saved notice or the refusal. */
  async save(): Promise<void> {
    await this.page.getByTestId('crosswalk-edit-save').click();
    await this.page
      .locator('[data-testid="crosswalk-edit-saved"], [data-testid="crosswalk-edit-errors"]')
      .first()
      .waitFor();
  }

  async discard(): Promise<void> {
    await this.page.getByTestId('crosswalk-edit-discard').click();
  }

  /** The rows of the editor in table order, read from their inputs. */
  async links(): Promise<EditorLink[]> {
    return this.page.locator('[data-testid="crosswalk-link"]').evaluateAll((rows) =>
      rows.map((r) => {
        const value = (field: string) =>
          r.querySelector<HTMLInputElement>(`[data-testid="crosswalk-link-${field}"]`)?.value ?? '';
        return { from: value('from'), to: value('to'), weight: Number(value('weight')) };
      }),
    );
  }
}
