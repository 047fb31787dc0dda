import type { ComplexSummary, Overview } from '@innocluster/contracts';
import { Link } from 'react-router-dom';
import { useBudget, useOverview, useParticipants } from '../../api/use-api.ts';
import { useProvinceName } from '../../api/use-province-name.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { BudgetBreakdownTable, BudgetChart, BudgetYearsTable } from './BudgetPanel.tsx';
import { ParticipantsChart, ParticipantsTable } from './ParticipantsPanel.tsx';
import { ProvinceMap } from './ProvinceMap.tsx';

function ProgrammeHeader({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const programme = overview.programme;
  if (!programme) return <p className="muted">{t('overview.noProgramme')}</p>;
  return (
    <section className="programme" aria-labelledby="programme-name">
      <h1 id="programme-name" data-testid="programme-name">
        {programme.name}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('overview.ministry')}</dt>
          <dd>{programme.ministry}</dd>
        </div>
        {programme.agency && (
          <div>
            <dt>{t('overview.agency')}</dt>
            <dd>{programme.agency}</dd>
          </div>
        )}
        <div>
          <dt>{t('overview.period')}</dt>
          <dd>
            {programme.startDate ?? '…'} – {programme.endDate ?? '…'}
          </dd>
        </div>
      </dl>
      {programme.phases.length > 0 && (
        <ol className="phases" aria-label={t('overview.phases')}>
          {programme.phases.map((phase) => (
            <li key={phase.name}>
              <strong>{phase.name}</strong>
              <span>
                {phase.startDate.slice(0, 4)}–{phase.endDate?.slice(0, 4) ?? '…'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ComplexSummaryTable({ complexes }: { complexes: ComplexSummary[] }) {
  const { t, formatNumber } = useI18n();
  const provinceName = useProvinceName();
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid="overview-complexes">
        <thead>
          <tr>
            <th scope="col">{t('complexes.name')}</th>
            <th scope="col">{t('complexes.focus')}</th>
            <th scope="col">{t('complexes.joined')}</th>
            <th scope="col" className="num">
              {t('complexes.miniClusters')}
            </th>
            <th scope="col" className="num">
              {t('complexes.organisations')}
            </th>
          </tr>
        </thead>
        <tbody>
          {complexes.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/complexes/${c.id}`}>{c.name}</Link>
                {c.nameKo && (
                  <span className="muted" lang="ko">
                    {' '}
                    {c.nameKo}
                  </span>
                )}
                <div className="muted small">{provinceName(c.provinceId, c.provinceName)}</div>
              </th>
              <td className="wrap">{c.focus ?? t('common.none')}</td>
              <td>{c.joined ?? t('common.none')}</td>
              <td className="num">{formatNumber(c.miniClusters)}</td>
              <td className="num">
                {formatNumber(c.organisations)}
                {c.organisations > 0 && <SyntheticBadge />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="source">
        {t('common.unit')}: {t('overview.kpi.organisationsUnit').trim()}
      </p>
    </div>
  );
}

function KpiCards({ overview }: { overview: Overview }) {
  const { t, formatNumber } = useI18n();
  const { counts } = overview;
  const allSynthetic =
    counts.organisations > 0 && counts.syntheticOrganisations === counts.organisations;
  return (
    <section className="kpis">
      <div className="kpi" data-testid="kpi-complexes">
        <span className="kpi-label">{t('overview.kpi.complexes')}</span>
        <span className="kpi-value">{formatNumber(counts.complexes)}</span>
        <span className="kpi-unit">{t('overview.kpi.complexesUnit')}</span>
      </div>
      <div className="kpi" data-testid="kpi-mini-clusters">
        <span className="kpi-label">{t('overview.kpi.miniClusters')}</span>
        <span className="kpi-value">{formatNumber(counts.miniClusters)}</span>
        <span className="kpi-unit">{t('overview.kpi.miniClustersUnit')}</span>
      </div>
      <div className="kpi" data-testid="kpi-organisations">
        <span className="kpi-label">
          {t('overview.kpi.organisations')}{' '}
          {counts.syntheticOrganisations > 0 && <SyntheticBadge label="demo" />}
        </span>
        <span className="kpi-value" data-value={counts.organisations}>
          {formatNumber(counts.organisations)}
        </span>
        <span className="kpi-unit">
          {t('overview.kpi.organisationsUnit')} · {t('overview.kpi.ofWhichSynthetic')}{' '}
          <span data-testid="kpi-organisations-synthetic">
            {formatNumber(counts.syntheticOrganisations)}
          </span>
          {allSynthetic && <span className="kpi-note"> — {t('overview.kpi.allSynthetic')}</span>}
        </span>
      </div>
    </section>
  );
}

export function OverviewPage() {
  const { t } = useI18n();
  useDocumentTitle(t('overview.title'));
  const overview = useOverview();
  const participants = useParticipants();
  const budget = useBudget();
  return (
    <div className="page page-overview">
      <QueryState query={overview}>
        {(data) => (
          <>
            <ProgrammeHeader overview={data} />
            <KpiCards overview={data} />
            <div className="overview-grid">
              <section className="card">
                <h2>{t('overview.map.title')}</h2>
                <ProvinceMap complexes={data.complexes} />
              </section>
              <section className="card">
                <h2>{t('complexes.title')}</h2>
                <ComplexSummaryTable complexes={data.complexes} />
              </section>
            </div>
          </>
        )}
      </QueryState>
      <section className="card" aria-labelledby="participants-title">
        <h2 id="participants-title">{t('overview.participants.title')}</h2>
        <p className="note">
          <strong>{t('overview.participants.unit')}</strong> · {t('overview.participants.source')}
        </p>
        <QueryState query={participants}>
          {(data) => (
            <>
              <ParticipantsChart data={data} />
              <p className="note">
                <SyntheticBadge /> {t('overview.participants.syntheticNote')}
              </p>
              <ParticipantsTable data={data} />
            </>
          )}
        </QueryState>
      </section>
      <section className="card" aria-labelledby="budget-title">
        <h2 id="budget-title">{t('overview.budget.title')}</h2>
        <QueryState query={budget}>
          {(data) => (
            <div className="budget-grid">
              <div>
                <p className="note">
                  {t('common.unit')}: {t('overview.budget.unitYears')}.{' '}
                  {t('overview.budget.estimateNote')} {t('overview.budget.missingNote')}
                </p>
                <BudgetChart data={data} />
                <BudgetYearsTable data={data} />
                {data.years[0]?.source && (
                  <p className="source">
                    {t('common.source')}: {data.years[0].source}
                  </p>
                )}
              </div>
              <div>
                <h3>{t('overview.budget.breakdownTitle')}</h3>
                <BudgetBreakdownTable data={data} />
                {data.items[0]?.source && (
                  <p className="source">
                    {t('common.source')}: {data.items[0].source}
                  </p>
                )}
              </div>
            </div>
          )}
        </QueryState>
      </section>
    </div>
  );
}
