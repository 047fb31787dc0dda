import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrator.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DatabaseConfig =
  | {
      kind: 'pglite';
      dataDir: string | null;
      /** An uncompressed data-directory tarball to start from (tests: a migrated snapshot). */
      snapshot?: Blob;
    }
  | { kind: 'postgres'; url: string };

export interface OpenDatabase {
  db: Db;
  config: DatabaseConfig;
  /** A human-readable location, for logs: a directory, "memory", or the server URL without password. */
  location: string;
  /** Embedded only: the data directory as an uncompressed tarball (PGlite dumpDataDir). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

// PostgreSQL type OIDs whose default conversions we change so both drivers return the same
// JSON-ready values: dates stay `YYYY-MM-DD`, timestamps become ISO strings, numerics numbers.
const OID = { int8: 20, numeric: 1700, date: 1082, timestamptz: 1184, timestamp: 1114 } as const;
const toNumber = (v: string) => Number(v);
const toIso = (v: string) => new Date(v).toISOString();
const keep = (v: string) => v;

function pgTypes() {
  const types = new Map<number, (v: string) => unknown>([
    [OID.int8, toNumber],
    [OID.numeric, toNumber],
    [OID.date, keep],
    [OID.timestamptz, toIso],
    [OID.timestamp, keep],
  ]);
  return {
    getTypeParser: (oid: number, format?: string) =>
      types.get(oid) ?? pg.types.getTypeParser(oid, (format ?? 'text') as 'text'),
  };
}

/**
 * Opens the database the config names, applies pending migrations and returns a Kysely
 * instance with camelCase column names. An embedded directory is locked against a second
 * process (see lockDataDir).
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
  let db: Db;
  let location: string;
  let closeExtra: () => Promise<void> = async () => {};
  let closing = false;
  let dump: (() => Promise<Blob>) | undefined;
  if (config.kind === 'pglite') {
    const release = config.dataDir ? lockDataDir(config.dataDir) : () => {};
    try {
      const pglite = await PGlite.create({
        ...(config.dataDir ? { dataDir: config.dataDir } : {}),
        ...(config.snapshot ? { loadDataDir: config.snapshot } : {}),
        parsers: {
          [OID.int8]: toNumber,
          [OID.numeric]: toNumber,
          [OID.date]: keep,
          [OID.timestamptz]: toIso,
          [OID.timestamp]: keep,
        },
      });
      db = new Kysely<Database>({
        dialect: new PGliteDialect(pglite),
        plugins: [new CamelCasePlugin()],
      });
      closeExtra = async () => {
        await pglite.close();
        release();
      };
      dump = () => pglite.dumpDataDir('none');
    } catch (error) {
      release();
      throw error;
    }
    location = config.dataDir ?? 'memory';
  } else {
    // JIT off for every connection: the app runs analytic queries (the mapping measures over
    // millions of cells) whose estimated cost makes PostgreSQL's default JIT spend seconds
    // compiling them and gain less than that back (bench/mapping.ts).
    const pool = new pg.Pool({
      connectionString: config.url,
      types: pgTypes(),
      max: 10,
      options: '-c jit=off',
    });
    // An idle connection that the server drops (a restart, a terminated backend) makes the
    // pool emit 'error'; unhandled, that ends the process. The pool discards that connection
    // and opens a new one for the next query, so a warning is all it needs (and none once we
    // are closing: pool.end() resolves before every connection has finished closing).
    pool.on('error', (error) => {
      if (!closing)
        console.warn(
          `innocluster: lost an idle database connection (${error.message}); it will be replaced`,
        );
    });
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    location = config.url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  }
  const open: OpenDatabase = {
    db,
    config,
    location,
    ...(dump ? { dumpDataDir: dump } : {}),
    async close() {
      closing = true;
      await db.destroy();
      await closeExtra();
    },
  };
  if (options.migrate !== false) {
    try {
      await migrate(db as Kysely<unknown>);
    } catch (error) {
      await open.close();
      throw error;
    }
  }
  return open;
}
