import type { Me } from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import { canOnRow } from './permissions.ts';

type GrantRow = NonNullable<Me['user']>['grants'][number];

const grant: Omit<GrantRow, 'role'> = {
  id: 1,
  userId: 1,
  programmeId: null,
  complexId: null,
  miniClusterId: null,
  organisationId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function meWith(
  grants: Array<Partial<GrantRow> & Pick<GrantRow, 'role'>>,
  capabilities: Me['capabilities'],
): Me {
  return {
    user: {
      id: 1,
      email: 'u@example.org',
      name: 'U',
      isActive: true,
      mustChangePassword: false,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: grant.createdAt,
      grants: grants.map((g) => ({ ...grant, ...g })),
    },
    capabilities,
    csrfToken: 'x',
    publicAggregates: false,
  };
}

describe('canOnRow', () => {
  it('lets a member update its own organisation and no other', () => {
    const me = meWith([{ role: 'member', organisationId: 7 }], {
      organisations: ['read', 'update'],
    });
    expect(canOnRow(me, 'organisations', 'update', { id: 7 })).toBe(true);
    expect(canOnRow(me, 'organisations', 'update', { id: 8 })).toBe(false);
    expect(canOnRow(me, 'organisations', 'delete', { id: 7 })).toBe(false);
  });

  it('scopes a task force to the organisations of its complex', () => {
    const me = meWith([{ role: 'task_force', complexId: 3 }], {
      organisations: ['read', 'create', 'update', 'delete'],
    });
    expect(canOnRow(me, 'organisations', 'update', { id: 1, complexId: 3 })).toBe(true);
    expect(canOnRow(me, 'organisations', 'update', { id: 1, complexId: 4 })).toBe(false);
  });

  it('trusts the capabilities for an administrator and denies what they lack', () => {
    const admin = meWith([{ role: 'admin' }], { complexes: ['read', 'update'] });
    expect(canOnRow(admin, 'complexes', 'update', { id: 99 })).toBe(true);
    expect(canOnRow(admin, 'complexes', 'delete', { id: 99 })).toBe(false);
  });

  it('leaves a programme scope it cannot resolve to the server', () => {
    const me = meWith([{ role: 'programme_officer', programmeId: 1 }], {
      organisations: ['read', 'update'],
    });
    expect(canOnRow(me, 'organisations', 'update', { id: 5, complexId: 2 })).toBe(true);
  });
});
