import type { EntityKey, User } from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { authApi } from '../../api/api-client.ts';
import { useEntity } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { rowLabel, type FieldDescriptor } from '../../components/entity-fields.ts';
import { ErrorMessage, QueryState } from '../../components/QueryState.tsx';
import { ReferenceSelect } from '../../components/ReferenceSelect.tsx';

const assignable: EntityKey[] = ['organisations', 'complexes', 'mini-clusters'];

function EntityName({ entity, id }: { entity: string; id: number }) {
  const known = (assignable as string[]).includes(entity);
  const row = useEntity((known ? entity : 'organisations') as EntityKey, known ? id : null);
  const label = row.data ? rowLabel(row.data as unknown as Record<string, unknown>) : `#${id}`;
  return known ? <Link to={`/registry/${entity}/${id}`}>{label}</Link> : <>{label}</>;
}

/** Records assigned to users, e.g. the organisations an evaluator reviews. */
export function AssignmentsSection({ users }: { users: User[] }) {
  const { t, entityLabel } = useI18n();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const assignments = useQuery({ queryKey: ['assignments'], queryFn: authApi.assignments });
  const [userId, setUserId] = useState('');
  const [entity, setEntity] = useState<EntityKey>('organisations');
  const [entityId, setEntityId] = useState('');
  const [missing, setMissing] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['assignments'] });
  const assign = useMutation({ mutationFn: authApi.assign, onSuccess: invalidate });
  const unassign = useMutation({ mutationFn: authApi.unassign, onSuccess: invalidate });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const descriptor: FieldDescriptor = {
    name: 'entityId',
    kind: 'reference',
    required: true,
    nullable: false,
    hasDefault: false,
    defaultValue: undefined,
    options: [],
    reference: { key: entity },
    description: null,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!userId || !entityId) {
      setMissing(true);
      return;
    }
    setMissing(false);
    assign.mutate({ userId: Number(userId), entity, entityId: Number(entityId) });
  }

  return (
    <section className="card" data-testid="assignments">
      <h2>{t('assignments.title')}</h2>
      <p className="muted">{t('assignments.intro')}</p>
      {auth.can('assignments', 'create') && (
        <form className="inline-form" onSubmit={submit} noValidate>
          <label className="field">
            <span className="field-label">{t('assignments.user')}</span>
            <select
              name="assignUser"
              className="input"
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('assignments.entity')}</span>
            <select
              name="assignEntity"
              className="input"
              value={entity}
              onChange={(e) => {
                setEntity(e.target.value as EntityKey);
                setEntityId('');
              }}
            >
              {assignable.map((k) => (
                <option key={k} value={k}>
                  {entityLabel(k)}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <label className="field-label" htmlFor="assign-entity-id">
              {t('assignments.record')}
            </label>
            <ReferenceSelect
              key={entity}
              field={descriptor}
              id="assign-entity-id"
              value={entityId}
              invalid={missing && !entityId}
              onChange={setEntityId}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={assign.isPending}>
            {t('assignments.assign')}
          </button>
          {missing && <span className="field-error">{t('form.errorsSummary')}</span>}
        </form>
      )}
      {assign.error && <ErrorMessage error={assign.error} />}
      {unassign.error && <ErrorMessage error={unassign.error} />}
      <QueryState query={assignments}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('assignments.none')}</p>
          ) : (
            <table className="table" data-testid="assignments-table">
              <thead>
                <tr>
                  <th scope="col">{t('assignments.user')}</th>
                  <th scope="col">{t('assignments.entity')}</th>
                  <th scope="col">{t('assignments.record')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <td>{emails.get(a.userId) ?? `#${a.userId}`}</td>
                    <td>{entityLabel(a.entity)}</td>
                    <td>
                      <EntityName entity={a.entity} id={a.entityId} />
                    </td>
                    <td>
                      {auth.can('assignments', 'delete') && (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={unassign.isPending}
                          onClick={() => unassign.mutate(a.id)}
                        >
                          {t('assignments.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
