import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const dirs: string[] = [];
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'innocluster-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const lockFile = (dir: string) => join(dir, 'innocluster.lock');
const holder = (dir: string) =>
  JSON.parse(readFileSync(lockFile(dir), 'utf8')) as { pid: number; host: string };

describe('lockDataDir()', () => {
  it('creates the directory and a lock file naming this process, removed on release', () => {
    const dir = join(newDir(), 'nested', 'data');
    const release = lockDataDir(dir);
    expect(holder(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
    release(); // a second release is harmless
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a second lock in the same process, naming the holder and the way out', () => {
    const dir = newDir();
    const release = lockDataDir(dir);
    try {
      let caught: unknown;
      try {
        lockDataDir(dir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DataDirLockedError);
      const error = caught as DataDirLockedError;
      expect(error.holderPid).toBe(process.pid);
      expect(error.dataDir).toBe(dir);
      expect(error.message).toContain(
        `is already open in another innocluster process (pid ${process.pid})`,
      );
      expect(error.message).toContain('INNOCLUSTER_DATA_DIR');
      expect(error.message).toContain('DATABASE_URL');
      // The refusal leaves the holder's lock alone.
      expect(holder(dir).pid).toBe(process.pid);
    } finally {
      release();
    }
  });

  it('refuses while another live process holds it, and takes over once that process is gone', async () => {
    const dir = newDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {
      stdio: 'ignore',
    });
    try {
      expect(child.pid).toBeGreaterThan(0);
      writeFileSync(
        lockFile(dir),
        JSON.stringify({ pid: child.pid, host: hostname(), since: new Date(0).toISOString() }),
      );
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(`(pid ${child.pid})`);
      expect(holder(dir).pid).toBe(child.pid);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    // The holder died without releasing (as in a crash): its lock is stale and taken over.
    const release = lockDataDir(dir);
    expect(holder(dir).pid).toBe(process.pid);
    release();
  });

  it('takes over the lock of a process that has exited', () => {
    const dir = newDir();
    const dead = spawnSync(process.execPath, ['-e', '0']);
    writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: dead.pid, host: hostname(), since: new Date(0).toISOString() }),
    );
    const release = lockDataDir(dir);
    expect(holder(dir).pid).toBe(process.pid);
    release();
  });

  it('takes over a lock file that cannot be read (a crash while writing it)', () => {
    const dir = newDir();
    writeFileSync(lockFile(dir), '');
    const release = lockDataDir(dir);
    expect(holder(dir).pid).toBe(process.pid);
    release();
  });
});
