import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { overlapApi } from '../../api/overlap-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { OverlapPanel } from './OverlapPanel.tsx';

/** `/calls/:id/overlaps`: the overlap check of one call, shown to officers before selection. */
export function CallOverlapsPage() {
  const { t, valueLabel } = useI18n();
  const auth = useAuth();
  const id = Number(useParams().id);
  const call = useQuery({
    queryKey: ['overlaps', 'call', id],
    queryFn: () => overlapApi.call(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  useDocumentTitle(`${t('overlap.callTitle')} ${call.data?.code ?? ''}`);
  return (
    <div className="page" data-testid="call-overlaps-page">
      <p className="small">
        <Link to="/overlaps" data-testid="overlap-back">
          ← {t('overlap.backToCalls')}
        </Link>
        {auth.can('reviews', 'read') && (
          <>
            {' · '}
            <Link to={`/review/calls/${id}/committee`} data-testid="overlap-committee">
              {t('overlap.committee')}
            </Link>
          </>
        )}
      </p>
      <h1 data-testid="call-overlaps-title">
        {t('overlap.callTitle')} {call.data?.code ?? ''}
      </h1>
      {call.isError && <ErrorMessage error={call.error} />}
      {call.data && (
        <p className="muted">
          {call.data.title} · {t('overlap.status')}: {valueLabel(call.data.status)}{' '}
          {call.data.synthetic && <SyntheticBadge />}
        </p>
      )}
      <OverlapPanel callId={id} />
    </div>
  );
}
