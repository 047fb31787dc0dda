import type { EntityKey, Grant } from '@innocluster/contracts';
import { useEntity } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n-dictionary.ts';
import { rowLabel } from '../../components/entity-fields.ts';

/** Which scope field each role needs: a programme, complex, mini-cluster, organisation or none. */
export const roleScopes: Record<Grant['role'], ScopeField | null> = {
  admin: null,
  programme_officer: 'programmeId',
  task_force: 'complexId',
  coordinator: 'miniClusterId',
  member: 'organisationId',
  evaluator: null,
  analyst: 'programmeId',
};

export function roleKey(role: Grant['role']): MessageKey {
  return `role.${role}`;
}

export type ScopeField = 'programmeId' | 'complexId' | 'miniClusterId' | 'organisationId';

export const scopeEntities: Record<ScopeField, EntityKey> = {
  programmeId: 'programmes',
  complexId: 'complexes',
  miniClusterId: 'mini-clusters',
  organisationId: 'organisations',
};

/** The name of the row a grant is scoped to, fetched (and cached) by id. */
function ScopeName({ entity, id }: { entity: EntityKey; id: number }) {
  const row = useEntity(entity, id);
  return <>{row.data ? rowLabel(row.data as unknown as Record<string, unknown>) : `#${id}`}</>;
}

/** A grant in words: "Task force — Gumi". */
export function GrantLabel({ grant }: { grant: Omit<Grant, 'id' | 'userId' | 'createdAt'> }) {
  const { t } = useI18n();
  const field = (['programmeId', 'complexId', 'miniClusterId', 'organisationId'] as const).find(
    (f) => grant[f] !== null,
  );
  const id = field ? grant[field] : null;
  return (
    <span className="grant-label">
      <strong>{t(roleKey(grant.role))}</strong>
      {field && id !== null && (
        <>
          {' — '}
          <ScopeName entity={scopeEntities[field]} id={id} />
        </>
      )}
    </span>
  );
}
