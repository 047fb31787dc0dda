import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const body = <T = Record<string, unknown>>(res: { body: string }) => JSON.parse(res.body) as T;

async function login(email: string, password: string, ip = '10.0.0.1') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = cookies.find((c) => c.startsWith('ic_session='))?.split(';')[0] ?? '';
  return {
    res,
    cookies,
    cookie: session,
    csrf: res.statusCode === 200 ? body<{ csrfToken: string }>(res).csrfToken : '',
  };
}

async function orgInComplex(complex: string): Promise<number> {
  const c = body<{ items: { id: number }[] }>(
    await t.app.inject({ url: `/api/v1/complexes?q=${complex}`, headers: t.admin }),
  );
  const o = body<{ items: { id: number }[] }>(
    await t.app.inject({
      url: `/api/v1/organisations?complexId=${c.items[0]!.id}&kind=company`,
      headers: t.admin,
    }),
  );
  return o.items[0]!.id;
}

describe('sessions', () => {
  it('signs in with an HTTP-only SameSite cookie and needs the CSRF token for changes', async () => {
    const { res, cookies, cookie, csrf } = await login('admin@test.local', testPassword);
    expect(res.statusCode).toBe(200);
    const sessionCookie = cookies.find((c) => c.startsWith('ic_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Strict/);
    const me = body<{ user: { email: string }; capabilities: Record<string, string[]> }>(
      await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }),
    );
    expect(me.user.email).toBe('admin@test.local');
    expect(me.capabilities.users).toEqual(['read', 'create', 'update', 'delete']);

    const payload = { name: 'Made on the web', kind: 'company' };
    const withoutCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { cookie },
      payload,
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { cookie, 'x-csrf-token': csrf },
      payload,
    });
    expect(withCsrf.statusCode).toBe(201);
    const id = body<{ id: number }>(withCsrf).id;
    const audit = body<{
      items: { via: string; userEmail: string; action: string; after: { name: string } }[];
    }>(
      await t.app.inject({
        url: `/api/v1/audit?entity=organisations&entityId=${id}`,
        headers: t.admin,
      }),
    );
    expect(audit.items[0]).toMatchObject({
      via: 'web',
      userEmail: 'admin@test.local',
      action: 'create',
      after: { name: 'Made on the web' },
    });

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          headers: { cookie, 'x-csrf-token': csrf },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      body<{ user: unknown }>(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }))
        .user,
    ).toBeNull();
  });

  it('locks an account after five wrong passwords until an administrator unlocks it', async () => {
    const user = await t.userWith('analyst', { programmeId: 1 });
    const email = body<{ user: { email: string } }>(
      await t.app.inject({
        url: '/api/v1/auth/me',
        headers: { authorization: user.authorization },
      }),
    ).user.email;
    for (let i = 0; i < 4; i++)
      expect((await login(email, 'wrong password!!', '10.0.1.1')).res.statusCode).toBe(401);
    const fifth = await login(email, 'wrong password!!', '10.0.1.1');
    expect(fifth.res.statusCode).toBe(401);
    expect(body<{ detail: string }>(fifth.res).detail).toMatch(/locked/);
    expect((await login(email, testPassword, '10.0.1.1')).res.statusCode).toBe(423);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.userId}`,
      headers: t.admin,
      payload: { unlock: true },
    });
    expect((await login(email, testPassword, '10.0.1.1')).res.statusCode).toBe(200);
  });

  it('limits failed sign-ins per address', async () => {
    let last = 0;
    for (let i = 0; i < 21; i++)
      last = (await login(`nobody${i}@test.local`, 'whatever-password', '10.9.9.9')).res.statusCode;
    expect(last).toBe(429);
    expect((await login('admin@test.local', testPassword, '10.9.9.9')).res.statusCode).toBe(429);
    expect((await login('admin@test.local', testPassword, '10.9.9.10')).res.statusCode).toBe(200);
  });

  it('makes a one-time password good only for choosing a new one', async () => {
    const created = body<{ user: { id: number }; oneTimePassword: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: t.admin,
        payload: {
          email: 'new.officer@test.local',
          name: 'New officer',
          grants: [{ role: 'analyst', programmeId: 1 }],
        },
      }),
    );
    expect(created.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const { cookie, csrf } = await login(
      'new.officer@test.local',
      created.oneTimePassword,
      '10.0.2.1',
    );
    expect((await t.app.inject({ url: '/api/v1/complexes', headers: { cookie } })).statusCode).toBe(
      403,
    );
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: created.oneTimePassword, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(body<{ errors: { field: string }[] }>(weak).errors[0]!.field).toBe('body.newPassword');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {
        currentPassword: created.oneTimePassword,
        newPassword: 'a much longer passphrase',
      },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/complexes', headers: { cookie } })).statusCode).toBe(
      200,
    );
  });
});

describe('API tokens', () => {
  it('fails at once when revoked', async () => {
    const created = body<{ token: { id: number }; secret: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: t.admin,
        payload: { name: 'script', expiresInDays: 30 },
      }),
    );
    const bearer = { authorization: `Bearer ${created.secret}` };
    expect((await t.app.inject({ url: '/api/v1/complexes', headers: bearer })).statusCode).toBe(
      200,
    );
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/auth/tokens/${created.token.id}`,
          headers: t.admin,
        })
      ).statusCode,
    ).toBe(200);
    const after = await t.app.inject({ url: '/api/v1/complexes', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toMatch(/problem\+json/);
  });

  it('stores only a hash of the secret', async () => {
    const created = body<{ secret: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: t.admin,
        payload: { name: 'hash check' },
      }),
    );
    const rows = await sql<{ tokenHash: string }>`SELECT token_hash FROM api_token`.execute(
      t.database.db,
    );
    expect(rows.rows.some((r) => r.tokenHash.includes(created.secret))).toBe(false);
  });

  it('refuses an unknown token', async () => {
    expect(
      (
        await t.app.inject({
          url: '/api/v1/complexes',
          headers: { authorization: 'Bearer ic_guess' },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('scoped access', () => {
  it('lets an evaluator read only assigned records, even by guessing ids', async () => {
    const assignedId = await orgInComplex('Gumi');
    const otherId = await orgInComplex('Ulsan');
    const evaluator = await t.userWith('evaluator');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/assignments',
      headers: t.admin,
      payload: { userId: evaluator.userId, entity: 'organisations', entityId: assignedId },
    });
    const as = { authorization: evaluator.authorization };
    expect(
      (await t.app.inject({ url: `/api/v1/organisations/${assignedId}`, headers: as })).statusCode,
    ).toBe(200);
    for (const guess of [otherId, assignedId + 1, assignedId - 1]) {
      const res = await t.app.inject({ url: `/api/v1/organisations/${guess}`, headers: as });
      expect(res.statusCode).toBe(404);
    }
    const list = body<{ items: { id: number }[]; total: number }>(
      await t.app.inject({ url: '/api/v1/organisations', headers: as }),
    );
    expect(list.items.map((o) => o.id)).toEqual([assignedId]);
    expect((await t.app.inject({ url: '/api/v1/people', headers: as })).statusCode).toBe(403);
  });

  it('lets a member change its own organisation and no other', async () => {
    const own = await orgInComplex('Changwon');
    const other = await orgInComplex('Gunsan');
    const member = await t.userWith('member', { organisationId: own });
    const as = { authorization: member.authorization };
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/organisations/${own}`,
          headers: as,
          payload: { employees: 77 },
        })
      ).statusCode,
    ).toBe(200);
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${other}`,
      headers: as,
      payload: { employees: 77 },
    });
    expect(denied.statusCode).toBe(403);
    const untouched = body<{ employees: number }>(
      await t.app.inject({ url: `/api/v1/organisations/${other}`, headers: t.admin }),
    );
    expect(untouched.employees).not.toBe(77);
    // Nor may it move its own organisation into another complex's data by changing its complex.
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${own}`, headers: as }))
        .statusCode,
    ).toBe(403);
  });

  it('hides the programme from anonymous visitors unless it publishes its aggregates', async () => {
    expect((await t.app.inject({ url: '/api/v1/aggregates/participants' })).statusCode).toBe(401);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/programmes/1',
      headers: t.admin,
      payload: { publishAggregates: true },
    });
    expect((await t.app.inject({ url: '/api/v1/aggregates/participants' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/organisations' })).statusCode).toBe(401);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/programmes/1',
      headers: t.admin,
      payload: { publishAggregates: false },
    });
    expect((await t.app.inject({ url: '/api/v1/aggregates/participants' })).statusCode).toBe(401);
  });
});

describe('audit trail', () => {
  it('records a change made with an API token, with before and after', async () => {
    const id = await orgInComplex('Wonju');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${id}`,
      headers: t.admin,
      payload: { employees: 1234 },
    });
    const events = body<{
      items: {
        via: string;
        action: string;
        before: { employees: number };
        after: { employees: number };
      }[];
    }>(
      await t.app.inject({
        url: `/api/v1/audit?entity=organisations&entityId=${id}`,
        headers: t.admin,
      }),
    );
    expect(events.items[0]).toMatchObject({
      via: 'api',
      action: 'update',
      after: { employees: 1234 },
    });
    expect(events.items[0]!.before.employees).not.toBe(1234);
  });

  it('cannot be changed through the API or in the database', async () => {
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/audit/1',
          headers: t.admin,
          payload: {},
        })
      ).statusCode,
    ).toBe(405);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/audit/1', headers: t.admin }))
        .statusCode,
    ).toBe(405);
    const db = t.database.db;
    await expect(sql`UPDATE audit_event SET entity = 'x'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_event`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('is searchable by user and date and exports as CSV', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const byDate = body<{ total: number }>(
      await t.app.inject({ url: `/api/v1/audit?from=${today}&to=${today}`, headers: t.admin }),
    );
    expect(byDate.total).toBeGreaterThan(0);
    const none = body<{ total: number }>(
      await t.app.inject({ url: '/api/v1/audit?to=2000-01-01', headers: t.admin }),
    );
    expect(none.total).toBe(0);
    const csv = await t.app.inject({
      url: '/api/v1/audit/export?format=csv&entity=organisations',
      headers: t.admin,
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe(
      'id,at,userId,userEmail,via,address,action,entity,entityId,before,after',
    );
  });

  it('is not readable by a member', async () => {
    const member = await t.userWith('member', { organisationId: await orgInComplex('Gumi') });
    expect(
      (
        await t.app.inject({
          url: '/api/v1/audit',
          headers: { authorization: member.authorization },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('security headers', () => {
  it('are sent on every response', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/me' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});
