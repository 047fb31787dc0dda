import type { Dataset } from '@innocluster/contracts';
import { useCallback, useMemo } from 'react';
import {
  useSpecialisation,
  type SpecialisationResponse,
} from '../../api/mapping-analysis-client.ts';
import { useProvinceName } from '../../api/use-province-name.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import type { EChartsOption } from '../../components/echarts-setup.ts';
import { downloadCsv, toCsv, type CsvColumn } from './csv-download.ts';

type SpecRegion = SpecialisationResponse['regions'][number];
type SpecUnit = SpecialisationResponse['units'][number];

/** The indices a region can be charted by. */
export const specialisationIndices = [
  'krugman',
  'hoover',
  'herfindahl',
  'herfindahlNormalised',
] as const;
export type SpecialisationIndex = (typeof specialisationIndices)[number];

/** The Ellison–Glaeser columns of each unit, with their definitions (no unit but the count). */
const agglomerationColumns = [
  'ellisonGlaeser',
  'egRawConcentration',
  'egPlantHerfindahl',
  'egPlants',
] as const;

/**
 * Specialisation of each region in one year: Krugman's and Hoover's dissimilarity of its
 * structure from the nation's and the Herfindahl concentration of its units, charted by one
 * index and tabled with all; below, each unit's Hoover localisation across regions and, when
 * the dataset holds plants of the year, its Ellison–Glaeser γ with G, H and the plant count.
 */
export function SpecialisationView({
  dataset,
  measure,
  measureUnit,
  year,
  unit,
  regionKind,
  index,
  onIndex,
}: {
  dataset: Dataset;
  measure: string;
  measureUnit: string;
  year: number;
  unit: 'cluster' | 'industry';
  regionKind: 'province' | 'grouping' | 'user';
  index: SpecialisationIndex;
  onIndex: (index: SpecialisationIndex) => void;
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const provinceName = useProvinceName();
  const query = useSpecialisation({ dataset: dataset.id, measure, year, unit, regionKind });
  const data = query.data;
  const three = useMemo(
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
    [locale],
  );
  const count = useMemo(
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    [locale],
  );
  const fmt = (v: number | null) => (v === null ? '—' : three.format(v));
  const name = useCallback(
    (r: SpecRegion) =>
      regionKind === 'province' ? provinceName(r.regionId, r.regionName) : r.regionName,
    [regionKind, provinceName],
  );

  const option = useMemo<EChartsOption | null>(() => {
    if (!data) return null;
    const rows = data.regions
      .filter((r) => r[index] !== null)
      .sort((a, b) => (a[index] ?? 0) - (b[index] ?? 0));
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 48, top: 12, bottom: 40, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? three.format(v) : '—'),
      },
      xAxis: {
        type: 'value',
        name: t(`analysis.spec.${index}` as const),
        nameLocation: 'middle',
        nameGap: 26,
        min: 0,
        max: index === 'krugman' ? 2 : 1,
      },
      yAxis: { type: 'category', data: rows.map(name) },
      series: [
        {
          type: 'bar',
          name: t(`analysis.spec.${index}` as const),
          itemStyle: { color: '#4c6ef5' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: unknown }) =>
              typeof p.value === 'number' ? three.format(p.value) : '',
          },
          data: rows.map((r) => r[index]),
        },
      ],
    };
  }, [data, index, t, three, name]);

  const download = () => {
    if (!data) return;
    const columns: CsvColumn<SpecRegion>[] = [
      { header: 'region_code', value: (r) => r.regionCode },
      { header: 'region', value: (r) => r.regionName },
      { header: 'year', value: () => data.year },
      { header: 'unit', value: () => data.unit },
      { header: `total (${data.measure})`, value: (r) => r.total },
      { header: 'krugman', value: (r) => r.krugman },
      { header: 'hoover', value: (r) => r.hoover },
      { header: 'herfindahl', value: (r) => r.herfindahl },
      { header: 'herfindahl_normalised', value: (r) => r.herfindahlNormalised },
      { header: 'rests_on_filled', value: (r) => r.restsOnFilled },
    ];
    downloadCsv(
      `innocluster-specialisation-${data.dataset.id}-${data.regionKind}-${data.unit}-${data.year}.csv`,
      toCsv(columns, data.regions),
    );
  };

  /** The units table: Hoover localisation and, with plant-level data, Ellison–Glaeser. */
  const downloadUnits = () => {
    if (!data) return;
    const columns: CsvColumn<SpecUnit>[] = [
      { header: 'unit_code', value: (u) => u.unitCode },
      { header: 'unit', value: (u) => u.unitName },
      { header: 'year', value: () => data.year },
      { header: 'hoover_localisation', value: (u) => u.hooverLocalisation },
      { header: 'ellison_glaeser_gamma', value: (u) => u.ellisonGlaeser },
      { header: 'eg_raw_concentration_G', value: (u) => u.egRawConcentration },
      { header: 'eg_plant_herfindahl_H', value: (u) => u.egPlantHerfindahl },
      { header: 'eg_plants', value: (u) => u.egPlants },
      { header: 'ellison_glaeser_note', value: (u) => u.ellisonGlaeserNote },
    ];
    downloadCsv(
      `innocluster-localisation-${data.dataset.id}-${data.regionKind}-${data.unit}-${data.year}.csv`,
      toCsv(columns, data.units),
    );
  };

  return (
    <section
      className="card"
      aria-labelledby="specialisation-title"
      data-testid="specialisation-view"
    >
      <div className="section-head">
        <h2 id="specialisation-title">{t('analysis.spec.title')}</h2>
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
          <button
            type="button"
            className="button"
            data-testid="analysis-units-csv"
            disabled={!data}
            onClick={downloadUnits}
          >
            {t('analysis.spec.downloadUnitsCsv')}
          </button>
        </span>
      </div>
      <div className="filters">
        <label>
          {t('analysis.spec.chartBy')}{' '}
          <select
            data-testid="specialisation-index"
            value={index}
            onChange={(e) => onIndex(e.target.value as SpecialisationIndex)}
          >
            {specialisationIndices.map((i) => (
              <option key={i} value={i}>
                {t(`analysis.spec.${i}` as const)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="muted small">
        {specialisationIndices.map((i) => (
          <li key={i}>
            <strong>{t(`analysis.spec.${i}` as const)}</strong>:{' '}
            {t(`analysis.spec.def.${i}` as const)}
          </li>
        ))}
      </ul>
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || !option ? (
        <Loading />
      ) : (
        <>
          <EChart
            option={option}
            testId="specialisation-chart"
            height={Math.max(240, 26 * data.regions.length + 70)}
            ariaLabel={`${t('analysis.spec.title')}: ${t(`analysis.spec.${index}` as const)}`}
            dataAttributes={{ 'region-count': data.regions.length, index }}
          />
          <div className={`table-wrap${query.isFetching ? ' is-fetching' : ''}`}>
            <table className="table table-compact" data-testid="specialisation-table">
              <caption className="muted small">{t('analysis.spec.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mapping.region')}</th>
                  <th scope="col" className="num">
                    {t('analysis.total')} ({measureUnit})
                  </th>
                  {specialisationIndices.map((i) => (
                    <th
                      key={i}
                      scope="col"
                      className="num"
                      title={t(`analysis.spec.def.${i}` as const)}
                    >
                      {t(`analysis.spec.${i}` as const)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.regions.map((r) => (
                  <tr key={r.regionId} data-region={r.regionCode}>
                    <th scope="row">
                      {name(r)}
                      {r.restsOnFilled ? ' ⚑' : ''}
                    </th>
                    <td className="num" data-col="total" data-value={r.total}>
                      {count.format(r.total)}
                    </td>
                    {specialisationIndices.map((i) => (
                      <td key={i} className="num" data-col={i} data-value={r[i] ?? ''}>
                        {fmt(r[i])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('analysis.spec.localisationTitle')}</h3>
          <p className="muted small">{t('analysis.spec.def.localisation')}</p>
          <ul className="muted small" data-testid="agglomeration-definitions">
            {agglomerationColumns.map((c) => (
              <li key={c}>
                <strong>{t(`analysis.spec.${c}` as const)}</strong>:{' '}
                {t(`analysis.spec.def.${c}` as const)}
              </li>
            ))}
          </ul>
          <div className="table-wrap">
            <table className="table table-compact" data-testid="localisation-table">
              <thead>
                <tr>
                  <th scope="col">
                    {t(unit === 'cluster' ? 'mapping.cluster' : 'mapping.industry')}
                  </th>
                  <th scope="col" className="num">
                    {t('analysis.spec.hooverLocalisation')}
                  </th>
                  {agglomerationColumns.map((c) => (
                    <th
                      key={c}
                      scope="col"
                      className="num"
                      title={t(`analysis.spec.def.${c}` as const)}
                    >
                      {t(`analysis.spec.${c}` as const)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.units.map((u) => (
                  <tr key={u.unitId} data-unit={u.unitCode}>
                    <th scope="row" title={u.unitName}>
                      {u.unitCode} <span className="muted small">{u.unitName}</span>
                    </th>
                    <td className="num" data-value={u.hooverLocalisation ?? ''}>
                      {fmt(u.hooverLocalisation)}
                    </td>
                    <td
                      className="num"
                      data-col="ellisonGlaeser"
                      data-value={u.ellisonGlaeser ?? ''}
                      title={u.ellisonGlaeserNote ?? undefined}
                    >
                      {fmt(u.ellisonGlaeser)}
                    </td>
                    <td
                      className="num"
                      data-col="egRawConcentration"
                      data-value={u.egRawConcentration ?? ''}
                    >
                      {fmt(u.egRawConcentration)}
                    </td>
                    <td
                      className="num"
                      data-col="egPlantHerfindahl"
                      data-value={u.egPlantHerfindahl ?? ''}
                    >
                      {fmt(u.egPlantHerfindahl)}
                    </td>
                    <td className="num" data-col="egPlants" data-value={u.egPlants ?? ''}>
                      {u.egPlants === null ? '—' : count.format(u.egPlants)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.notes.length > 0 && (
            <ul className="muted small">
              {data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
