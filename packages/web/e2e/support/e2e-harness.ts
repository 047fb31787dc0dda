import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig, startServer, type RunningServer } from '@innocluster/server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(webRoot, 'dist');
export const screenshotDir = resolve(webRoot, '..', '..', 'screenshots');

export interface Harness {
  baseUrl: string;
  server: RunningServer;
  browser: Browser;
  /** A fresh browser context (own storage) with one page, at a 1440x900 desktop size. */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
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
  try {
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
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
        baseURL: server.url,
      });
      contexts.push(context);
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
