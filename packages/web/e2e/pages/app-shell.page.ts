import type { Page } from 'playwright-core';

/** The header every page shares: navigation and the language switch. */
export class AppShellPage {
  constructor(readonly page: Page) {}

  nav(
    target: 'overview' | 'complexes' | 'organisations' | 'mapping' | 'registry' | 'users' | 'audit',
  ) {
    return this.page.getByTestId(`nav-${target}`);
  }

  /** The test ids of the navigation links shown, in order. */
  async navItems(): Promise<string[]> {
    return this.page
      .locator('nav[aria-label="main"] [data-testid^="nav-"]')
      .evaluateAll((links) => links.map((l) => l.getAttribute('data-testid') ?? ''));
  }

  get userName() {
    return this.page.getByTestId('user-name');
  }

  async signOut(): Promise<void> {
    await this.userName.click();
    await this.page.getByTestId('sign-out').click();
    await this.page.waitForURL(/\/login/);
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
