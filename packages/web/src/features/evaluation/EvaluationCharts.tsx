import { useMemo } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';

/** One complex's rank distribution over the Monte Carlo draws (1 = best). */
export interface RankIntervalRow {
  name: string;
  baseRank: number;
  medianRank: number;
  lowRank: number;
  highRank: number;
}

/**
 * Median rank and 90% interval (5th-95th percentile) per complex: a bar over the interval with
 * the median as a dot and the base method's rank as a diamond; best at the top.
 */
export function RankIntervalsChart({ rows, draws }: { rows: RankIntervalRow[]; draws: number }) {
  const { t } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const ordered = [...rows].sort((a, b) => b.baseRank - a.baseRank);
    const n = rows.length;
    return {
      aria: { enabled: true },
      grid: { left: 130, right: 24, top: 36, bottom: 48 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const r = ordered[params[0]?.dataIndex ?? -1];
          if (!r) return '';
          return `<strong>${r.name}</strong><br/>${t('evaluation.index.baseRank')}: ${r.baseRank}<br/>${t(
            'evaluation.index.medianRank',
          )}: ${r.medianRank}<br/>${t('evaluation.index.interval')}: ${r.lowRank}–${r.highRank}`;
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: Math.max(1, n) + 1,
        interval: 1,
        name: t('evaluation.index.rankAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: (v: number) => (v >= 1 && v <= n ? String(v) : '') },
      },
      yAxis: { type: 'category', data: ordered.map((r) => r.name) },
      series: [
        {
          type: 'bar',
          stack: 'interval',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: ordered.map((r) => r.lowRank - 0.5),
          tooltip: { show: false },
        },
        {
          name: t('evaluation.index.interval'),
          type: 'bar',
          stack: 'interval',
          barWidth: 12,
          itemStyle: { color: '#a5d8ff', borderColor: '#1c7ed6' },
          data: ordered.map((r) => r.highRank - r.lowRank + 1),
        },
        {
          name: t('evaluation.index.medianRank'),
          type: 'scatter',
          symbolSize: 12,
          itemStyle: { color: '#1c3d5a' },
          data: ordered.map((r, i) => [r.medianRank, i]),
        },
        {
          name: t('evaluation.index.baseRank'),
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 10,
          itemStyle: { color: '#e8590c' },
          data: ordered.map((r, i) => [r.baseRank, i]),
        },
      ],
    };
  }, [rows, t]);
  const signature = rows.map((r) => `${r.lowRank}-${r.medianRank}-${r.highRank}`).join(',');
  return (
    <figure>
      <EChart
        option={option}
        testId="evaluation-rank-intervals"
        height={Math.max(240, 70 + rows.length * 30)}
        ariaLabel={t('evaluation.index.intervalsTitle')}
        dataAttributes={{ units: rows.length, draws, intervals: signature }}
      />
      <figcaption className="muted small">{t('evaluation.index.intervalsCaption')}</figcaption>
    </figure>
  );
}

/** One input of the sensitivity analysis with its mean first-order index (0…1). */
export interface SensitivityBar {
  label: string;
  value: number | null;
}

/** First-order sensitivity indices S_i of the ranks, one bar per uncertain input. */
export function SensitivityChart({ bars }: { bars: SensitivityBar[] }) {
  const { t } = useI18n();
  const option = useMemo<EChartsOption>(
    () => ({
      aria: { enabled: true },
      grid: { left: 180, right: 40, top: 16, bottom: 48 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : '—'),
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('evaluation.index.sensitivityAxis'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'category', data: bars.map((b) => b.label).reverse() },
      series: [
        {
          type: 'bar',
          barWidth: 14,
          itemStyle: { color: '#5c7cfa' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: unknown }) =>
              typeof p.value === 'number' ? p.value.toFixed(2) : '—',
          },
          data: bars.map((b) => b.value ?? 0).reverse(),
        },
      ],
    }),
    [bars, t],
  );
  return (
    <EChart
      option={option}
      testId="evaluation-sensitivity"
      height={Math.max(180, 70 + bars.length * 28)}
      ariaLabel={t('evaluation.index.sensitivityTitle')}
    />
  );
}

/** Allocations of several scenarios per complex, in KRW million, as grouped bars. */
export function AllocationChart({
  units,
  scenarios,
}: {
  units: string[];
  scenarios: { name: string; amounts: (number | null)[] }[];
}) {
  const { t, language } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const format = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB');
    return {
      aria: { enabled: true },
      legend: { top: 0 },
      grid: { left: 80, right: 16, top: 40, bottom: 90 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) =>
          typeof v === 'number' ? `${format.format(v)} ${t('evaluation.unit.krwMillion')}` : '—',
      },
      xAxis: { type: 'category', data: units, axisLabel: { rotate: 35, interval: 0 } },
      yAxis: {
        type: 'value',
        name: t('evaluation.unit.krwMillion'),
        axisLabel: { formatter: (v: number) => format.format(v) },
      },
      series: scenarios.map((s) => ({ name: s.name, type: 'bar', data: s.amounts })),
    };
  }, [units, scenarios, t, language]);
  return (
    <EChart
      option={option}
      testId="allocation-chart"
      height={380}
      ariaLabel={t('evaluation.allocation.chartTitle')}
    />
  );
}

/** One line per series over the years (missing years left as gaps). */
export function TrendChart({
  years,
  series,
  unit,
  testId,
}: {
  years: number[];
  series: { name: string; values: (number | null)[]; dashed?: boolean }[];
  unit: string;
  testId: string;
}) {
  const { language } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const format = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
      maximumFractionDigits: 2,
    });
    return {
      aria: { enabled: true },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) =>
          typeof v === 'number' ? `${format.format(v)} ${unit}` : '—',
      },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: {
        type: 'value',
        name: unit,
        scale: true,
        axisLabel: { formatter: (v: number) => format.format(v) },
      },
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        connectNulls: false,
        symbolSize: 6,
        lineStyle: s.dashed ? { type: 'dashed', width: 1.5 } : { width: 2.5 },
        data: s.values,
      })),
    };
  }, [years, series, unit, language]);
  return <EChart option={option} testId={testId} height={240} ariaLabel={unit} />;
}

/**
 * Each complex's score as stacked contributions w_i·x_i of its indicators (arithmetic
 * aggregation: the segments add up to the score), best at the top.
 */
export function ContributionsChart({
  complexes,
  indicators,
}: {
  complexes: { name: string; contributions: (number | null)[] }[];
  indicators: { code: string; name: string; unit: string }[];
}) {
  const { t, language } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const rows = [...complexes].reverse();
    const format = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
      maximumFractionDigits: 3,
    });
    return {
      aria: { enabled: true },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 130, right: 24, top: 40, bottom: 40 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; name: string; value: unknown }) =>
          `${p.name}<br/>${p.seriesName}: ${typeof p.value === 'number' ? format.format(p.value) : '—'}`,
      },
      xAxis: {
        type: 'value',
        name: t('evaluation.index.score'),
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: { type: 'category', data: rows.map((c) => c.name) },
      series: indicators.map((ind, i) => ({
        name: ind.code,
        type: 'bar',
        stack: 'score',
        barWidth: 14,
        data: rows.map((c) => c.contributions[i] ?? 0),
      })),
    };
  }, [complexes, indicators, t, language]);
  return (
    <figure>
      <EChart
        option={option}
        testId="index-contributions"
        height={Math.max(260, 90 + complexes.length * 26)}
        ariaLabel={t('evaluation.index.contributionsTitle')}
      />
      <figcaption className="muted small">{t('evaluation.index.contributionsCaption')}</figcaption>
    </figure>
  );
}
