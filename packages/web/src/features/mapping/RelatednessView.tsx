import type { Dataset } from '@innocluster/contracts';
import { HeatmapChart } from 'echarts/charts';
import { useMemo } from 'react';
import { useRelatedness } from '../../api/mapping-analysis-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { echarts, type EChartsOption } from '../../components/echarts-setup.ts';
import { downloadCsv, toCsv } from './csv-download.ts';
import { relatedPairs, type RelatedPair } from './relatedness-pairs.ts';

// Only this view draws a heatmap; registering here keeps it out of the other pages' needs.
echarts.use([HeatmapChart]);

/**
 * Relatedness between clusters (or industries) from co-located specialisation: a heatmap of
 * the proximity matrix and the list of the most related pairs.
 */
export function RelatednessView({
  dataset,
  measure,
  year,
  unit,
  regionKind,
  threshold,
  onThreshold,
}: {
  dataset: Dataset;
  measure: string;
  year: number;
  unit: 'cluster' | 'industry';
  regionKind: 'province' | 'grouping' | 'user';
  threshold: number;
  onThreshold: (threshold: number) => void;
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const query = useRelatedness({ dataset: dataset.id, measure, year, unit, regionKind, threshold });
  const data = query.data;
  const three = useMemo(
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
    [locale],
  );
  const pairs = useMemo(() => (data ? relatedPairs(data) : []), [data]);

  const option = useMemo<EChartsOption | null>(() => {
    if (!data) return null;
    const labels = data.units.map((u) => u.unitCode);
    const cells = data.matrix.flatMap((row, i) => row.map((v, j) => [j, i, v]));
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 12, bottom: 80, containLabel: true },
      tooltip: {
        formatter: (p: { value?: unknown }) => {
          const [x, y, v] = (p.value ?? []) as [number, number, number];
          const a = data.units[y];
          const b = data.units[x];
          return a && b
            ? `${a.unitName}<br/>${b.unitName}<br/>${t('analysis.rel.proximity')}: ${three.format(v)}`
            : '';
        },
      },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { rotate: 45, width: 140, overflow: 'truncate', interval: 0 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: labels,
        axisLabel: { width: 160, overflow: 'truncate', interval: 0 },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: 1,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f8f9fa', '#74c0fc', '#1864ab'] },
      },
      series: [
        {
          type: 'heatmap',
          name: t('analysis.rel.proximity'),
          data: cells,
          label: {
            show: data.units.length <= 12,
            formatter: (p: { value?: unknown }) => {
              const v = (p.value as number[] | undefined)?.[2];
              return typeof v === 'number' ? v.toFixed(2) : '';
            },
          },
        },
      ],
    };
  }, [data, t, three]);

  const download = () => {
    if (!data) return;
    downloadCsv(
      `innocluster-relatedness-${data.dataset.id}-${data.regionKind}-${data.unit}-${data.year}.csv`,
      toCsv(
        [
          { header: 'unit_a', value: (p: RelatedPair) => p.a.unitCode },
          { header: 'unit_b', value: (p) => p.b.unitCode },
          { header: 'proximity', value: (p) => p.proximity },
          { header: 'specialised_regions_a', value: (p) => p.a.specialisedRegions },
          { header: 'specialised_regions_b', value: (p) => p.b.specialisedRegions },
          { header: 'lq_threshold', value: () => data.threshold },
          { header: 'year', value: () => data.year },
        ],
        pairs,
      ),
    );
  };

  return (
    <section className="card" aria-labelledby="relatedness-title" data-testid="relatedness-view">
      <div className="section-head">
        <h2 id="relatedness-title">{t('analysis.rel.title')}</h2>
        <span className="actions">
          <button
            type="button"
            className="button"
            data-testid="analysis-csv"
            disabled={!data}
            onClick={download}
          >
            {t('analysis.downloadCsv')}
          </button>
        </span>
      </div>
      <div className="filters">
        <label>
          {t('analysis.rel.threshold')}{' '}
          <input
            type="number"
            min={0}
            step={0.25}
            data-testid="relatedness-threshold"
            value={threshold}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (e.target.value !== '' && Number.isFinite(v) && v >= 0) onThreshold(v);
            }}
          />
        </label>
      </div>
      <p className="muted small">{t('analysis.rel.definition')}</p>
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || !option ? (
        <Loading />
      ) : (
        <div className="grid-2">
          <EChart
            option={option}
            testId="relatedness-chart"
            height={Math.max(320, 30 * data.units.length + 160)}
            ariaLabel={t('analysis.rel.title')}
            dataAttributes={{ 'unit-count': data.units.length }}
          />
          <div className={`table-wrap${query.isFetching ? ' is-fetching' : ''}`}>
            <table className="table table-compact" data-testid="relatedness-pairs">
              <caption className="muted small">{t('analysis.rel.pairsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analysis.rel.pair')}</th>
                  <th scope="col" className="num">
                    {t('analysis.rel.proximity')}
                  </th>
                  <th scope="col" className="num" title={t('analysis.rel.specialisedHint')}>
                    {t('analysis.rel.specialised')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {pairs.slice(0, 15).map((p) => (
                  <tr
                    key={`${p.a.unitId}-${p.b.unitId}`}
                    data-pair={`${p.a.unitCode}|${p.b.unitCode}`}
                  >
                    <th scope="row">
                      {p.a.unitCode} · {p.b.unitCode}
                      {unit === 'industry' && (
                        <span className="muted small pair-names">
                          <br />
                          {p.a.unitName} · {p.b.unitName}
                        </span>
                      )}
                    </th>
                    <td className="num" data-col="proximity" data-value={p.proximity}>
                      {three.format(p.proximity)}
                    </td>
                    <td className="num">
                      {p.a.specialisedRegions} · {p.b.specialisedRegions}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              {t('analysis.method')}: {data.method}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
