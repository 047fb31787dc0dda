import type { Role } from '@innocluster/domain';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { AuthService } from '../auth/auth.service.ts';
import { systemContext } from '../auth/principal.ts';
import type { OpenDatabase } from '../db/database.ts';
import { DemoService } from '../demo/demo.service.ts';
import { createTestDatabase } from './test-database.ts';

export interface GrantScope {
  programmeId?: number;
  complexId?: number;
  miniClusterId?: number;
  organisationId?: number;
}

export interface TestApp {
  app: FastifyInstance;
  database: OpenDatabase;
  auth: AuthService;
  /** Bearer header of the administrator. */
  admin: { authorization: string };
  /** Creates a user with one grant and returns its bearer header and id. */
  userWith(role: Role, scope?: GrantScope): Promise<{ authorization: string; userId: number }>;
  close(): Promise<void>;
}

export const testPassword = 'correct horse battery staple';

let counter = 0;

/** A migrated test database with the demo, an app, and an administrator holding an API token. */
export async function createTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const wantDemo = options.demo !== false;
  const database = await createTestDatabase({ fromDemoSnapshot: wantDemo });
  if (wantDemo && !database.demoLoaded) await new DemoService(database.db).load();
  const auth = new AuthService(database.db);
  const { user } = await auth.bootstrapAdmin(systemContext, {
    email: 'admin@test.local',
    name: 'Admin',
    password: testPassword,
  });
  const adminCtx = { via: 'system' as const, principal: (await auth.principalOf(user.id))! };
  const adminToken = await auth.createToken(adminCtx, 'tests', 1);
  const app = await buildApp({ db: database.db, webDist: null });
  return {
    app,
    database,
    auth,
    admin: { authorization: `Bearer ${adminToken.secret}` },
    async userWith(role, scope = {}) {
      counter += 1;
      const created = await auth.createUser(adminCtx, {
        email: `${role.replace('_', '-')}-${counter}@test.local`,
        name: `${role} ${counter}`,
        password: testPassword,
        grants: [
          {
            role,
            programmeId: scope.programmeId ?? null,
            complexId: scope.complexId ?? null,
            miniClusterId: scope.miniClusterId ?? null,
            organisationId: scope.organisationId ?? null,
          },
        ],
      });
      const ctx = { via: 'system' as const, principal: (await auth.principalOf(created.user.id))! };
      const token = await auth.createToken(ctx, 'tests', 1);
      return { authorization: `Bearer ${token.secret}`, userId: created.user.id };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
