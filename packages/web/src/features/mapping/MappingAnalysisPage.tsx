import { Link } from 'react-router-dom';
import { useMappingDatasets } from '../../api/use-mapping.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { RelatednessView } from './RelatednessView.tsx';
import { ShiftShareView } from './ShiftShareView.tsx';
import { SpecialisationView, specialisationIndices } from './SpecialisationView.tsx';

const views = ['shift-share', 'specialisation', 'relatedness'] as const;
const measures = ['employment', 'establishments'] as const;
const viewTitle = {
  'shift-share': 'analysis.tab.shiftShare',
  specialisation: 'analysis.tab.specialisation',
  relatedness: 'analysis.tab.relatedness',
} as const;

/**
 * The mapping measures beyond the map: shift-share of a region between two years, regional
 * specialisation, and relatedness between clusters, as tabs sharing the dataset, measure, year
 * and unit; every choice lives in the address.
 */
export function MappingAnalysisPage() {
  const { t } = useI18n();
  const { params, update } = useUrlParams();
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const raw = params.get(key);
    return allowed.includes(raw as T) ? (raw as T) : fallback;
  };
  const numberParam = (key: string): number | null => {
    const raw = params.get(key);
    return raw !== null && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
  };
  const view = oneOf('view', views, 'shift-share');
  useDocumentTitle(`${t(viewTitle[view])} · ${t('analysis.title')}`);
  const datasets = useMappingDatasets();
  const datasetId = numberParam('dataset');
  const measure = oneOf('measure', measures, 'employment');
  // Clusters suit shift-share; a handful of clusters make a thin matrix, so the other views
  // start from the industries.
  const unit = oneOf(
    'unit',
    ['cluster', 'industry'] as const,
    view === 'shift-share' ? 'cluster' : 'industry',
  );
  const regionKind = oneOf('regions', ['province', 'grouping', 'user'] as const, 'province');
  const dataset = datasets.data?.find((d) => d.id === datasetId) ?? datasets.data?.[0];
  const years = dataset?.years ?? [];
  const yearParam = numberParam('year');
  const year = yearParam !== null && years.includes(yearParam) ? yearParam : years.at(-1);
  const baseParam = numberParam('base');
  const baseYear =
    baseParam !== null && years.includes(baseParam) && year !== undefined && baseParam < year
      ? baseParam
      : (years[0] ?? 0);
  const measureUnit = t(`mapping.unit.${measure}` as const);

  if (datasets.error)
    return (
      <div className="page">
        <h1>{t('analysis.title')}</h1>
        <ErrorMessage error={datasets.error} onRetry={() => void datasets.refetch()} />
      </div>
    );
  if (!datasets.data)
    return (
      <div className="page">
        <h1>{t('analysis.title')}</h1>
        <Loading />
      </div>
    );
  return (
    <div className="page mapping-analysis-page">
      <div className="page-head">
        <h1>{t('analysis.title')}</h1>
        <span className="actions">
          <Link to="/mapping" className="button">
            {t('mapping.title')}
          </Link>{' '}
          <Link to="/mapping/selection" className="button">
            {t('selection.title')}
          </Link>
        </span>
      </div>
      <p className="muted">{t('analysis.intro')}</p>
      <nav className="actions analysis-tabs" role="tablist" aria-label={t('analysis.title')}>
        {views.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={v === view}
            className={`button${v === view ? ' button-primary' : ''}`}
            data-testid={`analysis-tab-${v}`}
            onClick={() => update({ view: v })}
          >
            {t(viewTitle[v])}
          </button>
        ))}
      </nav>
      {!dataset || year === undefined ? (
        <p className="muted" data-testid="analysis-empty">
          {t('mapping.noDatasets')}
        </p>
      ) : (
        <>
          <div className="filters mapping-controls" data-testid="analysis-controls">
            <label>
              {t('mapping.dataset')}{' '}
              <select
                data-testid="analysis-dataset"
                value={dataset.id}
                onChange={(e) => update({ dataset: e.target.value, year: null, base: null })}
              >
                {datasets.data.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('mapping.measure')}{' '}
              <select
                data-testid="analysis-measure"
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
                data-testid="analysis-year"
                value={year}
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
              {t('mapping.unit')}{' '}
              <select
                data-testid="analysis-unit"
                value={unit}
                onChange={(e) => update({ unit: e.target.value })}
              >
                <option value="cluster">{t('mapping.unit.cluster')}</option>
                <option value="industry">{t('mapping.unit.industry')}</option>
              </select>
            </label>
            {view !== 'shift-share' && (
              <label>
                {t('mapping.regionKind')}{' '}
                <select
                  data-testid="analysis-region-kind"
                  value={regionKind}
                  onChange={(e) => update({ regions: e.target.value })}
                >
                  <option value="province">{t('mapping.regionKind.province')}</option>
                  <option value="grouping">{t('mapping.regionKind.grouping')}</option>
                  <option value="user">{t('mapping.regionKind.user')}</option>
                </select>
              </label>
            )}
          </div>
          <p className="muted small" data-testid="analysis-dataset-facts">
            {dataset.synthetic && <SyntheticBadge />} {dataset.name}
            {dataset.source ? ` · ${t('common.source')}: ${dataset.source}` : ''}
          </p>
          {view === 'shift-share' && (
            <ShiftShareView
              dataset={dataset}
              measure={measure}
              measureUnit={measureUnit}
              year={year}
              baseYear={baseYear}
              unit={unit}
              region={params.get('region') ?? ''}
              onRegion={(code) => update({ region: code })}
              onBaseYear={(y) => update({ base: y })}
            />
          )}
          {view === 'specialisation' && (
            <SpecialisationView
              dataset={dataset}
              measure={measure}
              measureUnit={measureUnit}
              year={year}
              unit={unit}
              regionKind={regionKind}
              index={oneOf('index', specialisationIndices, 'krugman')}
              onIndex={(i) => update({ index: i })}
            />
          )}
          {view === 'relatedness' && (
            <RelatednessView
              dataset={dataset}
              measure={measure}
              year={year}
              unit={unit}
              regionKind={regionKind}
              threshold={numberParam('threshold') ?? 1}
              onThreshold={(v) => update({ threshold: v })}
            />
          )}
        </>
      )}
    </div>
  );
}
