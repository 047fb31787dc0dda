import type { ParticipantAggregate, ParticipantRow } from '@innocluster/contracts';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import {
  participantColours,
  participantColumnKind,
  participantColumns,
  type ParticipantColumn,
} from './participant-columns.ts';

type CountColumn = ParticipantColumn | 'total';
const countColumns: CountColumn[] = [...participantColumns, 'total'];

/** Beside each count: a check mark when it equals the published figure, else the figure. */
function ReferenceCell({ value, reference }: { value: number; reference: number | null }) {
  const { t, formatNumber } = useI18n();
  if (reference === null)
    return (
      <td className="ref ref-none" title={t('overview.participants.noRef')}>
        {t('common.none')}
      </td>
    );
  if (reference === value)
    return (
      <td
        className="ref ref-match"
        title={`${t('overview.participants.match')} (${formatNumber(reference)})`}
      >
        ✓
      </td>
    );
  return (
    <td className="ref ref-mismatch" title={t('overview.participants.mismatch')}>
      {formatNumber(reference)}
    </td>
  );
}

function referenceOf(row: ParticipantRow, column: CountColumn): number | null {
  return row.reference ? row.reference[column] : null;
}

export function ParticipantsChart({ data }: { data: ParticipantAggregate }) {
  const { t, valueLabel, language } = useI18n();
  const navigate = useNavigate();
  const option = useMemo<EChartsOption>(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: data.rows.map((r) => r.complexName),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: {
        type: 'value',
        name: t('overview.kpi.organisationsUnit').trim(),
        nameLocation: 'end',
      },
      series: participantColumns.map((column) => ({
        type: 'bar',
        stack: 'participants',
        name: valueLabel(participantColumnKind[column]),
        itemStyle: { color: participantColours[column] },
        emphasis: { focus: 'series' },
        data: data.rows.map((r) => ({ value: r[column], complexId: r.complexId })),
      })),
    }),
    [data, t, valueLabel],
  );
  return (
    <EChart
      key={language}
      option={option}
      testId="participants-chart"
      height={380}
      ariaLabel={t('overview.participants.title')}
      dataAttributes={{ 'complex-count': data.rows.length }}
      onClick={(event) => {
        const datum = event.data as { complexId?: number } | undefined;
        if (datum?.complexId) void navigate(`/complexes/${datum.complexId}`);
      }}
    />
  );
}

export function ParticipantsTable({ data }: { data: ParticipantAggregate }) {
  const { t, valueLabel, formatNumber } = useI18n();
  const referenceTotals = useMemo(() => {
    const withReference = data.rows.filter((r) => r.reference !== null);
    if (withReference.length === 0) return null;
    const totals = {
      companies: 0,
      universities: 0,
      researchInstitutes: 0,
      supportInstitutions: 0,
      total: 0,
    };
    for (const row of withReference)
      for (const c of countColumns) totals[c] += row.reference?.[c] ?? 0;
    return totals;
  }, [data]);
  const syntheticTotal = data.rows.reduce((sum, r) => sum + r.syntheticOrganisations, 0);
  return (
    <div className="table-wrap">
      <table className="table table-numbers" data-testid="participants-table">
        <caption>
          {t('overview.participants.unit')} · {t('overview.participants.source')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.participants.complex')}</th>
            {countColumns.map((c) => (
              <th scope="col" colSpan={2} key={c} className="num">
                {c === 'total' ? t('common.total') : valueLabel(participantColumnKind[c])}
                <span className="th-sub"> / {t('overview.participants.refHeader')}</span>
              </th>
            ))}
            <th scope="col" className="num">
              {t('overview.participants.syntheticShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.complexId} data-complex={row.complexName}>
              <th scope="row">
                <Link to={`/complexes/${row.complexId}`}>{row.complexName}</Link>
              </th>
              {countColumns.map((c) => [
                <td key={c} data-col={c} className="num">
                  {row[c]}
                </td>,
                <ReferenceCell key={`${c}-ref`} value={row[c]} reference={referenceOf(row, c)} />,
              ])}
              <td className="num">
                {row.syntheticOrganisations > 0 ? (
                  <>
                    {formatNumber(row.syntheticOrganisations)} <SyntheticBadge />
                  </>
                ) : (
                  formatNumber(0)
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-complex="__total">
            <th scope="row">{t('common.total')}</th>
            {countColumns.map((c) => [
              <td key={c} data-col={c} className="num">
                {data.totals[c]}
              </td>,
              <ReferenceCell
                key={`${c}-ref`}
                value={data.totals[c]}
                reference={referenceTotals ? referenceTotals[c] : null}
              />,
            ])}
            <td className="num">
              {formatNumber(syntheticTotal)} {syntheticTotal > 0 && <SyntheticBadge />}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
