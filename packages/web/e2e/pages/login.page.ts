import type { Page } from 'playwright-core';

/** The sign-in page at `/login` and the change-password page. */
export class LoginPage {
  constructor(readonly page: Page) {}

  async open(next?: string): Promise<void> {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
    await this.email.waitFor();
  }

  get email() {
    return this.page.getByTestId('login-email');
  }
  get password() {
    return this.page.getByTestId('login-password');
  }
  get submit() {
    return this.page.getByTestId('login-submit');
  }
  get error() {
    return this.page.getByTestId('login-error');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Fills the change-password form (current, new, repeat) and submits it. */
  async changePassword(current: string, next: string, repeat = next): Promise<void> {
    await this.page.locator('[data-testid="password-form"] [name="currentPassword"]').fill(current);
    await this.page.locator('[data-testid="password-form"] [name="newPassword"]').fill(next);
    await this.page.locator('[data-testid="password-form"] [name="repeatPassword"]').fill(repeat);
    await this.page.getByTestId('password-submit').click();
  }
}
