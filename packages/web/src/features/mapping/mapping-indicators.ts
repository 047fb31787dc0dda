import type { MeasureRow } from '@innocluster/contracts';
import type { MessageKey } from '../../app/i18n-dictionary.ts';

/** What the map can colour provinces by: the API's choropleth values, plus stars. */
export const indicators = [
  'lq',
  'value',
  'shareOfRegion',
  'shareOfNation',
  'cagr',
  'stars',
] as const;
export type Indicator = (typeof indicators)[number];

/** Label and definition (with its unit) of each indicator, as dictionary keys. */
export const indicatorText: Record<Indicator, { label: MessageKey; definition: MessageKey }> = {
  lq: { label: 'mapping.ind.lq', definition: 'mapping.def.lq' },
  value: { label: 'mapping.ind.value', definition: 'mapping.def.value' },
  shareOfRegion: { label: 'mapping.ind.shareOfRegion', definition: 'mapping.def.shareOfRegion' },
  shareOfNation: { label: 'mapping.ind.shareOfNation', definition: 'mapping.def.shareOfNation' },
  cagr: { label: 'mapping.ind.cagr', definition: 'mapping.def.cagr' },
  stars: { label: 'mapping.ind.stars', definition: 'mapping.def.stars' },
};

export type Stage = NonNullable<MeasureRow['stage']>;
export const stages: readonly Stage[] = ['emerging', 'growing', 'mature', 'declining'];

/**
 * One number as shown with its unit: LQ with two decimals, shares and growth as percentages,
 * counts as whole numbers; `—` when missing.
 */
export function formatIndicator(
  indicator: Indicator,
  value: number | null | undefined,
  locale: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (indicator) {
    case 'lq':
      return value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'shareOfRegion':
    case 'shareOfNation':
      return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 2 })} %`;
    case 'cagr':
      return `${value >= 0 ? '+' : ''}${(value * 100).toLocaleString(locale, {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      })} %/yr`;
    case 'value':
    case 'stars':
      return Math.round(value).toLocaleString(locale);
  }
}

/**
 * The colour range of the map: LQ is centred on 1 (the national average) and growth on 0 so
 * the legend's middle means "like the nation" / "no change"; other indicators run from 0.
 */
export function legendRange(indicator: Indicator, values: number[]): { min: number; max: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { min: 0, max: 1 };
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (indicator === 'lq') {
    const spread = Math.max(1 - lo, hi - 1, 0.1);
    return { min: Math.max(0, 1 - spread), max: 1 + spread };
  }
  if (indicator === 'cagr') {
    const spread = Math.max(Math.abs(lo), Math.abs(hi), 0.001);
    return { min: -spread, max: spread };
  }
  if (indicator === 'stars') return { min: 0, max: Math.max(3, hi) };
  return { min: Math.min(0, lo), max: hi > lo ? hi : lo + 1 };
}

/** Stars per region from the measures table: of one cluster, or summed over all clusters. */
export function starsByRegion(rows: MeasureRow[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const row of rows)
    result.set(row.regionCode, (result.get(row.regionCode) ?? 0) + row.stars.count);
  return result;
}

export type SortKey =
  | 'regionName'
  | 'unitName'
  | 'value'
  | 'lq'
  | 'shareOfRegion'
  | 'shareOfNation'
  | 'cagr'
  | 'stars'
  | 'stage';

export interface TableFilter {
  strongOnly: boolean;
  stage: Stage | '';
  region: string;
}

/** The table's rows after its filters, sorted by `sort` (`-field` for descending; nulls last). */
export function filterAndSortRows(
  rows: MeasureRow[],
  filter: TableFilter,
  sort: string,
): MeasureRow[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as SortKey;
  const pick = (row: MeasureRow): string | number | null => {
    if (key === 'stars') return row.stars.count;
    if (key === 'stage') return row.stage === null ? null : stages.indexOf(row.stage);
    return row[key];
  };
  const kept = rows.filter(
    (r) =>
      (!filter.strongOnly || r.strong) &&
      (filter.stage === '' || r.stage === filter.stage) &&
      (filter.region === '' || r.regionCode === filter.region),
  );
  return kept.sort((a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return descending ? -order : order;
  });
}
