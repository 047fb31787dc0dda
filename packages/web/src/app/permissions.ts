import type { Me } from '@innocluster/contracts';
import { permissionTable, type Resource } from '@innocluster/domain';

export type CapabilityAction = 'read' | 'create' | 'update' | 'delete';

function numberField(row: Record<string, unknown>, name: string): number | null {
  const v = row[name];
  return typeof v === 'number' ? v : null;
}

/**
 * Whether a grant's scope reaches a row, when the row itself says so (its id or its
 * `...Id` fields). Null when the browser cannot tell (e.g. a programme's reach needs the
 * server's expansion): the server decides then.
 */
function scopeReaches(
  grant: NonNullable<Me['user']>['grants'][number],
  resource: string,
  row: Record<string, unknown>,
): boolean | null {
  const pairs: Array<[number | null, string, string]> = [
    [grant.organisationId, 'organisations', 'organisationId'],
    [grant.miniClusterId, 'mini-clusters', 'miniClusterId'],
    [grant.complexId, 'complexes', 'complexId'],
    [grant.programmeId, 'programmes', 'programmeId'],
  ];
  for (const [scopeId, scopeResource, field] of pairs) {
    if (scopeId === null) continue;
    if (resource === scopeResource) return numberField(row, 'id') === scopeId;
    const value = numberField(row, field);
    if (value !== null) return value === scopeId;
    // An organisation row names its complex: a mini-cluster or programme scope needs the server.
    if (scopeResource === 'organisations') return false;
    return null;
  }
  return null;
}

/**
 * Whether the user may do `action` on one row: the server's capabilities first, then the
 * permission table for each grant. A scoped rule checks what the row says about itself; when
 * it cannot tell, the button shows and the server has the last word.
 */
export function canOnRow(
  me: Me,
  resource: string,
  action: CapabilityAction,
  row: Record<string, unknown>,
): boolean {
  if (!(me.capabilities[resource] ?? []).includes(action)) return false;
  const rules = (permissionTable as Partial<Record<string, (typeof permissionTable)[Resource]>>)[
    resource
  ];
  if (!me.user || !rules) return true;
  let unknown = false;
  for (const grant of me.user.grants) {
    const scope = rules[grant.role]?.[action];
    if (scope === 'all') return true;
    if (scope === 'scoped') {
      const reaches = scopeReaches(grant, resource, row);
      if (reaches === true) return true;
      if (reaches === null) unknown = true;
    }
    if (scope === 'assigned') unknown = true;
  }
  return unknown;
}
