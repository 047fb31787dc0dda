import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { AuthService } from './auth/auth.service.ts';
import { systemContext } from './auth/principal.ts';
import { DemoService } from './demo/demo.service.ts';

/** The administrator the demo creates, with a one-time password printed on start. */
export const demoAdminEmail = 'admin@innocluster.local';

export interface RunningServer {
  app: FastifyInstance;
  database: OpenDatabase;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database (migrating it), loads the demo into an empty database, and serves the
 * API and web app. Closing stops the listener first, then the database.
 */
export async function startServer(
  config: ServerConfig,
  log: (line: string) => void = console.log,
): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  try {
    log(`Database: ${database.config.kind} (${database.location})`);
    if (config.demoOnEmpty) {
      const demo = await new DemoService(database.db).loadIfEmpty();
      log(
        demo.loaded
          ? `Loaded the demo programme (${demo.organisations} generated organisations, flagged synthetic).`
          : `Demo not loaded: ${demo.reason}.`,
      );
      const auth = new AuthService(database.db);
      if (!(await auth.hasUsers())) {
        const admin = await auth.bootstrapAdmin(systemContext, {
          email: demoAdminEmail,
          name: 'Demo administrator',
        });
        log('');
        log(`  Sign in as ${demoAdminEmail} with the one-time password  ${admin.oneTimePassword}`);
        log('  (you will be asked to choose your own password; it is not shown again)');
        log('');
      }
    }
    const app = await buildApp({ db: database.db, logger: false });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('127.0.0.1', 'localhost');
    log(`innocluster is running at ${url} (API docs at ${url}/api/docs)`);
    return {
      app,
      database,
      url,
      async stop() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
