import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/**
 * Storage of the evaluation: frameworks, entered values, index runs, uncertainty runs and
 * allocation scenarios. jsonb columns are read as text and parsed here, because the camel-case
 * plugin would rewrite the keys of nested objects.
 */

export interface FrameworkRow {
  id: number;
  code: string;
  version: number;
  name: string;
  definition: unknown;
  createdBy: number | null;
  createdAt: string;
  synthetic: boolean;
  latest: boolean;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function frameworkSelect(db: Db) {
  return db
    .selectFrom('evaluationFramework as f')
    .select([
      'f.id',
      'f.code',
      'f.version',
      'f.name',
      'f.createdBy',
      'f.synthetic',
      'f.createdAt',
      sql<string>`f.definition::text`.as('definitionText'),
      sql<boolean>`f.version = (SELECT max(g.version) FROM evaluation_framework g WHERE g.code = f.code)`.as(
        'latest',
      ),
    ]);
}

type FrameworkSelected = {
  id: number;
  code: string;
  version: number;
  name: string;
  createdBy: number | null;
  synthetic: boolean;
  createdAt: string;
  definitionText: string;
  latest: boolean;
};

const toFramework = ({ definitionText, ...r }: FrameworkSelected): FrameworkRow => ({
  ...r,
  definition: parse(definitionText),
});

export async function listFrameworks(db: Db): Promise<FrameworkRow[]> {
  const rows = await frameworkSelect(db).orderBy('f.code').orderBy('f.version', 'desc').execute();
  return rows.map(toFramework);
}

export async function findFramework(db: Db, id: number): Promise<FrameworkRow | undefined> {
  const row = await frameworkSelect(db).where('f.id', '=', id).executeTakeFirst();
  return row && toFramework(row);
}

export async function frameworkVersions(db: Db, code: string): Promise<FrameworkRow[]> {
  const rows = await frameworkSelect(db)
    .where('f.code', '=', code)
    .orderBy('f.version', 'desc')
    .execute();
  return rows.map(toFramework);
}

export async function latestFrameworkVersion(db: Db, code: string): Promise<number> {
  const row = await db
    .selectFrom('evaluationFramework')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.v ?? 0;
}

export async function insertFramework(
  db: Db,
  values: {
    code: string;
    version: number;
    name: string;
    definition: unknown;
    createdBy: number | null;
    synthetic?: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto('evaluationFramework')
    .values({ ...values, definition: JSON.stringify(values.definition) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ComplexRef {
  id: number;
  name: string;
  provinceId: number;
}

export async function listComplexes(db: Db, ids?: readonly number[]): Promise<ComplexRef[]> {
  let q = db.selectFrom('complex').select(['id', 'name', 'provinceId']).orderBy('id');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', [...ids]);
  }
  return q.execute();
}

/** Complexes taking part in any programme during the year. */
export async function participatingComplexIds(db: Db, year: number): Promise<number[]> {
  const rows = await db
    .selectFrom('participation')
    .select('complexId')
    .distinct()
    .where('joined', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('leftOn', 'is', null), eb('leftOn', '>=', `${year}-01-01`)]))
    .execute();
  return rows.map((r) => r.complexId).sort((a, b) => a - b);
}

export interface EnteredValueRow {
  id: number;
  indicatorCode: string;
  complexId: number;
  year: number;
  value: number;
  source: string | null;
  enteredBy: number | null;
  updatedAt: string;
  synthetic: boolean;
}

export async function listEnteredValues(
  db: Db,
  frameworkCode: string,
  filter: { fromYear?: number; toYear?: number; complexIds?: readonly number[] } = {},
): Promise<EnteredValueRow[]> {
  let q = db
    .selectFrom('indicatorValue')
    .select([
      'id',
      'indicatorCode',
      'complexId',
      'year',
      'value',
      'source',
      'enteredBy',
      'synthetic',
      'updatedAt',
    ])
    .where('frameworkCode', '=', frameworkCode);
  if (filter.fromYear !== undefined) q = q.where('year', '>=', filter.fromYear);
  if (filter.toYear !== undefined) q = q.where('year', '<=', filter.toYear);
  if (filter.complexIds) {
    if (filter.complexIds.length === 0) return [];
    q = q.where('complexId', 'in', [...filter.complexIds]);
  }
  return q.orderBy('complexId').orderBy('year').orderBy('indicatorCode').execute();
}

/** Years with any entered value of the framework. */
export async function enteredYears(db: Db, frameworkCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('indicatorValue')
    .select('year')
    .distinct()
    .where('frameworkCode', '=', frameworkCode)
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year);
}

/** Calendar years with any recorded activity, ascending. */
export async function activityYears(db: Db): Promise<number[]> {
  const rows = await sql<{ year: number }>`
    SELECT DISTINCT extract(year FROM held_on)::int AS year FROM activity ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.year);
}

export interface ValueWrite {
  indicatorCode: string;
  complexId: number;
  year: number;
  value: number | null;
  source: string | null;
}

/** Upserts and deletes a batch of entered values; returns the rows before the change. */
export async function writeEnteredValues(
  db: Db,
  frameworkCode: string,
  writes: readonly ValueWrite[],
  enteredBy: number | null,
  synthetic = false,
): Promise<{ written: number; deleted: number }> {
  let written = 0;
  let deleted = 0;
  const upserts = writes.filter((w) => w.value !== null);
  for (let i = 0; i < upserts.length; i += 1000) {
    const chunk = upserts.slice(i, i + 1000);
    await db
      .insertInto('indicatorValue')
      .values(
        chunk.map((w) => ({
          frameworkCode,
          indicatorCode: w.indicatorCode,
          complexId: w.complexId,
          year: w.year,
          value: w.value as number,
          source: w.source,
          enteredBy,
          synthetic,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['frameworkCode', 'indicatorCode', 'complexId', 'year']).doUpdateSet({
          value: (eb) => eb.ref('excluded.value'),
          source: (eb) => eb.ref('excluded.source'),
          enteredBy: (eb) => eb.ref('excluded.enteredBy'),
          synthetic: (eb) => eb.ref('excluded.synthetic'),
          updatedAt: sql`now()`,
        }),
      )
      .execute();
    written += chunk.length;
  }
  for (const w of writes.filter((x) => x.value === null)) {
    const result = await db
      .deleteFrom('indicatorValue')
      .where('frameworkCode', '=', frameworkCode)
      .where('indicatorCode', '=', w.indicatorCode)
      .where('complexId', '=', w.complexId)
      .where('year', '=', w.year)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return { written, deleted };
}

// --- index runs ------------------------------------------------------------------------------

export interface IndexRunRow {
  id: number;
  name: string | null;
  frameworkId: number;
  year: number;
  years: number[];
  method: unknown;
  result: unknown;
  createdBy: number | null;
  createdAt: string;
  synthetic: boolean;
}

function indexRunSelect(db: Db, withResult: boolean) {
  return db
    .selectFrom('indexRun')
    .select([
      'id',
      'name',
      'frameworkId',
      'year',
      'years',
      'createdBy',
      'synthetic',
      'createdAt',
      sql<string>`method::text`.as('methodText'),
      withResult
        ? sql<string>`result::text`.as('resultText')
        : sql<string>`jsonb_build_object('complexes', jsonb_build_array(), 'complexCount', jsonb_array_length(result->'complexes'))::text`.as(
            'resultText',
          ),
    ]);
}

type IndexRunSelected = Omit<IndexRunRow, 'method' | 'result'> & {
  methodText: string;
  resultText: string;
};
const toIndexRun = ({ methodText, resultText, ...r }: IndexRunSelected): IndexRunRow => ({
  ...r,
  years: (r.years ?? []).map(Number),
  method: parse(methodText),
  result: parse(resultText),
});

export async function insertIndexRun(
  db: Db,
  values: {
    name: string | null;
    frameworkId: number;
    year: number;
    years: number[];
    method: unknown;
    result: unknown;
    createdBy: number | null;
    synthetic?: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto('indexRun')
    .values({
      ...values,
      method: JSON.stringify(values.method),
      result: JSON.stringify(values.result),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findIndexRun(db: Db, id: number): Promise<IndexRunRow | undefined> {
  const row = await indexRunSelect(db, true).where('id', '=', id).executeTakeFirst();
  return row && toIndexRun(row as IndexRunSelected);
}

/** Index runs without their per-complex results (the count is in result.complexCount). */
export async function listIndexRuns(db: Db, frameworkId?: number): Promise<IndexRunRow[]> {
  let q = indexRunSelect(db, false).orderBy('id', 'desc');
  if (frameworkId !== undefined) q = q.where('frameworkId', '=', frameworkId);
  return (await q.execute()).map((r) => toIndexRun(r as IndexRunSelected));
}

/** The latest index run of any version of a framework code. */
export async function latestIndexRunOf(db: Db, frameworkCode: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('indexRun as r')
    .innerJoin('evaluationFramework as f', 'f.id', 'r.frameworkId')
    .select('r.id')
    .where('f.code', '=', frameworkCode)
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** The latest index run that scored (or read) the complex. */
export async function latestIndexRunWithComplex(
  db: Db,
  complexId: number,
): Promise<number | undefined> {
  const row = await sql<{ id: number }>`
    SELECT id FROM index_run
    WHERE result->'input'->'complexIds' @> to_jsonb(${complexId}::int)
    ORDER BY id DESC LIMIT 1`.execute(db);
  return row.rows[0]?.id;
}

// --- uncertainty runs ------------------------------------------------------------------------

export interface UncertaintyRunRow {
  id: number;
  indexRunId: number;
  request: unknown;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  stage: string | null;
  result: unknown;
  error: string | null;
  createdBy: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function insertUncertaintyRun(
  db: Db,
  values: {
    indexRunId: number;
    request: unknown;
    seed: number;
    draws: number;
    createdBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('uncertaintyRun')
    .values({ ...values, request: JSON.stringify(values.request) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUncertaintyRun(
  db: Db,
  id: number,
  patch: {
    status?: string;
    progress?: number;
    stage?: string | null;
    result?: unknown;
    error?: string | null;
    finished?: boolean;
  },
): Promise<void> {
  await db
    .updateTable('uncertaintyRun')
    .set({
      ...(patch.status === undefined ? {} : { status: patch.status }),
      ...(patch.progress === undefined ? {} : { progress: patch.progress }),
      ...(patch.stage === undefined ? {} : { stage: patch.stage }),
      ...(patch.result === undefined ? {} : { result: JSON.stringify(patch.result) }),
      ...(patch.error === undefined ? {} : { error: patch.error }),
      ...(patch.finished ? { finishedAt: sql<string>`now()` } : {}),
      updatedAt: sql<string>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

function uncertaintySelect(db: Db, withResult: boolean) {
  return db
    .selectFrom('uncertaintyRun')
    .select([
      'id',
      'indexRunId',
      'status',
      'progress',
      'stage',
      'error',
      'createdBy',
      'createdAt',
      'finishedAt',
      sql<string>`request::text`.as('requestText'),
      withResult
        ? sql<string | null>`result::text`.as('resultText')
        : sql<string | null>`NULL::text`.as('resultText'),
    ]);
}

type UncertaintySelected = Omit<UncertaintyRunRow, 'request' | 'result' | 'status'> & {
  status: string;
  requestText: string;
  resultText: string | null;
};
const toUncertainty = ({
  requestText,
  resultText,
  ...r
}: UncertaintySelected): UncertaintyRunRow => ({
  ...r,
  status: r.status as UncertaintyRunRow['status'],
  request: parse(requestText),
  result: parse(resultText),
});

export async function findUncertaintyRun(
  db: Db,
  id: number,
): Promise<UncertaintyRunRow | undefined> {
  const row = await uncertaintySelect(db, true).where('id', '=', id).executeTakeFirst();
  return row && toUncertainty(row);
}

export async function listUncertaintyRuns(
  db: Db,
  indexRunId?: number,
): Promise<UncertaintyRunRow[]> {
  let q = uncertaintySelect(db, false).orderBy('id', 'desc');
  if (indexRunId !== undefined) q = q.where('indexRunId', '=', indexRunId);
  return (await q.execute()).map(toUncertainty);
}

// --- allocation scenarios --------------------------------------------------------------------

export interface AllocationScenarioRow {
  id: number;
  name: string;
  description: string | null;
  indexRunId: number;
  rule: unknown;
  outcome: unknown;
  createdBy: number | null;
  createdAt: string;
  synthetic: boolean;
}

export async function insertAllocationScenario(
  db: Db,
  values: {
    name: string;
    description: string | null;
    indexRunId: number;
    rule: unknown;
    outcome: unknown;
    createdBy: number | null;
    synthetic?: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto('allocationScenario')
    .values({
      ...values,
      rule: JSON.stringify(values.rule),
      outcome: JSON.stringify(values.outcome),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function scenarioSelect(db: Db) {
  return db
    .selectFrom('allocationScenario')
    .select([
      'id',
      'name',
      'description',
      'indexRunId',
      'createdBy',
      'synthetic',
      'createdAt',
      sql<string>`rule::text`.as('ruleText'),
      sql<string>`outcome::text`.as('outcomeText'),
    ]);
}

type ScenarioSelected = Omit<AllocationScenarioRow, 'rule' | 'outcome'> & {
  ruleText: string;
  outcomeText: string;
};
const toScenario = ({ ruleText, outcomeText, ...r }: ScenarioSelected): AllocationScenarioRow => ({
  ...r,
  rule: parse(ruleText),
  outcome: parse(outcomeText),
});

export async function findAllocationScenarios(
  db: Db,
  ids: readonly number[],
): Promise<AllocationScenarioRow[]> {
  if (ids.length === 0) return [];
  return (
    await scenarioSelect(db)
      .where('id', 'in', [...ids])
      .execute()
  ).map(toScenario);
}

export async function listAllocationScenarios(
  db: Db,
  indexRunId?: number,
): Promise<AllocationScenarioRow[]> {
  let q = scenarioSelect(db).orderBy('id', 'desc');
  if (indexRunId !== undefined) q = q.where('indexRunId', '=', indexRunId);
  return (await q.execute()).map(toScenario);
}

export async function deleteAllocationScenario(db: Db, id: number): Promise<number> {
  const result = await db.deleteFrom('allocationScenario').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// --- policy-hint inputs ----------------------------------------------------------------------

/** The complex's focus industry (from its programme participation) and province. */
export async function complexFocus(
  db: Db,
  complexId: number,
): Promise<{ provinceId: number; focusIndustryId: number | null } | undefined> {
  const row = await db
    .selectFrom('complex as c')
    .leftJoin('participation as p', 'p.complexId', 'c.id')
    .select(['c.provinceId', 'p.focusIndustryId'])
    .where('c.id', '=', complexId)
    .orderBy('p.focusIndustryId')
    .executeTakeFirst();
  return row
    ? { provinceId: row.provinceId, focusIndustryId: row.focusIndustryId ?? null }
    : undefined;
}

/** The latest statistics dataset holding employment by industry (for the life-cycle stage). */
export async function latestEmploymentDataset(db: Db): Promise<number | undefined> {
  const row = await sql<{ id: number }>`
    SELECT d.id FROM stat_dataset d
    WHERE EXISTS (SELECT 1 FROM stat_value v WHERE v.dataset_id = d.id AND v.measure = 'employment')
    ORDER BY d.id DESC LIMIT 1`.execute(db);
  return row.rows[0]?.id;
}

/**
 * 1 − Herfindahl index of the employees of the companies located in the complex across their
 * industries (null without employees).
 */
export async function industrialDiversity(db: Db, complexId: number): Promise<number | null> {
  const row = await sql<{ value: number | null }>`
    SELECT CASE WHEN sum(e) > 0 THEN 1 - sum((e / total) ^ 2) END::float8 AS value
    FROM (
      SELECT industry_id, sum(coalesce(employees, 0))::float8 AS e,
             sum(sum(coalesce(employees, 0))) OVER ()::float8 AS total
      FROM organisation WHERE complex_id = ${complexId} AND kind = 'company' AND industry_id IS NOT NULL
      GROUP BY industry_id
    ) s`.execute(db);
  const v = row.rows[0]?.value;
  return v === null || v === undefined ? null : Number(v);
}
