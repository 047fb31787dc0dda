import type { ProposalMergeListQuery, ProposalMergeRow } from '@innocluster/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export async function insertMerge(
  db: Db,
  values: {
    callId: number;
    title: string;
    reason: string | null;
    requestedBy: number | null;
    leadOrganisationId: number;
  },
): Promise<number> {
  return (
    await db.insertInto('proposalMerge').values(values).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function insertConsents(
  db: Db,
  rows: { mergeId: number; proposalId: number; organisationId: number }[],
): Promise<void> {
  if (rows.length) await db.insertInto('proposalMergeConsent').values(rows).execute();
}

export async function updateMerge(
  db: Db,
  id: number,
  values: { status?: string; resultProposalId?: number | null },
): Promise<void> {
  await db
    .updateTable('proposalMerge')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function decideConsent(
  db: Db,
  mergeId: number,
  proposalId: number,
  values: { decision: string; reason: string | null; decidedBy: number | null },
): Promise<void> {
  await db
    .updateTable('proposalMergeConsent')
    .set({ ...values, decidedAt: sql`now()` })
    .where('mergeId', '=', mergeId)
    .where('proposalId', '=', proposalId)
    .execute();
}

/** Pending merges naming any of these proposals. */
export async function pendingMergesOf(db: Db, proposalIds: readonly number[]) {
  if (proposalIds.length === 0) return [];
  return db
    .selectFrom('proposalMergeConsent as k')
    .innerJoin('proposalMerge as m', 'm.id', 'k.mergeId')
    .select(['m.id', 'k.proposalId'])
    .where('m.status', '=', 'pending')
    .where('k.proposalId', 'in', [...proposalIds])
    .execute();
}

/** Merges by id with their consents (names resolved), in the order of `ids`. */
export async function mergesByIds(db: Db, ids: readonly number[]): Promise<ProposalMergeRow[]> {
  if (ids.length === 0) return [];
  const merges = await db
    .selectFrom('proposalMerge')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const consents = await db
    .selectFrom('proposalMergeConsent as k')
    .innerJoin('proposal as p', 'p.id', 'k.proposalId')
    .innerJoin('organisation as o', 'o.id', 'k.organisationId')
    .select([
      'k.mergeId',
      'k.proposalId',
      'p.title as proposalTitle',
      'k.organisationId',
      'o.name as organisationName',
      'k.decision',
      'k.reason',
      'k.decidedBy',
      'k.decidedAt',
    ])
    .where('k.mergeId', 'in', [...ids])
    .orderBy('k.proposalId')
    .execute();
  const byId = new Map(
    merges.map((m) => [
      m.id,
      {
        ...m,
        consents: consents.filter((k) => k.mergeId === m.id).map(({ mergeId: _, ...k }) => k),
      } as unknown as ProposalMergeRow,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((m): m is ProposalMergeRow => m !== undefined);
}

/** Merge ids matching the filters, newest first. */
export async function listMergeIds(db: Db, query: ProposalMergeListQuery): Promise<number[]> {
  let q = db.selectFrom('proposalMerge as m').select('m.id').orderBy('m.id', 'desc');
  if (query.callId !== undefined) q = q.where('m.callId', '=', query.callId);
  if (query.status !== undefined) q = q.where('m.status', '=', query.status);
  if (query.proposalId !== undefined) {
    const pid = query.proposalId;
    q = q.where(
      sql<boolean>`(m.result_proposal_id = ${pid} OR EXISTS (SELECT 1 FROM proposal_merge_consent k WHERE k.merge_id = m.id AND k.proposal_id = ${pid}))`,
    );
  }
  return (await q.limit(1000).execute()).map((r) => r.id);
}
