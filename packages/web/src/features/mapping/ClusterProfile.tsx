import { useMemo } from 'react';
import type { ProfileResponse } from '../../api/mapping-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { formatIndicator } from './mapping-indicators.ts';
import { StageBadge } from './MeasuresTable.tsx';
import { formatStageReasons } from './stage-reasons.ts';

/**
 * One regional cluster over the years: the measure and establishments on the left axis, LQ on
 * the right (with the national average, 1, marked), and the life-cycle stage with its reason.
 */
export function ClusterProfile({
  profile,
  measureUnit,
}: {
  profile: ProfileResponse;
  measureUnit: string;
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const option = useMemo<EChartsOption>(() => {
    const years = profile.years.map((y) => String(y.year));
    const measureName = `${t(`mapping.measure.${profile.measure}` as 'mapping.measure.employment')} (${measureUnit})`;
    const establishments = `${t('mapping.measure.establishments')} (${t('mapping.unit.establishments')})`;
    return {
      aria: { enabled: true },
      legend: { bottom: 0 },
      grid: { left: 64, right: 64, top: 40, bottom: 64 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: years },
      yAxis: [
        { type: 'value', name: t('mapping.profileLeftAxis'), scale: true },
        {
          type: 'value',
          name: t('mapping.ind.lq'),
          scale: true,
          axisLabel: { formatter: (v: number) => formatIndicator('lq', v, locale) },
        },
      ],
      series: [
        {
          name: measureName,
          type: 'line',
          data: profile.years.map((y) => y.value),
          itemStyle: { color: '#1c7ed6' },
        },
        ...(profile.measure === 'establishments'
          ? []
          : [
              {
                name: establishments,
                type: 'line',
                data: profile.years.map((y) => y.establishments),
                itemStyle: { color: '#f08c00' },
              },
            ]),
        {
          name: t('mapping.ind.lq'),
          type: 'line',
          yAxisIndex: 1,
          data: profile.years.map((y) => y.lq),
          itemStyle: { color: '#2f9e44' },
          lineStyle: { type: 'dashed' },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#868e96', type: 'dotted' },
            data: [{ yAxis: 1, name: t('mapping.lqOne') }],
            label: { formatter: '{b}' },
          },
        },
      ],
    };
  }, [profile, t, locale, measureUnit]);
  const filled = profile.years.some((y) => y.restsOnFilled);
  return (
    <figure>
      <p data-testid="mapping-profile-stage">
        <strong>
          {profile.unit.name} · {profile.region.name}
        </strong>{' '}
        <StageBadge stage={profile.stage} reasons={profile.stageReasons} />{' '}
        <span className="muted small" data-testid="mapping-profile-reason">
          {profile.stageYear !== null ? `${profile.stageYear}: ` : ''}
          {formatStageReasons(profile.stageReasons, t, locale)}
        </span>
      </p>
      <EChart
        option={option}
        testId="mapping-profile"
        height={340}
        ariaLabel={`${t('mapping.profileTitle')}: ${profile.unit.name}, ${profile.region.name}`}
        dataAttributes={{ 'year-count': profile.years.length }}
      />
      <figcaption className="muted small">
        {t('mapping.profileHint')}
        {filled ? ` ⚑ ${t('mapping.restsOnFilled')}` : ''}
      </figcaption>
    </figure>
  );
}
