import type {
  NetworkIndicatorsResponse,
  NetworkMeasureName,
  NetworkMeasuresResult,
} from '@innocluster/contracts';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useEntityList } from '../../api/use-api.ts';
import { useMeasuresJob, useNetworkIndicators } from '../../api/use-network.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n-dictionary.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorMessage, Loading, QueryState } from '../../components/QueryState.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { downloadCsv, toCsv } from '../mapping/csv-download.ts';
import {
  JobProgress,
  MaxAttendeesHelp,
  MaxAttendeesInput,
  maxAttendeesOf,
  NetworkNav,
  ScopeSelect,
  YearRange,
  yearWindow,
} from './NetworkControls.tsx';
import {
  indicatorColumns,
  indicatorYears,
  percentChangeBetween,
  reportedFigures,
  summaryValue,
  yearlyColumns,
  type YearlyMeasureKey,
} from './network-indicators.ts';

/** Node measures the hubs ranking draws on. */
const dashboardMeasures: NetworkMeasureName[] = [
  'degree',
  'strength',
  'betweenness',
  'communities',
  'gatekeepers',
  'hubs',
];

/** Charts of the yearly series: which measures share a chart (same unit and range). */
const chartGroups: { id: string; keys: YearlyMeasureKey[]; unit: MessageKey }[] = [
  { id: 'size', keys: ['nodes', 'edges'], unit: 'network.unit.count' },
  { id: 'cohesion', keys: ['density', 'clustering', 'transitivity'], unit: 'network.unit.share' },
  { id: 'modularity', keys: ['modularity'], unit: 'network.unit.index' },
  {
    id: 'heterogeneity',
    keys: ['blauKinds', 'blauIndustries', 'shannonKinds', 'shannonIndustries'],
    unit: 'network.unit.blauShannon',
  },
  { id: 'openness', keys: ['otherRegionTieShare', 'eiIndex'], unit: 'network.unit.index' },
  {
    id: 'tripleHelix',
    keys: ['tripleHelixBalance', 'crossSectorShare'],
    unit: 'network.unit.share',
  },
];

/** The measures dashboard at `/network/dashboard`: yearly network measures, hubs, indicators. */
export function NetworkDashboardPage() {
  const { t } = useI18n();
  const { params, update } = useUrlParams();
  const complexes = useEntityList('complexes', { pageSize: 1, sort: 'id' });
  const firstComplex = complexes.data?.items[0]?.id;
  const scope = params.get('scope') ?? (firstComplex ? `complex:${firstComplex}` : null);
  const fromYear = params.get('from');
  const toYear = params.get('to');
  const maxAttendees = maxAttendeesOf(params.get('maxAttendees'));
  const request = useMemo(
    () =>
      scope
        ? {
            scope,
            ...yearWindow(fromYear, toYear),
            maxAttendees,
            outside: false,
            yearly: true,
            measures: dashboardMeasures,
          }
        : null,
    [scope, fromYear, toYear, maxAttendees],
  );
  const measures = useMeasuresJob(request);
  const job = measures.job;

  return (
    <div className="page network-page">
      <NetworkNav />
      <div className="page-head">
        <h1>{t('network.dashboard.title')}</h1>
      </div>
      <ProgrammeIndicators />
      <section className="card" aria-labelledby="network-yearly-title">
        <h2 id="network-yearly-title">{t('network.dashboard.yearly')}</h2>
        <div className="filters" data-testid="dashboard-controls">
          {scope && <ScopeSelect value={scope} onChange={(s) => update({ scope: s })} />}
          <YearRange from={fromYear} to={toYear} onChange={(c) => update(c)} />
          <MaxAttendeesInput value={maxAttendees} onChange={(n) => update({ maxAttendees: n })} />
        </div>
        <MaxAttendeesHelp />
        <p className="small muted">{t('network.dashboard.yearlyHint')}</p>
        {measures.error ? (
          <ErrorMessage error={measures.error} onRetry={measures.retry} />
        ) : !job ? (
          <Loading />
        ) : job.status === 'failed' ? (
          <ErrorMessage error={new Error(job.error ?? t('common.error'))} />
        ) : job.status !== 'done' || !job.result ? (
          <JobProgress progress={job.progress} stage={job.stage} testId="dashboard-job" />
        ) : (
          <YearlyMeasures result={job.result} />
        )}
      </section>
    </div>
  );
}

function lineOption(
  years: number[],
  series: { name: string; values: (number | null)[] }[],
  unit: string,
): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 56, right: 16, top: 48, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      connectNulls: false,
      symbolSize: 6,
    })),
  };
}

function YearlyMeasures({ result }: { result: NetworkMeasuresResult }) {
  const { t, formatNumber, valueLabel } = useI18n();
  const yearly = result.yearly ?? [];
  const years = yearly.map((y) => y.year);
  return (
    <>
      <p className="actions">
        <button
          type="button"
          className="button button-small"
          data-testid="dashboard-export-yearly"
          onClick={() =>
            downloadCsv(
              `network-measures-${result.scope.replace(':', '-')}.csv`,
              toCsv(yearlyColumns, yearly),
            )
          }
        >
          {t('network.downloadCsv')}
        </button>
      </p>
      <div className="grid-2" data-testid="dashboard-yearly" data-year-count={years.length}>
        {chartGroups.map((g) => (
          <figure key={g.id} className="network-chart">
            <figcaption>
              <strong>{t(`network.chart.${g.id}` as MessageKey)}</strong>{' '}
              <span className="small muted">({t(g.unit)})</span>
            </figcaption>
            <EChart
              testId={`yearly-${g.id}`}
              height={240}
              option={lineOption(
                years,
                g.keys.map((k) => ({
                  name: t(`network.yearly.${k}`),
                  values: yearly.map((y) => summaryValue(y.summary, k)),
                })),
                t(g.unit),
              )}
            />
            <ul className="plain-list small muted">
              {g.keys.map((k) => (
                <li key={k}>
                  <strong>{t(`network.yearly.${k}`)}</strong>: {t(`network.yearlyDef.${k}`)}
                </li>
              ))}
            </ul>
          </figure>
        ))}
      </div>
      <h3>{t('network.hubs')}</h3>
      <p className="small muted">{t('network.hubsHint')}</p>
      <div className="table-wrap">
        <table className="table" data-testid="hubs-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('network.node.name')}</th>
              <th>{t('network.node.kind')}</th>
              <th>{t('network.score')}</th>
              <th>{t('network.hubReasons')}</th>
            </tr>
          </thead>
          <tbody>
            {result.hubs.slice(0, 20).map((h, i) => {
              const node = result.nodes.find((n) => n.id === h.id);
              return (
                <tr key={h.id} data-hub={h.id}>
                  <td>{i + 1}</td>
                  <td>
                    <Link to={`/organisations/${h.id}`}>{h.name}</Link>
                  </td>
                  <td>{valueLabel(node?.kind)}</td>
                  <td>{formatNumber(h.score)}</td>
                  <td className="small">{h.reasons.map((r) => r.text).join('; ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        {t('network.dashboard.summaryOf')} {result.scope}: {formatNumber(result.summary.nodes)}{' '}
        {t('network.yearly.nodes')}, {formatNumber(result.summary.edges)}{' '}
        {t('network.yearly.edges')} · {formatNumber(result.seconds)} s
      </p>
    </>
  );
}

/** The programme's own indicators with its reported figures beside them. */
function ProgrammeIndicators() {
  const { t } = useI18n();
  const programmes = useEntityList('programmes', { pageSize: 100 });
  const { params, update } = useUrlParams();
  const programmeId = Number(params.get('programme')) || (programmes.data?.items[0]?.id ?? null);
  const first = useNetworkIndicators(programmeId);
  // "Active in the last 12 months" is measured at the end of the last year with records, not
  // today, so a programme whose records stop earlier does not read as inactive.
  const lastYear = first.data?.years.at(-1);
  const asOf =
    lastYear !== undefined && lastYear < new Date().getFullYear() ? `${lastYear}-12-31` : undefined;
  const second = useNetworkIndicators(asOf ? programmeId : null, undefined, undefined, asOf);
  const indicators = asOf ? second : first;
  return (
    <section className="card" aria-labelledby="network-indicators-title">
      <div className="page-head">
        <h2 id="network-indicators-title">{t('network.indicators')}</h2>
        <label>
          {t('network.scope.programme')}{' '}
          <select
            data-testid="dashboard-programme"
            value={programmeId ?? ''}
            onChange={(e) => update({ programme: e.target.value })}
          >
            {programmes.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={indicators}>{(ind) => <IndicatorCharts ind={ind} />}</QueryState>
    </section>
  );
}

function IndicatorCharts({ ind }: { ind: NetworkIndicatorsResponse }) {
  const { t, formatNumber } = useI18n();
  const rows = indicatorYears(ind);
  const years = rows.map((r) => r.year);
  const { fromYear, toYear, percent } = reportedFigures.activityGrowth;
  const ours = percentChangeBetween(ind.activitiesPerYear, fromYear, toYear);
  const activityOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 16, top: 24, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: t('network.unit.activities') },
    series: [
      { type: 'bar', name: t('network.activitiesPerYear'), data: rows.map((r) => r.activities) },
    ],
  };
  const membersOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 56, right: 16, top: 48, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: t('network.unit.membersPerMc') },
    series: [
      {
        type: 'line',
        name: t('network.membersPerMc'),
        data: rows.map((r) => r.averagePerMiniCluster),
      },
      {
        type: 'scatter',
        name: t('network.reported'),
        symbol: 'diamond',
        symbolSize: 12,
        z: 3,
        data: rows.flatMap((r) =>
          r.reportedPerMiniCluster === null ? [] : [[String(r.year), r.reportedPerMiniCluster]],
        ),
      },
    ],
  };
  const turnoverOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 56, right: 16, top: 48, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: t('network.unit.organisations') },
    series: [
      { type: 'bar', name: t('network.newMembers'), data: rows.map((r) => r.newMembers) },
      { type: 'bar', name: t('network.dropouts'), data: rows.map((r) => r.dropouts) },
    ],
  };
  const share = ind.activeShare.share;
  return (
    <>
      <div className="kpis">
        <div className="kpi" data-testid="kpi-activity-growth" data-value={ours ?? ''}>
          <span className="kpi-label">
            {t('network.activityGrowth')} {fromYear}–{toYear}
          </span>
          <span className="kpi-value">
            {ours === null ? t('common.none') : `${ours >= 0 ? '+' : ''}${formatNumber(ours)}%`}
          </span>
          <span className="kpi-note">
            {t('network.reported')}: +{percent}%
          </span>
        </div>
        <div className="kpi" data-testid="kpi-active-share" data-value={share ?? ''}>
          <span className="kpi-label">{t('network.activeShare')}</span>
          <span className="kpi-value">
            {share === null ? t('common.none') : `${formatNumber(share * 100)}%`}
          </span>
          <span className="kpi-note">
            {formatNumber(ind.activeShare.active)} / {formatNumber(ind.activeShare.members)} ·{' '}
            {ind.activeShare.from} – {ind.activeShare.to}
          </span>
        </div>
        {ind.activityGrowth && (
          <div className="kpi">
            <span className="kpi-label">
              {t('network.cagr')} {ind.activityGrowth.fromYear}–{ind.activityGrowth.toYear}
            </span>
            <span className="kpi-value">
              {ind.activityGrowth.compoundAnnualGrowth === null
                ? t('common.none')
                : `${formatNumber(ind.activityGrowth.compoundAnnualGrowth * 100)}%`}
            </span>
            <span className="kpi-note">{t('network.cagrDef')}</span>
          </div>
        )}
      </div>
      <div className="grid-2">
        <figure className="network-chart">
          <figcaption>
            <strong>{t('network.activitiesPerYear')}</strong>{' '}
            <span className="small muted">({t('network.unit.activities')})</span>
          </figcaption>
          <EChart
            testId="indicator-activities"
            height={240}
            option={activityOption}
            dataAttributes={{ 'year-count': years.length }}
          />
          <p className="small muted">{t('network.activitiesDef')}</p>
        </figure>
        <figure className="network-chart">
          <figcaption>
            <strong>{t('network.membersPerMc')}</strong>{' '}
            <span className="small muted">({t('network.unit.membersPerMc')})</span>
          </figcaption>
          <EChart testId="indicator-members" height={240} option={membersOption} />
          <p className="small muted">{t('network.membersDef')}</p>
        </figure>
        <figure className="network-chart">
          <figcaption>
            <strong>{t('network.turnover')}</strong>{' '}
            <span className="small muted">({t('network.unit.organisations')})</span>
          </figcaption>
          <EChart testId="indicator-turnover" height={240} option={turnoverOption} />
          <p className="small muted">{t('network.turnoverDef')}</p>
        </figure>
      </div>
      <p className="actions">
        <button
          type="button"
          className="button button-small"
          data-testid="dashboard-export-indicators"
          onClick={() =>
            downloadCsv(
              `programme-indicators-${ind.programmeId}.csv`,
              toCsv(indicatorColumns, rows),
            )
          }
        >
          {t('network.downloadCsv')}
        </button>
      </p>
      <p className="small muted">{t('network.reportedSource')}</p>
    </>
  );
}
