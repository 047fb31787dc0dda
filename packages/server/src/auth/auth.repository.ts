import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

const userColumns = [
  'id',
  'email',
  'name',
  'isActive',
  'mustChangePassword',
  'lockedUntil',
  'lastLoginAt',
  'createdAt',
  'failedLogins',
  'passwordHash',
] as const;

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('appUser')
    .select(userColumns)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return db.selectFrom('appUser').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db, opts: { q?: string; limit: number; offset: number }) {
  let q = db.selectFrom('appUser').select(userColumns);
  let c = db.selectFrom('appUser').select(sql<number>`count(*)::int`.as('total'));
  if (opts.q) {
    const pattern = `%${opts.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    q = q.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
    c = c.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('id').limit(opts.limit).offset(opts.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.total };
}

export async function countUsers(db: Db): Promise<number> {
  return (
    await db
      .selectFrom('appUser')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n;
}

export async function insertUser(
  db: Db,
  values: { email: string; name: string; passwordHash: string; mustChangePassword: boolean },
) {
  return db.insertInto('appUser').values(values).returning(userColumns).executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Db,
  id: number,
  values: Partial<{
    name: string;
    isActive: boolean;
    passwordHash: string;
    mustChangePassword: boolean;
    failedLogins: number;
    lockedUntil: string | null;
    lastLoginAt: string | null;
  }>,
) {
  return db
    .updateTable('appUser')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirst();
}

export async function listGrants(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('roleGrant')
    .select([
      'id',
      'userId',
      'role',
      'programmeId',
      'complexId',
      'miniClusterId',
      'organisationId',
      'createdAt',
    ])
    .where('userId', 'in', userIds)
    .orderBy('id')
    .execute();
}

export async function insertGrant(
  db: Db,
  values: {
    userId: number;
    role: string;
    programmeId: number | null;
    complexId: number | null;
    miniClusterId: number | null;
    organisationId: number | null;
  },
) {
  return db.insertInto('roleGrant').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function deleteGrant(db: Db, userId: number, grantId: number) {
  return db
    .deleteFrom('roleGrant')
    .where('id', '=', grantId)
    .where('userId', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Complexes taking part in a programme. */
export async function complexIdsOfProgrammes(db: Db, programmeIds: number[]): Promise<number[]> {
  if (programmeIds.length === 0) return [];
  const rows = await db
    .selectFrom('participation')
    .select('complexId')
    .distinct()
    .where('programmeId', 'in', programmeIds)
    .execute();
  return rows.map((r) => r.complexId);
}

export async function miniClusterIdsOfComplexes(db: Db, complexIds: number[]): Promise<number[]> {
  if (complexIds.length === 0) return [];
  return (
    await db.selectFrom('miniCluster').select('id').where('complexId', 'in', complexIds).execute()
  ).map((r) => r.id);
}

export async function organisationIdsOfComplexes(db: Db, complexIds: number[]): Promise<number[]> {
  if (complexIds.length === 0) return [];
  return (
    await db.selectFrom('organisation').select('id').where('complexId', 'in', complexIds).execute()
  ).map((r) => r.id);
}

export async function listAssignments(db: Db, userId: number) {
  return db
    .selectFrom('assignment')
    .select(['id', 'userId', 'entity', 'entityId', 'createdAt'])
    .where('userId', '=', userId)
    .orderBy('id')
    .execute();
}

export async function listAllAssignments(db: Db) {
  return db
    .selectFrom('assignment')
    .select(['id', 'userId', 'entity', 'entityId', 'createdAt'])
    .orderBy('id')
    .execute();
}

export async function insertAssignment(
  db: Db,
  values: { userId: number; entity: string; entityId: number },
) {
  return db
    .insertInto('assignment')
    .values(values)
    .returning(['id', 'userId', 'entity', 'entityId', 'createdAt'])
    .executeTakeFirstOrThrow();
}

export async function deleteAssignment(db: Db, id: number) {
  return db.deleteFrom('assignment').where('id', '=', id).returningAll().executeTakeFirst();
}

export async function insertSession(
  db: Db,
  values: {
    tokenHash: string;
    csrfToken: string;
    userId: number;
    expiresAt: string;
    address: string | null;
  },
) {
  await db.insertInto('userSession').values(values).execute();
}

export async function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('userSession')
    .select(['id', 'userId', 'csrfToken'])
    .where('tokenHash', '=', tokenHash)
    .where('expiresAt', '>', sql<string>`now()`)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('userSession').where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('userSession').where('userId', '=', userId).execute();
}

const tokenColumns = [
  'id',
  'name',
  'prefix',
  'expiresAt',
  'revokedAt',
  'lastUsedAt',
  'createdAt',
] as const;

export async function insertToken(
  db: Db,
  values: {
    userId: number;
    name: string;
    tokenHash: string;
    prefix: string;
    expiresAt: string | null;
  },
) {
  return db.insertInto('apiToken').values(values).returning(tokenColumns).executeTakeFirstOrThrow();
}

export async function listTokens(db: Db, userId: number) {
  return db
    .selectFrom('apiToken')
    .select(tokenColumns)
    .where('userId', '=', userId)
    .orderBy('id')
    .execute();
}

/** A live token: not revoked, not expired; marks it used. */
export async function useToken(db: Db, tokenHash: string) {
  return db
    .updateTable('apiToken')
    .set({ lastUsedAt: sql`now()` })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', sql<string>`now()`)]))
    .returning(['id', 'userId'])
    .executeTakeFirst();
}

export async function revokeToken(db: Db, userId: number, tokenId: number) {
  return db
    .updateTable('apiToken')
    .set({ revokedAt: sql`now()`, updatedAt: sql`now()` })
    .where('id', '=', tokenId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .returning(tokenColumns)
    .executeTakeFirst();
}

export async function recordLoginAttempt(
  db: Db,
  email: string,
  address: string | null,
  success: boolean,
) {
  await db
    .insertInto('loginAttempt')
    .values({ email: email.toLowerCase(), address, success })
    .execute();
}

/** Failed logins from one address in the last `minutes`. */
export async function countRecentFailures(
  db: Db,
  address: string | null,
  minutes: number,
): Promise<number> {
  const row = await db
    .selectFrom('loginAttempt')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('success', '=', false)
    .where('address', address === null ? 'is' : '=', address)
    .where('at', '>', sql<string>`now() - make_interval(mins => ${minutes})`)
    .executeTakeFirstOrThrow();
  return row.n;
}
