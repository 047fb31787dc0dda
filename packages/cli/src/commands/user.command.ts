import { AuthService, systemContext } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { withDatabase } from './database.command.ts';

const roles = [
  'admin',
  'programme_officer',
  'task_force',
  'coordinator',
  'member',
  'evaluator',
  'analyst',
];

function scopeOf(opts: {
  programme?: string;
  complex?: string;
  miniCluster?: string;
  organisation?: string;
}) {
  const id = (v: string | undefined, name: string) => {
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`--${name} must be a positive id, not "${v}"`);
    return n;
  };
  return {
    programmeId: id(opts.programme, 'programme'),
    complexId: id(opts.complex, 'complex'),
    miniClusterId: id(opts.miniCluster, 'mini-cluster'),
    organisationId: id(opts.organisation, 'organisation'),
  };
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage users and their role grants');

  user
    .command('add')
    .description('Add a user; the first user of a database becomes its administrator without --as')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', `role to grant: ${roles.join(', ')}`)
    .option('--programme <id>', 'programme id, for programme_officer and analyst')
    .option('--complex <id>', 'complex id, for task_force')
    .option('--mini-cluster <id>', 'mini-cluster id, for coordinator')
    .option('--organisation <id>', 'organisation id, for member')
    .option('--as <email>', 'the administrator adding the user')
    .action(
      async (opts: {
        email: string;
        name: string;
        role?: string;
        as?: string;
        programme?: string;
        complex?: string;
        miniCluster?: string;
        organisation?: string;
      }) => {
        await withDatabase(async ({ db }) => {
          const auth = new AuthService(db);
          let result;
          if (!(await auth.hasUsers())) {
            if (opts.role && opts.role !== 'admin')
              throw new Error(
                'The first user is the administrator: leave out --role or use --role admin.',
              );
            result = await auth.bootstrapAdmin(
              { ...systemContext, via: 'cli' },
              { email: opts.email, name: opts.name },
            );
            console.log(`Created the administrator ${opts.email}.`);
          } else {
            if (!opts.role || !roles.includes(opts.role))
              throw new Error(`--role is required: one of ${roles.join(', ')}`);
            const ctx = await cliContext(db, opts.as);
            result = await auth.createUser(ctx, {
              email: opts.email,
              name: opts.name,
              grants: [{ role: opts.role as 'admin', ...scopeOf(opts) }],
            });
            console.log(`Created ${opts.email} as ${opts.role}.`);
          }
          console.log(
            `One-time password: ${result.oneTimePassword} (to be changed at first sign-in)`,
          );
        });
      },
    );

  user
    .command('list')
    .description('List users and their grants')
    .option('--as <email>', 'the administrator asking')
    .action(async (opts: { as?: string }) => {
      await withDatabase(async ({ db }) => {
        const page = await new AuthService(db).listUsers(
          await cliContext(db, opts.as),
          undefined,
          1,
          1000,
        );
        for (const u of page.items) {
          const grants = u.grants.map((g) =>
            [
              g.role,
              g.programmeId && `programme ${g.programmeId}`,
              g.complexId && `complex ${g.complexId}`,
              g.miniClusterId && `mini-cluster ${g.miniClusterId}`,
              g.organisationId && `organisation ${g.organisationId}`,
            ]
              .filter(Boolean)
              .join(' '),
          );
          console.log(
            `${u.id}\t${u.email}\t${u.name}\t${u.isActive ? 'active' : 'inactive'}\t${grants.join('; ')}`,
          );
        }
      });
    });

  user
    .command('reset-password')
    .description('Issue a new one-time password (and unlock the account)')
    .argument('<email>')
    .option('--as <email>', 'the administrator doing it')
    .action(async (email: string, opts: { as?: string }) => {
      await withDatabase(async ({ db }) => {
        const auth = new AuthService(db);
        const target = await auth.findActiveUser(email);
        if (!target) throw new Error(`No active user ${email}`);
        const result = await auth.updateUser(await cliContext(db, opts.as), target.id, {
          resetPassword: true,
          unlock: true,
        });
        console.log(`One-time password for ${email}: ${result.oneTimePassword}`);
      });
    });
}
