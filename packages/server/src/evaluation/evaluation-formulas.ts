import type { EvaluationFormula } from '@innocluster/contracts';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** What a formula computes for the complexes and years asked: one value per pair, or none. */
export interface FormulaRow {
  complexId: number;
  year: number;
  value: number | null;
}

/**
 * A named formula: its description for users (units, direction, logic-model level) and the SQL
 * that computes it per complex and calendar year from the platform's own tables. `zeroWhenNone`
 * says that a complex with no rows has the value 0 (a count of nothing) rather than no value.
 */
export interface FormulaDefinition extends EvaluationFormula {
  zeroWhenNone: boolean;
  query: (
    complexIds: readonly number[],
    fromYear: number,
    toYear: number,
  ) => RawBuilder<FormulaRow>;
}

const ids = (complexIds: readonly number[]) => sql`${sql.val([...complexIds])}::int[]`;
const years = (fromYear: number, toYear: number) =>
  sql`generate_series(${fromYear}::int, ${toYear}::int) AS y(year)`;

/**
 * Undirected collaboration ties (both directions) with their activity window: a tie counts in
 * a year when it started on or before 31 December and had not ended before 1 January.
 */
const ties = sql`
  SELECT source_organisation_id AS a, target_organisation_id AS b, started_on, ended_on FROM collaboration
  UNION ALL
  SELECT target_organisation_id AS a, source_organisation_id AS b, started_on, ended_on FROM collaboration`;
const activeIn = (alias: string) =>
  sql.raw(
    `${alias}.started_on <= make_date(y.year, 12, 31) AND (${alias}.ended_on IS NULL OR ${alias}.ended_on >= make_date(y.year, 1, 1))`,
  );

/**
 * The registry of computed formulas. Each reads the platform's registry, network and project
 * tables; all are cheap aggregate queries over the complexes and years asked for.
 */
export const evaluationFormulas: readonly FormulaDefinition[] = [
  {
    name: 'members',
    label: 'Member organisations',
    unit: 'organisations',
    direction: 'higher',
    level: 'input',
    definition:
      'Distinct organisations that are members of a mini-cluster of the complex on 31 December of the year (membership.joined <= 31 Dec and left_on empty or later); Park & Koo report mini-cluster membership as the programme’s size indicator.',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT mc.complex_id, y.year, count(DISTINCT m.organisation_id)::float8 AS value
      FROM ${years(from, to)}
      JOIN mini_cluster mc ON mc.complex_id = ANY(${ids(c)})
      JOIN membership m ON m.mini_cluster_id = mc.id
        AND m.joined <= make_date(y.year, 12, 31)
        AND (m.left_on IS NULL OR m.left_on >= make_date(y.year, 12, 31))
      GROUP BY mc.complex_id, y.year`,
  },
  {
    name: 'new_members',
    label: 'New member organisations',
    unit: 'organisations',
    direction: 'higher',
    level: 'activity',
    definition:
      'Distinct organisations that joined a mini-cluster of the complex during the year (first membership of the organisation in that complex).',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT f.complex_id, extract(year FROM f.first_joined)::int AS year, count(*)::float8 AS value
      FROM (
        SELECT mc.complex_id, m.organisation_id, min(m.joined) AS first_joined
        FROM mini_cluster mc JOIN membership m ON m.mini_cluster_id = mc.id
        WHERE mc.complex_id = ANY(${ids(c)})
        GROUP BY mc.complex_id, m.organisation_id
      ) f
      WHERE extract(year FROM f.first_joined) BETWEEN ${from} AND ${to}
      GROUP BY 1, 2`,
  },
  {
    name: 'activities_held',
    label: 'Network activities held',
    unit: 'activities',
    direction: 'higher',
    level: 'activity',
    definition:
      'Activities (forums, seminars, workshops, meetings) recorded for the complex with a date in the year; Park & Koo measure networking by the count of such activities.',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT complex_id, extract(year FROM held_on)::int AS year, count(*)::float8 AS value
      FROM activity
      WHERE complex_id = ANY(${ids(c)})
        AND held_on BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)
      GROUP BY 1, 2`,
  },
  {
    name: 'activity_participants',
    label: 'Organisations attending activities',
    unit: 'organisations',
    direction: 'higher',
    level: 'activity',
    definition:
      'Distinct organisations recorded as attendees of the complex’s activities held in the year.',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT a.complex_id, extract(year FROM a.held_on)::int AS year,
             count(DISTINCT t.organisation_id)::float8 AS value
      FROM activity a JOIN activity_attendee t ON t.activity_id = a.id
      WHERE a.complex_id = ANY(${ids(c)}) AND t.organisation_id IS NOT NULL
        AND a.held_on BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)
      GROUP BY 1, 2`,
  },
  {
    name: 'collaboration_mean_degree',
    label: 'Collaboration partners per organisation',
    unit: 'partners per organisation',
    direction: 'higher',
    level: 'output',
    definition:
      'Mean degree of the collaboration network: over the organisations located in the complex, the mean number of distinct partners with a collaboration active in the year (registry collaborations only; co-attendance is left out to keep the query cheap). Network size and hubs drive cluster performance (KIET; Park & Koo).',
    zeroWhenNone: false,
    query: (c, from, to) => sql<FormulaRow>`
      WITH t AS (${ties})
      SELECT d.complex_id, d.year, avg(d.partners)::float8 AS value
      FROM (
        SELECT o.complex_id, y.year, o.id, count(DISTINCT t.b) AS partners
        FROM ${years(from, to)}
        CROSS JOIN organisation o
        LEFT JOIN t ON t.a = o.id AND ${activeIn('t')}
        WHERE o.complex_id = ANY(${ids(c)})
        GROUP BY o.complex_id, y.year, o.id
      ) d
      GROUP BY d.complex_id, d.year`,
  },
  {
    name: 'other_region_tie_share',
    label: 'Ties to other regions',
    unit: '% of ties',
    direction: 'higher',
    level: 'output',
    definition:
      'Of the distinct collaboration ties (organisation in the complex, partner) active in the year, the percentage whose partner lies in another province than the complex (the partner’s own province, else its complex’s). Heterogeneity from ties to other regions (KIET; Bathelt et al. 2004, "local buzz, global pipelines"). No value without ties.',
    zeroWhenNone: false,
    query: (c, from, to) => sql<FormulaRow>`
      WITH t AS (${ties})
      SELECT p.complex_id, p.year,
             (100.0 * avg(CASE WHEN p.partner_province IS DISTINCT FROM p.home_province THEN 1 ELSE 0 END))::float8 AS value
      FROM (
        SELECT DISTINCT o.complex_id, y.year, o.id, t.b, cx.province_id AS home_province,
               coalesce(po.province_id, pc.province_id) AS partner_province
        FROM ${years(from, to)}
        CROSS JOIN organisation o
        JOIN complex cx ON cx.id = o.complex_id
        JOIN t ON t.a = o.id AND ${activeIn('t')}
        JOIN organisation po ON po.id = t.b
        LEFT JOIN complex pc ON pc.id = po.complex_id
        WHERE o.complex_id = ANY(${ids(c)})
      ) p
      GROUP BY p.complex_id, p.year`,
  },
  {
    name: 'projects_funded',
    label: 'Projects funded',
    unit: 'projects',
    direction: 'higher',
    level: 'output',
    definition:
      'Funded projects (table project, migration 0009) of the complex starting in the year: the output of the mini-cluster project cycle (Park & Koo).',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT complex_id, extract(year FROM start_on)::int AS year, count(*)::float8 AS value
      FROM project
      WHERE complex_id = ANY(${ids(c)})
        AND start_on BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)
      GROUP BY 1, 2`,
  },
  {
    name: 'patents',
    label: 'Patents from funded projects',
    unit: 'patents',
    direction: 'higher',
    level: 'outcome',
    definition:
      'Patent applications and grants reported as outcomes of the complex’s projects, by the year they occurred (quantity, 1 when not given).',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT p.complex_id, extract(year FROM o.occurred_on)::int AS year,
             sum(coalesce(o.quantity, 1))::float8 AS value
      FROM project_outcome o JOIN project p ON p.id = o.project_id
      WHERE p.complex_id = ANY(${ids(c)})
        AND o.kind IN ('patent_application', 'patent_grant')
        AND o.occurred_on BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)
      GROUP BY 1, 2`,
  },
  {
    name: 'project_sales',
    label: 'Sales from funded projects',
    unit: 'KRW million',
    direction: 'higher',
    level: 'outcome',
    definition:
      'Sales reported as outcomes of the complex’s projects in the year (sum of value_krw / 1,000,000).',
    zeroWhenNone: true,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT p.complex_id, extract(year FROM o.occurred_on)::int AS year,
             (sum(coalesce(o.value_krw, 0)) / 1000000.0)::float8 AS value
      FROM project_outcome o JOIN project p ON p.id = o.project_id
      WHERE p.complex_id = ANY(${ids(c)}) AND o.kind = 'sales'
        AND o.occurred_on BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)
      GROUP BY 1, 2`,
  },
  {
    name: 'days_to_first_money',
    label: 'Days from start to first disbursement',
    unit: 'days',
    direction: 'lower',
    level: 'activity',
    definition:
      'Median, over the complex’s projects starting in the year, of the days from the project’s start to its first paid disbursement (projects not yet paid are left out). The burden Shin reports: grants arriving five months after the official start.',
    zeroWhenNone: false,
    query: (c, from, to) => sql<FormulaRow>`
      SELECT p.complex_id, extract(year FROM p.start_on)::int AS year,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY (f.first_paid - p.start_on))::float8 AS value
      FROM project p
      JOIN (SELECT project_id, min(paid_on) AS first_paid FROM disbursement
            WHERE paid_on IS NOT NULL GROUP BY project_id) f ON f.project_id = p.id
      WHERE p.complex_id = ANY(${ids(c)})
        AND p.start_on BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)
      GROUP BY 1, 2`,
  },
];

/** The names of the registry, for validateFramework's knownFormulas. */
export const evaluationFormulaNames: readonly string[] = evaluationFormulas.map((f) => f.name);

/** The formulas as the API lists them. */
export function describeFormulas(): EvaluationFormula[] {
  return evaluationFormulas.map(({ name, label, unit, direction, level, definition }) => ({
    name,
    label,
    unit,
    direction,
    level,
    definition,
  }));
}

/**
 * Computes the named formulas for the complexes and years (inclusive): a map from formula name
 * to `complexId:year` → value. Counting formulas give 0 where nothing was recorded.
 */
export async function computeFormulas(
  db: Db,
  names: readonly string[],
  complexIds: readonly number[],
  fromYear: number,
  toYear: number,
): Promise<Map<string, Map<string, number | null>>> {
  const out = new Map<string, Map<string, number | null>>();
  if (complexIds.length === 0 || fromYear > toYear) return out;
  for (const name of new Set(names)) {
    const formula = evaluationFormulas.find((f) => f.name === name);
    if (!formula) continue;
    const values = new Map<string, number | null>();
    if (formula.zeroWhenNone) {
      for (const c of complexIds)
        for (let y = fromYear; y <= toYear; y += 1) values.set(`${c}:${y}`, 0);
    }
    const result = await formula.query(complexIds, fromYear, toYear).execute(db);
    for (const row of result.rows) {
      values.set(`${row.complexId}:${row.year}`, row.value === null ? null : Number(row.value));
    }
    out.set(name, values);
  }
  return out;
}
