import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/database.ts';

export interface ServerConfig {
  database: DatabaseConfig;
  port: number;
  host: string;
  /** Load the demo on start when the database is empty. */
  demoOnEmpty: boolean;
}

/**
 * Reads configuration from the environment: DATABASE_URL selects a PostgreSQL server, else
 * PGlite stores its data in INNOCLUSTER_DATA_DIR (default ./data). PORT (3000) and HOST
 * (127.0.0.1) set where the server listens; INNOCLUSTER_DEMO=0 skips the demo load.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const database: DatabaseConfig = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.INNOCLUSTER_DATA_DIR ?? './data') };
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, not "${env.PORT}"`);
  }
  return {
    database,
    port,
    host: env.HOST ?? '127.0.0.1',
    demoOnEmpty: env.INNOCLUSTER_DEMO !== '0',
  };
}
