import type { Page } from '@innocluster/contracts';
import type { ReactNode } from 'react';
import { useI18n } from '../app/I18nProvider.tsx';
import { QueryState, type QueryLike } from './QueryState.tsx';

export function Pagination({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t, formatNumber } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label="pagination" data-testid="pagination">
      <span className="pagination-total" data-testid="total-count" data-total={total}>
        {t('common.total')}: {formatNumber(total)}
      </span>
      <button
        type="button"
        className="button"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('common.previous')}
      </button>
      <span>
        {t('common.page')} {formatNumber(page)} {t('common.of')} {formatNumber(pages)}
      </span>
      <button
        type="button"
        className="button"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/**
 * A paginated list query: loading and error states, the pager, and the table the children
 * render for the current page (dimmed while the next page loads).
 */
export function PagedQuery<T>({
  query,
  onPage,
  children,
}: {
  query: QueryLike<Page<T>> & { isFetching?: boolean };
  onPage: (page: number) => void;
  children: (page: Page<T>) => ReactNode;
}) {
  return (
    <QueryState query={query}>
      {(page) => (
        <>
          <Pagination
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={onPage}
          />
          <div className={`table-wrap${query.isFetching ? ' is-fetching' : ''}`}>
            {children(page)}
          </div>
        </>
      )}
    </QueryState>
  );
}
