import type { Dataset } from '@innocluster/contracts';
import { useMemo } from 'react';
import { useShiftShare, type ShiftShareResponse } from '../../api/mapping-analysis-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { downloadCsv, toCsv, type CsvColumn } from './csv-download.ts';

type ShiftUnit = ShiftShareResponse['units'][number];

const parts = ['nationalGrowth', 'industryMix', 'regionalShift'] as const;
const colours = { nationalGrowth: '#4c6ef5', industryMix: '#f59f00', regionalShift: '#2f9e44' };

/**
 * Shift-share of one region between a base year and a year, per cluster or industry: the bars
 * stack the national-growth, industry-mix and regional-shift components (in the measure's
 * units), the diamond marks the actual change they add up to; the table gives every number.
 */
export function ShiftShareView({
  dataset,
  measure,
  measureUnit,
  year,
  baseYear,
  unit,
  region,
  onRegion,
  onBaseYear,
}: {
  dataset: Dataset;
  measure: string;
  measureUnit: string;
  year: number;
  baseYear: number;
  unit: 'cluster' | 'industry';
  region: string;
  onRegion: (code: string) => void;
  onBaseYear: (year: number) => void;
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const provinces = useEntityList('regions', { kind: 'province', pageSize: 100, sort: 'code' });
  const regionOptions = (provinces.data?.items ?? []).map((r) => ({
    code: r.code,
    name: language === 'ko' && r.nameKo ? r.nameKo : r.name,
  }));
  const shownRegion = region || regionOptions[0]?.code || '';
  const query = useShiftShare(
    shownRegion && baseYear < year
      ? { dataset: dataset.id, measure, year, baseYear, unit, region: shownRegion }
      : null,
  );
  const data = query.data;
  const count = useMemo(
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    [locale],
  );
  const rate = useMemo(
    () =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
    [locale],
  );
  const fmt = (v: number | null) => (v === null ? '—' : count.format(v));
  const partLabel = (p: (typeof parts)[number]) => t(`analysis.shift.${p}` as const);

  const option = useMemo<EChartsOption | null>(() => {
    if (!data) return null;
    // Largest absolute change at the top.
    const rows = [...data.units].sort((a, b) => Math.abs(a.totalChange) - Math.abs(b.totalChange));
    return {
      aria: { enabled: true },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 40, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) =>
          typeof v === 'number' ? `${count.format(v)} ${measureUnit}` : '—',
      },
      xAxis: {
        type: 'value',
        name: `${t('analysis.shift.axis')} (${measureUnit})`,
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: {
        type: 'category',
        data: rows.map((u) => u.unitCode),
        axisLabel: { width: 260, overflow: 'truncate' },
      },
      series: [
        ...parts.map((p) => ({
          name: t(`analysis.shift.${p}` as const),
          type: 'bar' as const,
          stack: 'parts',
          itemStyle: { color: colours[p] },
          data: rows.map((u) => u[p]),
        })),
        {
          name: t('analysis.shift.totalChange'),
          type: 'scatter' as const,
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#212529' },
          data: rows.map((u) => u.totalChange),
          z: 10,
        },
      ],
    };
  }, [data, t, count, measureUnit]);

  const download = () => {
    if (!data) return;
    const columns: CsvColumn<ShiftUnit>[] = [
      { header: 'region', value: () => data.region.code },
      { header: 'unit', value: (u) => u.unitCode },
      { header: 'base_year', value: () => data.baseYear },
      { header: 'year', value: () => data.year },
      { header: `base_value (${data.measure})`, value: (u) => u.baseValue },
      { header: `value (${data.measure})`, value: (u) => u.value },
      { header: 'total_change', value: (u) => u.totalChange },
      { header: 'national_growth', value: (u) => u.nationalGrowth },
      { header: 'industry_mix', value: (u) => u.industryMix },
      { header: 'regional_shift', value: (u) => u.regionalShift },
      { header: 'unit_growth_rate', value: (u) => u.industryGrowthRate },
      { header: 'national_growth_rate', value: () => data.nationalGrowthRate },
      { header: 'rests_on_filled', value: (u) => u.restsOnFilled },
    ];
    downloadCsv(
      `innocluster-shift-share-${data.dataset.id}-${data.region.code}-${data.baseYear}-${data.year}.csv`,
      toCsv(columns, data.units),
    );
  };

  return (
    <section className="card" aria-labelledby="shift-share-title" data-testid="shift-share-view">
      <div className="section-head">
        <h2 id="shift-share-title">{t('analysis.shift.title')}</h2>
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
          {t('mapping.region')}{' '}
          <select
            data-testid="shift-share-region"
            value={shownRegion}
            onChange={(e) => onRegion(e.target.value)}
          >
            {regionOptions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('analysis.baseYear')}{' '}
          <select
            data-testid="shift-share-base-year"
            value={baseYear}
            onChange={(e) => onBaseYear(Number(e.target.value))}
          >
            {dataset.years
              .filter((y) => y < year)
              .map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('analysis.shift.definition')}</p>
      {baseYear >= year ? (
        <p className="muted">{t('analysis.shift.needTwoYears')}</p>
      ) : query.error ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || !option ? (
        <Loading />
      ) : (
        <>
          <p data-testid="shift-share-summary">
            <strong>{data.region.name}</strong> · {data.baseYear}–{data.year} ·{' '}
            {t('analysis.shift.nationalRate')}:{' '}
            <span
              data-testid="shift-share-national-rate"
              data-value={data.nationalGrowthRate ?? ''}
            >
              {data.nationalGrowthRate === null ? '—' : rate.format(data.nationalGrowthRate)}
            </span>
          </p>
          <EChart
            option={option}
            testId="shift-share-chart"
            height={Math.max(240, 56 * data.units.length + 90)}
            ariaLabel={`${t('analysis.shift.title')}: ${data.region.name}`}
            dataAttributes={{ 'unit-count': data.units.length }}
          />
          <div className={`table-wrap${query.isFetching ? ' is-fetching' : ''}`}>
            <table className="table table-compact" data-testid="shift-share-table">
              <caption className="muted small">
                {t('analysis.unitsOf')} {measureUnit}. {t('analysis.shift.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    {t(unit === 'cluster' ? 'mapping.cluster' : 'mapping.industry')}
                  </th>
                  <th scope="col" className="num">
                    {data.baseYear}
                  </th>
                  <th scope="col" className="num">
                    {data.year}
                  </th>
                  <th scope="col" className="num">
                    {t('analysis.shift.totalChange')}
                  </th>
                  {parts.map((p) => (
                    <th key={p} scope="col" className="num" title={t(`analysis.shift.def.${p}`)}>
                      {partLabel(p)}
                    </th>
                  ))}
                  <th scope="col" className="num" title={t('analysis.shift.def.unitRate')}>
                    {t('analysis.shift.unitRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.units.map((u) => (
                  <tr key={u.unitId} data-unit={u.unitCode}>
                    <th scope="row" title={u.unitName}>
                      {u.unitCode}
                      {u.restsOnFilled ? ' ⚑' : ''}
                      {unit === 'industry' && <span className="muted small"> {u.unitName}</span>}
                    </th>
                    <td className="num" data-col="baseValue" data-value={u.baseValue}>
                      {fmt(u.baseValue)}
                    </td>
                    <td className="num" data-col="value" data-value={u.value}>
                      {fmt(u.value)}
                    </td>
                    <td className="num" data-col="totalChange" data-value={u.totalChange}>
                      {fmt(u.totalChange)}
                    </td>
                    {parts.map((p) => (
                      <td key={p} className="num" data-col={p} data-value={u[p] ?? ''}>
                        {fmt(u[p])}
                      </td>
                    ))}
                    <td className="num" data-col="unitRate" data-value={u.industryGrowthRate ?? ''}>
                      {u.industryGrowthRate === null ? '—' : rate.format(u.industryGrowthRate)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="shift-share-total">
                  <th scope="row">{t('analysis.total')}</th>
                  <td className="num">{fmt(data.units.reduce((s, u) => s + u.baseValue, 0))}</td>
                  <td className="num">{fmt(data.units.reduce((s, u) => s + u.value, 0))}</td>
                  <td className="num" data-col="totalChange" data-value={data.total.totalChange}>
                    {fmt(data.total.totalChange)}
                  </td>
                  {parts.map((p) => (
                    <td key={p} className="num" data-col={p} data-value={data.total[p] ?? ''}>
                      {fmt(data.total[p])}
                    </td>
                  ))}
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted small">
            {t('analysis.method')}: {data.method}
          </p>
        </>
      )}
    </section>
  );
}
