import { useMemo } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import type { SelectionResult } from './selection-candidates.ts';

/**
 * Each eligible candidate's rank over the Monte Carlo draws: a bar from the 5th to the 95th
 * percentile rank with the median as a dot (rank 1 = best, at the left).
 */
export function RankIntervalChart({ results }: { results: SelectionResult[] }) {
  const { t } = useI18n();
  const ranked = useMemo(
    () => results.filter((r) => r.rank !== null && r.rankLow !== null && r.rankHigh !== null),
    [results],
  );
  const option = useMemo<EChartsOption>(() => {
    // Best at the top: the category axis runs bottom-up, so reverse.
    const rows = [...ranked].reverse();
    const names = rows.map((r) => r.name);
    return {
      aria: { enabled: true },
      grid: { left: 110, right: 24, top: 16, bottom: 48 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const r = rows[params[0]?.dataIndex ?? -1];
          if (!r) return '';
          return `<strong>${r.name}</strong><br/>${t('selection.rank')}: ${r.rank}<br/>${t(
            'selection.median',
          )}: ${r.rankMedian}<br/>${t('selection.interval')}: ${r.rankLow}–${r.rankHigh}`;
        },
      },
      xAxis: {
        type: 'value',
        // Integer ticks 1..n with half a rank of room either side for the bars' ends.
        min: 0,
        max: Math.max(1, ranked.length) + 1,
        interval: 1,
        name: t('selection.rankAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: {
          formatter: (v: number) => (v >= 1 && v <= ranked.length ? String(v) : ''),
        },
      },
      yAxis: { type: 'category', data: names },
      series: [
        {
          type: 'bar',
          stack: 'interval',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: rows.map((r) => (r.rankLow ?? 1) - 0.5),
        },
        {
          name: t('selection.interval'),
          type: 'bar',
          stack: 'interval',
          barWidth: 10,
          itemStyle: { color: '#a5d8ff', borderColor: '#1c7ed6' },
          data: rows.map((r) => (r.rankHigh ?? 1) - (r.rankLow ?? 1) + 1),
        },
        {
          name: t('selection.median'),
          type: 'scatter',
          symbolSize: 12,
          itemStyle: { color: '#1c3d5a' },
          data: rows.map((r, i) => [r.rankMedian, i]),
        },
      ],
    };
  }, [ranked, t]);
  return (
    <figure>
      <EChart
        option={option}
        testId="selection-intervals"
        height={Math.max(220, 40 + ranked.length * 32)}
        ariaLabel={t('selection.intervalsTitle')}
        dataAttributes={{ 'candidate-count': ranked.length }}
      />
      <figcaption className="muted small">{t('selection.intervalsHint')}</figcaption>
    </figure>
  );
}
