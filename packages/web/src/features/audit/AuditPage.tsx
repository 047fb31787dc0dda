import type { AuditEvent } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { auditQueryString, authApi, type AuditFilters } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { entityContracts, findContract } from '../../components/entity-fields.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PagedQuery } from '../../components/Pagination.tsx';
import { formatDateTime } from '../auth/SecretNotice.tsx';
import { changedFields, showValue } from './audit-diff.ts';

const pageSize = 50;
const filterNames = ['entity', 'entityId', 'userId', 'via', 'from', 'to'] as const;
const channels = ['web', 'api', 'cli', 'system'] as const;
const otherEntities = ['users', 'grants', 'tokens', 'assignments'];

function Diff({ event }: { event: AuditEvent }) {
  const { t, fieldLabel } = useI18n();
  const changes = changedFields(event.before, event.after);
  if (changes.length === 0) return <p className="muted">{t('audit.noChanges')}</p>;
  return (
    <table className="table diff-table" data-testid="audit-diff">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} data-field={c.field}>
            <th scope="row">{fieldLabel(c.field)}</th>
            <td className="diff-before">{showValue(c.before)}</td>
            <td className="diff-after">{showValue(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The audit trail: who changed what, when and through which channel, with the changed fields. */
export function AuditPage() {
  const { t, language, entityLabel } = useI18n();
  useDocumentTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {};
  for (const name of filterNames) {
    const v = params.get(name);
    if (v) filters[name] = v;
  }
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [open, setOpen] = useState<Set<number>>(new Set());

  const audit = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () => authApi.audit({ ...filters, page, pageSize }),
    placeholderData: (previous) => previous,
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of filterNames) {
      const v = draft[name]?.trim();
      if (v) next.set(name, v);
    }
    setParams(next, { replace: true });
  }

  function toggle(id: number) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const setFilter = (name: keyof AuditFilters, value: string) =>
    setDraft((d) => ({ ...d, [name]: value }));
  const exportHref = (format: 'csv' | 'json') =>
    `/api/v1/audit/export${auditQueryString({ ...filters, format })}`;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
        <div className="actions">
          <a className="button" href={exportHref('csv')} download data-testid="audit-export-csv">
            {t('audit.exportCsv')}
          </a>
          <a className="button" href={exportHref('json')} download data-testid="audit-export-json">
            {t('audit.exportJson')}
          </a>
        </div>
      </div>
      <form
        className="filters audit-filters"
        role="search"
        onSubmit={apply}
        data-testid="audit-filters"
      >
        <FilterSelect
          layout="label"
          label={t('audit.entity')}
          name="entity"
          value={draft.entity}
          options={[...entityContracts.map((c) => c.key), ...otherEntities].map((k) => ({
            value: k,
            label: entityLabel(k),
          }))}
          onChange={(v) => setFilter('entity', v ?? '')}
        />
        <label>
          {t('audit.entityId')}
          <input
            className="input input-short"
            name="entityId"
            value={draft.entityId ?? ''}
            onChange={(e) => setFilter('entityId', e.target.value)}
          />
        </label>
        <label>
          {t('audit.userId')}
          <input
            className="input input-short"
            name="userId"
            inputMode="numeric"
            value={draft.userId ?? ''}
            onChange={(e) => setFilter('userId', e.target.value)}
          />
        </label>
        <FilterSelect
          layout="label"
          label={t('audit.channel')}
          name="via"
          value={draft.via}
          options={channels.map((c) => ({ value: c, label: t(`audit.via.${c}`) }))}
          onChange={(v) => setFilter('via', v ?? '')}
        />
        <label>
          {t('audit.from')}
          <input
            className="input"
            type="date"
            name="from"
            value={draft.from ?? ''}
            onChange={(e) => setFilter('from', e.target.value)}
          />
        </label>
        <label>
          {t('audit.to')}
          <input
            className="input"
            type="date"
            name="to"
            value={draft.to ?? ''}
            onChange={(e) => setFilter('to', e.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft({});
            setParams(new URLSearchParams(), { replace: true });
          }}
        >
          {t('audit.clear')}
        </button>
      </form>
      <PagedQuery
        query={audit}
        onPage={(p) => {
          const next = new URLSearchParams(params);
          next.set('page', String(p));
          setParams(next, { replace: true });
        }}
      >
        {(page) => (
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.channel')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => {
                const contract = findContract(e.entity);
                const isOpen = open.has(e.id);
                return (
                  <Fragment key={e.id}>
                    <tr
                      data-audit-id={e.id}
                      data-entity={e.entity}
                      data-entity-id={e.entityId}
                      data-via={e.via}
                      data-action={e.action}
                    >
                      <td>{formatDateTime(e.at, language)}</td>
                      <td>
                        {e.userId !== null ? (
                          <button
                            type="button"
                            className="link-button"
                            title={t('audit.filterUser')}
                            onClick={() => {
                              const userId = String(e.userId);
                              setDraft((d) => ({ ...d, userId }));
                              const next = new URLSearchParams(params);
                              next.set('userId', userId);
                              next.delete('page');
                              setParams(next, { replace: true });
                            }}
                          >
                            {e.userEmail ?? `#${e.userId}`}
                          </button>
                        ) : (
                          (e.userEmail ?? t('audit.system'))
                        )}
                      </td>
                      <td>
                        <span className={`badge badge-via badge-via-${e.via}`}>
                          {t(`audit.via.${e.via}`)}
                        </span>
                      </td>
                      <td>{t(`audit.action.${e.action}`)}</td>
                      <td>
                        {entityLabel(e.entity)}{' '}
                        {contract && e.action !== 'delete' ? (
                          <Link to={`/registry/${contract.key}/${e.entityId}`}>#{e.entityId}</Link>
                        ) : (
                          <span>#{e.entityId}</span>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          aria-expanded={isOpen}
                          data-testid="audit-toggle"
                          onClick={() => toggle(e.id)}
                        >
                          {isOpen ? t('audit.hide') : t('audit.show')}
                        </button>
                      </td>
                    </tr>
                    {isOpen && (
                      <tr className="diff-row">
                        <td colSpan={6}>
                          <Diff event={e} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('common.noResults')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </PagedQuery>
    </div>
  );
}
