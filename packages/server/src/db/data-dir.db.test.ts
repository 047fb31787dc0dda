import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './data-dir-lock.ts';
import { openDatabase, type OpenDatabase } from './database.ts';

// An embedded data directory exists only with PGlite; the PostgreSQL run (test:pg) skips these.
const onServer = Boolean(process.env.INNOCLUSTER_TEST_DATABASE_URL);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const dirs: string[] = [];
let template = '';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'innocluster-data-'));
  dirs.push(dir);
  return dir;
}

/**
 * A migrated, closed data directory of its own for one test: a copy of one made once, since
 * creating a PGlite directory (initdb) takes seconds and reopening one well under a second.
 */
function newDataDir(): string {
  const dir = tempDir();
  cpSync(template, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  if (onServer) return;
  template = tempDir();
  const database = await openDatabase({ kind: 'pglite', dataDir: template });
  await database.close();
  expect(existsSync(join(template, 'innocluster.lock'))).toBe(false);
}, 120_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the real CLI in a second Node process against the given data directory. */
function runCli(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, INNOCLUSTER_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'packages/cli/src/main.ts'), ...args],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function notes(database: OpenDatabase): Promise<string[]> {
  const result = await sql<{ key: string }>`SELECT key FROM app_setting ORDER BY key`.execute(
    database.db,
  );
  return result.rows.map((r) => r.key);
}

async function addNote(database: OpenDatabase, key: string): Promise<void> {
  await database.db
    .insertInto('appSetting')
    .values({ key, value: JSON.stringify({ written: key }) })
    .execute();
}

describe.skipIf(onServer)('an embedded (PGlite) data directory', () => {
  it('keeps what one open/close cycle wrote for the next', async () => {
    const dataDir = newDataDir();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await addNote(first, 'cycle-1');
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    expect(await notes(second)).toEqual(['cycle-1']);
    await addNote(second, 'cycle-2');
    await second.close();

    const third = await openDatabase({ kind: 'pglite', dataDir });
    expect(await notes(third)).toEqual(['cycle-1', 'cycle-2']);
    const row = await third.db
      .selectFrom('appSetting')
      .select('value')
      .where('key', '=', 'cycle-2')
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual({ written: 'cycle-2' });
    await third.close();
  });

  it("refuses a second process with DataDirLockedError and leaves the first one's data intact", async () => {
    const dataDir = newDataDir();
    const held = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await addNote(held, 'held-by-first');
      const lock = JSON.parse(readFileSync(join(dataDir, 'innocluster.lock'), 'utf8')) as {
        pid: number;
      };
      expect(lock.pid).toBe(process.pid);

      const second = await runCli(dataDir, ['migrate']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `innocluster: The embedded database in ${dataDir} is already open in another innocluster process (pid ${process.pid}).`,
      );
      expect(second.stderr).toContain('INNOCLUSTER_DATA_DIR');
      expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

      // The first process still works, and its lock is still its own.
      expect(await notes(held)).toEqual(['held-by-first']);
      await addNote(held, 'after-refusal');
      expect(JSON.parse(readFileSync(join(dataDir, 'innocluster.lock'), 'utf8'))).toMatchObject({
        pid: process.pid,
      });
    } finally {
      await held.close();
    }
    expect(existsSync(join(dataDir, 'innocluster.lock'))).toBe(false);

    // Once the first has closed, the second process opens it and finds the data.
    const later = await runCli(dataDir, ['migrate']);
    expect(later.stderr).toBe('');
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('is up to date');
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    expect(await notes(reopened)).toEqual(['after-refusal', 'held-by-first']);
    await reopened.close();
  }, 120_000);

  it('refuses a second open in the same process', async () => {
    const dataDir = newDataDir();
    const held = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const error = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as DataDirLockedError).holderPid).toBe(process.pid);
      await addNote(held, 'still-open');
      expect(await notes(held)).toEqual(['still-open']);
    } finally {
      await held.close();
    }
  });

  it('takes over a stale lock whose process is gone', async () => {
    const dataDir = newDataDir();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await addNote(first, 'before-crash');
    await first.close();

    // A process that has exited: its pid is free (and not reused within this test).
    const dead = spawnSync(process.execPath, ['-e', '0']);
    expect(dead.pid).toBeGreaterThan(0);
    const lockPath = join(dataDir, 'innocluster.lock');
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: dead.pid, host: hostname(), since: '2020-01-01T00:00:00.000Z' }),
    );

    const taken = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({
        pid: process.pid,
        host: hostname(),
      });
      expect(await notes(taken)).toEqual(['before-crash']);
    } finally {
      await taken.close();
    }
    expect(existsSync(lockPath)).toBe(false);
  });
});
