import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell.page.ts';
import { EntityFormPage } from './pages/entity-form.page.ts';
import { LoginPage } from './pages/login.page.ts';
import { OrganisationsPage } from './pages/organisations.page.ts';
import {
  screenshotDir,
  signIn,
  startHarness,
  testPassword,
  type Harness,
} from './support/e2e-harness.ts';

/** Another Gumi organisation than the member's own. */
async function otherOrganisationId(harness: Harness): Promise<number> {
  const row = await harness.server.database.db
    .selectFrom('organisation')
    .select('id')
    .where('id', '!=', harness.users.member.organisationId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('accounts and access control', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('sends a signed-out visitor to the sign-in page and back to the page asked for', async () => {
    const page = await harness.newPage({ as: null });
    await page.goto('/organisations?q=Gumi');
    await page.waitForURL(/\/login\?next=/);
    const login = new LoginPage(page);
    await login.email.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'login.png') });
    await signIn(page, harness.users.admin);
    await page.waitForURL((url) => url.pathname === '/organisations');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Gumi');
  });

  it('shows the server’s reason for a wrong password', async () => {
    const page = await harness.newPage({ as: null });
    const login = new LoginPage(page);
    await login.open();
    await login.signIn(harness.users.admin.email, 'not the right password');
    await login.error.waitFor();
    expect(await login.error.textContent()).toMatch(/Sign-in failed\..*wrong email or password/i);
    expect(page.url()).toMatch(/\/login/);
    await page.screenshot({ path: join(screenshotDir, 'login-error.png') });
  });

  it('locks an account after five wrong passwords until an administrator unlocks it', async () => {
    const { spare, admin } = harness.users;
    const page = await harness.newPage({ as: null });
    const login = new LoginPage(page);
    await login.open();
    for (let i = 1; i <= 5; i++) {
      await login.signIn(spare.email, `wrong password number ${i}`);
      await login.error.filter({ hasText: i === 5 ? /now locked/ : /Sign-in failed/ }).waitFor();
    }
    await login.signIn(spare.email, spare.password);
    await login.error
      .filter({ hasText: /This account is locked\..*administrator can unlock/ })
      .waitFor();

    const adminPage = await harness.newPage({ as: admin });
    await adminPage.goto('/admin/users?q=e2e-spare');
    const row = adminPage.locator(
      '[data-testid="users-table"] tr[data-email="e2e-spare@innocluster.local"]',
    );
    await row.locator('.badge', { hasText: 'locked' }).waitFor();
    await row.click();
    await adminPage.getByTestId('user-unlock').click();
    await row.locator('.badge', { hasText: 'locked' }).waitFor({ state: 'detached' });

    await signIn(page, spare);
  });

  it('gives an administrator the Users and Audit menus and the create buttons', async () => {
    const page = await harness.newPage({ as: null });
    await signIn(page, harness.users.admin);
    const shell = new AppShellPage(page);
    expect(await shell.navItems()).toEqual([
      'nav-overview',
      'nav-complexes',
      'nav-organisations',
      'nav-mapping',
      'nav-network',
      'nav-intake',
      'nav-evaluation',
      'nav-review',
      'nav-projects',
      'nav-overlaps',
      'nav-registry',
      'nav-users',
      'nav-audit',
      'nav-api-docs',
    ]);
    const directory = new OrganisationsPage(page);
    await directory.open();
    expect(await directory.newButton.isVisible()).toBe(true);
    await page.goto('/registry/budget-years');
    await page.getByTestId('registry-new').waitFor();

    // Users page: create a task force user with a complex scope; its one-time password shows once.
    await shell.nav('users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-new').click();
    const form = page.getByTestId('user-form');
    await form.locator('[name="email"]').fill('e2e-taskforce@innocluster.local');
    await form.locator('[name="name"]').fill('Test Task Force');
    await form.locator('[name="role"]').selectOption('task_force');
    const scope = form.locator('[name="complexId"]');
    await scope.locator('option', { hasText: 'Gumi' }).first().waitFor({ state: 'attached' });
    await scope.selectOption({ label: 'Gumi' });
    await page.getByTestId('user-create').click();
    await page.getByTestId('one-time-password').waitFor();
    expect((await page.getByTestId('one-time-password').textContent())?.length).toBeGreaterThan(10);
    const row = page.locator(
      '[data-testid="users-table"] tr[data-email="e2e-taskforce@innocluster.local"]',
    );
    await row.waitFor();
    await row.filter({ hasText: 'Task force — Gumi' }).waitFor();
    await row.click();
    await page.getByTestId('user-detail').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'users.png'), fullPage: true });

    // Add a second grant, then remove it again.
    const detail = page.getByTestId('user-detail');
    await detail.locator('[name="role"]').selectOption('admin');
    await page.getByTestId('grant-add').click();
    await detail.locator('[data-testid="user-grants"] li', { hasText: 'Administrator' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await detail
      .locator('[data-testid="user-grants"] li', { hasText: 'Administrator' })
      .getByTestId('grant-remove')
      .click();
    await detail
      .locator('[data-testid="user-grants"] li', { hasText: 'Administrator' })
      .waitFor({ state: 'detached' });

    // Deactivate and reactivate.
    await page.getByTestId('user-toggle-active').click();
    await row.locator('.badge', { hasText: 'deactivated' }).waitFor();
    await page.getByTestId('user-toggle-active').click();
    await row.locator('.badge', { hasText: 'active' }).waitFor();
  });

  it('lets a member edit its own organisation only, with a smaller menu', async () => {
    const { member } = harness.users;
    const page = await harness.newPage({ as: member });
    await page.goto(`/organisations/${member.organisationId}`);
    await page.getByTestId('org-name').waitFor();
    const shell = new AppShellPage(page);
    expect(await shell.navItems()).toEqual([
      'nav-overview',
      'nav-complexes',
      'nav-organisations',
      'nav-mapping',
      'nav-network',
      'nav-intake',
      'nav-evaluation',
      'nav-projects',
      'nav-overlaps',
      'nav-registry',
      'nav-api-docs',
    ]);
    expect(await page.getByTestId('org-editable').isVisible()).toBe(true);
    expect(await page.getByTestId('form-submit').isVisible()).toBe(true);
    expect(await page.getByTestId('delete').count()).toBe(0);
    const form = new EntityFormPage(page);
    await form.fill('employees', '77');
    await form.submit.click();
    await page.getByTestId('form-saved').waitFor();

    await page.goto(`/organisations/${await otherOrganisationId(harness)}`);
    await page.getByTestId('org-name').waitFor();
    await page.getByTestId('form-readonly').waitFor();
    expect(await page.getByTestId('form-submit').count()).toBe(0);
    expect(await page.getByTestId('delete').count()).toBe(0);
    expect(await page.getByTestId('org-editable').count()).toBe(0);

    const directory = new OrganisationsPage(page);
    await directory.open();
    expect(await directory.newButton.count()).toBe(0);
    // Members do not see budgets or bodies: those registry cards are not there.
    await page.goto('/registry');
    await page.getByTestId('registry-organisations').waitFor();
    expect(await page.getByTestId('registry-budget-years').count()).toBe(0);
    expect(await page.getByTestId('registry-bodies').count()).toBe(0);
    await page.goto('/registry/budget-years');
    await page.getByTestId('forbidden').waitFor();
    await page.goto('/admin/users');
    await page.getByTestId('forbidden').waitFor();
  });

  it('shows a read-only analyst no create or edit buttons', async () => {
    const page = await harness.newPage({ as: harness.users.analyst });
    await page.goto('/complexes');
    await page.getByTestId('complexes-table').waitFor();
    const shell = new AppShellPage(page);
    expect(await shell.navItems()).toEqual([
      'nav-overview',
      'nav-complexes',
      'nav-organisations',
      'nav-mapping',
      'nav-network',
      'nav-intake',
      'nav-evaluation',
      'nav-projects',
      'nav-overlaps',
      'nav-registry',
      'nav-audit',
      'nav-api-docs',
    ]);
    expect(await page.getByTestId('complex-new').count()).toBe(0);
    await page.locator('[data-testid="complexes-table"] tbody tr').first().click();
    await page.getByTestId('complex-name').waitFor();
    expect(await page.getByTestId('complex-edit').count()).toBe(0);
    const directory = new OrganisationsPage(page);
    await directory.open();
    expect(await directory.newButton.count()).toBe(0);
    await page.goto('/registry/budget-years');
    await page.getByTestId('registry-table').waitFor();
    expect(await page.getByTestId('registry-new').count()).toBe(0);
    await page.locator('[data-testid="registry-table"] tbody tr').first().click();
    await page.getByTestId('form-readonly').waitFor();
    expect(await page.getByTestId('form-submit').count()).toBe(0);
    expect(await page.getByTestId('delete').count()).toBe(0);
  });

  it('forces a user with a one-time password through the change-password page', async () => {
    const { newcomer } = harness.users;
    const page = await harness.newPage({ as: null });
    const login = new LoginPage(page);
    await login.open('/complexes');
    await login.signIn(newcomer.email, newcomer.password);
    await page.waitForURL(/\/change-password/);
    await page.getByTestId('change-password-title').waitFor();
    // Nothing else opens until the password is changed.
    await page.goto('/organisations');
    await page.waitForURL(/\/change-password/);
    expect(await new AppShellPage(page).navItems()).toEqual(['nav-api-docs']);

    await login.changePassword(newcomer.password, 'short');
    expect(await page.getByTestId('error-newPassword').textContent()).toMatch(/12/);
    await login.changePassword(newcomer.password, testPassword, 'something else entirely');
    await page.getByTestId('error-repeatPassword').waitFor();
    // The server's own rule (not one repeated character) comes back under the field.
    await login.changePassword(newcomer.password, 'xxxxxxxxxxxxxxxx');
    await page
      .getByTestId('error-newPassword')
      .filter({ hasText: /repeat one character/ })
      .waitFor();
    await page.screenshot({ path: join(screenshotDir, 'change-password.png') });
    await login.changePassword(newcomer.password, testPassword);
    await page.waitForURL((url) => url.pathname === '/organisations');
    await page.getByTestId('org-table').waitFor();
    expect(await page.getByTestId('org-new').count()).toBe(0);
  });

  it('records an organisation created in the web form in the audit trail, channel web', async () => {
    const page = await harness.newPage({ as: null });
    await signIn(page, harness.users.admin);
    await page.goto('/organisations/new');
    const form = new EntityFormPage(page);
    await form.fill('name', 'E2E Audited Works');
    await form.select('kind', 'company');
    await form.submit.click();
    await page.waitForURL(/\/organisations\/\d+/);
    const id = /\/organisations\/(\d+)/.exec(page.url())?.[1] ?? '';

    await new AppShellPage(page).nav('audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.locator('select[name="entity"]').selectOption('organisations');
    await page.locator('input[name="entityId"]').fill(id);
    await page.getByTestId('audit-apply').click();
    const row = page.locator(`[data-testid="audit-table"] tr[data-entity-id="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-via')).toBe('web');
    expect(await row.getAttribute('data-action')).toBe('create');
    expect(await row.textContent()).toContain(harness.users.admin.email);
    await row.getByTestId('audit-toggle').click();
    const diff = page.getByTestId('audit-diff');
    expect(await diff.locator('tr[data-field="name"] .diff-after').textContent()).toBe(
      'E2E Audited Works',
    );
    // The user's email filters the trail to that user.
    await row.locator('.link-button').click();
    await page.waitForURL(
      (url) => url.searchParams.get('userId') === String(harness.users.admin.id),
    );
    const csv = await page.getByTestId('audit-export-csv').getAttribute('href');
    expect(csv).toContain(`entityId=${id}`);
    expect(csv).toContain('format=csv');
    expect(csv).toContain(`userId=${harness.users.admin.id}`);
    const exported = await page.request.get(csv ?? '');
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain('E2E Audited Works');

    // A wider view of the trail for the screenshot.
    await page.goto('/audit?via=web');
    await page.locator('[data-testid="audit-table"] tbody tr[data-audit-id]').first().waitFor();
    await page.locator('[data-testid="audit-toggle"]').first().click();
    await page.screenshot({ path: join(screenshotDir, 'audit.png'), fullPage: true });
  });

  it('creates an API token on the profile page, shows its secret once, and revokes it', async () => {
    const page = await harness.newPage({ as: harness.users.member });
    await page.goto('/profile');
    await page.getByTestId('profile-name').waitFor();
    // Scope names load after the grants: wait for the name, not the id placeholder.
    await page
      .getByTestId('profile-grants')
      .filter({ hasText: `Member — ${harness.users.member.organisationName}` })
      .waitFor();
    await page.locator('[name="tokenName"]').fill('Monthly export');
    await page.getByTestId('token-create').click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    const value = (await secret.textContent()) ?? '';
    expect(value).toMatch(/^ic_/);
    const row = page.locator('[data-testid="tokens-table"] tr[data-token="Monthly export"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(value.slice(0, 6));
    // The token works as a bearer token against the API.
    const me = await page.request.get('/api/v1/auth/me', {
      headers: { Authorization: `Bearer ${value}` },
    });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(
      harness.users.member.email,
    );
    await page.screenshot({ path: join(screenshotDir, 'profile-token.png'), fullPage: true });

    page.once('dialog', (d) => void d.accept());
    await row.getByTestId('token-revoke').click();
    await row.locator('[data-col="status"]', { hasText: 'revoked' }).waitFor();

    // Every new string has its Korean form.
    await new AppShellPage(page).switchLanguage();
    await page.locator('html[lang="ko"]').waitFor();
    await row.locator('[data-col="status"]', { hasText: '폐기됨' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'profile-ko.png'), fullPage: true });
  });

  it('signs out to the sign-in page', async () => {
    const page = await harness.newPage({ as: harness.users.analyst });
    await page.goto('/complexes');
    await page.getByTestId('complexes-table').waitFor();
    await new AppShellPage(page).signOut();
    await page.goto('/complexes');
    await page.waitForURL(/\/login\?next=%2Fcomplexes/);
  });

  it('shows the overview to anonymous visitors when a programme publishes its aggregates', async () => {
    const db = harness.server.database.db;
    await db.updateTable('programme').set({ publishAggregates: true }).execute();
    try {
      const page: Page = await harness.newPage({ as: null });
      await page.goto('/');
      await page.locator('[data-testid="participants-chart"][data-rendered="true"]').waitFor();
      await page.getByTestId('sign-in').waitFor();
      expect(await new AppShellPage(page).navItems()).toEqual(['nav-overview', 'nav-api-docs']);
      await page.screenshot({ path: join(screenshotDir, 'overview-public.png') });
    } finally {
      await db.updateTable('programme').set({ publishAggregates: false }).execute();
    }
  });
});
