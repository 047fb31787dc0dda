import type { ReactNode } from 'react';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../app/I18nProvider.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const detail =
    error instanceof ApiError
      ? `${error.status ? `${error.status} ` : ''}${error.problem.title}${error.problem.detail ? `: ${error.problem.detail}` : ''}`
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div className="state state-error" role="alert">
      <strong>{t('common.error')}</strong>
      <span>{detail}</span>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders loading and error states for a query, and the children once its data is there. */
export function QueryState<T>({
  query,
  children,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return <Loading />;
}
