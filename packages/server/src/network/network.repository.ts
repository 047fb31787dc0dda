import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** A scope as the repository reads it: a kind and the id of its row (null for `all`). */
export interface ScopeKey {
  kind: 'all' | 'programme' | 'complex' | 'mini-cluster' | 'region' | 'user-region';
  id: number | null;
}

/** A time window; null ends are open. Dates are `YYYY-MM-DD`. */
export interface Window {
  from: string | null;
  to: string | null;
}

export interface OrganisationRow {
  id: number;
  name: string;
  kind: string;
  /** The organisation's province, or its complex's province when it has none of its own. */
  provinceId: number | null;
  industryId: number | null;
  complexId: number | null;
  synthetic: boolean;
}

export interface CollaborationRow {
  kind: string;
  sourceOrganisationId: number;
  targetOrganisationId: number;
  startedOn: string;
  endedOn: string | null;
}

export interface AttendanceRow {
  activityId: number;
  heldOn: string;
  organisationId: number;
}

const earliest = '0001-01-01';
const latest = '9999-12-31';

/**
 * The ids of the organisations in a scope, as a sub-select. A complex holds the organisations
 * located in it and the members of its mini-clusters; a programme, those of the complexes taking
 * part in it; a mini-cluster, its members during the window; a province, the organisations in it
 * or in its complexes; a user region, those of its member provinces (and groupings of provinces)
 * and member complexes.
 */
export function scopeOrganisations(scope: ScopeKey, window: Window): RawBuilder<unknown> {
  const from = window.from ?? earliest;
  const to = window.to ?? latest;
  const id = scope.id ?? 0;
  const membersDuring = sql`m.joined <= ${to}::date AND (m.left_on IS NULL OR m.left_on >= ${from}::date)`;
  switch (scope.kind) {
    case 'all':
      return sql`SELECT id FROM organisation`;
    case 'complex':
      return sql`
        SELECT id FROM organisation WHERE complex_id = ${id}
        UNION
        SELECT m.organisation_id FROM membership m JOIN mini_cluster mc ON mc.id = m.mini_cluster_id
        WHERE mc.complex_id = ${id} AND ${membersDuring}`;
    case 'programme':
      return sql`
        SELECT o.id FROM organisation o
        WHERE o.complex_id IN (SELECT complex_id FROM participation WHERE programme_id = ${id})
        UNION
        SELECT m.organisation_id FROM membership m JOIN mini_cluster mc ON mc.id = m.mini_cluster_id
        WHERE mc.complex_id IN (SELECT complex_id FROM participation WHERE programme_id = ${id})
          AND ${membersDuring}`;
    case 'mini-cluster':
      return sql`SELECT m.organisation_id AS id FROM membership m WHERE m.mini_cluster_id = ${id} AND ${membersDuring}`;
    case 'region':
      return sql`
        SELECT o.id FROM organisation o LEFT JOIN complex c ON c.id = o.complex_id
        WHERE o.province_id = ${id} OR (o.province_id IS NULL AND c.province_id = ${id})`;
    case 'user-region':
      return sql`
        SELECT o.id FROM organisation o LEFT JOIN complex c ON c.id = o.complex_id
        WHERE COALESCE(o.province_id, c.province_id) IN (
            SELECT member_region_id FROM region_member WHERE region_id = ${id} AND member_region_id IS NOT NULL
            UNION
            SELECT g.member_region_id FROM region_member g
            WHERE g.member_region_id IS NOT NULL AND g.region_id IN (
              SELECT member_region_id FROM region_member WHERE region_id = ${id}))
          OR o.complex_id IN (
            SELECT member_complex_id FROM region_member WHERE region_id = ${id} AND member_complex_id IS NOT NULL)`;
  }
}

/** Whether the row a scope names exists (a province for `region`, a user region for `user-region`). */
export async function scopeExists(db: Db, scope: ScopeKey): Promise<boolean> {
  const id = scope.id ?? 0;
  const query = {
    all: sql`SELECT 1`,
    programme: sql`SELECT 1 FROM programme WHERE id = ${id}`,
    complex: sql`SELECT 1 FROM complex WHERE id = ${id}`,
    'mini-cluster': sql`SELECT 1 FROM mini_cluster WHERE id = ${id}`,
    region: sql`SELECT 1 FROM region WHERE id = ${id} AND kind = 'province'`,
    'user-region': sql`SELECT 1 FROM region WHERE id = ${id} AND kind IN ('user', 'grouping')`,
  }[scope.kind];
  const r = await query.execute(db);
  return r.rows.length > 0;
}

/** Complex id by exact name (case-insensitive), for the command line. */
export async function complexIdByName(db: Db, name: string): Promise<number | undefined> {
  const r = await sql<{
    id: number;
  }>`SELECT id FROM complex WHERE lower(name) = lower(${name}) OR lower(name_ko) = lower(${name})`.execute(
    db,
  );
  return r.rows[0]?.id;
}

/** Programme ids a complex or a mini-cluster's complex takes part in (for the scope check). */
export async function programmesOfComplex(db: Db, complexId: number): Promise<number[]> {
  const r = await sql<{
    programmeId: number;
  }>`SELECT DISTINCT programme_id FROM participation WHERE complex_id = ${complexId}`.execute(db);
  return r.rows.map((x) => x.programmeId);
}

/** The complex of a mini-cluster. */
export async function complexOfMiniCluster(db: Db, miniClusterId: number): Promise<number | null> {
  const r = await sql<{
    complexId: number;
  }>`SELECT complex_id FROM mini_cluster WHERE id = ${miniClusterId}`.execute(db);
  return r.rows[0]?.complexId ?? null;
}

/** Ids of the organisations of a scope. */
export async function scopeOrganisationIds(
  db: Db,
  scope: ScopeKey,
  window: Window,
): Promise<number[]> {
  const r = await sql<{ id: number }>`
    SELECT DISTINCT id FROM (${scopeOrganisations(scope, window)}) s ORDER BY id`.execute(db);
  return r.rows.map((x) => x.id);
}

/**
 * Collaborations running at some time in the window (started on or before its end, not ended
 * before its start) of the given kinds with at least one end in the scope.
 */
export async function collaborationsOf(
  db: Db,
  scope: ScopeKey,
  window: Window,
  kinds: readonly string[],
): Promise<CollaborationRow[]> {
  if (kinds.length === 0) return [];
  const from = window.from ?? earliest;
  const to = window.to ?? latest;
  const r = await sql<CollaborationRow>`
    WITH s AS (${scopeOrganisations(scope, window)})
    SELECT c.kind, c.source_organisation_id, c.target_organisation_id,
           c.started_on::text AS started_on, c.ended_on::text AS ended_on
    FROM collaboration c
    WHERE c.started_on <= ${to}::date AND (c.ended_on IS NULL OR c.ended_on >= ${from}::date)
      AND c.kind IN (${sql.join(kinds)})
      AND (c.source_organisation_id IN (SELECT id FROM s) OR c.target_organisation_id IN (SELECT id FROM s))
    ORDER BY c.id`.execute(db);
  return r.rows;
}

/**
 * Attendances (activity, date, organisation) of the activities held in the window that at least
 * one organisation of the scope attended, with every attending organisation (inside or not).
 */
export async function attendancesOf(
  db: Db,
  scope: ScopeKey,
  window: Window,
): Promise<AttendanceRow[]> {
  const from = window.from ?? earliest;
  const to = window.to ?? latest;
  const r = await sql<AttendanceRow>`
    WITH s AS (${scopeOrganisations(scope, window)}),
    a AS (
      SELECT DISTINCT aa.activity_id FROM activity_attendee aa JOIN activity act ON act.id = aa.activity_id
      WHERE act.held_on BETWEEN ${from}::date AND ${to}::date
        AND aa.organisation_id IN (SELECT id FROM s))
    SELECT DISTINCT aa.activity_id, act.held_on::text AS held_on, aa.organisation_id
    FROM activity_attendee aa JOIN activity act ON act.id = aa.activity_id
    WHERE aa.activity_id IN (SELECT activity_id FROM a) AND aa.organisation_id IS NOT NULL
    ORDER BY aa.activity_id, aa.organisation_id`.execute(db);
  return r.rows;
}

/** Node attributes of the given organisations, ordered by id. */
export async function organisationsByIds(
  db: Db,
  ids: readonly number[],
): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<OrganisationRow>`
    SELECT o.id, o.name, o.kind, COALESCE(o.province_id, c.province_id) AS province_id,
           o.industry_id, o.complex_id, o.synthetic
    FROM unnest(${`{${ids.join(',')}}`}::int[]) AS wanted(id)
    JOIN organisation o ON o.id = wanted.id
    LEFT JOIN complex c ON c.id = o.complex_id
    ORDER BY o.id`.execute(db);
  return r.rows;
}

/** Province names by id. */
export async function provinces(db: Db): Promise<{ id: number; name: string }[]> {
  const r = await sql<{
    id: number;
    name: string;
  }>`SELECT id, name FROM region WHERE kind = 'province' ORDER BY id`.execute(db);
  return r.rows;
}

/** Whether an organisation exists. */
export async function organisationExists(db: Db, id: number): Promise<boolean> {
  const r = await sql`SELECT 1 FROM organisation WHERE id = ${id}`.execute(db);
  return r.rows.length > 0;
}

/** The complexes taking part in a programme, as a sub-select. */
const programmeComplexes = (programmeId: number) =>
  sql`SELECT complex_id FROM participation WHERE programme_id = ${programmeId}`;

/** Dates of the activities of a programme (its own or its complexes') in the window. */
export async function programmeActivities(
  db: Db,
  programmeId: number,
  window: Window,
): Promise<{ id: number; heldOn: string }[]> {
  const r = await sql<{ id: number; heldOn: string }>`
    SELECT id, held_on::text AS held_on FROM activity
    WHERE (programme_id = ${programmeId} OR complex_id IN (${programmeComplexes(programmeId)}))
      AND held_on BETWEEN ${window.from ?? earliest}::date AND ${window.to ?? latest}::date
    ORDER BY held_on, id`.execute(db);
  return r.rows;
}

export interface MembershipRow {
  miniClusterId: number;
  organisationId: number;
  joined: string;
  leftOn: string | null;
}

/** Memberships of the mini-clusters of a programme's complexes. */
export async function programmeMemberships(db: Db, programmeId: number): Promise<MembershipRow[]> {
  const r = await sql<MembershipRow>`
    SELECT m.mini_cluster_id, m.organisation_id, m.joined::text AS joined, m.left_on::text AS left_on
    FROM membership m JOIN mini_cluster mc ON mc.id = m.mini_cluster_id
    WHERE mc.complex_id IN (${programmeComplexes(programmeId)})
    ORDER BY m.id`.execute(db);
  return r.rows;
}

/**
 * Dated participations of organisations up to a date: attendances of any activity, and both
 * ends of collaborations by their start date (from `since`, exclusive).
 */
export async function participationsBetween(
  db: Db,
  since: string,
  until: string,
): Promise<{ organisationId: number; date: string }[]> {
  const r = await sql<{ organisationId: number; date: string }>`
    SELECT aa.organisation_id, a.held_on::text AS date
    FROM activity_attendee aa JOIN activity a ON a.id = aa.activity_id
    WHERE aa.organisation_id IS NOT NULL AND a.held_on > ${since}::date AND a.held_on <= ${until}::date
    UNION ALL
    SELECT source_organisation_id, started_on::text FROM collaboration
    WHERE started_on > ${since}::date AND started_on <= ${until}::date
    UNION ALL
    SELECT target_organisation_id, started_on::text FROM collaboration
    WHERE started_on > ${since}::date AND started_on <= ${until}::date`.execute(db);
  return r.rows;
}
