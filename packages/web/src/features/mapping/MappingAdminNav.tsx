import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router-dom';
import { api, ApiError, type RowOf } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';

/** The mapping area's pages: analysis, selection, and the data users edit. */
export function MappingAdminNav() {
  const { t } = useI18n();
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'button button-small button-primary' : 'button button-small';
  return (
    <nav
      className="actions mapping-subnav"
      aria-label={t('mappingAdmin.nav')}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', marginBottom: '1rem' }}
    >
      <NavLink to="/mapping" end className={cls} data-testid="subnav-mapping">
        {t('mapping.title')}
      </NavLink>
      <NavLink to="/mapping/analysis" className={cls} data-testid="subnav-analysis">
        {t('analysis.title')}
      </NavLink>
      <NavLink to="/mapping/selection" className={cls} data-testid="subnav-selection">
        {t('selection.title')}
      </NavLink>
      <NavLink to="/mapping/datasets" className={cls} data-testid="subnav-datasets">
        {t('mappingAdmin.datasets.title')}
      </NavLink>
      <NavLink to="/mapping/clusters" className={cls} data-testid="subnav-clusters">
        {t('mappingAdmin.clusters.title')}
      </NavLink>
      <NavLink to="/mapping/crosswalks" className={cls} data-testid="subnav-crosswalks">
        {t('mappingAdmin.crosswalks.title')}
      </NavLink>
      <NavLink
        to="/mapping/strategic-industries"
        className={cls}
        data-testid="subnav-strategic-industries"
      >
        {t('mappingAdmin.strategic.title')}
      </NavLink>
    </nav>
  );
}

/**
 * A refused change as the API explains it: the summary, then every field error as sent (for
 * imports `row 3: value` and the message), so the user can find the row and field to fix.
 */
export function ProblemDetails({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useI18n();
  if (!(error instanceof ApiError)) {
    return (
      <div className="form-errors" role="alert" data-testid={testId}>
        <strong>{error instanceof Error ? error.message : String(error)}</strong>
      </div>
    );
  }
  const errors = error.problem.errors ?? [];
  return (
    <div className="form-errors" role="alert" data-testid={testId}>
      <strong>{error.problem.detail ?? error.problem.title}</strong>
      {errors.length > 0 && (
        <ul className="problem-list">
          {errors.slice(0, 200).map((e, i) => (
            <li key={i} data-testid={`${testId}-item`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
          {errors.length > 200 && (
            <li className="muted">
              {t('mappingAdmin.moreProblems')} {errors.length - 200}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** A message with `{name}` placeholders filled in (the dictionary holds plain strings). */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

export type IndustryRow = RowOf<'industries'>;

/** Every industry of the registry (all pages), for labels and pickers. */
export function useAllIndustries() {
  return useQuery({
    queryKey: ['registry', 'industries', 'all'],
    queryFn: async () => {
      const rows: IndustryRow[] = [];
      for (let page = 1; ; page++) {
        const result = await api.list('industries', { page, pageSize: 1000, sort: 'code' });
        rows.push(...result.items);
        if (rows.length >= result.total || result.items.length === 0) return rows;
      }
    },
    staleTime: 60_000,
  });
}
