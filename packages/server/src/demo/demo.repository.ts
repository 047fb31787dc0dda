import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** The registry tables the demo fills, children first so they can be emptied in this order. */
export const demoTables = [
  // The project cycle (project-demo.ts): it refers to activities, organisations and people.
  'workflow_event',
  'project_evaluation',
  'project_outcome',
  'project_report',
  'disbursement',
  'agreement',
  'project',
  'proposal_decision',
  'committee_note',
  'committee_meeting',
  'field_inspection',
  'review',
  'review_assignment',
  'conflict_declaration',
  'business_relation',
  'evaluator_affiliation',
  'evaluator',
  'proposal_screening',
  'proposal_merge_consent',
  'proposal_merge',
  'proposal_version',
  'proposal_milestone',
  'proposal_budget_line',
  'proposal_party',
  'proposal',
  'call_instrument',
  'funding_call',
  'demand_backing',
  'demand_comment',
  'demand_organisation',
  'demand',
  // activity_mini_cluster has no updated_at: it goes with its activity (ON DELETE CASCADE).
  'activity_attendee',
  'activity',
  'collaboration',
  'stat_value',
  'stat_national_total',
  'cluster_industry',
  'cluster_definition',
  'stat_dataset',
  'reference_count',
  'budget_item',
  'budget_year',
  'body_seat',
  'body',
  'person',
  'membership',
  'organisation',
  'mini_cluster',
  'participation',
  'region_member',
  'complex',
  'industry',
  'industry_classification',
  'region',
  'programme_phase',
  'programme',
] as const;

/**
 * Demo tables without updated_at: the column that tells when a row last changed, or null
 * when only the row count can tell (rows there are replaced, not edited).
 */
const lastChangeColumn: Partial<Record<(typeof demoTables)[number], string | null>> = {
  reference_count: null,
  workflow_event: 'at',
  proposal_decision: 'decided_at',
  committee_note: 'created_at',
  conflict_declaration: 'created_at',
  evaluator_affiliation: null,
  proposal_screening: 'screened_at',
  proposal_merge_consent: 'decided_at',
  proposal_version: 'created_at',
  proposal_milestone: null,
  proposal_budget_line: null,
  proposal_party: null,
  demand_backing: 'created_at',
  demand_organisation: null,
};

/** Row counts and the latest change time of every demo table: what "untouched" is checked against. */
export async function fingerprint(
  db: Db,
): Promise<Record<string, { rows: number; lastChange: string | null }>> {
  const parts = demoTables.map((t) => {
    const column = lastChangeColumn[t] === undefined ? 'updated_at' : lastChangeColumn[t];
    return column === null
      ? sql`SELECT ${t} AS t, count(*)::int AS rows, NULL::text AS last_change FROM ${sql.table(t)}`
      : sql`SELECT ${t} AS t, count(*)::int AS rows, max(${sql.ref(column)})::text AS last_change FROM ${sql.table(t)}`;
  });
  const result = await sql<{
    t: string;
    rows: number;
    lastChange: string | null;
  }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(
    result.rows.map((r) => [r.t, { rows: r.rows, lastChange: r.lastChange }]),
  );
}

export async function countRowsInDemoTables(db: Db): Promise<number> {
  const fp = await fingerprint(db);
  return Object.values(fp).reduce((sum, t) => sum + t.rows, 0);
}

/**
 * Deletes the demo tables' rows, children first. DELETE rather than TRUNCATE ... CASCADE, which
 * would also empty every table that refers to them (role grants, assignments) wholesale.
 */
export async function deleteDemoRows(db: Db): Promise<void> {
  // industry.parent_id is ON DELETE RESTRICT, checked row by row: cut the tree first.
  await sql`UPDATE industry SET parent_id = NULL`.execute(db);
  for (const t of demoTables) await sql`DELETE FROM ${sql.table(t)}`.execute(db);
}

/**
 * Serialises demo loads and resets until the caller's transaction ends, so that two servers
 * starting at once on one empty PostgreSQL database load the demo once.
 */
export async function lockDemo(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(724102)`.execute(db);
}

export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db
    .selectFrom('appSetting')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value as T | undefined;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('appSetting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: sql`now()` }),
    )
    .execute();
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.deleteFrom('appSetting').where('key', '=', key).execute();
}
