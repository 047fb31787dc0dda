import {
  registryResources,
  permissionTable,
  type Action,
  type RegistryResource,
  type Role,
} from '@innocluster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The permission matrix: for every role (and anonymous) and every registry route, a request
 * whose expected outcome is read off the permission table. The fixture puts every "inside" row
 * within each scoped role's reach (programme 1, complex Gumi, mini-cluster M of Gumi,
 * organisation O of Gumi and M) and every "outside" row in a complex and programme no grant
 * names, so the expectation needs no knowledge of how the server expands scopes.
 */
type Who = Role | 'anonymous';
const who: Who[] = [
  'admin',
  'programme_officer',
  'task_force',
  'coordinator',
  'member',
  'evaluator',
  'analyst',
  'anonymous',
];

let t: TestApp;
const headers = {} as Record<Who, Record<string, string>>;
const inside = {} as Record<RegistryResource, number>;
const outside = {} as Record<RegistryResource, number>;
let ids: {
  programme: number;
  programme2: number;
  gumi: number;
  outsideComplex: number;
  m: number;
  o: number;
  gumiTaskForce: number;
  province: number;
  region: number;
};
let n = 0;
const perKey: Record<string, number> = {};

async function call(
  method: string,
  url: string,
  payload?: unknown,
  as: Record<string, string> = headers.admin,
) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: as,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function adminCreate(key: string, body: Record<string, unknown>): Promise<number> {
  const res = await call('POST', `/api/v1/${key}`, body);
  if (res.statusCode !== 201) throw new Error(`setup: POST ${key} ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as { id: number }).id;
}

async function firstId(url: string): Promise<number> {
  const res = await call('GET', url);
  const page = JSON.parse(res.body) as { items: { id: number }[] };
  if (!page.items[0]) throw new Error(`setup: nothing at ${url}`);
  return page.items[0].id;
}

/** A valid body for a new row of the entity, inside every scoped role's reach, unique per call. */
async function insideBody(key: RegistryResource): Promise<Record<string, unknown>> {
  n += 1;
  const day = new Date(Date.UTC(2030, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  switch (key) {
    case 'programmes':
      return { code: `P${n}`, name: `Programme ${n}`, ministry: 'Ministry' };
    case 'programme-phases':
      return { programmeId: ids.programme, name: `Phase ${n}`, startDate: day };
    case 'regions':
      return { code: `U${n}`, kind: 'user', name: `Region ${n}` };
    case 'region-members': {
      const regionId = await adminCreate('regions', {
        code: `RM${n}`,
        kind: 'user',
        name: `Members ${n}`,
      });
      return { regionId, memberComplexId: ids.gumi };
    }
    case 'industry-classifications':
      return { code: `X${n}`, vintage: 'v1', name: `Classification ${n}` };
    case 'industries':
      return {
        classificationId: await firstId('/api/v1/industry-classifications'),
        code: `Z${n}`,
        name: `Industry ${n}`,
      };
    case 'complexes':
      return { name: `Complex ${n}`, provinceId: ids.province };
    case 'participations':
      return { programmeId: ids.programme, complexId: ids.gumi, joined: day };
    case 'mini-clusters':
      return { complexId: ids.gumi, name: `MC ${n}`, field: 'Field' };
    case 'organisations':
      return { name: `Org ${n}`, kind: 'company', complexId: ids.gumi };
    case 'memberships':
      return { organisationId: ids.o, miniClusterId: ids.m, joined: day };
    case 'people':
      return { name: `Person ${n}`, organisationId: ids.o };
    case 'bodies':
      return {
        kind: 'council',
        name: `Council ${n}`,
        programmeId: ids.programme,
        complexId: ids.gumi,
      };
    case 'body-seats': {
      const personId = await adminCreate('people', {
        name: `Seat holder ${n}`,
        organisationId: ids.o,
      });
      return { bodyId: ids.gumiTaskForce, personId, role: 'Staff' };
    }
    case 'budget-years':
      perKey[key] = (perKey[key] ?? 0) + 1;
      return { programmeId: ids.programme, year: 2100 + (perKey[key] ?? 0) };
    case 'budget-items':
      return {
        programmeId: ids.programme,
        year: 2005,
        itemGroup: `Group ${n}`,
        item: 'Item',
        amountKrwMillion: 1,
      };
  }
}

function expected(
  role: Who,
  key: RegistryResource,
  action: Action,
  where: 'inside' | 'outside',
): boolean {
  if (role === 'anonymous') return false;
  const scope = permissionTable[key][role]?.[action];
  if (!scope) return false;
  if (scope === 'all') return true;
  if (scope === 'assigned') return where === 'inside' && key === 'organisations';
  return where === 'inside';
}

beforeAll(async () => {
  t = await createTestApp();
  headers.admin = t.admin;
  headers.anonymous = {};
  const programme = await firstId('/api/v1/programmes');
  const gumi = await firstId('/api/v1/complexes?q=Gumi');
  const province = await firstId('/api/v1/regions?kind=province&q=Seoul');
  const m = await firstId(`/api/v1/mini-clusters?complexId=${gumi}`);
  const o = await firstId(`/api/v1/memberships?miniClusterId=${m}`).then(async (membershipId) => {
    const res = await call('GET', `/api/v1/memberships/${membershipId}`);
    return (JSON.parse(res.body) as { organisationId: number }).organisationId;
  });
  const gumiTaskForce = await firstId(`/api/v1/bodies?complexId=${gumi}&kind=task_force`);
  const programme2 = await adminCreate('programmes', {
    code: 'OTHER',
    name: 'Another programme',
    ministry: 'Another ministry',
  });
  const outsideComplex = await adminCreate('complexes', { name: 'Outside', provinceId: province });
  const region = await adminCreate('regions', {
    code: 'FUNC-1',
    kind: 'user',
    name: 'A functional region',
  });
  ids = { programme, programme2, gumi, outsideComplex, m, o, gumiTaskForce, province, region };

  const outsideOrg = await adminCreate('organisations', {
    name: 'Outside firm',
    kind: 'company',
    complexId: outsideComplex,
  });
  const outsideMc = await adminCreate('mini-clusters', {
    complexId: outsideComplex,
    name: 'Outside MC',
    field: 'Other',
  });
  const outsideBody = await adminCreate('bodies', {
    kind: 'task_force',
    name: 'Outside task force',
    programmeId: programme2,
    complexId: outsideComplex,
  });
  const outsidePerson = await adminCreate('people', {
    name: 'Outside person',
    organisationId: outsideOrg,
  });
  const insidePerson = await adminCreate('people', { name: 'Inside person', organisationId: o });
  Object.assign(inside, {
    programmes: programme,
    'programme-phases': await firstId(`/api/v1/programme-phases?programmeId=${programme}`),
    regions: await firstId('/api/v1/regions?q=Busan'),
    'region-members': await firstId('/api/v1/region-members'),
    'industry-classifications': await firstId('/api/v1/industry-classifications'),
    industries: await firstId('/api/v1/industries'),
    complexes: gumi,
    participations: await firstId(`/api/v1/participations?complexId=${gumi}`),
    'mini-clusters': m,
    organisations: o,
    memberships: await firstId(`/api/v1/memberships?miniClusterId=${m}&organisationId=${o}`),
    people: insidePerson,
    bodies: gumiTaskForce,
    'body-seats': await firstId(`/api/v1/body-seats?bodyId=${gumiTaskForce}`),
    'budget-years': await firstId(`/api/v1/budget-years?programmeId=${programme}`),
    'budget-items': await firstId(`/api/v1/budget-items?programmeId=${programme}`),
  });
  Object.assign(outside, {
    programmes: programme2,
    'programme-phases': await adminCreate('programme-phases', {
      programmeId: programme2,
      name: 'Outside phase',
      startDate: '2020-01-01',
    }),
    regions: region,
    'region-members': await adminCreate('region-members', {
      regionId: region,
      memberComplexId: outsideComplex,
    }),
    'industry-classifications': inside['industry-classifications'],
    industries: inside.industries,
    complexes: outsideComplex,
    participations: await adminCreate('participations', {
      programmeId: programme2,
      complexId: outsideComplex,
      joined: '2020-01-01',
    }),
    'mini-clusters': outsideMc,
    organisations: outsideOrg,
    memberships: await adminCreate('memberships', {
      organisationId: outsideOrg,
      miniClusterId: outsideMc,
      joined: '2020-01-01',
    }),
    people: outsidePerson,
    bodies: outsideBody,
    'body-seats': await adminCreate('body-seats', {
      bodyId: outsideBody,
      personId: outsidePerson,
      role: 'Head',
    }),
    'budget-years': await adminCreate('budget-years', { programmeId: programme2, year: 2020 }),
    'budget-items': await adminCreate('budget-items', {
      programmeId: programme2,
      year: 2020,
      itemGroup: 'Outside',
      item: 'Item',
      amountKrwMillion: 1,
    }),
  });

  const bearer = async (role: Role, scope = {}) => ({
    authorization: (await t.userWith(role, scope)).authorization,
  });
  headers.programme_officer = await bearer('programme_officer', { programmeId: programme });
  headers.task_force = await bearer('task_force', { complexId: gumi });
  headers.coordinator = await bearer('coordinator', { miniClusterId: m });
  headers.member = await bearer('member', { organisationId: o });
  headers.analyst = await bearer('analyst', { programmeId: programme });
  const evaluator = await t.userWith('evaluator');
  headers.evaluator = { authorization: evaluator.authorization };
  await call('POST', '/api/v1/assignments', {
    userId: evaluator.userId,
    entity: 'organisations',
    entityId: o,
  });
}, 300_000);

afterAll(async () => {
  await t?.close();
});

const cases: { role: Who; key: RegistryResource; route: string }[] = [];
for (const role of who) {
  for (const key of registryResources) {
    for (const route of [
      'list',
      'get inside',
      'get outside',
      'create',
      'update inside',
      'update outside',
      'delete',
    ])
      cases.push({ role, key, route });
  }
}

describe('permission matrix', () => {
  it('has at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it.each(cases)('$role: $route $key', async ({ role, key, route }) => {
    const as = headers[role];
    let allowed: boolean;
    let status: number;
    if (route === 'list') {
      allowed =
        role !== 'anonymous' &&
        Object.values(permissionTable[key][role as Role] ?? {}).length > 0 &&
        !!permissionTable[key][role as Role]?.read;
      const res = await call('GET', `/api/v1/${key}`, undefined, as);
      status = res.statusCode;
      if (role === 'evaluator' && key === 'organisations') {
        expect((JSON.parse(res.body) as { total: number }).total).toBe(1);
      }
    } else if (route.startsWith('get')) {
      const where = route.endsWith('inside') ? 'inside' : 'outside';
      allowed = expected(role, key, 'read', where);
      status = (
        await call(
          'GET',
          `/api/v1/${key}/${(where === 'inside' ? inside : outside)[key]}`,
          undefined,
          as,
        )
      ).statusCode;
    } else if (route === 'create') {
      allowed = expected(role, key, 'create', 'inside');
      const body = await insideBody(key);
      status = (await call('POST', `/api/v1/${key}`, body, as)).statusCode;
    } else if (route.startsWith('update')) {
      const where = route.endsWith('inside') ? 'inside' : 'outside';
      allowed = expected(role, key, 'update', where);
      const id = (where === 'inside' ? inside : outside)[key];
      const current = JSON.parse((await call('GET', `/api/v1/${key}/${id}`)).body) as {
        synthetic: boolean;
      };
      status = (await call('PATCH', `/api/v1/${key}/${id}`, { synthetic: current.synthetic }, as))
        .statusCode;
    } else {
      allowed = expected(role, key, 'delete', 'inside');
      const id = await adminCreate(key, await insideBody(key));
      status = (await call('DELETE', `/api/v1/${key}/${id}`, undefined, as)).statusCode;
      const stillThere = (await call('GET', `/api/v1/${key}/${id}`)).statusCode === 200;
      expect(stillThere).toBe(!allowed);
    }
    if (allowed) expect(status).toBeLessThan(300);
    else expect([401, 403, 404]).toContain(status);
    if (role === 'anonymous') expect(status).toBe(401);
  });
});
