import { createHash } from 'node:crypto';
import type { Grant, User } from '@innocluster/contracts';
import {
  capabilities,
  decide,
  lockUntil,
  passwordProblems,
  type Role,
  type ScopedGrant,
} from '@innocluster/domain';
import type { Db } from '../db/database.ts';
import { AppError, NotFoundError, ValidationError, translateDbError } from '../errors.ts';
import { auditEntry } from '../audit/audit.service.ts';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import * as repo from './auth.repository.ts';
import { hashPassword, oneTimePassword, randomSecret, verifyPassword } from './password.ts';
import { anonymous, type Principal, type RequestContext } from './principal.ts';

const sessionDays = 7;
const failuresPerAddress = { max: 20, minutes: 15 };
export const tokenPrefix = 'ic_';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
type GrantInput = {
  role: Role;
  programmeId: number | null;
  complexId: number | null;
  miniClusterId: number | null;
  organisationId: number | null;
};

function forbidden(ctx: RequestContext, what: string): AppError {
  return ctx.principal.userId === null
    ? new AppError(401, 'Sign-in required', `Sign in to ${what}.`)
    : new AppError(403, 'Forbidden', `Your role does not allow you to ${what}.`);
}

function publicUser(row: UserRow, grants: Grant[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isActive: row.isActive,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    grants,
  };
}

/**
 * Accounts: sign-in with sessions and CSRF tokens, personal API tokens, users and their role
 * grants, and the expansion of grants into the rows they reach.
 */
export class AuthService {
  constructor(private readonly db: Db) {}

  /** Expands a user's grants: a programme reaches its complexes, a complex its mini-clusters and organisations. */
  async principalOf(userId: number): Promise<Principal | null> {
    const user = await repo.findUserById(this.db, userId);
    if (!user || !user.isActive) return null;
    const grants = await repo.listGrants(this.db, [userId]);
    const scoped: ScopedGrant[] = [];
    for (const g of grants) {
      const programmeIds = g.programmeId ? [g.programmeId] : [];
      let complexIds = g.complexId ? [g.complexId] : [];
      if (programmeIds.length)
        complexIds = await repo.complexIdsOfProgrammes(this.db, programmeIds);
      let miniClusterIds = g.miniClusterId ? [g.miniClusterId] : [];
      let organisationIds = g.organisationId ? [g.organisationId] : [];
      if (complexIds.length) {
        miniClusterIds = await repo.miniClusterIdsOfComplexes(this.db, complexIds);
        organisationIds = await repo.organisationIdsOfComplexes(this.db, complexIds);
      }
      scoped.push({
        role: g.role as Role,
        programmeIds,
        complexIds,
        miniClusterIds,
        organisationIds,
      });
    }
    const assigned: Record<string, number[]> = {};
    for (const a of await repo.listAssignments(this.db, userId))
      (assigned[a.entity] ??= []).push(a.entityId);
    return {
      userId: user.id,
      email: user.email,
      grants: scoped,
      assigned,
      mustChangePassword: user.mustChangePassword,
    };
  }

  async authenticateSession(
    token: string,
  ): Promise<{ principal: Principal; csrfToken: string } | null> {
    const session = await repo.findSession(this.db, sha256(token));
    if (!session) return null;
    const principal = await this.principalOf(session.userId);
    return principal ? { principal, csrfToken: session.csrfToken } : null;
  }

  async authenticateToken(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(tokenPrefix)) return null;
    const token = await repo.useToken(this.db, sha256(secret));
    return token ? this.principalOf(token.userId) : null;
  }

  /**
   * Signs in with email and password. Failures are counted per account (lockout after five in
   * a row, for 15 minutes) and per address (at most 20 in 15 minutes), and each is recorded.
   */
  async login(email: string, password: string, address: string | null, now = Date.now()) {
    if (
      (await repo.countRecentFailures(this.db, address, failuresPerAddress.minutes)) >=
      failuresPerAddress.max
    ) {
      throw new AppError(
        429,
        'Too many attempts',
        `Too many failed sign-ins from this address; try again in ${failuresPerAddress.minutes} minutes.`,
      );
    }
    const user = await repo.findUserByEmail(this.db, email);
    const fail = async (detail = 'Wrong email or password.') => {
      await repo.recordLoginAttempt(this.db, email, address, false);
      return new AppError(401, 'Sign-in failed', detail);
    };
    if (!user || !user.isActive) throw await fail();
    if (user.lockedUntil && Date.parse(user.lockedUntil) > now) {
      await repo.recordLoginAttempt(this.db, email, address, false);
      throw new AppError(
        423,
        'Account locked',
        `This account is locked after repeated failed sign-ins until ${user.lockedUntil}; an administrator can unlock it.`,
      );
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedLogins + 1;
      const until = lockUntil(failures, now);
      await repo.updateUser(this.db, user.id, {
        failedLogins: until ? 0 : failures,
        lockedUntil: until ? new Date(until).toISOString() : null,
      });
      throw await fail(
        until
          ? 'Wrong email or password. The account is now locked for 15 minutes.'
          : 'Wrong email or password.',
      );
    }
    const token = randomSecret();
    const csrfToken = randomSecret(24);
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, user.id, {
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: new Date(now).toISOString(),
      });
      await repo.insertSession(tx, {
        tokenHash: sha256(token),
        csrfToken,
        userId: user.id,
        expiresAt: new Date(now + sessionDays * 86_400_000).toISOString(),
        address,
      });
      await repo.recordLoginAttempt(tx, email, address, true);
    });
    return {
      token,
      csrfToken,
      maxAgeSeconds: sessionDays * 86_400,
      user: await this.userById(user.id),
    };
  }

  async logout(token: string): Promise<void> {
    await repo.deleteSession(this.db, sha256(token));
  }

  async me(principal: Principal, csrfToken: string | null) {
    const user = principal.userId === null ? null : await this.userById(principal.userId);
    const publicAggregates = await this.publicAggregates();
    return { user, capabilities: capabilities(principal.grants), csrfToken, publicAggregates };
  }

  /** Whether any programme publishes its aggregates to anonymous visitors. */
  async publicAggregates(): Promise<boolean> {
    const row = await this.db
      .selectFrom('programme')
      .select('id')
      .where('publishAggregates', '=', true)
      .executeTakeFirst();
    return row !== undefined;
  }

  async userById(id: number): Promise<User> {
    const row = await repo.findUserById(this.db, id);
    if (!row) throw new NotFoundError('user', id);
    return publicUser(row, (await repo.listGrants(this.db, [id])) as Grant[]);
  }

  private requireUsers(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete') {
    if (!decide(ctx.principal.grants, 'users', action)) throw forbidden(ctx, 'manage users');
  }

  async listUsers(ctx: RequestContext, q: string | undefined, page: number, pageSize: number) {
    this.requireUsers(ctx, 'read');
    const { rows, total } = await repo.listUsers(this.db, {
      ...(q ? { q } : {}),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const grants = (await repo.listGrants(
      this.db,
      rows.map((r) => r.id),
    )) as Grant[];
    return {
      items: rows.map((r) =>
        publicUser(
          r,
          grants.filter((g) => g.userId === r.id),
        ),
      ),
      total,
      page,
      pageSize,
    };
  }

  /** Creates a user; without a password, returns a one-time password the user must change. */
  async createUser(
    ctx: RequestContext,
    input: { email: string; name: string; password?: string | undefined; grants: GrantInput[] },
  ) {
    this.requireUsers(ctx, 'create');
    return this.insertUser(ctx, input);
  }

  /** The first administrator, when no user exists yet (CLI `user add`, the demo). */
  async bootstrapAdmin(
    ctx: RequestContext,
    input: { email: string; name: string; password?: string | undefined },
  ) {
    if ((await repo.countUsers(this.db)) > 0) {
      throw new AppError(
        409,
        'Conflict',
        'Users exist already; an administrator adds further users.',
      );
    }
    return this.insertUser(ctx, {
      ...input,
      grants: [
        {
          role: 'admin',
          programmeId: null,
          complexId: null,
          miniClusterId: null,
          organisationId: null,
        },
      ],
    });
  }

  async findActiveUser(email: string) {
    const user = await repo.findUserByEmail(this.db, email);
    return user && user.isActive ? { id: user.id, email: user.email } : null;
  }

  async hasUsers(): Promise<boolean> {
    return (await repo.countUsers(this.db)) > 0;
  }

  private async insertUser(
    ctx: RequestContext,
    input: { email: string; name: string; password?: string | undefined; grants: GrantInput[] },
  ) {
    const oneTime = input.password ? null : oneTimePassword();
    const password = input.password ?? oneTime!;
    if (input.password) {
      const problems = passwordProblems(input.password, input.email);
      if (problems.length)
        throw new ValidationError(
          `password ${problems.join(', ')}`,
          problems.map((message) => ({ field: 'body.password', message })),
        );
    }
    const passwordHash = await hashPassword(password);
    try {
      const id = await this.db.transaction().execute(async (tx) => {
        const user = await repo.insertUser(tx, {
          email: input.email,
          name: input.name,
          passwordHash,
          mustChangePassword: oneTime !== null,
        });
        const grants = [];
        for (const g of input.grants)
          grants.push(await repo.insertGrant(tx, { userId: user.id, ...g }));
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'users', user.id, null, { email: user.email, name: user.name }),
          ...grants.map((g) => auditEntry(ctx, 'create', 'grants', g.id, null, g)),
        ]);
        return user.id;
      });
      return { user: await this.userById(id), oneTimePassword: oneTime };
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async updateUser(
    ctx: RequestContext,
    id: number,
    input: {
      name?: string | undefined;
      isActive?: boolean | undefined;
      unlock?: boolean | undefined;
      resetPassword?: boolean | undefined;
    },
  ) {
    this.requireUsers(ctx, 'update');
    const before = await this.userById(id);
    const oneTime = input.resetPassword ? oneTimePassword() : null;
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
        ...(input.unlock ? { failedLogins: 0, lockedUntil: null } : {}),
        ...(oneTime ? { passwordHash: await hashPassword(oneTime), mustChangePassword: true } : {}),
      });
      if (input.isActive === false || oneTime) await repo.deleteSessionsOfUser(tx, id);
      const after = await repo.findUserById(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'update',
          'users',
          id,
          { name: before.name, isActive: before.isActive, lockedUntil: before.lockedUntil },
          {
            name: after?.name,
            isActive: after?.isActive,
            lockedUntil: after?.lockedUntil,
            passwordReset: oneTime !== null,
          },
        ),
      ]);
    });
    return { user: await this.userById(id), oneTimePassword: oneTime };
  }

  async addGrant(ctx: RequestContext, userId: number, input: GrantInput) {
    this.requireUsers(ctx, 'update');
    await this.userById(userId);
    try {
      return await this.db.transaction().execute(async (tx) => {
        const grant = await repo.insertGrant(tx, { userId, ...input });
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'grants', grant.id, null, grant)]);
        return grant as Grant;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23514') {
        throw new ValidationError('This role needs a different scope', [
          {
            field: 'body',
            message:
              'admin and evaluator take no scope; programme_officer and analyst a programmeId; task_force a complexId; coordinator a miniClusterId; member an organisationId',
          },
        ]);
      }
      throw translateDbError(error);
    }
  }

  async removeGrant(ctx: RequestContext, userId: number, grantId: number) {
    this.requireUsers(ctx, 'update');
    await this.db.transaction().execute(async (tx) => {
      const removed = await repo.deleteGrant(tx, userId, grantId);
      if (!removed) throw new NotFoundError('grant', grantId);
      await insertAuditEvents(tx, [auditEntry(ctx, 'delete', 'grants', grantId, removed, null)]);
    });
  }

  async changePassword(ctx: RequestContext, current: string, next: string) {
    const userId = ctx.principal.userId;
    if (userId === null) throw forbidden(ctx, 'change a password');
    const user = await repo.findUserById(this.db, userId);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new ValidationError('The current password is wrong', [
        { field: 'body.currentPassword', message: 'is wrong' },
      ]);
    }
    const problems = passwordProblems(next, user.email);
    if (next === current) problems.push('must differ from the current password');
    if (problems.length)
      throw new ValidationError(
        `newPassword ${problems.join(', ')}`,
        problems.map((message) => ({ field: 'body.newPassword', message })),
      );
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, userId, { passwordHash, mustChangePassword: false });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'update', 'users', userId, null, { passwordChanged: true }),
      ]);
    });
  }

  async listTokens(ctx: RequestContext) {
    if (ctx.principal.userId === null) throw forbidden(ctx, 'see API tokens');
    return repo.listTokens(this.db, ctx.principal.userId);
  }

  async createToken(
    ctx: RequestContext,
    name: string,
    expiresInDays: number | null,
    now = Date.now(),
  ) {
    const userId = ctx.principal.userId;
    if (userId === null) throw forbidden(ctx, 'create API tokens');
    const secret = `${tokenPrefix}${randomSecret()}`;
    return this.db.transaction().execute(async (tx) => {
      const token = await repo.insertToken(tx, {
        userId,
        name,
        tokenHash: sha256(secret),
        prefix: secret.slice(0, 10),
        expiresAt:
          expiresInDays === null ? null : new Date(now + expiresInDays * 86_400_000).toISOString(),
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'tokens', token.id, null, {
          name,
          prefix: token.prefix,
          expiresAt: token.expiresAt,
        }),
      ]);
      return { token, secret };
    });
  }

  async revokeToken(ctx: RequestContext, tokenId: number) {
    const userId = ctx.principal.userId;
    if (userId === null) throw forbidden(ctx, 'revoke API tokens');
    return this.db.transaction().execute(async (tx) => {
      const token = await repo.revokeToken(tx, userId, tokenId);
      if (!token) throw new NotFoundError('live API token', tokenId);
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'update',
          'tokens',
          tokenId,
          { revokedAt: null },
          { revokedAt: token.revokedAt },
        ),
      ]);
      return token;
    });
  }

  async listAssignments(ctx: RequestContext) {
    if (!decide(ctx.principal.grants, 'assignments', 'read'))
      throw forbidden(ctx, 'see assignments');
    return repo.listAllAssignments(this.db);
  }

  async assign(ctx: RequestContext, input: { userId: number; entity: string; entityId: number }) {
    if (!decide(ctx.principal.grants, 'assignments', 'create'))
      throw forbidden(ctx, 'assign records');
    try {
      return await this.db.transaction().execute(async (tx) => {
        const a = await repo.insertAssignment(tx, input);
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'assignments', a.id, null, a)]);
        return a;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async unassign(ctx: RequestContext, id: number) {
    if (!decide(ctx.principal.grants, 'assignments', 'delete'))
      throw forbidden(ctx, 'remove assignments');
    await this.db.transaction().execute(async (tx) => {
      const removed = await repo.deleteAssignment(tx, id);
      if (!removed) throw new NotFoundError('assignment', id);
      await insertAuditEvents(tx, [auditEntry(ctx, 'delete', 'assignments', id, removed, null)]);
    });
  }
}

export { anonymous };
