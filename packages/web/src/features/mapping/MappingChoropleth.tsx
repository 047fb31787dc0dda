import type { MeasureRow } from '@innocluster/contracts';
import { useMemo } from 'react';
import type { ChoroplethResponse } from '../../api/mapping-client.ts';
import { useProvinces } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { provinceMapName, registerProvinceMap } from '../overview/province-map-registration.ts';
import {
  formatIndicator,
  indicatorText,
  legendRange,
  regionValuesFromRows,
  type Indicator,
  type RegionValue,
} from './mapping-indicators.ts';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Low values pale, high values dark; LQ and growth diverge around 1 and 0. */
const sequential = ['#eef4fa', '#9ecae1', '#4292c6', '#08519c'];
const diverging = ['#b2182b', '#f4a582', '#f7f7f7', '#92c5de', '#2166ac'];

/**
 * The provinces coloured by one indicator, with a continuous legend (ECharts' visualMap) and,
 * below, the indicator's definition and unit. Regions are matched by their ISO 3166-2 code.
 * The numbers come from the API's choropleth when given, else from the table's rows.
 */
export function MappingChoropleth({
  indicator,
  choropleth,
  measureRows,
  measureUnit,
  isFetching,
  aggregated,
  regionKind,
}: {
  indicator: Indicator;
  choropleth: ChoroplethResponse | undefined;
  measureRows: MeasureRow[] | undefined;
  measureUnit: string;
  isFetching: boolean;
  /** True when several clusters or industries make up each region's number. */
  aggregated: boolean;
  /** Provinces are drawn as a map; groupings and user regions (no shapes) as ranked bars. */
  regionKind: string;
}) {
  const provinces = useProvinces();
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  if (provinces.data) registerProvinceMap(provinces.data);

  const values = useMemo<RegionValue[]>(() => {
    if (choropleth === undefined)
      return measureRows ? regionValuesFromRows(measureRows, indicator) : [];
    return choropleth.regions.map((r) => ({
      code: r.regionCode,
      name: r.regionName,
      value: r.value,
      restsOnFilled: r.restsOnFilled,
    }));
  }, [indicator, choropleth, measureRows]);

  const range = useMemo(
    () =>
      legendRange(
        indicator,
        values.flatMap((v) => (v.value === null ? [] : [v.value])),
      ),
    [indicator, values],
  );

  const ready = provinces.data !== undefined || regionKind !== 'province';
  const option = useMemo<EChartsOption>(() => {
    const label = t(indicatorText[indicator].label);
    const colours = indicator === 'lq' || indicator === 'cagr' ? diverging : sequential;
    if (regionKind !== 'province') {
      const sorted = [...values].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
      return {
        aria: { enabled: true },
        grid: { left: 140, right: 80, top: 16, bottom: 32 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: {
          type: 'value',
          name: label,
          axisLabel: { formatter: (v: number) => formatIndicator(indicator, v, locale) },
        },
        yAxis: { type: 'category', data: sorted.map((v) => v.name) },
        visualMap: {
          type: 'continuous',
          show: false,
          dimension: 0,
          min: range.min,
          max: range.max,
          inRange: { color: colours },
        },
        series: [{ type: 'bar', data: sorted.map((v) => v.value), name: label }],
      };
    }
    if (!provinces.data) return {};
    const nameKey = language === 'ko' ? 'name_ko' : 'name_en';
    const byCode = new Map(values.map((v) => [v.code, v]));
    const data = provinces.data.features.map((f) => {
      const v =
        byCode.get(f.properties.iso_3166_2) ??
        byCode.get(f.properties.code_kostat) ??
        values.find((x) => x.name === f.properties.name_en);
      return {
        name: f.properties[nameKey],
        value: v?.value ?? null,
        restsOnFilled: v?.restsOnFilled ?? false,
      };
    });
    return {
      aria: { enabled: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          name?: string;
          data?: { value: number | null; restsOnFilled: boolean };
        }) =>
          `<strong>${escapeHtml(p.name ?? '')}</strong><br/>${escapeHtml(label)}: ${escapeHtml(
            formatIndicator(indicator, p.data?.value, locale),
          )}${indicator === 'value' ? ` ${escapeHtml(measureUnit)}` : ''}${
            p.data?.restsOnFilled ? `<br/>⚑ ${escapeHtml(t('mapping.restsOnFilled'))}` : ''
          }`,
      },
      visualMap: {
        type: 'continuous',
        min: range.min,
        max: range.max,
        calculable: true,
        realtime: true,
        left: 16,
        bottom: 24,
        text: [
          formatIndicator(indicator, range.max, locale),
          formatIndicator(indicator, range.min, locale),
        ],
        inRange: { color: colours },
        outOfRange: { color: '#dddddd' },
        formatter: (v: number) => formatIndicator(indicator, v, locale),
      },
      series: [
        {
          type: 'map',
          map: provinceMapName,
          nameProperty: nameKey,
          roam: true,
          scaleLimit: { min: 1, max: 8 },
          layoutCenter: ['55%', '50%'],
          layoutSize: '95%',
          data,
          itemStyle: { borderColor: '#5b6b7a', borderWidth: 0.8, areaColor: '#e5e5e5' },
          emphasis: {
            label: { show: true, color: '#1d3b57' },
            itemStyle: { areaColor: '#ffd166' },
          },
          select: { disabled: true },
        },
      ],
    };
  }, [provinces.data, values, range, indicator, language, locale, measureUnit, t, regionKind]);

  if (provinces.error && regionKind === 'province')
    return <ErrorMessage error={provinces.error} onRetry={() => void provinces.refetch()} />;
  const shown = values.filter((v) => v.value !== null).length;
  return (
    <figure className="map-figure">
      {ready && (choropleth || measureRows) ? (
        <div className={isFetching ? 'is-fetching' : undefined}>
          <EChart
            option={option}
            testId="mapping-map"
            height={regionKind === 'province' ? 520 : Math.max(240, 48 + values.length * 24)}
            ariaLabel={`${t('mapping.mapTitle')}: ${t(indicatorText[indicator].label)}`}
            dataAttributes={{ indicator, 'region-count': shown }}
          />
        </div>
      ) : (
        <div data-testid="mapping-map" className="chart chart-loading">
          <Loading />
        </div>
      )}
      {ready && shown === 0 && (choropleth || measureRows) && (
        <p className="muted" data-testid="mapping-map-empty">
          {t('mapping.noRegions')}
        </p>
      )}
      <figcaption data-testid="mapping-legend" data-indicator={indicator}>
        <strong>
          {t(indicatorText[indicator].label)}
          {indicator === 'value' ? ` (${measureUnit})` : ''}
        </strong>
        <span>{t(indicatorText[indicator].definition)}</span>
        {aggregated && (
          <span data-testid="mapping-legend-aggregate">
            {t(
              indicator === 'value' || indicator === 'stars'
                ? 'mapping.aggregateSum'
                : 'mapping.aggregateMax',
            )}
          </span>
        )}
        <span className="muted small">
          {t('mapping.legendRange')}: {formatIndicator(indicator, range.min, locale)} –{' '}
          {formatIndicator(indicator, range.max, locale)}
          {indicator === 'lq' ? ` · ${t('mapping.legendLqMiddle')}` : ''}
          {indicator === 'cagr' ? ` · ${t('mapping.legendCagrMiddle')}` : ''}
        </span>
      </figcaption>
    </figure>
  );
}
