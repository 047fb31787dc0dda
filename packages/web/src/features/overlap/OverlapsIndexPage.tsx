import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { overlapApi } from '../../api/overlap-client.ts';
import { formatKrw } from '@innocluster/domain';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import './overlap.css';

/** `/overlaps`: every call with a link to its overlap check. */
export function OverlapsIndexPage() {
  const { t, valueLabel } = useI18n();
  useDocumentTitle(t('overlap.title'));
  const calls = useQuery({ queryKey: ['overlaps', 'calls'], queryFn: () => overlapApi.calls() });
  return (
    <div className="page" data-testid="overlaps-index">
      <h1>{t('overlap.title')}</h1>
      <p className="muted">{t('overlap.indexHint')}</p>
      {calls.isError && <ErrorMessage error={calls.error} onRetry={() => void calls.refetch()} />}
      {calls.isLoading && <Loading />}
      {calls.data && calls.data.items.length === 0 && <p>{t('overlap.noCalls')}</p>}
      {calls.data && calls.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table overlap-calls">
            <thead>
              <tr>
                <th>{t('overlap.call')}</th>
                <th>{t('overlap.status')}</th>
                <th className="num">{t('overlap.budget')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {calls.data.items.map((c) => (
                <tr key={c.id} data-testid="overlap-call-row" data-call={c.id} data-code={c.code}>
                  <td>
                    <strong>{c.code}</strong> {c.synthetic && <SyntheticBadge />}
                    <div className="muted small">{c.title}</div>
                  </td>
                  <td>{valueLabel(c.status)}</td>
                  <td className="num">{formatKrw(c.budgetKrw)}</td>
                  <td>
                    <Link to={`/calls/${c.id}/overlaps`} data-testid="overlap-call-link">
                      {t('overlap.check')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
