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
      })} ${locale.startsWith('ko') ? '%/년' : '%/yr'}`;
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

export interface RegionValue {
  code: string;
  name: string;
  value: number | null;
  restsOnFilled: boolean;
}

/**
 * One number per region from table rows, by the API's choropleth rule: a region's only row
 * gives its value; over several rows size is summed, stars summed, and the rest take the
 * highest value of any row.
 */
export function regionValuesFromRows(rows: MeasureRow[], indicator: Indicator): RegionValue[] {
  const byRegion = new Map<string, MeasureRow[]>();
  for (const r of rows) byRegion.set(r.regionCode, [...(byRegion.get(r.regionCode) ?? []), r]);
  return [...byRegion.values()].map((group) => {
    const first = group[0] as MeasureRow;
    const pick = (r: MeasureRow) => (indicator === 'stars' ? r.stars.count : r[indicator]);
    const values = group.map(pick).filter((v): v is number => v !== null);
    let value: number | null = null;
    if (group.length === 1) value = pick(first);
    else if (indicator === 'value' || indicator === 'stars')
      value = values.reduce((a, b) => a + b, 0);
    else if (values.length > 0) value = Math.max(...values);
    return {
      code: first.regionCode,
      name: first.regionName,
      value,
      restsOnFilled: group.some((r) => r.restsOnFilled),
    };
  });
}
