import type { IntakeEventRow } from '@innocluster/contracts';
import type { Db } from '../db/database.ts';

/**
 * Helpers shared by the intake services (demands, calls, proposals, merges): a record's
 * timeline. The steps open from a state are `stepsFor` in workflow-step.ts, shared with delivery.
 */

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
