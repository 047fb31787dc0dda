import type { OverlapPairRow, OverlapRecord } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { overlapApi } from '../../api/overlap-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { formatKrw } from '@innocluster/domain';
import './overlap.css';

/** The API's default threshold (similarity 0-1); the panel starts there. */
export const defaultPanelThreshold = 0.5;

export interface OverlapPanelProps {
  /** Check every proposal of this call ... */
  callId?: number;
  /** ... or one proposal. */
  proposalId?: number;
  /** Starting threshold (0-1); 0.5 by default, as the API. */
  threshold?: number;
  /** Show the threshold and filter controls (default true). */
  controls?: boolean;
}

function RecordCell({ r, showCall }: { r: OverlapRecord; showCall: boolean }) {
  const { t, valueLabel } = useI18n();
  return (
    <div className="overlap-record">
      <Link to={`/intake/proposals/${r.proposalId}`} data-testid="overlap-record-link">
        {r.title}
      </Link>{' '}
      {r.synthetic && <SyntheticBadge />}
      <div className="muted small">
        {showCall && (
          <>
            <span title={r.programmeName}>{r.programmeCode}</span> ·{' '}
            <span title={r.callTitle}>{r.callCode}</span> ·{' '}
          </>
        )}
        {t('overlap.lead')}: {r.leadOrganisationName} · {t('overlap.status')}:{' '}
        {valueLabel(r.status)}
        {r.projectId !== null && (
          <>
            {' '}
            ·{' '}
            <Link to={`/projects/${r.projectId}`}>
              {t('overlap.project')} {valueLabel(r.projectStatus)}
            </Link>{' '}
            · {t('overlap.grant')} {formatKrw(r.approvedGrantKrw ?? 0)}
          </>
        )}
      </div>
    </div>
  );
}

function PairRow({ p }: { p: OverlapPairRow }) {
  return (
    <tr
      data-testid="overlap-row"
      data-similarity={p.similarity}
      data-proposal={p.record.proposalId}
      data-other={p.other.proposalId}
    >
      <td className="num">
        <div className="overlap-score">
          <span className="overlap-bar" style={{ width: `${Math.round(p.similarity * 100)}%` }} />
          <span>{p.similarity.toFixed(2)}</span>
        </div>
      </td>
      <td>
        <RecordCell r={p.record} showCall={false} />
      </td>
      <td>
        <RecordCell r={p.other} showCall />
      </td>
      <td>
        {p.sharedOrganisations.map((o, i) => (
          <span key={o.id}>
            {i > 0 && ', '}
            <Link to={`/organisations/${o.id}`}>{o.name}</Link>
          </span>
        ))}
      </td>
    </tr>
  );
}

/**
 * Overlaps of a call's proposals (or of one proposal) with submitted proposals and funded
 * projects of every programme: similarity by TF-IDF cosine of title and abstract, pairs that
 * share organisations, the method and threshold stated above the table. Exported for other
 * pages (proposal, committee) to embed.
 */
export function OverlapPanel({
  callId,
  proposalId,
  threshold: initial = defaultPanelThreshold,
  controls = true,
}: OverlapPanelProps) {
  const { t, formatNumber } = useI18n();
  const [threshold, setThreshold] = useState(initial);
  const [sharedOnly, setSharedOnly] = useState(true);
  const [across, setAcross] = useState(false);
  const options = { threshold, sharedOnly, acrossProgrammesOnly: across };
  const query = useQuery({
    queryKey: ['overlaps', callId ?? null, proposalId ?? null, options],
    queryFn: () =>
      callId !== undefined
        ? overlapApi.ofCall(callId, options)
        : overlapApi.ofProposal(proposalId as number, options),
    enabled: callId !== undefined || proposalId !== undefined,
    placeholderData: (previous) => previous,
  });
  const data = query.data;
  return (
    <section className="card overlap-panel" data-testid="overlap-panel">
      <details className="overlap-method" data-testid="overlap-method" open={controls}>
        <summary>{t('overlap.method')}</summary>
        <p className="small">{t('overlap.methodText')}</p>
      </details>
      {controls && (
        <div className="overlap-controls">
          <label>
            {t('overlap.threshold')}{' '}
            <input
              type="number"
              min={0.05}
              max={1}
              step={0.05}
              value={threshold}
              data-testid="overlap-threshold"
              onChange={(e) => {
                const v = Number(e.target.value);
                if (v >= 0.05 && v <= 1) setThreshold(v);
              }}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={sharedOnly}
              data-testid="overlap-shared-only"
              onChange={(e) => setSharedOnly(e.target.checked)}
            />{' '}
            {t('overlap.sharedOnly')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={across}
              data-testid="overlap-across"
              onChange={(e) => setAcross(e.target.checked)}
            />{' '}
            {t('overlap.acrossProgrammes')}
          </label>
        </div>
      )}
      {query.isError && <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />}
      {!data && query.isLoading && <Loading />}
      {data && (
        <>
          <p
            className="muted"
            data-testid="overlap-summary"
            data-pairs={data.pairs.length}
            data-threshold={data.threshold}
          >
            {t('overlap.summary')
              .replace('{pairs}', formatNumber(data.pairs.length))
              .replace('{checked}', formatNumber(data.checked))
              .replace('{corpus}', formatNumber(data.corpusSize))}
            {' · '}
            {t('overlap.threshold')} {data.threshold.toFixed(2)}
          </p>
          {data.hiddenPairs > 0 && (
            <p className="muted small" data-testid="overlap-hidden">
              {t('overlap.hidden').replace('{n}', formatNumber(data.hiddenPairs))}
            </p>
          )}
          {data.pairs.length === 0 ? (
            <p data-testid="overlap-none">{t('overlap.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="overlap-table">
                <thead>
                  <tr>
                    <th className="num">{t('overlap.similarity')}</th>
                    <th>{t('overlap.thisProposal')}</th>
                    <th>{t('overlap.other')}</th>
                    <th>{t('overlap.shared')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pairs.map((p) => (
                    <PairRow key={`${p.record.proposalId}-${p.other.proposalId}`} p={p} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
