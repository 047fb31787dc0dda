import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { refreshTotals } from './mapping-totals.ts';

type Db = Kysely<Database>;

export interface CrosswalkRow {
  id: number;
  name: string;
  fromClassificationId: number;
  toClassificationId: number;
  description: string | null;
  source: string | null;
  createdAt: string;
  updatedAt: string;
  linkCount: number;
}

export interface CrosswalkLinkRow {
  fromIndustryId: number;
  fromCode: string;
  toIndustryId: number;
  toCode: string;
  weight: number;
}

export interface CrosswalkValues {
  name: string;
  fromClassificationId: number;
  toClassificationId: number;
  description: string | null;
  source: string | null;
}

export async function listCrosswalks(db: Db): Promise<CrosswalkRow[]> {
  const r = await sql<CrosswalkRow>`
    SELECT c.*, (SELECT count(*)::int FROM industry_crosswalk_link l WHERE l.crosswalk_id = c.id) AS link_count
    FROM industry_crosswalk c ORDER BY c.name`.execute(db);
  return r.rows;
}

export async function findCrosswalk(db: Db, id: number): Promise<CrosswalkRow | undefined> {
  return (await listCrosswalks(db)).find((c) => c.id === id);
}

export async function crosswalkLinks(db: Db, id: number): Promise<CrosswalkLinkRow[]> {
  const r = await sql<CrosswalkLinkRow>`
    SELECT l.from_industry_id, f.code AS from_code, l.to_industry_id, t.code AS to_code, l.weight
    FROM industry_crosswalk_link l
    JOIN industry f ON f.id = l.from_industry_id JOIN industry t ON t.id = l.to_industry_id
    WHERE l.crosswalk_id = ${id} ORDER BY f.code, t.code`.execute(db);
  return r.rows;
}

/** Industry ids by code within one classification. */
export async function industryCodesOf(
  db: Db,
  classificationId: number,
): Promise<Map<string, number>> {
  const r = await sql<{ id: number; code: string }>`
    SELECT id, code FROM industry WHERE classification_id = ${classificationId}`.execute(db);
  return new Map(r.rows.map((x) => [x.code, x.id]));
}

/** A classification's code and vintage as users know it ("KSIC 10"), or undefined. */
export async function classificationLabel(db: Db, id: number): Promise<string | undefined> {
  const r = await sql<{ label: string }>`
    SELECT code || ' ' || vintage AS label FROM industry_classification WHERE id = ${id}`.execute(
    db,
  );
  return r.rows[0]?.label;
}

export async function insertCrosswalk(db: Db, v: CrosswalkValues): Promise<number> {
  const r = await sql<{ id: number }>`
    INSERT INTO industry_crosswalk (name, from_classification_id, to_classification_id, description, source)
    VALUES (${v.name}, ${v.fromClassificationId}, ${v.toClassificationId}, ${v.description}, ${v.source})
    RETURNING id`.execute(db);
  return r.rows[0]!.id;
}

/** Locks a crosswalk's row for the rest of the transaction and returns its updated_at. */
export async function lockCrosswalk(db: Db, id: number): Promise<Date | undefined> {
  const r = await sql<{ updatedAt: Date }>`
    SELECT updated_at FROM industry_crosswalk WHERE id = ${id} FOR UPDATE`.execute(db);
  return r.rows[0]?.updatedAt;
}

export async function updateCrosswalk(db: Db, id: number, v: CrosswalkValues): Promise<void> {
  await sql`
    UPDATE industry_crosswalk SET name = ${v.name}, from_classification_id = ${v.fromClassificationId},
      to_classification_id = ${v.toClassificationId}, description = ${v.description},
      source = ${v.source}, updated_at = now()
    WHERE id = ${id}`.execute(db);
}

/** Replaces the links of a crosswalk. */
export async function replaceCrosswalkLinks(
  db: Db,
  id: number,
  links: { fromIndustryId: number; toIndustryId: number; weight: number }[],
): Promise<void> {
  await sql`DELETE FROM industry_crosswalk_link WHERE crosswalk_id = ${id}`.execute(db);
  for (let i = 0; i < links.length; i += 1000) {
    const rows = links
      .slice(i, i + 1000)
      .map((l) => sql`(${id}, ${l.fromIndustryId}, ${l.toIndustryId}, ${l.weight})`);
    await sql`
      INSERT INTO industry_crosswalk_link (crosswalk_id, from_industry_id, to_industry_id, weight)
      VALUES ${sql.join(rows)}`.execute(db);
  }
}

export async function deleteCrosswalk(db: Db, id: number): Promise<void> {
  await sql`DELETE FROM industry_crosswalk WHERE id = ${id}`.execute(db);
}

/** Industries of a dataset's values (regional and national) that the crosswalk does not map. */
export async function unmappedIndustries(
  db: Db,
  datasetId: number,
  crosswalkId: number,
): Promise<{ id: number; code: string }[]> {
  const r = await sql<{ id: number; code: string }>`
    SELECT i.id, i.code FROM industry i
    WHERE (EXISTS (SELECT 1 FROM stat_value v WHERE v.dataset_id = ${datasetId} AND v.industry_id = i.id)
        OR EXISTS (SELECT 1 FROM stat_national_total n WHERE n.dataset_id = ${datasetId} AND n.industry_id = i.id))
      AND NOT EXISTS (SELECT 1 FROM industry_crosswalk_link l
                      WHERE l.crosswalk_id = ${crosswalkId} AND l.from_industry_id = i.id)
    ORDER BY i.code`.execute(db);
  return r.rows;
}

/**
 * Copies a dataset's values into another, re-expressed through a crosswalk: each value is split
 * over the targets of its industry by the weights and summed per target. A converted value is
 * flagged filled (and suppressed) when any part of it was filled. Industries the crosswalk does
 * not map are copied unchanged when `keepUnmapped`, else left out.
 */
export async function convertValues(
  db: Db,
  fromDatasetId: number,
  toDatasetId: number,
  crosswalkId: number,
  keepUnmapped: boolean,
): Promise<{ values: number; national: number }> {
  const links = sql`
    SELECT from_industry_id, to_industry_id, weight FROM industry_crosswalk_link
    WHERE crosswalk_id = ${crosswalkId}
    ${
      keepUnmapped
        ? sql`UNION ALL SELECT i.id, i.id, 1.0 FROM industry i WHERE NOT EXISTS (
                SELECT 1 FROM industry_crosswalk_link x
                WHERE x.crosswalk_id = ${crosswalkId} AND x.from_industry_id = i.id)`
        : sql``
    }`;
  const values = await sql`
    INSERT INTO stat_value (dataset_id, measure, year, region_id, industry_id, value, suppressed, filled, fill_rule, synthetic)
    SELECT ${toDatasetId}, v.measure, v.year, v.region_id, l.to_industry_id, sum(v.value * l.weight),
           bool_or(v.filled), bool_or(v.filled),
           CASE WHEN bool_or(v.filled) THEN string_agg(DISTINCT v.fill_rule, ',') END, bool_or(v.synthetic)
    FROM stat_value v JOIN (${links}) l ON l.from_industry_id = v.industry_id
    WHERE v.dataset_id = ${fromDatasetId}
    GROUP BY v.measure, v.year, v.region_id, l.to_industry_id`.execute(db);
  await refreshTotals(db, toDatasetId, null);
  const national = await sql`
    INSERT INTO stat_national_total (dataset_id, measure, year, industry_id, value)
    SELECT ${toDatasetId}, n.measure, n.year, l.to_industry_id, sum(n.value * l.weight)
    FROM stat_national_total n JOIN (${links}) l ON l.from_industry_id = n.industry_id
    WHERE n.dataset_id = ${fromDatasetId}
    GROUP BY n.measure, n.year, l.to_industry_id`.execute(db);
  return {
    values: Number(values.numAffectedRows ?? 0),
    national: Number(national.numAffectedRows ?? 0),
  };
}

/**
 * Per complex from the registry: companies, employees, its main industry by employees, its
 * largest large company's employees and its universities and research institutes.
 */
export interface ComplexFacts {
  complexId: number;
  name: string;
  provinceId: number;
  companies: number;
  employees: number;
  mainIndustryId: number | null;
  mainIndustryCode: string | null;
  mainIndustryEmployees: number | null;
  /** Employees of the complex's largest company of size class 'large'; null when it has none. */
  leadingCompanyEmployees: number | null;
  /** Universities and research institutes located in the complex. */
  knowledgeInstitutions: number;
}

export async function complexFacts(db: Db, ids: number[] | null): Promise<ComplexFacts[]> {
  const r = await sql<ComplexFacts>`
    WITH orgs AS (
      SELECT complex_id, industry_id, kind, coalesce(employees, 0) AS employees
      FROM organisation WHERE complex_id IS NOT NULL),
    by_industry AS (
      SELECT complex_id, industry_id, sum(employees) AS e FROM orgs
      WHERE industry_id IS NOT NULL GROUP BY 1, 2),
    main AS (
      SELECT DISTINCT ON (complex_id) complex_id, industry_id, e FROM by_industry
      ORDER BY complex_id, e DESC, industry_id)
    SELECT c.id AS complex_id, c.name, c.province_id,
      (SELECT count(*)::int FROM orgs o WHERE o.complex_id = c.id AND o.kind = 'company') AS companies,
      (SELECT coalesce(sum(o.employees), 0)::float8 FROM orgs o WHERE o.complex_id = c.id) AS employees,
      m.industry_id AS main_industry_id, i.code AS main_industry_code,
      m.e::float8 AS main_industry_employees,
      (SELECT max(coalesce(o.employees, 0))::float8 FROM organisation o
       WHERE o.complex_id = c.id AND o.kind = 'company' AND o.size_class = 'large') AS leading_company_employees,
      (SELECT count(*)::int FROM orgs o
       WHERE o.complex_id = c.id AND o.kind IN ('university', 'research_institute')) AS knowledge_institutions
    FROM complex c LEFT JOIN main m ON m.complex_id = c.id LEFT JOIN industry i ON i.id = m.industry_id
    WHERE ${ids === null ? sql`true` : sql`c.id IN (${sql.join(ids.length > 0 ? ids : [0])})`}
    ORDER BY c.id`.execute(db);
  return r.rows;
}

/** A dataset's total of one measure and year per region, over the industries of one level. */
export async function regionTotals(
  db: Db,
  datasetId: number,
  measure: string,
  year: number,
  level: number | null,
): Promise<Map<number, number>> {
  const r = await sql<{ regionId: number; total: number }>`
    SELECT sv.region_id, sum(sv.value)::float8 AS total
    FROM stat_value sv JOIN industry i ON i.id = sv.industry_id
    WHERE sv.dataset_id = ${datasetId} AND sv.measure = ${measure} AND sv.year = ${year}
      AND ${level === null ? sql`true` : sql`i.level = ${level}`}
    GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [x.regionId, x.total]));
}
