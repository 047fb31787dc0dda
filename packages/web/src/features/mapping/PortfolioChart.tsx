import { useMemo } from 'react';
import type { PortfolioResponse } from '../../api/mapping-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { formatIndicator } from './mapping-indicators.ts';

interface PortfolioDatum {
  name: string;
  value: [number, number, number];
  strong: boolean;
  stage: string | null;
  restsOnFilled: boolean;
}

/**
 * A region's clusters: x = LQ, y = CAGR of the measure, bubble area = size; the lines at LQ 1
 * and growth 0 split specialised from not and growing from shrinking (the four quadrants).
 */
export function PortfolioChart({
  portfolio,
  measureUnit,
}: {
  portfolio: PortfolioResponse;
  measureUnit: string;
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const points = useMemo<PortfolioDatum[]>(
    () =>
      portfolio.points
        .filter((p) => p.lq !== null && p.cagr !== null)
        .map((p) => ({
          name: p.unitName,
          value: [p.lq ?? 0, p.cagr ?? 0, p.size],
          strong: p.strong,
          stage: p.stage,
          restsOnFilled: p.restsOnFilled,
        })),
    [portfolio],
  );
  const option = useMemo<EChartsOption>(() => {
    const maxSize = Math.max(1, ...points.map((p) => p.value[2]));
    const sizes = points.map((p) => p.value[2]).sort((a, b) => b - a);
    const labelFloor = sizes[Math.min(sizes.length, 5) - 1] ?? 0;
    // Labels point inwards so names near the edges stay inside the chart.
    const lqs = points.map((p) => p.value[0]);
    const midLq = (Math.min(...lqs) + Math.max(...lqs)) / 2;
    const data = points.map((p) => ({
      ...p,
      label: { position: p.value[0] > midLq ? ('left' as const) : ('right' as const) },
    }));
    return {
      aria: { enabled: true },
      grid: { left: 64, right: 32, top: 32, bottom: 56 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: PortfolioDatum }) => {
          const d = p.data;
          if (!d) return '';
          return [
            `<strong>${d.name}</strong>${d.strong ? ` (${t('mapping.strong')})` : ''}`,
            `${t('mapping.ind.lq')}: ${formatIndicator('lq', d.value[0], locale)}`,
            `${t('mapping.ind.cagr')}: ${formatIndicator('cagr', d.value[1], locale)}`,
            `${t('mapping.ind.value')}: ${formatIndicator('value', d.value[2], locale)} ${measureUnit}`,
            d.stage
              ? `${t('mapping.stage')}: ${t(`mapping.stage.${d.stage}` as 'mapping.stage.mature')}`
              : '',
            d.restsOnFilled ? `⚑ ${t('mapping.restsOnFilled')}` : '',
          ]
            .filter(Boolean)
            .join('<br/>');
        },
      },
      xAxis: {
        type: 'value',
        name: t('mapping.portfolioX'),
        nameLocation: 'middle',
        nameGap: 32,
        scale: true,
        axisLabel: { formatter: (v: number) => formatIndicator('lq', v, locale) },
      },
      yAxis: {
        type: 'value',
        name: t('mapping.portfolioY'),
        nameLocation: 'middle',
        nameGap: 48,
        scale: true,
        axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(1)} %` },
      },
      series: [
        {
          type: 'scatter',
          data,
          symbolSize: (value: number[]) => 8 + 52 * Math.sqrt((value[2] ?? 0) / maxSize),
          itemStyle: {
            color: (p: { data: PortfolioDatum }) => (p.data.strong ? '#2f9e44' : '#1c7ed6'),
            opacity: 0.7,
            borderColor: '#fff',
          },
          label: {
            // Names only on the largest bubbles; the tooltip names every one.
            show: true,
            formatter: (p: { data: PortfolioDatum }) =>
              p.data.value[2] >= labelFloor
                ? p.data.name.length > 32
                  ? `${p.data.name.slice(0, 30)}…`
                  : p.data.name
                : '',
            fontSize: 10,
            color: '#1f2933',
            textBorderColor: '#fff',
            textBorderWidth: 2,
          },
          labelLayout: { hideOverlap: true },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#868e96', type: 'dashed' },
            label: { formatter: '{b}', color: '#495057', position: 'insideEndTop' },
            data: [
              { name: t('mapping.lqOne'), xAxis: 1 },
              { name: t('mapping.growthZero'), yAxis: 0 },
            ],
          },
        },
      ],
    };
  }, [points, t, locale, measureUnit]);
  return (
    <figure>
      <EChart
        option={option}
        testId="mapping-portfolio"
        height={420}
        ariaLabel={`${t('mapping.portfolioTitle')}: ${portfolio.region.name}`}
        dataAttributes={{ 'point-count': points.length, region: portfolio.region.code }}
      />
      <figcaption className="muted small">
        {t('mapping.portfolioHint')} {portfolio.baseYear ?? '…'}–{portfolio.year}.
      </figcaption>
    </figure>
  );
}
