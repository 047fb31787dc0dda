import {
  DemoService,
  migrate,
  openDatabase,
  readConfig,
  type OpenDatabase,
} from '@innocluster/server';
import type { Command } from 'commander';

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
    .action(async (opts: { reset?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const service = new DemoService(db);
        const result = opts.reset ? await service.reset() : await service.load();
        console.log(
          `${result.reason}: ${result.organisations} generated organisations (flagged synthetic)`,
        );
      });
    });
}
