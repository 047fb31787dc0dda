import { AuthService, type Db, type RequestContext } from '@innocluster/server';

/**
 * The identity a CLI command acts as: `--as <email>` or INNOCLUSTER_AS. Commands that change
 * data go through the same permission table and audit trail as the API, recorded via "cli".
 */
export async function cliContext(db: Db, as: string | undefined): Promise<RequestContext> {
  const email = as ?? process.env.INNOCLUSTER_AS;
  if (!email) {
    throw new Error(
      'Name the user this command acts as with --as <email> (or set INNOCLUSTER_AS); its role grants decide what it may change.',
    );
  }
  const auth = new AuthService(db);
  const user = await auth.findActiveUser(email);
  if (!user) throw new Error(`No active user ${email}`);
  const principal = await auth.principalOf(user.id);
  if (!principal) throw new Error(`No active user ${email}`);
  return { via: 'cli', principal, address: null };
}
