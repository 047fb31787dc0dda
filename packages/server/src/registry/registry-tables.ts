import type { EntityKey } from '@innocluster/contracts';
import type { Database } from '../db/schema.ts';

/** The table behind each registry entity of the API. */
export const tableOf: Record<EntityKey, keyof Database> = {
  programmes: 'programme',
  'programme-phases': 'programmePhase',
  regions: 'region',
  'region-members': 'regionMember',
  'industry-classifications': 'industryClassification',
  industries: 'industry',
  complexes: 'complex',
  participations: 'participation',
  'mini-clusters': 'miniCluster',
  organisations: 'organisation',
  memberships: 'membership',
  people: 'person',
  bodies: 'body',
  'body-seats': 'bodySeat',
  'budget-years': 'budgetYear',
  'budget-items': 'budgetItem',
};
