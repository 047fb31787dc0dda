import type { BudgetAggregate } from '@innocluster/contracts';
import { Fragment, useMemo } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';

const needColour = '#8aa4bd';
const allottedColour = '#2f6f9f';

/** Need against allotment by year (KRW 100 million), estimates hatched, gaps left as gaps. */
export function BudgetChart({ data }: { data: BudgetAggregate }) {
  const { t, formatNumber, language } = useI18n();
  const unit = t('overview.budget.unitYears');
  const option = useMemo<EChartsOption>(() => {
    const years = data.years.map((y) => String(y.year));
    return {
      aria: { enabled: true },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 48, bottom: 40 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const year = data.years[params[0]?.dataIndex ?? 0];
          if (!year) return '';
          const allotted =
            year.allottedKrw100m === null
              ? t('overview.budget.missing')
              : `${formatNumber(year.allottedKrw100m)} ${unit}${year.allottedIsEstimate ? ` (${t('overview.budget.estimate')})` : ''}`;
          return [
            `<strong>${year.year}</strong>`,
            `${t('overview.budget.need')}: ${year.needKrw100m === null ? t('overview.budget.missing') : `${formatNumber(year.needKrw100m)} ${unit}`}`,
            `${t('overview.budget.allotted')}: ${allotted}`,
          ].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: unit, nameLocation: 'end' },
      series: [
        {
          type: 'bar',
          name: t('overview.budget.need'),
          itemStyle: { color: needColour },
          data: data.years.map((y) => y.needKrw100m),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => formatNumber(p.value),
          },
        },
        {
          type: 'bar',
          name: t('overview.budget.allotted'),
          itemStyle: { color: allottedColour },
          data: data.years.map((y) =>
            y.allottedKrw100m === null
              ? // A missing allotment stays missing: no bar (the marker series below says so).
                null
              : y.allottedIsEstimate
                ? {
                    value: y.allottedKrw100m,
                    itemStyle: {
                      color: allottedColour,
                      opacity: 0.55,
                      decal: {
                        symbol: 'rect',
                        dashArrayX: [1, 0],
                        dashArrayY: [3, 3],
                        rotation: -Math.PI / 4,
                        color: 'rgba(255,255,255,0.6)',
                      },
                    },
                    label: {
                      show: true,
                      position: 'top',
                      formatter: `${formatNumber(y.allottedKrw100m)} (${t('overview.budget.estimate')})`,
                    },
                  }
                : {
                    value: y.allottedKrw100m,
                    label: {
                      show: true,
                      position: 'top',
                      formatter: formatNumber(y.allottedKrw100m),
                    },
                  },
          ),
        },
        {
          type: 'scatter',
          name: t('overview.budget.missing'),
          // Sits on the axis under the missing bar, labelled, so a gap never reads as zero.
          data: data.years.map((y) => (y.allottedKrw100m === null ? 0 : null)),
          symbol: 'triangle',
          symbolSize: 12,
          symbolOffset: [18, -6],
          itemStyle: { color: '#b42318' },
          label: {
            show: true,
            position: 'top',
            distance: 8,
            offset: [18, 0],
            color: '#b42318',
            fontStyle: 'italic',
            formatter: `${t('overview.budget.allotted')}: ${t('overview.budget.missing')}`,
          },
          tooltip: { show: false },
        },
      ],
    };
  }, [data, t, formatNumber, unit]);
  return (
    <EChart
      key={language}
      option={option}
      testId="budget-chart"
      height={340}
      ariaLabel={t('overview.budget.title')}
      dataAttributes={{ 'year-count': data.years.length }}
    />
  );
}

export function BudgetYearsTable({ data }: { data: BudgetAggregate }) {
  const { t, formatNumber } = useI18n();
  return (
    <table className="table table-numbers" data-testid="budget-years-table">
      <caption>
        {t('common.unit')}: {t('overview.budget.unitYears')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.budget.year')}</th>
          <th scope="col" className="num">
            {t('overview.budget.need')}
          </th>
          <th scope="col" className="num">
            {t('overview.budget.allotted')}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.years.map((y) => (
          <tr key={y.year} data-year={y.year}>
            <th scope="row">{y.year}</th>
            <td className="num">{formatNumber(y.needKrw100m)}</td>
            <td className="num">
              {y.allottedKrw100m === null ? (
                <span className="missing">{t('overview.budget.missing')}</span>
              ) : (
                <>
                  {formatNumber(y.allottedKrw100m)}
                  {y.allottedIsEstimate && (
                    <span className="badge badge-estimate">{t('overview.budget.estimate')}</span>
                  )}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BudgetBreakdownTable({ data }: { data: BudgetAggregate }) {
  const { t, formatNumber } = useI18n();
  const groups = useMemo(() => {
    const map = new Map<string, BudgetAggregate['items']>();
    for (const item of data.items)
      map.set(item.itemGroup, [...(map.get(item.itemGroup) ?? []), item]);
    return [...map.entries()];
  }, [data]);
  const total = data.items.reduce((sum, i) => sum + i.amountKrwMillion, 0);
  const year = data.items[0]?.year;
  if (data.items.length === 0) return <p className="muted">{t('common.noResults')}</p>;
  return (
    <table className="table table-numbers" data-testid="budget-items-table">
      <caption>
        {year} · {t('common.unit')}: {t('overview.budget.unitItems')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.budget.item')}</th>
          <th scope="col" className="num">
            {t('overview.budget.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map(([group, items]) => (
          <Fragment key={group}>
            <tr className="group-row">
              <th scope="rowgroup">{group}</th>
              <td className="num">
                {formatNumber(items.reduce((s, i) => s + i.amountKrwMillion, 0))}
              </td>
            </tr>
            {items.map((item) => (
              <tr key={item.item}>
                <td className="indent">{item.item}</td>
                <td className="num">{formatNumber(item.amountKrwMillion)}</td>
              </tr>
            ))}
          </Fragment>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('common.total')}</th>
          <td className="num" data-testid="budget-items-total">
            {formatNumber(total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
