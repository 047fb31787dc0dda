import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

/** The folder of forward-only SQL migrations, shared by PGlite and PostgreSQL. */
export const migrationsDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'migrations',
);

export interface MigrationFile {
  name: string;
  sql: string;
}

/** Reads the migration files in name order (`0001_...sql`, `0002_...sql`). */
export function readMigrations(dir = migrationsDir): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Applies the migrations not yet recorded in `schema_migration`, all in one transaction (a run
 * that fails part-way applies nothing), under an advisory lock so that two servers starting at
 * once do not both migrate. Returns the names it applied. A migration that was applied and
 * later edited is refused.
 */
export async function migrate(db: Kysely<unknown>, files = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(724101)`.execute(tx);
    // Under the lock: two CREATE TABLE IF NOT EXISTS racing on a new PostgreSQL database can
    // both pass the check, and the second then fails on a duplicate catalogue entry.
    await sql`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(tx);
    const done = await sql<{
      name: string;
      checksum: string;
    }>`SELECT name, checksum FROM schema_migration`.execute(tx);
    const known = new Map(done.rows.map((r) => [r.name, r.checksum]));
    for (const file of files) {
      const checksum = checksumOf(file.sql);
      const seen = known.get(file.name);
      if (seen !== undefined) {
        if (seen !== checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await sql.raw(file.sql).execute(tx);
      await sql`INSERT INTO schema_migration (name, checksum) VALUES (${file.name}, ${checksum})`.execute(
        tx,
      );
      applied.push(file.name);
    }
  });
  return applied;
}

/** FNV-1a over the text: enough to notice an edited migration, no crypto needed. */
function checksumOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
