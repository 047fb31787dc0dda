import type { ComplexSummary } from '@innocluster/contracts';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useProvinces } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { dictionaries } from '../../app/i18n-dictionary.ts';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { provinceMapName as mapName, registerProvinceMap } from './province-map-registration.ts';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

interface MarkerDatum {
  name: string;
  value: [number, number, number];
  complexId: number;
}

/** Korea's provinces with the programme's complexes as markers; click a marker to open it. */
export function ProvinceMap({ complexes }: { complexes: ComplexSummary[] }) {
  const provinces = useProvinces();
  const navigate = useNavigate();
  const { t, language, formatNumber } = useI18n();

  const ready = provinces.data !== undefined;
  if (provinces.data) registerProvinceMap(provinces.data);

  const located = useMemo(
    () => complexes.filter((c) => c.latitude !== null && c.longitude !== null),
    [complexes],
  );

  const option = useMemo<EChartsOption>(() => {
    if (!ready) return {};
    const byId = new Map(complexes.map((c) => [c.id, c]));
    const data: MarkerDatum[] = located.map((c) => ({
      name: language === 'ko' && c.nameKo ? c.nameKo : c.name,
      value: [c.longitude ?? 0, c.latitude ?? 0, c.organisations],
      complexId: c.id,
    }));
    return {
      aria: { enabled: true },
      tooltip: {
        trigger: 'item',
        formatter: (params: {
          componentType?: string;
          seriesType?: string;
          data?: unknown;
          name?: string;
        }) => {
          if (params.seriesType !== 'scatter') return escapeHtml(params.name ?? '');
          const datum = params.data as MarkerDatum | undefined;
          const c = datum ? byId.get(datum.complexId) : undefined;
          if (!c) return '';
          const rows = [
            `<strong>${escapeHtml(c.name)}${c.nameKo ? ` (${escapeHtml(c.nameKo)})` : ''}</strong>`,
            escapeHtml(c.provinceName),
            `${escapeHtml(t('overview.map.focus'))}: ${escapeHtml(c.focus ?? t('common.none'))}`,
            `${escapeHtml(t('overview.map.joined'))}: ${escapeHtml(c.joined ?? t('common.none'))}`,
            `${escapeHtml(t('overview.map.organisations'))}: ${formatNumber(c.organisations)} ${escapeHtml(t('overview.kpi.organisationsUnit'))}` +
              (c.organisations > 0 ? ` (${escapeHtml(t('common.synthetic'))})` : ''),
          ];
          return rows.join('<br/>');
        },
      },
      geo: {
        map: mapName,
        nameProperty: language === 'ko' ? 'name_ko' : 'name_en',
        roam: true,
        scaleLimit: { min: 1, max: 8 },
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        itemStyle: { areaColor: '#dfe8f1', borderColor: '#7d93a8', borderWidth: 0.8 },
        emphasis: {
          itemStyle: { areaColor: '#c5d7e8' },
          label: { show: true, color: '#1d3b57' },
        },
        select: { disabled: true },
        tooltip: { show: true },
      },
      series: [
        {
          type: 'scatter',
          name: t('overview.map.title'),
          coordinateSystem: 'geo',
          data,
          symbolSize: (value: number[]) => 10 + Math.sqrt(value[2] ?? 0) * 0.8,
          itemStyle: { color: '#d9480f', borderColor: '#fff', borderWidth: 1.5, opacity: 1 },
          label: {
            show: true,
            position: 'right',
            formatter: '{b}',
            fontSize: 11,
            color: '#1f2933',
            textBorderColor: '#fff',
            textBorderWidth: 2,
          },
          labelLayout: { hideOverlap: true },
          emphasis: { scale: 1.4 },
          cursor: 'pointer',
        },
      ],
    };
  }, [ready, complexes, located, language, t, formatNumber]);

  if (provinces.error)
    return <ErrorMessage error={provinces.error} onRetry={() => void provinces.refetch()} />;
  return (
    <figure className="map-figure">
      {ready ? (
        <EChart
          option={option}
          testId="overview-map"
          height={560}
          ariaLabel={t('overview.map.title')}
          dataAttributes={{ 'marker-count': located.length }}
          onClick={(event) => {
            const datum = event.data as MarkerDatum | undefined;
            if (event.seriesType === 'scatter' && datum)
              void navigate(`/complexes/${datum.complexId}`);
          }}
        />
      ) : (
        <div data-testid="overview-map" className="chart chart-loading">
          <Loading />
        </div>
      )}
      <figcaption>
        <span>
          {t('overview.map.hint')} {t('overview.map.locationNote')}
        </span>
        {/* The licence asks for the attribution as written, so English stays in both languages. */}
        <span className="attribution" data-testid="map-attribution">
          {dictionaries.en['overview.map.attribution']}
          {language === 'ko' && (
            <span className="attribution-ko"> ({t('overview.map.attribution')})</span>
          )}
        </span>
      </figcaption>
    </figure>
  );
}
