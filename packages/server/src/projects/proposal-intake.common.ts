import type { IntakeAllowedStep, IntakeEventRow } from '@innocluster/contracts';
import { allowedSteps, type Role, type WorkflowTable } from '@innocluster/domain';
import type { Db } from '../db/database.ts';

/**
 * Helpers shared by the intake services (demands, calls, proposals, merges): the steps open
 * from a state marked with whether the caller may take them, and a record's timeline.
 */

/** The transitions out of `state`, each marked `mine` when one of `roles` may take it. */
export function stepsFor(
  table: WorkflowTable,
  state: string,
  roles: readonly Role[],
): IntakeAllowedStep[] {
  return allowedSteps(table, state).map((s) => ({
    action: s.action,
    to: s.to,
    roles: [...s.roles],
    reasonRequired: s.reasonRequired,
    mine: s.roles.some((r) => roles.includes(r)),
  }));
}

/** The workflow_event rows of one record, oldest first, with the acting user's name. */
export async function listWorkflowEvents(
  db: Db,
  entity: string,
  entityId: number,
): Promise<IntakeEventRow[]> {
  const rows = await db
    .selectFrom('workflowEvent as e')
    .leftJoin('appUser as u', 'u.id', 'e.userId')
    .select([
      'e.id',
      'e.fromState',
      'e.action',
      'e.toState',
      'e.reason',
      'e.userId',
      'u.name as userName',
      'e.at',
      'e.onDate',
      'e.synthetic',
    ])
    .where('e.entity', '=', entity)
    .where('e.entityId', '=', entityId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
