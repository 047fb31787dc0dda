import { organisationKinds, sizeClasses } from '@innocluster/contracts';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PagedQuery } from '../../components/Pagination.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';

const pageSize = 50;
const filterNames = ['kind', 'sizeClass', 'complexId', 'provinceId', 'synthetic'] as const;

export function OrganisationDirectoryPage() {
  const { t, valueLabel, formatNumber, fieldLabel, language } = useI18n();
  const navigate = useNavigate();
  const auth = useAuth();
  useDocumentTitle(t('orgs.title'));
  const { params, setParams, update } = useUrlParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const sort = params.get('sort') ?? 'name';

  // Typing waits a moment before it becomes a query, so each key press is not a request.
  useEffect(() => {
    if (search === q) return;
    const timer = window.setTimeout(() => update({ q: search, page: '' }), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  useEffect(() => setSearch(q), [q]);

  const query = useMemo(() => {
    const result: Record<string, string | number> = { page, pageSize, sort };
    if (q) result.q = q;
    for (const name of filterNames) {
      const v = params.get(name);
      if (v) result[name] = v;
    }
    return result;
  }, [params, page, q, sort]);

  const list = useEntityList('organisations', query);
  const complexes = useEntityList('complexes', { pageSize: 1000, sort: 'name' });
  const provinces = useEntityList('regions', { kind: 'province', pageSize: 100, sort: 'name' });
  const complexName = useMemo(
    () => new Map((complexes.data?.items ?? []).map((c) => [c.id, c.name])),
    [complexes.data],
  );
  const provinceName = useMemo(
    () =>
      new Map(
        (provinces.data?.items ?? []).map((r) => [
          r.id,
          language === 'ko' && r.nameKo ? r.nameKo : r.name,
        ]),
      ),
    [provinces.data, language],
  );
  const hasFilters = q !== '' || filterNames.some((n) => params.get(n));

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('orgs.title')}</h1>
        {auth.can('organisations', 'create') && (
          <Link className="button button-primary" to="/organisations/new" data-testid="org-new">
            {t('orgs.new')}
          </Link>
        )}
      </div>
      <div className="filters" role="search">
        <input
          type="search"
          className="input input-search"
          placeholder={t('common.searchPlaceholder')}
          aria-label={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="org-search"
        />
        <FilterSelect
          layout="label"
          label={t('orgs.kind')}
          name="filter-kind"
          value={params.get('kind')}
          options={organisationKinds.map((k) => ({ value: k, label: valueLabel(k) }))}
          onChange={(value) => update({ kind: value ?? '', page: '' })}
        />
        <FilterSelect
          layout="label"
          label={t('orgs.sizeClass')}
          name="filter-sizeClass"
          value={params.get('sizeClass')}
          options={sizeClasses.map((k) => ({ value: k, label: valueLabel(k) }))}
          onChange={(value) => update({ sizeClass: value ?? '', page: '' })}
        />
        <FilterSelect
          layout="label"
          label={t('orgs.complex')}
          name="filter-complexId"
          value={params.get('complexId')}
          options={(complexes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(value) => update({ complexId: value ?? '', page: '' })}
        />
        <FilterSelect
          layout="label"
          label={t('orgs.province')}
          name="filter-provinceId"
          value={params.get('provinceId')}
          options={(provinces.data?.items ?? []).map((r) => ({
            value: r.id,
            label: language === 'ko' && r.nameKo ? r.nameKo : r.name,
          }))}
          onChange={(value) => update({ provinceId: value ?? '', page: '' })}
        />
        <FilterSelect
          layout="label"
          label={t('orgs.synthetic')}
          name="filter-synthetic"
          value={params.get('synthetic')}
          options={[
            { value: 'true', label: t('common.onlySynthetic') },
            { value: 'false', label: t('common.onlyReal') },
          ]}
          onChange={(value) => update({ synthetic: value ?? '', page: '' })}
        />
        {hasFilters && (
          <button
            type="button"
            className="button button-link"
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            {t('orgs.clearFilters')}
          </button>
        )}
      </div>
      <PagedQuery query={list} onPage={(p) => update({ page: String(p) })}>
        {(page) => (
          <table className="table table-clickable" data-testid="org-table">
            <thead>
              <tr>
                <SortHeader
                  field="name"
                  sort={sort}
                  label={t('orgs.name')}
                  onSort={(s) => update({ sort: s, page: '' })}
                />
                <SortHeader
                  field="kind"
                  sort={sort}
                  label={t('orgs.kind')}
                  onSort={(s) => update({ sort: s, page: '' })}
                />
                <th scope="col">{t('orgs.sizeClass')}</th>
                <SortHeader
                  field="complexId"
                  sort={sort}
                  label={t('orgs.complex')}
                  onSort={(s) => update({ sort: s, page: '' })}
                />
                <th scope="col">{t('orgs.province')}</th>
                <SortHeader
                  field="employees"
                  sort={sort}
                  label={t('orgs.employees')}
                  numeric
                  onSort={(s) => update({ sort: s, page: '' })}
                />
                <th scope="col">{fieldLabel('synthetic')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('common.noResults')}
                  </td>
                </tr>
              )}
              {page.items.map((org) => (
                <tr
                  key={org.id}
                  data-id={org.id}
                  data-name={org.name}
                  onClick={() => void navigate(`/organisations/${org.id}`)}
                >
                  <td>
                    <Link to={`/organisations/${org.id}`} onClick={(e) => e.stopPropagation()}>
                      {org.name}
                    </Link>
                    {org.nameKo && (
                      <span className="muted" lang="ko">
                        {' '}
                        {org.nameKo}
                      </span>
                    )}
                  </td>
                  <td>{valueLabel(org.kind)}</td>
                  <td>{valueLabel(org.sizeClass)}</td>
                  <td>
                    {org.complexId
                      ? (complexName.get(org.complexId) ?? `#${org.complexId}`)
                      : t('common.none')}
                  </td>
                  <td>
                    {org.provinceId
                      ? (provinceName.get(org.provinceId) ?? `#${org.provinceId}`)
                      : t('common.none')}
                  </td>
                  <td className="num">{formatNumber(org.employees)}</td>
                  <td>{org.synthetic && <SyntheticBadge />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedQuery>
    </div>
  );
}
