import type { BurdenResponse } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { deliveryApi } from '../../api/delivery-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import type { MessageKey } from '../../app/i18n-dictionary.ts';
import { DeliveryFilterBar, useDeliveryFilters } from './DeliveryFilters.tsx';
import { DeliveryNav } from './DeliveryParts.tsx';
import { binLabels, formatKrw, roundsDistribution } from './delivery-format.ts';

function bar(
  categories: string[],
  series: { name: string; data: (number | null)[] }[],
  yName: string,
  xName: string,
): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 60, right: 20, top: series.length > 1 ? 36 : 20, bottom: 60 },
    xAxis: {
      type: 'category',
      data: categories,
      name: xName,
      nameLocation: 'middle',
      nameGap: 40,
      axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: yName, minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data })),
  };
}

/** A metric's label in the interface language (the server's English one when none is known). */
function useMetricLabel() {
  const { t } = useI18n();
  return (m: { key: string; label: string }) =>
    (t(`delivery.metric.${m.key}` as MessageKey) as string | undefined) ?? m.label;
}

function metricText(value: number | null, unit: string, none: string): string {
  if (value === null) return none;
  if (unit === 'KRW') return formatKrw(value);
  return String(value);
}

function Charts({ b }: { b: BurdenResponse }) {
  const { t } = useI18n();
  const hist = b.daysToFirstMoney.histogram;
  // Many projects: how many projects had 0, 1, 2, … amendment rounds, instead of one bar each.
  const rounds = roundsDistribution(b.projects.map((p) => p.amendmentRounds));
  return (
    <div className="chart-grid">
      <section className="card">
        <h2>{t('delivery.burden.histogram')}</h2>
        {hist.length === 0 ? (
          <p className="muted">{t('delivery.burden.noPayments')}</p>
        ) : (
          <EChart
            testId="burden-histogram"
            height={300}
            ariaLabel={t('delivery.burden.histogram')}
            dataAttributes={{ bins: hist.length }}
            option={bar(
              binLabels(hist),
              [{ name: t('delivery.unit.projects'), data: hist.map((h) => h.projects) }],
              t('delivery.unit.projects'),
              t('delivery.daysToFirstMoney.unit'),
            )}
          />
        )}
      </section>
      <section className="card">
        <h2>{t('delivery.burden.roundsPerProject')}</h2>
        <EChart
          testId="burden-rounds"
          height={300}
          ariaLabel={t('delivery.burden.roundsPerProject')}
          dataAttributes={{ projects: b.projects.length }}
          option={
            b.projects.length <= 20
              ? bar(
                  b.projects.map((p) => p.title),
                  [
                    { name: t('delivery.burden.reports'), data: b.projects.map((p) => p.reports) },
                    {
                      name: t('delivery.burden.amendmentRounds'),
                      data: b.projects.map((p) => p.amendmentRounds),
                    },
                  ],
                  t('delivery.unit.count'),
                  t('delivery.project'),
                )
              : bar(
                  rounds.map((_, k) => String(k)),
                  [{ name: t('delivery.unit.projects'), data: rounds }],
                  t('delivery.unit.projects'),
                  t('delivery.burden.amendmentRounds'),
                )
          }
        />
      </section>
      <section className="card">
        <h2>{t('delivery.burden.byInstrument')}</h2>
        <EChart
          testId="burden-instrument"
          height={280}
          option={bar(
            b.daysToFirstMoney.byInstrument.map((g) => g.group),
            [
              {
                name: t('delivery.median'),
                data: b.daysToFirstMoney.byInstrument.map((g) => g.medianDays),
              },
              {
                name: t('delivery.mean'),
                data: b.daysToFirstMoney.byInstrument.map((g) => g.meanDays),
              },
            ],
            t('delivery.unit.days'),
            t('delivery.instrument'),
          )}
        />
      </section>
      <section className="card">
        <h2>{t('delivery.burden.byComplex')}</h2>
        <EChart
          testId="burden-complex"
          height={280}
          option={bar(
            b.daysToFirstMoney.byComplex.map((g) => g.group),
            [
              {
                name: t('delivery.median'),
                data: b.daysToFirstMoney.byComplex.map((g) => g.medianDays),
              },
              {
                name: t('delivery.mean'),
                data: b.daysToFirstMoney.byComplex.map((g) => g.meanDays),
              },
            ],
            t('delivery.unit.days'),
            t('delivery.complex'),
          )}
        />
      </section>
    </div>
  );
}

/**
 * The burden dashboard at `/projects/burden`: what the programme costs its teams in waiting
 * and paperwork (DOMAIN.md, "What went wrong"), each figure with its unit and definition.
 */
export function BurdenDashboardPage() {
  const { t, formatNumber } = useI18n();
  const metricLabel = useMetricLabel();
  const filters = useDeliveryFilters();
  const query = useQuery({
    queryKey: ['delivery', 'burden', filters],
    queryFn: () => deliveryApi.burden(filters),
  });
  return (
    <div className="page delivery-page">
      <DeliveryNav />
      <div className="page-head">
        <h1>{t('delivery.burden.title')}</h1>
      </div>
      <p className="muted">{t('delivery.burden.intro')}</p>
      <DeliveryFilterBar />
      <QueryState query={query}>
        {(b) => (
          <div data-testid="burden" data-as-of={b.asOf} data-projects={b.projects.length}>
            <section className="kpis" data-testid="burden-metrics">
              {b.metrics.map((m) => (
                <div
                  className="kpi"
                  key={m.key}
                  data-testid={`burden-metric-${m.key}`}
                  data-value={m.value ?? ''}
                  title={m.definition}
                >
                  <span className="kpi-label">{metricLabel(m)}</span>
                  <span className="kpi-value">{metricText(m.value, m.unit, t('common.none'))}</span>
                  <span className="kpi-unit">{m.unit === 'KRW' ? '' : m.unit}</span>
                </div>
              ))}
            </section>
            <Charts b={b} />
            <section className="card">
              <h2>{t('delivery.burden.perProject')}</h2>
              <div className="table-wrap">
                <table className="table table-compact" data-testid="burden-projects">
                  <thead>
                    <tr>
                      <th>{t('delivery.project')}</th>
                      <th>{t('delivery.instrument')}</th>
                      <th>{t('delivery.complex')}</th>
                      <th>{t('delivery.start')}</th>
                      <th>{t('delivery.burden.firstPaid')}</th>
                      <th className="num">
                        {t('delivery.daysToFirstMoney')} ({t('delivery.unit.days')})
                      </th>
                      <th className="num">{t('delivery.burden.reports')}</th>
                      <th className="num">{t('delivery.burden.amendmentRounds')}</th>
                      <th className="num">{t('delivery.burden.agreementAmendments')}</th>
                      <th className="num">
                        {t('delivery.burden.hours')} ({t('delivery.unit.hours')})
                      </th>
                      <th className="num">{t('delivery.burden.late')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.projects.map((p) => (
                      <tr key={p.projectId} data-testid={`burden-project-${p.projectId}`}>
                        <td>
                          <Link to={`/projects/${p.projectId}`}>{p.title}</Link>
                        </td>
                        <td>{p.instrument}</td>
                        <td>{p.complex}</td>
                        <td>{p.startOn}</td>
                        <td>{p.firstPaidOn ?? t('common.none')}</td>
                        <td
                          className="num"
                          data-testid={`burden-days-${p.projectId}`}
                          data-value={p.daysToFirstMoney ?? ''}
                        >
                          {p.daysToFirstMoney === null
                            ? t('common.none')
                            : formatNumber(p.daysToFirstMoney)}
                        </td>
                        <td className="num" data-testid={`burden-reports-${p.projectId}`}>
                          {p.reports}
                        </td>
                        <td className="num" data-testid={`burden-rounds-${p.projectId}`}>
                          {p.amendmentRounds}
                        </td>
                        <td className="num">{p.agreementAmendments}</td>
                        <td className="num">{p.paperworkHours ?? t('common.none')}</td>
                        <td className="num">
                          {p.lateInstalments}
                          {p.maxDaysLate > 0 &&
                            ` (${t('delivery.burden.maxLate')} ${p.maxDaysLate} ${t('delivery.unit.days')})`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section className="card">
              <h2>{t('delivery.burden.groups')}</h2>
              <div className="table-wrap">
                <table className="table table-compact" data-testid="burden-groups">
                  <thead>
                    <tr>
                      <th>{t('delivery.burden.group')}</th>
                      <th className="num">{t('delivery.unit.projects')}</th>
                      <th className="num">
                        {t('delivery.median')} ({t('delivery.unit.days')})
                      </th>
                      <th className="num">
                        {t('delivery.mean')} ({t('delivery.unit.days')})
                      </th>
                      <th className="num">{t('delivery.burden.reports')}</th>
                      <th className="num">{t('delivery.burden.amendmentRounds')}</th>
                      <th className="num">{t('delivery.burden.late')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(
                      [
                        ['instrument', b.byInstrument, b.daysToFirstMoney.byInstrument],
                        ['complex', b.byComplex, b.daysToFirstMoney.byComplex],
                      ] as const
                    ).flatMap(([kind, groups, days]) =>
                      groups.map((g) => {
                        const d = days.find((x) => x.group === g.group);
                        return (
                          <tr
                            key={`${kind}-${g.group}`}
                            data-testid={`burden-group-${kind}-${g.group}`}
                          >
                            <td>
                              {kind === 'instrument'
                                ? t('delivery.instrument')
                                : t('delivery.complex')}
                              : {g.group}
                            </td>
                            <td className="num">{g.projects}</td>
                            <td className="num">{d?.medianDays ?? t('common.none')}</td>
                            <td className="num">
                              {d?.meanDays === null || d?.meanDays === undefined
                                ? t('common.none')
                                : d.meanDays.toFixed(1)}
                            </td>
                            <td className="num">{g.reports}</td>
                            <td className="num">{g.amendmentRounds}</td>
                            <td className="num">{g.lateInstalments}</td>
                          </tr>
                        );
                      }),
                    )}
                  </tbody>
                </table>
              </div>
            </section>
            <section className="card" data-testid="burden-definitions">
              <h2>{t('delivery.burden.definitions')}</h2>
              <dl className="definitions">
                {b.definitions.map((d) => (
                  <div key={d.key}>
                    <dt>
                      {metricLabel({ key: d.key, label: d.key })} ({d.unit})
                    </dt>
                    <dd>{d.definition}</dd>
                  </div>
                ))}
              </dl>
              <p className="muted">
                {t('delivery.asOf')} {b.asOf}
              </p>
            </section>
          </div>
        )}
      </QueryState>
    </div>
  );
}
