import { useI18n } from '../app/I18nProvider.tsx';

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
