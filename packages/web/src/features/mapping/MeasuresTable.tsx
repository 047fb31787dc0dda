import type { MeasureRow, StageReasons } from '@innocluster/contracts';
import { useMemo, useState } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import {
  filterAndSortRows,
  formatIndicator,
  stages,
  type Stage,
  type TableFilter,
} from './mapping-indicators.ts';
import { formatStageReasons } from './stage-reasons.ts';

/** The life-cycle stage as a badge; the rule's reasons, in the interface language, are its tooltip. */
export function StageBadge({ stage, reasons }: { stage: Stage | null; reasons: StageReasons }) {
  const { t, language } = useI18n();
  if (stage === null) return <span className="muted">—</span>;
  const reason = formatStageReasons(reasons, t, language === 'ko' ? 'ko-KR' : 'en-GB');
  return (
    <span className={`badge stage stage-${stage}`} title={reason} data-stage={stage}>
      {t(`mapping.stage.${stage}` as const)}
    </span>
  );
}

/**
 * Region x cluster rows with sorting and filters (strong clusters only, stage, region);
 * a click on a row picks that region and cluster for the portfolio and the profile.
 */
export function MeasuresTable({
  rows,
  measureUnit,
  unitLabel,
  onPick,
  picked,
}: {
  rows: MeasureRow[];
  measureUnit: string;
  /** "Cluster" or "Industry". */
  unitLabel: string;
  onPick: (regionCode: string, clusterId: number) => void;
  picked: { region: string; cluster: number | null };
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const [sort, setSort] = useState('-lq');
  const [filter, setFilter] = useState<TableFilter>({ strongOnly: false, stage: '', region: '' });
  const regions = useMemo(
    () => [...new Map(rows.map((r) => [r.regionCode, r.regionName])).entries()],
    [rows],
  );
  const shown = useMemo(() => filterAndSortRows([...rows], filter, sort), [rows, filter, sort]);
  const fmt = (i: Parameters<typeof formatIndicator>[0], v: number | null, filled: boolean) => (
    <>
      {formatIndicator(i, v, locale)}
      {filled && v !== null && (
        <span
          className="filled-flag"
          title={t('mapping.restsOnFilled')}
          aria-label={t('mapping.restsOnFilled')}
        >
          {' '}
          ⚑
        </span>
      )}
    </>
  );
  return (
    <div>
      <div className="filters" data-testid="mapping-table-filters">
        <label>
          <input
            type="checkbox"
            data-testid="filter-strong"
            checked={filter.strongOnly}
            onChange={(e) => setFilter({ ...filter, strongOnly: e.target.checked })}
          />{' '}
          {t('mapping.strongOnly')}
        </label>
        <FilterSelect
          layout="native"
          label={t('mapping.stage')}
          value={filter.stage}
          options={stages.map((s) => ({ value: s, label: t(`mapping.stage.${s}` as const) }))}
          onChange={(v) => setFilter({ ...filter, stage: (v ?? '') as Stage | '' })}
          testId="filter-stage"
        />
        <FilterSelect
          layout="native"
          label={t('mapping.region')}
          value={filter.region}
          options={regions.map(([code, name]) => ({ value: code, label: name }))}
          onChange={(v) => setFilter({ ...filter, region: v ?? '' })}
          testId="filter-region"
        />
        <span className="muted small" data-testid="mapping-table-count">
          {shown.length} / {rows.length} {t('common.results').toLowerCase()}
        </span>
      </div>
      <div className="table-wrap mapping-table-wrap">
        <table className="table table-compact table-clickable" data-testid="mapping-table">
          <caption className="muted small">{t('mapping.tableCaption')}</caption>
          <thead>
            <tr>
              <SortHeader
                field="regionName"
                sort={sort}
                label={t('mapping.region')}
                onSort={setSort}
              />
              <SortHeader field="unitName" sort={sort} label={unitLabel} onSort={setSort} />
              <SortHeader
                field="value"
                sort={sort}
                label={`${t('mapping.ind.value')} (${measureUnit})`}
                numeric
                onSort={setSort}
              />
              <SortHeader
                field="lq"
                sort={sort}
                label={t('mapping.ind.lq')}
                numeric
                onSort={setSort}
              />
              <SortHeader
                field="shareOfRegion"
                sort={sort}
                label={t('mapping.ind.shareOfRegion')}
                numeric
                onSort={setSort}
              />
              <SortHeader
                field="shareOfNation"
                sort={sort}
                label={t('mapping.ind.shareOfNation')}
                numeric
                onSort={setSort}
              />
              <SortHeader
                field="cagr"
                sort={sort}
                label={t('mapping.ind.cagr')}
                numeric
                onSort={setSort}
              />
              <SortHeader
                field="stars"
                sort={sort}
                label={t('mapping.ind.stars')}
                onSort={setSort}
              />
              <SortHeader field="stage" sort={sort} label={t('mapping.stage')} onSort={setSort} />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const isPicked = picked.region === r.regionCode && picked.cluster === r.unitId;
              return (
                <tr
                  key={`${r.regionId}-${r.unitId}`}
                  data-region={r.regionCode}
                  data-cluster={r.unitCode}
                  data-strong={r.strong}
                  className={isPicked ? 'row-picked' : undefined}
                  onClick={() => onPick(r.regionCode, r.unitId)}
                >
                  <td>{r.regionName}</td>
                  <td className="wrap">
                    {r.unitName}{' '}
                    {r.strong && (
                      <span
                        className="badge badge-ok"
                        title={t('mapping.strongTitle')}
                        data-testid="badge-strong"
                      >
                        {t('mapping.strong')}
                      </span>
                    )}
                  </td>
                  <td className="num" data-col="value">
                    {fmt('value', r.value, r.restsOnFilled)}
                  </td>
                  <td className="num" data-col="lq">
                    {fmt('lq', r.lq, r.restsOnFilled)}
                  </td>
                  <td className="num" data-col="shareOfRegion">
                    {fmt('shareOfRegion', r.shareOfRegion, r.restsOnFilled)}
                  </td>
                  <td className="num" data-col="shareOfNation">
                    {fmt('shareOfNation', r.shareOfNation, r.restsOnFilled)}
                  </td>
                  <td className="num" data-col="cagr">
                    {fmt('cagr', r.cagr, r.restsOnFilled)}
                  </td>
                  <td data-col="stars">
                    <span
                      className="stars"
                      title={
                        [
                          r.stars.size ? t('mapping.star.size') : null,
                          r.stars.specialisation ? t('mapping.star.specialisation') : null,
                          r.stars.focus ? t('mapping.star.focus') : null,
                        ]
                          .filter(Boolean)
                          .join(', ') || t('mapping.star.none')
                      }
                    >
                      {'★'.repeat(r.stars.count)}
                      <span className="muted">{'☆'.repeat(Math.max(0, 3 - r.stars.count))}</span>
                    </span>
                  </td>
                  <td data-col="stage">
                    <StageBadge stage={r.stage} reasons={r.stageReasons} />
                  </td>
                </tr>
              );
            })}
            {shown.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  {t('common.noResults')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
