/** A region identifier (a province code, a functional-region name, a complex id...). */
export type RegionKey = string | number;
/** An industry or cluster identifier (a KSIC code, a cluster name...). */
export type IndustryKey = string | number;

/** One observation: employment (or establishments, production) of an industry in a region. */
export interface RegionIndustryCell {
  region: RegionKey;
  industry: IndustryKey;
  value: number;
}

/**
 * Totals of the reference universe ("the nation") when only part of the country is loaded:
 * national totals by industry (E_i) and overall (E), imported separately.
 */
export interface ReferenceTotals {
  byIndustry: ReadonlyMap<IndustryKey, number>;
  total: number;
}

/** A region-by-industry table with its margins and its reference universe. */
export interface RegionIndustryTable {
  /** Regions in order of first appearance. */
  readonly regions: readonly RegionKey[];
  /** Industries in order of first appearance (in the cells, then in the reference totals). */
  readonly industries: readonly IndustryKey[];
  /** e_ri; 0 for a combination that has no cell. */
  get(region: RegionKey, industry: IndustryKey): number;
  /** e_r: the region's total over all industries of the table. */
  regionTotal(region: RegionKey): number;
  /** E_i: the reference universe's total for the industry. */
  industryTotal(industry: IndustryKey): number;
  /** E: the reference universe's total. */
  total(): number;
  /** Whether E_i and E come from separately given national totals (true) or the table (false). */
  readonly hasSeparateReference: boolean;
}

export interface RegionIndustryTableOptions {
  /**
   * National totals; by default the reference is the sum of the imported regions. An industry
   * missing from `byIndustry` falls back to the table's own column sum.
   */
  reference?: ReferenceTotals;
}

function assertNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * Builds a region-by-industry table from cells. Repeated (region, industry) cells are summed,
 * so several establishments' rows can be passed as they are. Values must be finite and
 * non-negative (employment, establishments, production): anything else throws a RangeError,
 * because a negative count would silently corrupt every share and quotient derived from it.
 */
export function createRegionIndustryTable(
  cells: readonly RegionIndustryCell[],
  options: RegionIndustryTableOptions = {},
): RegionIndustryTable {
  const values = new Map<RegionKey, Map<IndustryKey, number>>();
  const regionTotals = new Map<RegionKey, number>();
  const columnTotals = new Map<IndustryKey, number>();
  const regions: RegionKey[] = [];
  const industries: IndustryKey[] = [];
  let tableTotal = 0;
  for (const cell of cells) {
    assertNonNegative(cell.value, `value of (${cell.region}, ${cell.industry})`);
    let row = values.get(cell.region);
    if (!row) {
      row = new Map();
      values.set(cell.region, row);
      regions.push(cell.region);
    }
    if (!columnTotals.has(cell.industry)) industries.push(cell.industry);
    row.set(cell.industry, (row.get(cell.industry) ?? 0) + cell.value);
    regionTotals.set(cell.region, (regionTotals.get(cell.region) ?? 0) + cell.value);
    columnTotals.set(cell.industry, (columnTotals.get(cell.industry) ?? 0) + cell.value);
    tableTotal += cell.value;
  }
  const reference = options.reference;
  if (reference) {
    assertNonNegative(reference.total, 'reference total');
    for (const [industry, value] of reference.byIndustry) {
      assertNonNegative(value, `reference total of ${industry}`);
      if (!columnTotals.has(industry)) {
        industries.push(industry);
        columnTotals.set(industry, 0);
      }
    }
  }
  return {
    regions,
    industries,
    hasSeparateReference: reference !== undefined,
    get: (region, industry) => values.get(region)?.get(industry) ?? 0,
    regionTotal: (region) => regionTotals.get(region) ?? 0,
    industryTotal: (industry) =>
      reference?.byIndustry.get(industry) ?? columnTotals.get(industry) ?? 0,
    total: () => (reference ? reference.total : tableTotal),
  };
}

/** Builds a table from a nested record `{ region: { industry: value } }`. */
export function createRegionIndustryTableFromRecord(
  record: Readonly<Record<string, Readonly<Record<string, number>>>>,
  options: RegionIndustryTableOptions = {},
): RegionIndustryTable {
  const cells: RegionIndustryCell[] = [];
  for (const [region, row] of Object.entries(record)) {
    for (const [industry, value] of Object.entries(row)) cells.push({ region, industry, value });
  }
  return createRegionIndustryTable(cells, options);
}
