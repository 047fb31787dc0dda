import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { mappingApi, type MappingQuery } from '../../api/mapping-client.ts';
import {
  useChoropleth,
  useMappingClusters,
  useMappingDatasets,
  useMeasures,
  usePortfolio,
  useProfile,
} from '../../api/use-mapping.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading, QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ClusterProfile } from './ClusterProfile.tsx';
import { MappingChoropleth } from './MappingChoropleth.tsx';
import { MeasuresTable } from './MeasuresTable.tsx';
import { PortfolioChart } from './PortfolioChart.tsx';
import { indicators, indicatorText } from './mapping-indicators.ts';

const measures = ['employment', 'establishments'] as const;

/**
 * Cluster mapping: pick a dataset, measure, year and cluster; the map, the region x cluster
 * table, a region's portfolio and one regional cluster's profile follow the choice.
 */
export function MappingPage() {
  const { t } = useI18n();
  useDocumentTitle(t('mapping.title'));
  const datasets = useMappingDatasets();
  const clusters = useMappingClusters();
  // The choices live in the address, so a view can be bookmarked or shared.
  const { params, update } = useUrlParams();
  const numberParam = (key: string): number | null => {
    const raw = params.get(key);
    return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const raw = params.get(key);
    return allowed.includes(raw as T) ? (raw as T) : fallback;
  };
  const datasetId = numberParam('dataset');
  const measure = oneOf('measure', measures, 'employment');
  const year = numberParam('year');
  const unit = oneOf('unit', ['cluster', 'industry'] as const, 'cluster');
  const regionKind = oneOf('regions', ['province', 'grouping', 'user'] as const, 'province');
  const cluster = numberParam('cluster');
  const indicator = oneOf('indicator', indicators, 'lq');
  const region = params.get('region') ?? '';
  const profileCluster = numberParam('profile');

  const dataset = datasets.data?.find((d) => d.id === datasetId) ?? datasets.data?.[0];
  const years = dataset?.years ?? [];
  const shownYear = year !== null && years.includes(year) ? year : (years.at(-1) ?? null);

  const base = useMemo<MappingQuery | null>(
    () =>
      dataset
        ? {
            dataset: dataset.id,
            measure,
            unit,
            regionKind,
            ...(shownYear !== null ? { year: shownYear } : {}),
          }
        : null,
    [dataset, measure, unit, regionKind, shownYear],
  );
  // The API filters by cluster ids only; one industry is picked out of the table's rows.
  const clusterParam = cluster === null || unit !== 'cluster' ? {} : { cluster: String(cluster) };
  const measuresQuery = base ? { ...base, ...clusterParam } : null;
  const table = useMeasures(base);
  const serverMap = indicator !== 'stars' && (unit === 'cluster' || cluster === null);
  const choropleth = useChoropleth(
    base && serverMap ? { ...base, ...clusterParam, value: indicator } : null,
  );
  const units = useMemo(
    () => [...new Map((table.data?.rows ?? []).map((r) => [r.unitId, r.unitName]))],
    [table.data],
  );
  const mapRows = useMemo(
    () =>
      cluster === null ? table.data?.rows : table.data?.rows.filter((r) => r.unitId === cluster),
    [table.data, cluster],
  );

  // The portfolio and profile follow a picked row; by default the table's highest LQ.
  const top = useMemo(() => {
    const rows = mapRows ?? [];
    return rows.reduce<(typeof rows)[number] | undefined>(
      (best, r) => (best === undefined || (r.lq ?? -1) > (best.lq ?? -1) ? r : best),
      undefined,
    );
  }, [mapRows]);
  const shownRegion = region || top?.regionCode || '';
  const shownProfileCluster = profileCluster ?? cluster ?? top?.unitId ?? null;
  const portfolio = usePortfolio(base && shownRegion ? { ...base, region: shownRegion } : null);
  const profile = useProfile(
    base && shownRegion && shownProfileCluster !== null
      ? {
          dataset: base.dataset,
          measure,
          unit,
          regionKind,
          region: shownRegion,
          cluster: String(shownProfileCluster),
        }
      : null,
  );
  const measureUnit = t(`mapping.unit.${measure}` as const);

  if (datasets.error)
    return (
      <div className="page">
        <h1>{t('mapping.title')}</h1>
        <ErrorMessage error={datasets.error} onRetry={() => void datasets.refetch()} />
      </div>
    );
  if (!datasets.data)
    return (
      <div className="page">
        <h1>{t('mapping.title')}</h1>
        <Loading />
      </div>
    );
  return (
    <div className="page mapping-page">
      <div className="page-head">
        <h1>{t('mapping.title')}</h1>
        <span className="actions">
          <Link to="/mapping/analysis" className="button" data-testid="nav-analysis">
            {t('mapping.analysisLink')}
          </Link>{' '}
          <Link to="/mapping/selection" className="button" data-testid="nav-selection">
            {t('selection.title')}
          </Link>
        </span>
      </div>
      {!dataset ? (
        <p className="muted" data-testid="mapping-empty">
          {t('mapping.noDatasets')}
        </p>
      ) : (
        <>
          <div className="filters mapping-controls" data-testid="mapping-controls">
            <label>
              {t('mapping.dataset')}{' '}
              <select
                data-testid="mapping-dataset"
                value={dataset.id}
                onChange={(e) =>
                  update({ dataset: e.target.value, year: null, region: null, profile: null })
                }
              >
                {datasets.data.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                    {d.synthetic && !/synthetic/i.test(d.name) ? ` (${t('common.synthetic')})` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('mapping.measure')}{' '}
              <select
                data-testid="mapping-measure"
                value={measure}
                onChange={(e) => update({ measure: e.target.value })}
              >
                {measures.map((m) => (
                  <option key={m} value={m}>
                    {t(`mapping.measure.${m}` as const)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('mapping.year')}{' '}
              <select
                data-testid="mapping-year"
                value={shownYear ?? ''}
                onChange={(e) => update({ year: e.target.value })}
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('mapping.regionKind')}{' '}
              <select
                data-testid="mapping-region-kind"
                value={regionKind}
                onChange={(e) => update({ regions: e.target.value, region: null })}
              >
                <option value="province">{t('mapping.regionKind.province')}</option>
                <option value="grouping">{t('mapping.regionKind.grouping')}</option>
                <option value="user">{t('mapping.regionKind.user')}</option>
              </select>
            </label>
            <label>
              {t('mapping.unit')}{' '}
              <select
                data-testid="mapping-unit"
                value={unit}
                onChange={(e) => update({ unit: e.target.value, cluster: null, profile: null })}
              >
                <option value="cluster">{t('mapping.unit.cluster')}</option>
                <option value="industry">{t('mapping.unit.industry')}</option>
              </select>
            </label>
            <label>
              {t(unit === 'cluster' ? 'mapping.cluster' : 'mapping.industry')}{' '}
              <select
                data-testid="mapping-cluster"
                value={cluster ?? ''}
                onChange={(e) => update({ cluster: e.target.value, profile: null })}
              >
                <option value="">
                  {t(unit === 'cluster' ? 'mapping.allClusters' : 'mapping.allIndustries')}
                </option>
                {unit === 'cluster'
                  ? (clusters.data ?? []).map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name} ({t(`mapping.kind.${c.kind}` as const)})
                      </option>
                    ))
                  : units.map(([id, name]) => (
                      <option key={id} value={id}>
                        {name}
                      </option>
                    ))}
              </select>
            </label>
          </div>
          <p className="muted small dataset-facts" data-testid="mapping-dataset-facts">
            {dataset.synthetic && <SyntheticBadge />} {dataset.name}
            {dataset.source ? ` · ${t('common.source')}: ${dataset.source}` : ''}
            {dataset.licence ? ` · ${dataset.licence}` : ''} · {years[0]}–{years.at(-1)} ·{' '}
            {t('mapping.suppressedCells')}: {dataset.suppressed} ({t('mapping.fillRule')}:{' '}
            {t(`mapping.fill.${dataset.fillRule}` as const)}) · {t('mapping.universe')}:{' '}
            {t(`mapping.universe.${dataset.universe}` as const)}
          </p>

          <section className="card" aria-labelledby="mapping-map-title">
            <div className="section-head">
              <h2 id="mapping-map-title">
                {t(regionKind === 'province' ? 'mapping.mapTitle' : 'mapping.barsTitle')}
              </h2>
              <label>
                {t('mapping.indicator')}{' '}
                <select
                  data-testid="mapping-indicator"
                  value={indicator}
                  onChange={(e) => update({ indicator: e.target.value })}
                >
                  {indicators.map((i) => (
                    <option key={i} value={i}>
                      {t(indicatorText[i].label)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {choropleth.error && serverMap ? (
              <ErrorMessage error={choropleth.error} onRetry={() => void choropleth.refetch()} />
            ) : (
              <MappingChoropleth
                indicator={indicator}
                choropleth={serverMap ? choropleth.data : undefined}
                regionKind={regionKind}
                aggregated={new Set((mapRows ?? []).map((r) => r.unitId)).size > 1}
                measureRows={mapRows}
                measureUnit={measureUnit}
                isFetching={choropleth.isFetching || table.isFetching}
              />
            )}
          </section>

          <section className="card" aria-labelledby="mapping-table-title">
            <div className="section-head">
              <h2 id="mapping-table-title">
                {t(unit === 'cluster' ? 'mapping.tableTitle' : 'mapping.tableTitleIndustry')}
              </h2>
              <span className="actions">
                {measuresQuery && (
                  <>
                    <a
                      className="button"
                      data-testid="mapping-export-csv"
                      href={mappingApi.exportUrl(measuresQuery, 'csv')}
                      download
                    >
                      {t('mapping.exportCsv')}
                    </a>{' '}
                    <a
                      className="button"
                      data-testid="mapping-export-xlsx"
                      href={mappingApi.exportUrl(measuresQuery, 'xlsx')}
                      download
                    >
                      {t('mapping.exportXlsx')}
                    </a>
                  </>
                )}
              </span>
            </div>
            <p className="muted small">
              {t('mapping.def.lq')} {t('mapping.strongTitle')} {t('mapping.def.stars')}{' '}
              {table.data?.restsOnFilled ? `⚑ ${t('mapping.restsOnFilled')}` : ''}
            </p>
            {table.error ? (
              <ErrorMessage error={table.error} onRetry={() => void table.refetch()} />
            ) : !table.data ? (
              <Loading />
            ) : (
              <MeasuresTable
                rows={table.data.rows}
                measureUnit={measureUnit}
                unitLabel={t(unit === 'cluster' ? 'mapping.cluster' : 'mapping.industry')}
                picked={{ region: shownRegion, cluster: shownProfileCluster }}
                onPick={(r, c) => update({ region: r, profile: c })}
              />
            )}
          </section>

          <div className="grid-2">
            <section className="card" aria-labelledby="mapping-portfolio-title">
              <div className="section-head">
                <h2 id="mapping-portfolio-title">{t('mapping.portfolioTitle')}</h2>
                <label>
                  {t('mapping.region')}{' '}
                  <select
                    data-testid="mapping-region"
                    value={shownRegion}
                    onChange={(e) => update({ region: e.target.value })}
                  >
                    {[
                      ...new Map((table.data?.rows ?? []).map((r) => [r.regionCode, r.regionName])),
                    ].map(([code, name]) => (
                      <option key={code} value={code}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {!shownRegion && table.data ? (
                <p className="muted">{t('mapping.noRegions')}</p>
              ) : (
                <QueryState query={portfolio}>
                  {(data) => <PortfolioChart portfolio={data} measureUnit={measureUnit} />}
                </QueryState>
              )}
            </section>
            <section className="card" aria-labelledby="mapping-profile-title">
              <div className="section-head">
                <h2 id="mapping-profile-title">{t('mapping.profileTitle')}</h2>
                <label>
                  {t(unit === 'cluster' ? 'mapping.cluster' : 'mapping.industry')}{' '}
                  <select
                    data-testid="mapping-profile-cluster"
                    value={shownProfileCluster ?? ''}
                    onChange={(e) => update({ profile: e.target.value })}
                  >
                    {units.map(([id, name]) => (
                      <option key={id} value={id}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {!shownRegion && table.data ? (
                <p className="muted">{t('mapping.noRegions')}</p>
              ) : (
                <QueryState query={profile}>
                  {(data) => <ClusterProfile profile={data} measureUnit={measureUnit} />}
                </QueryState>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}
