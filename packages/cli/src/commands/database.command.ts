import { decide } from '@innocluster/domain';
import {
  AuthService,
  DemoService,
  migrate,
  openDatabase,
  readConfig,
  type OpenDatabase,
} from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';

/** Opens the configured database for one command and always closes it. */
export async function withDatabase<T>(
  work: (database: OpenDatabase) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const database = await openDatabase(readConfig().database, options);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      await withDatabase(
        async ({ db, location }) => {
          const applied = await migrate(db as never);
          console.log(
            applied.length
              ? `Applied ${applied.join(', ')} to ${location}`
              : `Database ${location} is up to date`,
          );
        },
        { migrate: false },
      );
    });

  program
    .command('demo')
    .description('Load the demo programme into an empty database')
    .option(
      '--reset',
      'empty the registry and reload the demo (refused if it holds data the demo did not load)',
    )
    .option(
      '--as <email>',
      'the administrator doing it, once the database has users (or INNOCLUSTER_AS)',
    )
    .action(async (opts: { reset?: boolean; as?: string }) => {
      await withDatabase(async ({ db }) => {
        if (await new AuthService(db).hasUsers()) {
          const ctx = await cliContext(db, opts.as);
          if (!decide(ctx.principal.grants, 'demo', opts.reset ? 'delete' : 'create')) {
            throw new Error('Only an administrator may load or reset the demo.');
          }
        }
        const service = new DemoService(db);
        const result = opts.reset ? await service.reset() : await service.load();
        console.log(
          `${result.reason}: ${result.organisations} generated organisations (flagged synthetic)`,
        );
      });
    });
}
