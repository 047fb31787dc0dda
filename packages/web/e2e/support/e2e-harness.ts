import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuthService,
  demoAdminEmail,
  readConfig,
  startServer,
  type RequestContext,
  type RunningServer,
} from '@innocluster/server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(webRoot, 'dist');
export const screenshotDir = resolve(webRoot, '..', '..', 'screenshots');

/** A user the harness creates before the browser starts. */
export interface TestUser {
  id: number;
  email: string;
  name: string;
  password: string;
}

export interface TestUsers {
  /** Administrator: every menu and button. */
  admin: TestUser;
  /** Member of one Gumi organisation: may edit that organisation only. */
  member: TestUser & { organisationId: number; organisationName: string };
  /** Analyst of the demo programme: reads everything, changes nothing. */
  analyst: TestUser;
  /** Created with a one-time password (in `password`): must choose a new one first. */
  newcomer: TestUser;
  /** A spare analyst for tests that lock or change the account. */
  spare: TestUser;
}

export const testPassword = 'a long test password for e2e';

export interface Harness {
  baseUrl: string;
  server: RunningServer;
  browser: Browser;
  users: TestUsers;
  /**
   * A fresh browser context (own storage) with one page, at a 1440x900 desktop size; signed in
   * as `as` (through the API, sharing the context's cookies) unless it is null.
   */
  newPage(options?: { width?: number; height?: number; as?: TestUser | null }): Promise<Page>;
  close(): Promise<void>;
}

/** Signs in through the sign-in page and waits for the app to show the user's name. */
export async function signIn(page: Page, user: Pick<TestUser, 'email' | 'password' | 'name'>) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').filter({ hasText: user.name }).waitFor();
}

/** Creates the test users through the server package, as the demo administrator. */
async function createTestUsers(server: RunningServer): Promise<TestUsers> {
  const db = server.database.db;
  const auth = new AuthService(db);
  const demoAdmin = await auth.findActiveUser(demoAdminEmail);
  if (!demoAdmin) throw new Error(`The demo did not create ${demoAdminEmail}`);
  const principal = await auth.principalOf(demoAdmin.id);
  if (!principal) throw new Error('The demo administrator has no principal');
  const ctx: RequestContext = { via: 'system', principal };
  const programme = await db
    .selectFrom('programme')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const organisation = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('name', 'like', '%Gumi%')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const none = { programmeId: null, complexId: null, miniClusterId: null, organisationId: null };
  const make = async (
    email: string,
    name: string,
    grant: { role: 'admin' | 'member' | 'analyst'; programmeId?: number; organisationId?: number },
    password: string | null = testPassword,
  ): Promise<TestUser> => {
    const created = await auth.createUser(ctx, {
      email,
      name,
      ...(password ? { password } : {}),
      grants: [{ ...none, ...grant }],
    });
    return {
      id: created.user.id,
      email,
      name,
      password: password ?? created.oneTimePassword ?? '',
    };
  };
  return {
    admin: await make('e2e-admin@innocluster.local', 'Test Administrator', { role: 'admin' }),
    member: {
      ...(await make('e2e-member@innocluster.local', 'Test Member', {
        role: 'member',
        organisationId: organisation.id,
      })),
      organisationId: organisation.id,
      organisationName: organisation.name,
    },
    analyst: await make('e2e-analyst@innocluster.local', 'Test Analyst', {
      role: 'analyst',
      programmeId: programme.id,
    }),
    newcomer: await make(
      'e2e-newcomer@innocluster.local',
      'Test Newcomer',
      { role: 'analyst', programmeId: programme.id },
      null,
    ),
    spare: await make('e2e-spare@innocluster.local', 'Test Spare', {
      role: 'analyst',
      programmeId: programme.id,
    }),
  };
}

/**
 * Starts the API and web app in this process on a temporary PGlite database loaded with the
 * demo, and Debian's Chromium headless. It builds nothing: `npm run test:e2e` builds the web app
 * first, and a missing build is an error rather than a silently blank page.
 */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(
      `No web build in ${distDir}: run \`npm run build:web\` (npm run test:e2e does).`,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'innocluster-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, INNOCLUSTER_DATA_DIR: dataDir, PORT: '0' };
  delete env.DATABASE_URL;
  delete env.INNOCLUSTER_DEMO;
  const server = await startServer(readConfig(env), () => {});
  let browser: Browser;
  let users: TestUsers;
  try {
    users = await createTestUsers(server);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  } catch (error) {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    baseUrl: server.url,
    server,
    browser,
    users,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
        baseURL: server.url,
      });
      contexts.push(context);
      const as = options.as === undefined ? users.admin : options.as;
      if (as) {
        const response = await context.request.post('/api/v1/auth/login', {
          data: { email: as.email, password: as.password },
          headers: { 'X-Innocluster-Client': 'web' },
        });
        if (!response.ok()) throw new Error(`Sign-in as ${as.email}: ${response.status()}`);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
