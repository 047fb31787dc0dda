import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type OpenDatabase } from '@innocluster/server';
// The server package exports no test helpers; its test database is shared by path.
import { createTestDatabase } from '../../../server/src/testing/test-database.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const main = join(here, '../main.ts');

/** What one CLI process printed and how it ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A database and a scratch directory for the CLI tests of one file, and the CLI run as a real
 * process against it: an embedded directory under `work` by default, or a fresh database on the
 * PostgreSQL server of INNOCLUSTER_TEST_DATABASE_URL (kept open by the test, which an embedded
 * directory cannot be: it admits one process).
 */
export interface CliHarness {
  /** The scratch directory of this file (removed by `close`). */
  readonly work: string;
  /** The environment that points the CLI at this test's database, plus INNOCLUSTER_AS. */
  readonly env: Record<string, string>;
  /** Runs `innocluster <args>` in a new process and resolves when it exits. */
  cli(...args: string[]): Promise<CliRun>;
  /** Runs `use` with the database open; embedded, it is closed again before the next CLI run. */
  withDb<T>(use: (database: OpenDatabase) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Prepares the harness and makes `admin@cli.test` the first user (thus the administrator) and
 * the acting user (INNOCLUSTER_AS) of every later command.
 */
export async function createCliHarness(prefix: string): Promise<CliHarness> {
  const work = await mkdtemp(join(tmpdir(), `innocluster-${prefix}-`));
  let server: OpenDatabase | undefined;
  const env: Record<string, string> = {};
  if (process.env.INNOCLUSTER_TEST_DATABASE_URL) {
    server = await createTestDatabase();
    if (server.config.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    env.DATABASE_URL = server.config.url;
  } else {
    env.INNOCLUSTER_DATA_DIR = join(work, 'data');
  }
  const cli = (...args: string[]): Promise<CliRun> => {
    const processEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!env.DATABASE_URL) delete processEnv.DATABASE_URL;
    return new Promise((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', main, ...args],
        { cwd: repoRoot, env: processEnv, maxBuffer: 64 << 20 },
        (error, stdout, stderr) => {
          done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
        },
      );
    });
  };
  const added = await cli('user', 'add', '--email', 'admin@cli.test', '--name', 'CLI admin');
  if (added.code !== 0) throw new Error(`user add failed: ${added.stderr}`);
  env.INNOCLUSTER_AS = 'admin@cli.test';
  return {
    work,
    env,
    cli,
    async withDb(use) {
      const database =
        server ?? (await openDatabase({ kind: 'pglite', dataDir: env.INNOCLUSTER_DATA_DIR! }));
      try {
        return await use(database);
      } finally {
        if (!server) await database.close();
      }
    },
    async close() {
      await server?.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
