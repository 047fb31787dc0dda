import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AnyRow } from '../../api/api-client.ts';
import { useEntity, useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import {
  describeFields,
  findContract,
  rowLabel,
  type EntityContractLike,
  type FieldDescriptor,
  type ReferenceTarget,
} from '../../components/entity-fields.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PagedQuery } from '../../components/Pagination.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';

const pageSize = 50;
const maxColumns = 7;

/**
 * The name of a referenced row. One shared list request per referenced entity covers most rows;
 * a row beyond it is fetched on its own.
 */
function ReferenceLabel({ target, id }: { target: ReferenceTarget; id: number }) {
  const list = useEntityList(target.key, { pageSize: 1000 });
  const items = (list.data?.items ?? []) as unknown as AnyRow[];
  const inList = items.find((r) => r.id === id);
  const one = useEntity(target.key, list.data && !inList ? id : null);
  const row = inList ?? (one.data as unknown as AnyRow | undefined);
  return (
    <Link to={`/registry/${target.key}/${id}`} onClick={(e) => e.stopPropagation()}>
      {row ? rowLabel(row) : `#${id}`}
    </Link>
  );
}

export function CellValue({ field, value }: { field: FieldDescriptor; value: unknown }) {
  const { t, valueLabel, formatNumber } = useI18n();
  if (value === null || value === undefined || value === '')
    return <span className="muted">{t('common.none')}</span>;
  switch (field.kind) {
    case 'boolean':
      return <>{value ? t('common.yes') : t('common.no')}</>;
    case 'enum':
      return <>{valueLabel(String(value))}</>;
    case 'integer':
    case 'number':
      return <>{formatNumber(Number(value))}</>;
    case 'reference':
      return field.reference ? (
        <ReferenceLabel target={field.reference} id={Number(value)} />
      ) : (
        <>{String(value)}</>
      );
    default: {
      const text = String(value);
      return <>{text.length > 80 ? `${text.slice(0, 77)}…` : text}</>;
    }
  }
}

function RegistryTable({ contract }: { contract: EntityContractLike }) {
  const { t, fieldLabel, entityLabel } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const { params, update } = useUrlParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const sort = params.get('sort') ?? (contract.sortable.includes('name') ? 'name' : 'id');
  const fields = useMemo(
    () =>
      describeFields(contract)
        .filter((f) => f.kind !== 'textarea')
        .slice(0, maxColumns),
    [contract],
  );

  useEffect(() => {
    if (search === q) return;
    const timer = window.setTimeout(() => update({ q: search, page: '' }), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  useEffect(() => setSearch(q), [q]);

  const query = useMemo(() => {
    const result: Record<string, string | number> = { page, pageSize, sort };
    if (q && contract.searchable.length) result.q = q;
    for (const name of Object.keys(contract.filters)) {
      const v = params.get(name);
      if (v) result[name] = v;
    }
    return result;
  }, [params, page, q, sort, contract]);
  const list = useEntityList(contract.key, query);
  const activeFilters = Object.keys(contract.filters).filter((n) => params.get(n));

  return (
    <>
      <div className="page-head">
        <h1>{entityLabel(contract.key)}</h1>
        {auth.can(contract.key, 'create') && (
          <Link
            className="button button-primary"
            to={`/registry/${contract.key}/new${activeFilters.length ? `?${activeFilters.map((n) => `${n}=${params.get(n) ?? ''}`).join('&')}` : ''}`}
            data-testid="registry-new"
          >
            {t('registry.newRow')}
          </Link>
        )}
      </div>
      <div className="filters" role="search">
        {contract.searchable.length > 0 && (
          <input
            type="search"
            className="input input-search"
            placeholder={`${t('common.search')}: ${contract.searchable.map(fieldLabel).join(', ')}`}
            aria-label={t('common.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="registry-search"
          />
        )}
        {'synthetic' in contract.filters && (
          <FilterSelect
            layout="label"
            label={fieldLabel('synthetic')}
            value={params.get('synthetic')}
            options={[
              { value: 'true', label: t('common.onlySynthetic') },
              { value: 'false', label: t('common.onlyReal') },
            ]}
            onChange={(v) => update({ synthetic: v ?? '', page: '' })}
          />
        )}
        {activeFilters
          .filter((n) => n !== 'synthetic')
          .map((n) => (
            <span key={n} className="chip">
              {fieldLabel(n)} = {params.get(n)}{' '}
              <button
                type="button"
                aria-label={t('orgs.clearFilters')}
                onClick={() => update({ [n]: '', page: '' })}
              >
                ×
              </button>
            </span>
          ))}
      </div>
      <PagedQuery query={list} onPage={(p) => update({ page: String(p) })}>
        {(page) => (
          <table className="table table-clickable" data-testid="registry-table">
            <thead>
              <tr>
                {contract.sortable.includes('id') ? (
                  <SortHeader
                    field="id"
                    sort={sort}
                    label={t('common.id')}
                    numeric
                    onSort={(s) => update({ sort: s, page: '' })}
                  />
                ) : (
                  <th scope="col">{t('common.id')}</th>
                )}
                {fields.map((f) =>
                  contract.sortable.includes(f.name) ? (
                    <SortHeader
                      key={f.name}
                      field={f.name}
                      sort={sort}
                      label={fieldLabel(f.name)}
                      onSort={(s) => update({ sort: s, page: '' })}
                    />
                  ) : (
                    <th key={f.name} scope="col">
                      {fieldLabel(f.name)}
                    </th>
                  ),
                )}
                <th scope="col">{fieldLabel('synthetic')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={fields.length + 2} className="muted">
                    {t('common.noResults')}
                  </td>
                </tr>
              )}
              {(page.items as unknown as AnyRow[]).map((row) => (
                <tr
                  key={row.id}
                  data-id={row.id}
                  onClick={() => void navigate(`/registry/${contract.key}/${row.id}`)}
                >
                  <td className="num">
                    <Link
                      to={`/registry/${contract.key}/${row.id}`}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {row.id}
                    </Link>
                  </td>
                  {fields.map((f) => (
                    <td
                      key={f.name}
                      className={f.kind === 'integer' || f.kind === 'number' ? 'num' : undefined}
                    >
                      <CellValue field={f} value={row[f.name]} />
                    </td>
                  ))}
                  <td>{row.synthetic && <SyntheticBadge />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedQuery>
    </>
  );
}

export function RegistryListPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const contract = findContract(useParams().key);
  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/registry">← {t('registry.title')}</Link>
      </p>
      {contract && !auth.can(contract.key, 'read') ? (
        <>
          <h1 data-testid="forbidden">{t('auth.forbidden')}</h1>
          <p className="muted">{t('auth.forbiddenHint')}</p>
        </>
      ) : contract ? (
        <RegistryTable key={contract.key} contract={contract} />
      ) : (
        <h1>{t('registry.unknown')}</h1>
      )}
    </div>
  );
}
