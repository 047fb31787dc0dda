/**
 * Explicit missing-data rules for a units × indicators table of one year, after the OECD/JRC
 * Handbook on Constructing Composite Indicators (2008), step 3 "imputation of missing data":
 * case deletion, single imputation by an unconditional mean or median, and hot-deck-like
 * carrying forward of the last observed value. Every imputed cell is reported, so a score
 * that rests on imputed data can be shown as such.
 */

/** The rule for missing cells (null or NaN). */
export type MissingDataRule = 'listwise' | 'mean' | 'median' | 'carry-forward' | 'zero';

/** All missing-data rules, in a stable order. */
export const missingDataRules: readonly MissingDataRule[] = [
  'listwise',
  'mean',
  'median',
  'carry-forward',
  'zero',
];

/** An earlier year of the same table (same units and indicators, same order). */
export interface HistoryYear {
  year: number;
  values: readonly (readonly (number | null)[])[];
}

/** One imputed cell: the unit and indicator (indices into the input table) and the value used. */
export interface ImputedCell {
  unit: number;
  indicator: number;
  value: number;
  rule: Exclude<MissingDataRule, 'listwise'>;
  /** For carry-forward: the year the value was carried from. */
  fromYear?: number;
}

/** The completed table, the units kept or dropped and every imputed cell. */
export interface MissingDataResult {
  /** The complete table for the kept units (rows in `keptUnits` order). */
  values: number[][];
  /** Indices of the input units kept, ascending. */
  keptUnits: number[];
  /** Indices of the units dropped by listwise exclusion, ascending. */
  excludedUnits: number[];
  imputed: ImputedCell[];
}

/** Thrown when a rule cannot fill a cell; names the unit and indicator. */
export class MissingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingDataError';
  }
}

function isMissing(v: number | null | undefined): v is null | undefined {
  return v === null || v === undefined || Number.isNaN(v);
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Options of {@link handleMissingData}. */
export interface MissingDataOptions {
  /** Earlier years for carry-forward; the latest year with a value for the cell is used. */
  history?: readonly HistoryYear[];
  /** Names for error messages (defaults: `unit #i`, `indicator #j`). */
  unitNames?: readonly string[];
  indicatorNames?: readonly string[];
}

/**
 * Applies one missing-data rule to a units × indicators table (rows are units):
 * - `listwise`: drop every unit with a missing cell (Handbook 2008, "case deletion");
 * - `mean` / `median`: replace a missing cell by the mean / median of the observed values of
 *   that indicator in the same year (Handbook 2008, "unconditional mean/median imputation");
 *   an indicator with no observed value throws;
 * - `carry-forward`: the unit's value for that indicator in the latest earlier year of
 *   `history` where it is observed ("last observation carried forward"); none throws;
 * - `zero`: the missing cell is 0 (only sensible for counts where "not reported" means none).
 * Non-finite observed values (±Infinity) throw. The input is not modified.
 */
export function handleMissingData(
  table: readonly (readonly (number | null)[])[],
  rule: MissingDataRule,
  options: MissingDataOptions = {},
): MissingDataResult {
  const unitName = (u: number): string => options.unitNames?.[u] ?? `unit #${u}`;
  const indicatorName = (j: number): string => options.indicatorNames?.[j] ?? `indicator #${j}`;
  const m = table[0]?.length ?? 0;
  table.forEach((row, u) => {
    if (row.length !== m) {
      throw new MissingDataError(`${unitName(u)} has ${row.length} values, expected ${m}`);
    }
    row.forEach((v, j) => {
      if (!isMissing(v) && !Number.isFinite(v)) {
        throw new MissingDataError(`${unitName(u)}, ${indicatorName(j)}: value ${v} is not finite`);
      }
    });
  });

  if (rule === 'listwise') {
    const keptUnits: number[] = [];
    const excludedUnits: number[] = [];
    const values: number[][] = [];
    table.forEach((row, u) => {
      if (row.some(isMissing)) excludedUnits.push(u);
      else {
        keptUnits.push(u);
        values.push(row.map((v) => v as number));
      }
    });
    return { values, keptUnits, excludedUnits, imputed: [] };
  }

  const fill: (u: number, j: number) => { value: number; fromYear?: number } = (() => {
    if (rule === 'zero') return () => ({ value: 0 });
    if (rule === 'carry-forward') {
      const history = [...(options.history ?? [])].sort((a, b) => b.year - a.year);
      return (u: number, j: number) => {
        for (const year of history) {
          const v = year.values[u]?.[j];
          if (!isMissing(v) && Number.isFinite(v)) return { value: v, fromYear: year.year };
        }
        throw new MissingDataError(
          `${unitName(u)}, ${indicatorName(j)}: missing, and no earlier year has a value to carry forward`,
        );
      };
    }
    const columnValue: (number | undefined)[] = [];
    for (let j = 0; j < m; j += 1) {
      const observed = table.map((row) => row[j]).filter((v): v is number => !isMissing(v));
      if (observed.length === 0) continue;
      columnValue[j] =
        rule === 'mean'
          ? observed.reduce((s, v) => s + v, 0) / observed.length
          : median(observed.sort((a, b) => a - b));
    }
    return (u: number, j: number) => {
      const value = columnValue[j];
      if (value === undefined) {
        throw new MissingDataError(
          `${unitName(u)}, ${indicatorName(j)}: missing, and no unit has a value for this indicator to take the ${rule} of`,
        );
      }
      return { value };
    };
  })();

  const imputed: ImputedCell[] = [];
  const values = table.map((row, u) =>
    row.map((v, j) => {
      if (!isMissing(v)) return v;
      const filled = fill(u, j);
      imputed.push({ unit: u, indicator: j, rule, ...filled });
      return filled.value;
    }),
  );
  return { values, keptUnits: table.map((_, u) => u), excludedUnits: [], imputed };
}
