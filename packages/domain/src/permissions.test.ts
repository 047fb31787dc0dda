import { describe, expect, it } from 'vitest';
import {
  capabilities,
  decide,
  permissionTable,
  readFilter,
  registryResources,
  roles,
  type ScopedGrant,
} from './permissions.ts';

const grant = (role: ScopedGrant['role'], scope: Partial<ScopedGrant> = {}): ScopedGrant => ({
  role,
  programmeIds: [],
  complexIds: [],
  miniClusterIds: [],
  organisationIds: [],
  ...scope,
});

describe('decide', () => {
  it('lets an administrator do everything everywhere', () => {
    for (const resource of registryResources) {
      for (const action of ['read', 'create', 'update', 'delete'] as const)
        expect(decide([grant('admin')], resource, action)).toBe(true);
    }
  });

  it('confines a task force to its complex', () => {
    const tf = [grant('task_force', { complexIds: [3], organisationIds: [30, 31] })];
    expect(decide(tf, 'organisations', 'update', { complexIds: [3], organisationIds: [99] })).toBe(
      true,
    );
    expect(decide(tf, 'organisations', 'update', { complexIds: [4], organisationIds: [40] })).toBe(
      false,
    );
    expect(decide(tf, 'organisations', 'read', { complexIds: [4] })).toBe(true);
    expect(decide(tf, 'regions', 'create')).toBe(false);
  });

  it('lets a member change only its own organisation, and never delete it', () => {
    const member = [grant('member', { organisationIds: [7] })];
    expect(decide(member, 'organisations', 'update', { organisationIds: [7] })).toBe(true);
    expect(decide(member, 'organisations', 'update', { organisationIds: [8] })).toBe(false);
    expect(decide(member, 'organisations', 'delete', { organisationIds: [7] })).toBe(false);
    expect(decide(member, 'budget-years', 'read')).toBe(false);
  });

  it('shows an evaluator only assigned rows', () => {
    const evaluator = [grant('evaluator')];
    expect(decide(evaluator, 'organisations', 'read', { assigned: true })).toBe(true);
    expect(decide(evaluator, 'organisations', 'read', { assigned: false, complexIds: [1] })).toBe(
      false,
    );
    expect(readFilter(evaluator, 'organisations')).toEqual({
      all: false,
      scoped: [],
      assigned: true,
    });
    expect(readFilter(evaluator, 'people')).toBeNull();
  });

  it('keeps analysts read-only', () => {
    const analyst = [grant('analyst', { programmeIds: [1] })];
    for (const resource of registryResources) {
      expect(decide(analyst, resource, 'create', { programmeIds: [1] })).toBe(false);
      expect(decide(analyst, resource, 'update', { programmeIds: [1] })).toBe(false);
    }
  });

  it('adds up several grants', () => {
    const both = [
      grant('member', { organisationIds: [7] }),
      grant('coordinator', { miniClusterIds: [2] }),
    ];
    expect(decide(both, 'memberships', 'create', { miniClusterIds: [2] })).toBe(true);
    expect(decide(both, 'organisations', 'update', { organisationIds: [7] })).toBe(true);
    expect(capabilities(both).memberships).toEqual(['read', 'create', 'update', 'delete']);
  });

  it('gives nobody without a grant anything', () => {
    for (const resource of Object.keys(permissionTable) as (keyof typeof permissionTable)[])
      expect(decide([], resource, 'read')).toBe(false);
  });

  it('lets networking records be written within scope and read by every role', () => {
    const coordinator = [grant('coordinator', { miniClusterIds: [5], organisationIds: [50, 51] })];
    expect(decide(coordinator, 'activities', 'create', { miniClusterIds: [5] })).toBe(true);
    expect(decide(coordinator, 'activities', 'update', { miniClusterIds: [6] })).toBe(false);
    expect(decide(coordinator, 'collaborations', 'create', { organisationIds: [50, 99] })).toBe(
      true,
    );
    expect(decide(coordinator, 'collaborations', 'delete', { organisationIds: [98, 99] })).toBe(
      false,
    );
    const tf = [grant('task_force', { complexIds: [3] })];
    expect(decide(tf, 'activities', 'delete', { complexIds: [3] })).toBe(true);
    expect(decide(tf, 'activities', 'delete', { complexIds: [4] })).toBe(false);
    const member = [grant('member', { organisationIds: [7] })];
    expect(decide(member, 'activities', 'read', { complexIds: [4] })).toBe(true);
    expect(decide(member, 'activities', 'create', { organisationIds: [7] })).toBe(false);
    expect(capabilities(member).collaborations).toEqual(['read']);
    for (const role of ['evaluator', 'analyst'] as const) {
      expect(capabilities([grant(role)]).activities).toEqual(['read']);
      expect(capabilities([grant(role)]).collaborations).toEqual(['read']);
    }
  });

  it('lets every role that reads networking records read the network analytics, and none write', () => {
    for (const role of roles) {
      const mayReadRecords =
        capabilities([grant(role)]).activities.includes('read') &&
        capabilities([grant(role)]).collaborations.includes('read');
      expect(capabilities([grant(role)]).networks).toEqual(mayReadRecords ? ['read'] : []);
    }
    expect(decide([], 'networks', 'read')).toBe(false);
  });

  it('lists only known roles in the table', () => {
    for (const rules of Object.values(permissionTable))
      for (const role of Object.keys(rules)) expect(roles).toContain(role);
  });
});
