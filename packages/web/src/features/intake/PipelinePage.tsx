import { proposalStates, type ProposalRow } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { intakeApi } from '../../api/intake-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { IntakeNav, StateBadge, useIntakeLabels } from './IntakeParts.tsx';
import { formatKrw } from './intake-form.ts';

/**
 * The pipeline board of a call at `/intake/calls/:callId/pipeline` (optionally one
 * mini-cluster): a column per proposal state, a card per proposal with its lead, the requested
 * grant in KRW and whether the current content keeps the instrument's rules.
 */
export function PipelinePage() {
  const { t } = useI18n();
  const auth = useAuth();
  const labels = useIntakeLabels();
  const callId = Number(useParams().callId);
  const { params, update } = useUrlParams();
  const miniClusterId = Number(params.get('miniCluster')) || undefined;
  const call = useQuery({
    queryKey: ['intake', 'call', callId],
    queryFn: () => intakeApi.call(callId),
  });
  const proposals = useQuery({
    queryKey: ['intake', 'proposals', 'board', callId, miniClusterId],
    queryFn: () => intakeApi.proposals({ callId, miniClusterId, pageSize: 1000, sort: 'id' }),
  });
  const miniClusters = useEntityList('mini-clusters', { pageSize: 1000, sort: 'name' });
  if (call.error) return <ErrorMessage error={call.error} />;
  if (!call.data) return <Loading />;
  const byState = new Map<string, ProposalRow[]>();
  for (const p of proposals.data?.items ?? [])
    byState.set(p.status, [...(byState.get(p.status) ?? []), p]);
  const requested = (proposals.data?.items ?? [])
    .filter((p) => p.status !== 'withdrawn' && p.status !== 'rejected')
    .reduce((s, p) => s + p.requestedGrantKrw, 0);
  return (
    <div className="page intake-page">
      <IntakeNav />
      <div className="page-head">
        <h1>
          {t('intake.pipeline.title')}: {call.data.code} <StateBadge state={call.data.status} />
        </h1>
        {auth.can('proposals', 'create') && call.data.status === 'open' && (
          <Link className="button button-primary" to={`/intake/proposals/new?callId=${callId}`}>
            {t('intake.proposals.new')}
          </Link>
        )}
      </div>
      <p className="small">
        {call.data.title} · {t('intake.calls.budget')}: {formatKrw(call.data.budgetKrw)} ·{' '}
        {t('intake.pipeline.requested')}: {formatKrw(requested)}
      </p>
      <div className="filters">
        <FilterSelect
          label={t('intake.field.miniCluster')}
          value={miniClusterId}
          options={(miniClusters.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(v) => update({ miniCluster: v })}
          testId="pipeline-mini-cluster"
        />
      </div>
      {proposals.error && <ErrorMessage error={proposals.error} />}
      <div className="pipeline" data-testid="pipeline">
        {proposalStates.map((state) => {
          const cards = byState.get(state) ?? [];
          return (
            <section key={state} className="pipeline-column" data-testid={`pipeline-${state}`}>
              <h3>
                <span>{labels.state(state)}</span>
                <span className="muted">{cards.length}</span>
              </h3>
              {cards.map((p) => (
                <Link
                  key={p.id}
                  to={`/intake/proposals/${p.id}`}
                  className="pipeline-card"
                  data-testid="pipeline-card"
                >
                  <span className="card-title">{p.title}</span>
                  <span className="small">{p.leadOrganisationName}</span>
                  <br />
                  <span className="small">
                    {t('intake.proposals.requestedGrant')}: {formatKrw(p.requestedGrantKrw)}
                  </span>
                  <br />
                  {p.violationCount === 0 ? (
                    <span className="small rule-ok" data-testid="card-rules-ok">
                      {t('intake.proposals.rulesOk')}
                    </span>
                  ) : (
                    <span className="small rule-bad" data-testid="card-rules-bad">
                      {p.violationCount} {t('intake.proposals.ruleIssues')}
                    </span>
                  )}
                  {p.isFastTrack && (
                    <span className="small"> · {t('intake.proposals.fastTrack')}</span>
                  )}
                  {p.miniClusterName && <span className="small muted"> · {p.miniClusterName}</span>}
                  {p.synthetic && <SyntheticBadge />}
                </Link>
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** Proposals within the user's scope at `/intake/proposals`. */
export function ProposalsPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { params, update } = useUrlParams();
  const callId = Number(params.get('call')) || undefined;
  const calls = useQuery({ queryKey: ['intake', 'calls'], queryFn: () => intakeApi.calls() });
  const proposals = useQuery({
    queryKey: ['intake', 'proposals', 'list', callId],
    queryFn: () => intakeApi.proposals({ callId, pageSize: 200 }),
  });
  return (
    <div className="page intake-page">
      <IntakeNav />
      <div className="page-head">
        <h1>{t('intake.proposals.title')}</h1>
        {auth.can('proposals', 'create') && (
          <Link
            className="button button-primary"
            to="/intake/proposals/new"
            data-testid="proposal-new"
          >
            {t('intake.proposals.new')}
          </Link>
        )}
      </div>
      <div className="filters">
        <FilterSelect
          label={t('intake.field.call')}
          value={callId}
          options={(calls.data?.items ?? []).map((c) => ({ value: c.id, label: c.code }))}
          onChange={(v) => update({ call: v })}
        />
      </div>
      {proposals.error ? (
        <ErrorMessage error={proposals.error} />
      ) : !proposals.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="proposals-table">
            <caption>
              {proposals.data.total} {t('intake.proposals.count')}
            </caption>
            <thead>
              <tr>
                <th>{t('intake.field.title')}</th>
                <th>{t('intake.field.call')}</th>
                <th>{t('intake.proposals.lead')}</th>
                <th>{t('intake.field.status')}</th>
                <th>{t('intake.proposals.requestedGrant')}</th>
                <th>{t('intake.proposals.rules')}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.data.items.map((p) => (
                <tr key={p.id} data-testid="proposal-row">
                  <td>
                    <Link to={`/intake/proposals/${p.id}`}>{p.title}</Link>{' '}
                    {p.synthetic && <SyntheticBadge />}
                  </td>
                  <td>
                    <Link to={`/intake/calls/${p.callId}/pipeline`}>{p.callCode}</Link>
                  </td>
                  <td>{p.leadOrganisationName}</td>
                  <td>
                    <StateBadge state={p.status} />
                  </td>
                  <td>{formatKrw(p.requestedGrantKrw)}</td>
                  <td className={p.violationCount ? 'rule-bad' : 'rule-ok'}>
                    {p.violationCount
                      ? `${p.violationCount} ${t('intake.proposals.ruleIssues')}`
                      : t('intake.proposals.rulesOk')}
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
