import { buildCompactGraph, type CompactGraph } from './compact-graph.ts';
import {
  mergeTies,
  projectCoAttendance,
  type CoAttendanceWeighting,
  type MergeTiesOptions,
} from './projection.ts';

/** A collaboration with its dates (ISO YYYY-MM-DD); endedOn null while it lasts. */
export interface DatedTie {
  source: number;
  target: number;
  type: string;
  startedOn: string;
  endedOn?: string | null;
}

/** An activity with its date and attendees (node ids). */
export interface DatedActivity {
  heldOn: string;
  attendees: readonly number[];
}

/**
 * Which ties a year's graph holds: `cumulative`, everything begun by the end of the year (the
 * network as accumulated so far); `window`, ties active and activities held in the last
 * `years` calendar years up to and including the year (a moving window; 1 = that year only).
 */
export type YearWindow = { kind: 'cumulative' } | { kind: 'window'; years: number };

/** Options of {@link buildYearlyGraphs}: the years, the window and how ties are weighed. */
export interface YearlyGraphOptions extends Pick<
  MergeTiesOptions,
  'tieTypes' | 'typeWeights' | 'coAttendanceWeight'
> {
  years: readonly number[];
  window?: YearWindow;
  /** Co-attendance weighting (default Newman's 1/(n−1)). */
  weighting?: CoAttendanceWeighting;
  /** Whether activities add co-attendance ties (default true). */
  coAttendance?: boolean;
}

/** One year's graph and the period it covers. */
export interface YearlyGraph {
  year: number;
  /** First day of the period (null: from the beginning). */
  from: string | null;
  /** Last day of the period (31 December of the year). */
  to: string;
  graph: CompactGraph;
  /** Collaborations and activities that fell in the period. */
  tieCount: number;
  activityCount: number;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Builds one organisation graph per year from dated collaborations and activities so that any
 * measure can be computed as a time series (issue 5: "all of these as time series per year").
 * A collaboration belongs to a period when it started on or before its last day and had not
 * ended before its first day (in a cumulative series every collaboration begun by then
 * counts); an activity when it was held within the period. Each year's ties are merged with
 * {@link mergeTies} and co-attendance projected with {@link projectCoAttendance}, so weights
 * mean the same as in a single network.
 */
export function buildYearlyGraphs(
  nodeCount: number,
  ties: readonly DatedTie[],
  activities: readonly DatedActivity[],
  options: YearlyGraphOptions,
): YearlyGraph[] {
  ties.forEach((t, i) => {
    checkDate(t.startedOn, `tie ${i}, startedOn`);
    if (t.endedOn !== null && t.endedOn !== undefined) checkDate(t.endedOn, `tie ${i}, endedOn`);
  });
  activities.forEach((a, i) => checkDate(a.heldOn, `activity ${i}, heldOn`));
  const window = options.window ?? { kind: 'cumulative' };
  if (window.kind === 'window' && !(Number.isInteger(window.years) && window.years >= 1)) {
    throw new RangeError(`window years ${String(window.years)} must be a whole number ≥ 1`);
  }
  return options.years.map((year) => {
    const to = `${year}-12-31`;
    const from = window.kind === 'window' ? `${year - window.years + 1}-01-01` : null;
    const kept = ties.filter(
      (t) =>
        t.startedOn <= to &&
        (from === null || t.endedOn === null || t.endedOn === undefined || t.endedOn >= from),
    );
    const held =
      options.coAttendance === false
        ? []
        : activities.filter((a) => a.heldOn <= to && (from === null || a.heldOn >= from));
    const edges = mergeTies(nodeCount, kept, {
      tieTypes: options.tieTypes,
      typeWeights: options.typeWeights,
      coAttendanceWeight: options.coAttendanceWeight,
      coAttendance: projectCoAttendance(nodeCount, held, { weighting: options.weighting }),
    });
    return {
      year,
      from,
      to,
      graph: buildCompactGraph(nodeCount, edges),
      tieCount: kept.length,
      activityCount: held.length,
    };
  });
}

/** A measure's value in one year. */
export interface YearValue<T> {
  year: number;
  value: T;
}

/** Applies a measure to each year's graph, in year order as given. */
export function measureByYear<T>(
  series: readonly YearlyGraph[],
  measure: (graph: CompactGraph, year: number) => T,
): YearValue<T>[] {
  return series.map((s) => ({ year: s.year, value: measure(s.graph, s.year) }));
}

function checkDate(value: string, where: string): void {
  if (!isoDate.test(value)) {
    throw new RangeError(`${where}: "${value}" is not a date in YYYY-MM-DD form`);
  }
}
