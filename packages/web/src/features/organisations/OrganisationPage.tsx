import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AnyRow } from '../../api/api-client.ts';
import { useEntity, useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { DeleteButton } from '../../components/DeleteButton.tsx';
import { contractOf } from '../../components/entity-fields.ts';
import { EntityForm } from '../../components/EntityForm.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';

const contract = contractOf('organisations');

function Memberships({ organisationId }: { organisationId: number }) {
  const { t, valueLabel } = useI18n();
  const memberships = useEntityList('memberships', { organisationId, pageSize: 100 });
  const miniClusters = useEntityList('mini-clusters', { pageSize: 1000 });
  const names = new Map((miniClusters.data?.items ?? []).map((m) => [m.id, m.name]));
  return (
    <QueryState query={memberships}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="muted">{t('common.noResults')}</p>
        ) : (
          <ul className="plain-list" data-testid="org-memberships">
            {data.items.map((m) => (
              <li key={m.id}>
                <Link to={`/registry/memberships/${m.id}`}>
                  {names.get(m.miniClusterId) ?? `#${m.miniClusterId}`}
                </Link>{' '}
                · {valueLabel(m.role)} · {m.joined}
                {m.synthetic && <SyntheticBadge />}
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}

/** Detail and edit page of one organisation, or the form for a new one. */
export function OrganisationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const organisation = useEntity('organisations', id);
  const auth = useAuth();
  const [saved, setSaved] = useState(false);

  if (id === null)
    return (
      <div className="page">
        <p className="crumbs">
          <Link to="/organisations">← {t('orgs.title')}</Link>
        </p>
        <h1>{t('orgs.newTitle')}</h1>
        <section className="card">
          <EntityForm
            contract={contract}
            row={null}
            onSaved={(row) => void navigate(`/organisations/${row.id}?created=1`)}
            onCancel={() => void navigate('/organisations')}
          />
        </section>
      </div>
    );

  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/organisations">← {t('orgs.title')}</Link>
      </p>
      <QueryState query={organisation}>
        {(org) => (
          <>
            <div className="page-head">
              <h1 data-testid="org-name">
                {org.name} {org.synthetic && <SyntheticBadge />}
              </h1>
              <div className="actions">
                {org.complexId && (
                  <Link className="button" to={`/complexes/${org.complexId}`}>
                    {t('orgs.complex')}
                  </Link>
                )}
                {auth.canRow('organisations', 'update', org) && (
                  <span className="badge badge-editable" data-testid="org-editable">
                    {t('auth.canEdit')}
                  </span>
                )}
                {auth.canRow('organisations', 'delete', org) && (
                  <DeleteButton
                    entity="organisations"
                    id={org.id}
                    onDeleted={() => void navigate('/organisations')}
                  />
                )}
              </div>
            </div>
            {(saved || new URLSearchParams(window.location.search).has('created')) && (
              <p className="notice" role="status" data-testid="form-saved">
                {saved ? t('common.saved') : t('common.created')}
              </p>
            )}
            <section className="card">
              <EntityForm
                key={org.updatedAt}
                contract={contract}
                row={org as unknown as AnyRow}
                readOnly={!auth.canRow('organisations', 'update', org)}
                onSaved={() => setSaved(true)}
              />
            </section>
            <section className="card">
              <h2>{t('orgs.memberships')}</h2>
              <Memberships organisationId={org.id} />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
