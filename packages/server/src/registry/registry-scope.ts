import type { EntityKey } from '@innocluster/contracts';
import type { ReadFilter, Target } from '@innocluster/domain';

type Level = 'programme' | 'complex' | 'miniCluster' | 'organisation';

/** The column of each entity that places a row in a programme, complex, mini-cluster or organisation. */
export const scopeColumns: Record<EntityKey, Partial<Record<Level, string>>> = {
  programmes: { programme: 'id' },
  'programme-phases': { programme: 'programmeId' },
  regions: {},
  'region-members': {},
  'industry-classifications': {},
  industries: {},
  complexes: { complex: 'id' },
  participations: { programme: 'programmeId', complex: 'complexId' },
  'mini-clusters': { complex: 'complexId', miniCluster: 'id' },
  organisations: { complex: 'complexId', organisation: 'id' },
  memberships: { organisation: 'organisationId', miniCluster: 'miniClusterId' },
  people: { organisation: 'organisationId' },
  bodies: { programme: 'programmeId', complex: 'complexId' },
  'body-seats': {},
  'budget-years': { programme: 'programmeId' },
  'budget-items': { programme: 'programmeId' },
};

const ids = (...values: unknown[]) => values.filter((v): v is number => typeof v === 'number');

/**
 * What a row (or the values of a row to be created) belongs to. Body seats take their body's
 * scope, which the caller looks up and passes as `parent`.
 */
export function targetOf(
  key: EntityKey,
  row: Record<string, unknown>,
  assignedIds: readonly number[],
  parent?: Record<string, unknown>,
): Target {
  const columns = scopeColumns[key];
  const source = key === 'body-seats' && parent ? parent : row;
  const sourceColumns = key === 'body-seats' ? scopeColumns.bodies : columns;
  const pick = (level: Level) => {
    const column = sourceColumns[level];
    return column ? ids(source[column]) : [];
  };
  return {
    programmeIds: pick('programme'),
    complexIds: pick('complex'),
    miniClusterIds: pick('miniCluster'),
    organisationIds: pick('organisation'),
    assigned: typeof row.id === 'number' && assignedIds.includes(row.id),
  };
}

export interface ScopeCondition {
  column: string;
  ids: number[];
}

/**
 * Turns a read filter into list conditions (OR-ed): rows in the grant's scope by the entity's
 * scope columns, or assigned rows. Returns 'all' for no restriction; an empty list matches nothing.
 */
export function listConditions(
  key: EntityKey,
  filter: ReadFilter,
  assignedIds: readonly number[],
): 'all' | ScopeCondition[] {
  if (filter.all) return 'all';
  const columns = scopeColumns[key];
  const conditions: ScopeCondition[] = [];
  for (const grant of filter.scoped) {
    const sets: Record<Level, readonly number[]> = {
      programme: grant.programmeIds,
      complex: grant.complexIds,
      miniCluster: grant.miniClusterIds,
      organisation: grant.organisationIds,
    };
    for (const [level, column] of Object.entries(columns) as [Level, string][]) {
      if (sets[level].length) conditions.push({ column, ids: [...sets[level]] });
    }
  }
  if (filter.assigned && assignedIds.length)
    conditions.push({ column: 'id', ids: [...assignedIds] });
  return conditions;
}
