import { disbursementWorkflow, proposalWorkflow, type ScopedGrant } from '@innocluster/domain';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../auth/principal.ts';
import { WorkflowTransitionError } from '../errors.ts';
import { nextState, rolesOver, stepsFor } from './workflow-step.ts';

function refusal(fn: () => unknown): WorkflowTransitionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorkflowTransitionError) return error;
    throw error;
  }
  throw new Error('expected a WorkflowTransitionError');
}

const grant = (role: ScopedGrant['role'], scope: Partial<ScopedGrant> = {}): ScopedGrant => ({
  role,
  programmeIds: [],
  complexIds: [],
  miniClusterIds: [],
  organisationIds: [],
  ...scope,
});

describe('nextState', () => {
  it('takes the step with whichever of the caller’s roles the table allows', () => {
    // A member who is also a programme officer: submit needs an applicant, screening an officer.
    expect(
      nextState(proposalWorkflow, 'draft', { action: 'submit' }, ['programme_officer', 'member']),
    ).toBe('submitted');
    expect(
      nextState(proposalWorkflow, 'submitted', { action: 'start_screening' }, [
        'member',
        'programme_officer',
      ]),
    ).toBe('screening');
  });

  it('refuses with 409, the current state and every allowed step when no role may take it', () => {
    const e = refusal(() =>
      nextState(proposalWorkflow, 'submitted', { action: 'start_screening' }, [
        'member',
        'coordinator',
      ]),
    );
    expect(e.status).toBe(409);
    expect(e.state).toBe('submitted');
    // The refusal of the first role is the one reported.
    expect(e.message).toBe(
      "proposal: role member may not 'start_screening' from 'submitted'; roles allowed: admin, programme_officer",
    );
    expect(e.allowed).toEqual([
      {
        action: 'start_screening',
        to: 'screening',
        roles: ['admin', 'programme_officer'],
        reasonRequired: false,
      },
      {
        action: 'withdraw',
        to: 'withdrawn',
        roles: ['member', 'coordinator'],
        reasonRequired: false,
      },
    ]);
    expect(e.errors).toEqual([{ field: 'body.action', message: e.message }]);
  });

  it('stops at the first refusal when the action or state is wrong whatever the role', () => {
    const e = refusal(() =>
      nextState(proposalWorkflow, 'draft', { action: 'select', reason: 'x' }, ['member', 'admin']),
    );
    expect(e.message).toBe(
      "proposal: 'select' is not possible from 'draft'; allowed: submit -> submitted, withdraw -> withdrawn",
    );
    const final = refusal(() =>
      nextState(proposalWorkflow, 'selected', { action: 'withdraw' }, ['member']),
    );
    expect(final.allowed).toEqual([]);
    expect(final.message).toContain("'selected' is final");
  });

  it('asks for a reason where the table requires one, and treats no roles as a member', () => {
    const e = refusal(() =>
      nextState(proposalWorkflow, 'committee', { action: 'reject', reason: '  ' }, [
        'programme_officer',
      ]),
    );
    expect(e.message).toBe("proposal: 'reject' from 'committee' requires a reason");
    expect(
      nextState(proposalWorkflow, 'committee', { action: 'reject', reason: 'weak plan' }, [
        'admin',
      ]),
    ).toBe('rejected');
    const none = refusal(() =>
      nextState(proposalWorkflow, 'submitted', { action: 'start_screening' }, []),
    );
    expect(none.message).toContain('role member may not');
  });
});

describe('rolesOver', () => {
  it('keeps the roles whose update scope reaches the record', () => {
    const ctx: RequestContext = {
      via: 'api',
      principal: {
        userId: 1,
        email: 'x@test.local',
        assigned: {},
        grants: [
          grant('member', { organisationIds: [5] }),
          grant('programme_officer', { programmeIds: [2] }),
          grant('task_force', { complexIds: [9] }),
        ],
      },
    };
    expect(rolesOver(ctx, 'proposals', { organisationIds: [5], programmeIds: [3] })).toEqual([
      'member',
    ]);
    expect(rolesOver(ctx, 'proposals', { organisationIds: [6], programmeIds: [2] })).toEqual([
      'programme_officer',
    ]);
    // task_force only reads proposals: never a role for a step.
    expect(rolesOver(ctx, 'proposals', { complexIds: [9] })).toEqual([]);
  });
});

// Expected steps typed in from the transition tables of domain workflow.ts.
describe('stepsFor', () => {
  it('lists a delivery record’s steps in table order, unmarked, with their own roles arrays', () => {
    const steps = stepsFor(disbursementWorkflow, 'scheduled');
    expect(steps).toStrictEqual([
      {
        action: 'request',
        to: 'requested',
        roles: ['admin', 'programme_officer', 'member', 'coordinator'],
        reasonRequired: false,
      },
      {
        action: 'cancel',
        to: 'cancelled',
        roles: ['admin', 'programme_officer'],
        reasonRequired: true,
      },
    ]);
    // A copy: changing the answer cannot change the shared transition table.
    steps[0]!.roles.push('analyst');
    expect(stepsFor(disbursementWorkflow, 'scheduled')[0]!.roles).toHaveLength(4);
  });

  it('marks an intake record’s steps the caller’s roles may take', () => {
    expect(stepsFor(proposalWorkflow, 'submitted', ['member'])).toStrictEqual([
      {
        action: 'start_screening',
        to: 'screening',
        roles: ['admin', 'programme_officer'],
        reasonRequired: false,
        mine: false,
      },
      {
        action: 'withdraw',
        to: 'withdrawn',
        roles: ['member', 'coordinator'],
        reasonRequired: false,
        mine: true,
      },
    ]);
    // No roles: every step is shown, none is the caller's.
    expect(stepsFor(proposalWorkflow, 'submitted', []).map((s) => s.mine)).toEqual([false, false]);
  });

  it('offers nothing from a final state', () => {
    expect(stepsFor(proposalWorkflow, 'selected')).toEqual([]);
    expect(stepsFor(proposalWorkflow, 'selected', ['admin'])).toEqual([]);
  });
});
