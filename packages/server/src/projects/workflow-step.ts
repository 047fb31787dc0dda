import type { AllowedStepDto, IntakeAllowedStep } from '@innocluster/contracts';
import {
  allowedSteps,
  transition,
  type Resource,
  type Role,
  type Target,
  type WorkflowTable,
  scopesFor,
  withinScope,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { WorkflowTransitionError } from '../errors.ts';

/** A requested workflow step: the action, the reason (required by some) and a business date. */
export interface WorkflowStepRequest {
  action: string;
  reason?: string | null;
  /** 'YYYY-MM-DD' when the step happened on another day than today (back-dated entry). */
  onDate?: string | null;
}

/**
 * The roles a caller holds over a record for a resource's `update`: every role of a grant whose
 * scope reaches the target (scope 'all', the target's scope, or an assigned row).
 */
export function rolesOver(ctx: RequestContext, resource: Resource, target: Target): Role[] {
  const roles = new Set<Role>();
  for (const { scope, grant } of scopesFor(ctx.principal.grants, resource, 'update')) {
    if (
      scope === 'all' ||
      (scope === 'assigned' && target.assigned === true) ||
      (scope === 'scoped' && withinScope(grant, target))
    )
      roles.add(grant.role);
  }
  return [...roles];
}

/**
 * The transitions out of `state` as a record's detail shows them (what the UI offers as
 * buttons), each with its own copy of the roles. Given the caller's `roles`, each step is also
 * marked `mine` when one of them may take it (the intake pages); without, it is not marked
 * (the delivery pages).
 */
export function stepsFor(table: WorkflowTable, state: string): AllowedStepDto[];
export function stepsFor(
  table: WorkflowTable,
  state: string,
  roles: readonly Role[],
): IntakeAllowedStep[];
export function stepsFor(
  table: WorkflowTable,
  state: string,
  roles?: readonly Role[],
): AllowedStepDto[] | IntakeAllowedStep[] {
  return allowedSteps(table, state).map((s) => ({
    action: s.action,
    to: s.to,
    roles: [...s.roles],
    reasonRequired: s.reasonRequired,
    ...(roles ? { mine: s.roles.some((r) => roles.includes(r)) } : {}),
  }));
}

/**
 * The state after `request.action` from `from`, for the first of the caller's roles that the
 * transition table allows; otherwise a WorkflowTransitionError (409) naming the current state
 * and the allowed next steps. The refusal for the caller's first role is reported when none
 * of them may take the step.
 */
export function nextState(
  table: WorkflowTable,
  from: string,
  request: WorkflowStepRequest,
  roles: readonly Role[],
): string {
  const tried = roles.length > 0 ? roles : (['member'] as const);
  let refusal: Extract<ReturnType<typeof transition>, { ok: false }> | undefined;
  for (const role of tried) {
    const outcome = transition(table, from, request.action, role, { reason: request.reason });
    if (outcome.ok) return outcome.to;
    refusal ??= outcome;
    // The state or the action is wrong whatever the role: no other role changes that.
    if (outcome.code !== 'role_not_allowed') break;
  }
  throw new WorkflowTransitionError(refusal!.message, from, refusal!.allowed);
}

/**
 * Writes one taken transition to workflow_event and to the audit trail, in the caller's
 * transaction. `entity` is the workflow's name (demand, call, proposal, agreement,
 * disbursement, report, project).
 */
export async function recordTransition(
  tx: Db,
  ctx: RequestContext,
  step: {
    entity: string;
    entityId: number;
    from: string | null;
    to: string;
    request: WorkflowStepRequest;
    synthetic?: boolean;
    at?: string;
  },
): Promise<void> {
  await tx
    .insertInto('workflowEvent')
    .values({
      entity: step.entity,
      entityId: step.entityId,
      fromState: step.from,
      action: step.request.action,
      toState: step.to,
      reason: step.request.reason?.trim() || null,
      userId: ctx.principal.userId,
      onDate: step.request.onDate ?? null,
      synthetic: step.synthetic ?? false,
      ...(step.at ? { at: step.at } : {}),
    })
    .execute();
  await insertAuditEvents(tx, [
    auditEntry(
      ctx,
      'update',
      step.entity,
      step.entityId,
      { status: step.from },
      { status: step.to, action: step.request.action, reason: step.request.reason ?? null },
    ),
  ]);
}
