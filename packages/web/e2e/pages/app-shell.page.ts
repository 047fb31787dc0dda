import type { Page } from 'playwright-core';

/** The header every page shares: navigation and the language switch. */
export class AppShellPage {
  constructor(readonly page: Page) {}

  nav(target: 'overview' | 'complexes' | 'organisations' | 'registry') {
    return this.page.getByTestId(`nav-${target}`);
  }

  get languageSwitch() {
    return this.page.getByTestId('lang-switch');
  }

  async switchLanguage(): Promise<void> {
    await this.languageSwitch.click();
  }

  async htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }
}
