import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A proposal as the overlap check compares and shows it, with its project when funded. */
export interface OverlapCorpusRow {
  proposalId: number;
  title: string;
  abstract: string | null;
  status: string;
  complexId: number | null;
  miniClusterId: number | null;
  projectId: number | null;
  projectStatus: string | null;
  approvedGrantKrw: number | null;
  callId: number;
  callCode: string;
  callTitle: string;
  programmeId: number;
  programmeCode: string;
  programmeName: string;
  leadOrganisationId: number;
  leadOrganisationName: string;
  synthetic: boolean;
  /** Lead first, then partners. */
  organisationIds: number[];
}

/**
 * The proposals the overlap check compares: every proposal of every programme that was
 * submitted (not drafts, not withdrawn, not merged into another), plus the ones named in
 * `include` whatever their state, each with its organisations and its project.
 */
export async function loadOverlapCorpus(
  db: Db,
  include: readonly number[] = [],
): Promise<OverlapCorpusRow[]> {
  const includeList = include.length > 0 ? include : [0];
  const result = await sql<Omit<OverlapCorpusRow, 'organisationIds'> & { partnerIds: number[] }>`
    SELECT p.id AS proposal_id, p.title, p.abstract, p.status, p.complex_id, p.mini_cluster_id,
      pr.id AS project_id, pr.status AS project_status, pr.approved_grant_krw,
      c.id AS call_id, c.code AS call_code, c.title AS call_title,
      g.id AS programme_id, g.code AS programme_code, g.name AS programme_name,
      p.lead_organisation_id, o.name AS lead_organisation_name, p.synthetic,
      coalesce((SELECT array_agg(pp.organisation_id ORDER BY pp.organisation_id)
        FROM proposal_party pp WHERE pp.proposal_id = p.id), '{}') AS partner_ids
    FROM proposal p
    JOIN funding_call c ON c.id = p.call_id
    JOIN programme g ON g.id = c.programme_id
    JOIN organisation o ON o.id = p.lead_organisation_id
    LEFT JOIN project pr ON pr.proposal_id = p.id
    WHERE (p.status NOT IN ('draft', 'withdrawn') AND p.merged_into_id IS NULL)
       OR p.id = ANY(${includeList}::int[])
    ORDER BY p.id`.execute(db);
  return result.rows.map(({ partnerIds, ...r }) => ({
    ...r,
    organisationIds: [
      r.leadOrganisationId,
      ...partnerIds.filter((id) => id !== r.leadOrganisationId),
    ],
  }));
}

/** A call's programme, or undefined when there is no such call. */
export async function findCallForOverlap(
  db: Db,
  id: number,
): Promise<{ id: number; programmeId: number } | undefined> {
  return db
    .selectFrom('fundingCall')
    .select(['id', 'programmeId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a proposal exists at all (any state). */
export async function proposalExists(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('proposal').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Names of organisations by id. */
export async function organisationNames(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
