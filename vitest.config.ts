import { defineConfig } from 'vitest/config';

/**
 * Three test tiers, as in DEVELOPERS.md: pure unit tests, database tests (PGlite by default,
 * PostgreSQL when INNOCLUSTER_TEST_DATABASE_URL is set) and in-process HTTP tests; the browser
 * suite runs separately because it needs Chromium and a built web app.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.api.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['packages/*/src/**/*.db.test.ts'],
          globalSetup: ['packages/server/src/testing/test-snapshot.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['packages/*/src/**/*.api.test.ts'],
          globalSetup: ['packages/server/src/testing/test-snapshot.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['packages/*/e2e/**/*.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
