import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { AnyRow } from '../../api/api-client.ts';
import { useEntity } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { DeleteButton } from '../../components/DeleteButton.tsx';
import {
  describeFields,
  findContract,
  rowLabel,
  type EntityContractLike,
} from '../../components/entity-fields.ts';
import { EntityForm } from '../../components/EntityForm.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';

function EditEntity({ contract, id }: { contract: EntityContractLike; id: number }) {
  const { t, entityLabel } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const row = useEntity(contract.key, id);
  const [saved, setSaved] = useState(false);
  return (
    <QueryState query={row}>
      {(data) => {
        const r = data as unknown as AnyRow;
        return (
          <>
            <div className="page-head">
              <h1>
                {entityLabel(contract.key)}: {rowLabel(r)} {r.synthetic && <SyntheticBadge />}
              </h1>
              <div className="actions">
                {contract.key === 'complexes' && (
                  <Link className="button" to={`/complexes/${r.id}`}>
                    {t('common.back')}
                  </Link>
                )}
                {auth.canRow(contract.key, 'delete', r) && (
                  <DeleteButton
                    entity={contract.key}
                    id={r.id}
                    onDeleted={() => void navigate(`/registry/${contract.key}`)}
                  />
                )}
              </div>
            </div>
            {saved && (
              <p className="notice" role="status" data-testid="form-saved">
                {t('common.saved')}
              </p>
            )}
            <section className="card">
              <EntityForm
                key={r.updatedAt}
                contract={contract}
                row={r}
                readOnly={!auth.canRow(contract.key, 'update', r)}
                onSaved={() => setSaved(true)}
              />
            </section>
          </>
        );
      }}
    </QueryState>
  );
}

function CreateEntity({ contract }: { contract: EntityContractLike }) {
  const { t, entityLabel } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Filters carried over from the list (e.g. ?complexId=3) start the new row off.
  const preset: Record<string, unknown> = {};
  for (const f of describeFields(contract)) {
    const v = params.get(f.name);
    if (v !== null) preset[f.name] = v;
  }
  return (
    <>
      <h1>
        {entityLabel(contract.key)}: {t('registry.createTitle')}
      </h1>
      {!auth.can(contract.key, 'create') && (
        <p className="notice notice-warning" role="alert">
          {t('auth.cannotCreate')}
        </p>
      )}
      <section className="card">
        <EntityForm
          contract={contract}
          row={null}
          preset={preset}
          onSaved={(row) => void navigate(`/registry/${contract.key}/${row.id}`, { replace: true })}
          onCancel={() => void navigate(`/registry/${contract.key}`)}
        />
      </section>
    </>
  );
}

export function RegistryEditPage() {
  const { t, entityLabel } = useI18n();
  const params = useParams();
  const contract = findContract(params.key);
  const id = params.id ? Number(params.id) : null;
  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/registry">{t('registry.title')}</Link>
        {contract && (
          <>
            {' / '}
            <Link to={`/registry/${contract.key}`}>{entityLabel(contract.key)}</Link>
          </>
        )}
      </p>
      {!contract ? (
        <h1>{t('registry.unknown')}</h1>
      ) : id === null ? (
        <CreateEntity contract={contract} />
      ) : (
        <EditEntity key={`${contract.key}-${id}`} contract={contract} id={id} />
      )}
    </div>
  );
}
