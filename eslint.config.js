import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Package boundaries: the domain stays pure, routes never reach the database layer. */
const domainBoundary = {
  files: ['packages/domain/src/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'],
            message: 'The domain package does no I/O.',
          },
          {
            group: [
              '@innocluster/server',
              '@innocluster/web',
              '@innocluster/cli',
              '@innocluster/contracts',
            ],
            message: 'The domain depends on nothing else in the project.',
          },
          {
            group: ['kysely', 'pg', '@electric-sql/*', 'fastify', 'react'],
            message: 'The domain package is pure TypeScript.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'Date', message: 'Pass the clock in; the domain reads no clock.' },
      { name: 'fetch', message: 'The domain does no I/O.' },
      { name: 'process', message: 'The domain reads no environment.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Pass a seeded random source in.' },
    ],
  },
};

const routeBoundary = {
  files: ['packages/server/src/**/*.routes.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [
              'kysely',
              'pg',
              '@electric-sql/*',
              '**/*.repository',
              '**/*.repository.ts',
              '**/db/*',
            ],
            message: 'Routes call services; they never see SQL.',
          },
        ],
      },
    ],
  },
};

const repositoryBoundary = {
  files: ['packages/server/src/**/*.repository.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/*.repository', '**/*.repository.ts', '**/*.service', '**/*.service.ts'],
            message: 'Repositories never call each other or services.',
          },
        ],
      },
    ],
  },
};

const webBoundary = {
  files: ['packages/web/src/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@innocluster/server', '@innocluster/cli', 'node:*'],
            message: 'The web app talks to the server through the typed API client only.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
    },
  },
  {
    files: ['*.config.{js,ts}', 'packages/*/*.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  domainBoundary,
  routeBoundary,
  repositoryBoundary,
  webBoundary,
);
