import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A call as the review needs it: programme (for scope), budget, reviews per proposal, rubric. */
export interface ReviewCallRecord {
  id: number;
  programmeId: number;
  code: string;
  title: string;
  budgetKrw: number;
  reviewsPerProposal: number;
  rubric: { code: string; name: string; weight: number; maxScore: number }[];
  status: string;
}

export async function findReviewCall(db: Db, id: number): Promise<ReviewCallRecord | undefined> {
  return (await db
    .selectFrom('fundingCall')
    .select([
      'id',
      'programmeId',
      'code',
      'title',
      'budgetKrw',
      'reviewsPerProposal',
      'rubric',
      'status',
    ])
    .where('id', '=', id)
    .executeTakeFirst()) as ReviewCallRecord | undefined;
}

/** A proposal with what the review shows and checks: parties, public amount requested. */
export interface ReviewProposalRecord {
  id: number;
  callId: number;
  instrumentId: number;
  complexId: number | null;
  miniClusterId: number | null;
  leadOrganisationId: number;
  leadOrganisationName: string;
  title: string;
  abstract: string | null;
  plan: string | null;
  startOn: string | null;
  endOn: string | null;
  status: string;
  version: number;
  synthetic: boolean;
  partnerIds: number[];
  partnerNames: string[];
  requestedKrw: number;
  totalKrw: number;
}

/** Proposals of a call (optionally in some states) or with the ids given, in id order. */
export async function listReviewProposals(
  db: Db,
  filter: { callId?: number; ids?: number[]; statuses?: string[] },
): Promise<ReviewProposalRecord[]> {
  if (filter.ids !== undefined && filter.ids.length === 0) return [];
  if (filter.statuses !== undefined && filter.statuses.length === 0) return [];
  let q = db
    .selectFrom('proposal as p')
    .innerJoin('organisation as o', 'o.id', 'p.leadOrganisationId')
    .select([
      'p.id',
      'p.callId',
      'p.instrumentId',
      'p.complexId',
      'p.miniClusterId',
      'p.leadOrganisationId',
      'o.name as leadOrganisationName',
      'p.title',
      'p.abstract',
      'p.plan',
      'p.startOn',
      'p.endOn',
      'p.status',
      'p.version',
      'p.synthetic',
      sql<number>`coalesce((SELECT sum(b.amount_krw) FROM proposal_budget_line b WHERE b.proposal_id = p.id AND b.funder = 'public'), 0)::bigint`.as(
        'requestedKrw',
      ),
      sql<number>`coalesce((SELECT sum(b.amount_krw) FROM proposal_budget_line b WHERE b.proposal_id = p.id), 0)::bigint`.as(
        'totalKrw',
      ),
    ])
    .where('p.mergedIntoId', 'is', null)
    .orderBy('p.id');
  if (filter.callId !== undefined) q = q.where('p.callId', '=', filter.callId);
  if (filter.ids !== undefined) q = q.where('p.id', 'in', filter.ids);
  if (filter.statuses !== undefined) q = q.where('p.status', 'in', filter.statuses);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const parties = await db
    .selectFrom('proposalParty as pp')
    .innerJoin('organisation as o', 'o.id', 'pp.organisationId')
    .select(['pp.proposalId', 'pp.organisationId', 'o.name'])
    .where(
      'pp.proposalId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('o.name')
    .execute();
  return rows.map((r) => {
    const mine = parties.filter((p) => p.proposalId === r.id);
    return {
      ...r,
      partnerIds: mine.map((p) => p.organisationId),
      partnerNames: mine.map((p) => p.name),
    };
  });
}

/** Instrument rules (jsonb) of a call instrument. */
export async function instrumentRules(db: Db, instrumentId: number): Promise<unknown> {
  return (
    await db
      .selectFrom('callInstrument')
      .select('rules')
      .where('id', '=', instrumentId)
      .executeTakeFirst()
  )?.rules;
}

export async function setProposalStatus(db: Db, id: number, status: string): Promise<void> {
  await db
    .updateTable('proposal')
    .set({ status, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

// Assignments -----------------------------------------------------------------------------------

export interface AssignmentRecord {
  id: number;
  callId: number;
  proposalId: number;
  proposalTitle: string;
  evaluatorId: number;
  evaluatorName: string;
  evaluatorUserId: number | null;
  method: 'auto' | 'manual';
  status: 'assigned' | 'declined' | 'submitted' | 'withdrawn';
  cost: number | null;
  reviewStatus: 'none' | 'draft' | 'submitted';
  createdAt: string;
}

/** Review assignments of a call, of an evaluator, or with the ids given. */
export async function listAssignments(
  db: Db,
  filter: { callId?: number; evaluatorId?: number; ids?: number[]; proposalIds?: number[] },
): Promise<AssignmentRecord[]> {
  if (filter.ids !== undefined && filter.ids.length === 0) return [];
  if (filter.proposalIds !== undefined && filter.proposalIds.length === 0) return [];
  let q = db
    .selectFrom('reviewAssignment as a')
    .innerJoin('proposal as p', 'p.id', 'a.proposalId')
    .innerJoin('evaluator as e', 'e.id', 'a.evaluatorId')
    .innerJoin('person as pe', 'pe.id', 'e.personId')
    .leftJoin('review as r', 'r.assignmentId', 'a.id')
    .select([
      'a.id',
      'a.callId',
      'a.proposalId',
      'p.title as proposalTitle',
      'a.evaluatorId',
      'pe.name as evaluatorName',
      'e.userId as evaluatorUserId',
      'a.method',
      'a.status',
      'a.cost',
      sql<'none' | 'draft' | 'submitted'>`coalesce(r.status, 'none')`.as('reviewStatus'),
      'a.createdAt',
    ])
    .orderBy('a.proposalId')
    .orderBy('a.evaluatorId');
  if (filter.callId !== undefined) q = q.where('a.callId', '=', filter.callId);
  if (filter.evaluatorId !== undefined) q = q.where('a.evaluatorId', '=', filter.evaluatorId);
  if (filter.ids !== undefined) q = q.where('a.id', 'in', filter.ids);
  if (filter.proposalIds !== undefined) q = q.where('a.proposalId', 'in', filter.proposalIds);
  return (await q.execute()) as AssignmentRecord[];
}

export async function insertAssignments(
  db: Db,
  rows: {
    callId: number;
    proposalId: number;
    evaluatorId: number;
    method: 'auto' | 'manual';
    cost: number | null;
    createdBy: number | null;
  }[],
): Promise<{ id: number; proposalId: number; evaluatorId: number }[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('reviewAssignment')
    .values(rows)
    .returning(['id', 'proposalId', 'evaluatorId'])
    .execute();
}

export async function deleteAssignments(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('reviewAssignment').where('id', 'in', ids).execute();
}

export async function setAssignmentStatus(db: Db, id: number, status: string): Promise<void> {
  await db
    .updateTable('reviewAssignment')
    .set({ status, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Grants users read access to proposals through the `assignment` table (migration 0003). */
export async function grantProposalAccess(
  db: Db,
  pairs: { userId: number; proposalId: number }[],
): Promise<void> {
  if (pairs.length === 0) return;
  await db
    .insertInto('assignment')
    .values(pairs.map((p) => ({ userId: p.userId, entity: 'proposals', entityId: p.proposalId })))
    .onConflict((oc) => oc.columns(['userId', 'entity', 'entityId']).doNothing())
    .execute();
}

export async function revokeProposalAccess(
  db: Db,
  pairs: { userId: number; proposalId: number }[],
): Promise<void> {
  for (const p of pairs) {
    await db
      .deleteFrom('assignment')
      .where('userId', '=', p.userId)
      .where('entity', '=', 'proposals')
      .where('entityId', '=', p.proposalId)
      .execute();
  }
}

// Reviews ---------------------------------------------------------------------------------------

export interface ReviewRecord {
  id: number;
  assignmentId: number;
  scores: Record<string, number>;
  total: number | null;
  commentToApplicant: string | null;
  commentToCommittee: string | null;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
}

export async function listReviews(db: Db, assignmentIds: number[]): Promise<ReviewRecord[]> {
  if (assignmentIds.length === 0) return [];
  return (await db
    .selectFrom('review')
    .select([
      'id',
      'assignmentId',
      'scores',
      'total',
      'commentToApplicant',
      'commentToCommittee',
      'status',
      'submittedAt',
    ])
    .where('assignmentId', 'in', assignmentIds)
    .orderBy('id')
    .execute()) as ReviewRecord[];
}

export async function upsertReview(
  db: Db,
  assignmentId: number,
  values: {
    scores: Record<string, number>;
    total: number | null;
    commentToApplicant: string | null;
    commentToCommittee: string | null;
    status: 'draft' | 'submitted';
  },
): Promise<void> {
  const row = {
    assignmentId,
    scores: JSON.stringify(values.scores),
    total: values.total,
    commentToApplicant: values.commentToApplicant,
    commentToCommittee: values.commentToCommittee,
    status: values.status,
    submittedAt: values.status === 'submitted' ? sql<string>`now()` : null,
  };
  await db
    .insertInto('review')
    .values(row)
    .onConflict((oc) =>
      oc.column('assignmentId').doUpdateSet({
        scores: row.scores,
        total: row.total,
        commentToApplicant: row.commentToApplicant,
        commentToCommittee: row.commentToCommittee,
        status: row.status,
        submittedAt: row.submittedAt,
        updatedAt: sql<string>`now()`,
      }),
    )
    .execute();
}

// Decisions, projects ---------------------------------------------------------------------------

export interface DecisionRecord {
  id: number;
  proposalId: number;
  meetingId: number | null;
  decision: 'select' | 'revise' | 'reject' | 'fast_track_select' | 'fail_screening';
  reason: string;
  rank: number | null;
  approvedGrantKrw: number | null;
  decidedAt: string;
  notifiedAt: string | null;
  projectId: number | null;
}

export async function listDecisions(db: Db, proposalIds: number[]): Promise<DecisionRecord[]> {
  if (proposalIds.length === 0) return [];
  return (await db
    .selectFrom('proposalDecision as d')
    .leftJoin('project as pr', (j) =>
      j
        .onRef('pr.proposalId', '=', 'd.proposalId')
        .on('d.decision', 'in', ['select', 'fast_track_select']),
    )
    .select([
      'd.id',
      'd.proposalId',
      'd.meetingId',
      'd.decision',
      'd.reason',
      'd.rank',
      'd.approvedGrantKrw',
      'd.decidedAt',
      'd.notifiedAt',
      'pr.id as projectId',
    ])
    .where('d.proposalId', 'in', proposalIds)
    .orderBy('d.id')
    .execute()) as DecisionRecord[];
}

export async function insertDecision(
  db: Db,
  values: {
    proposalId: number;
    meetingId: number | null;
    decision: string;
    reason: string;
    rank: number | null;
    approvedGrantKrw: number | null;
    decidedBy: number | null;
    notify: boolean;
  },
): Promise<number> {
  const { notify, ...rest } = values;
  return (
    await db
      .insertInto('proposalDecision')
      .values({ ...rest, notifiedAt: notify ? sql<string>`now()` : null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Marks the call's decisions not yet sent as sent now; returns their ids. */
export async function notifyDecisions(db: Db, callId: number): Promise<number[]> {
  const rows = await db
    .updateTable('proposalDecision')
    .set({ notifiedAt: sql<string>`now()` })
    .where('notifiedAt', 'is', null)
    .where('proposalId', 'in', db.selectFrom('proposal').select('id').where('callId', '=', callId))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Sum of grants approved in a call (its projects). */
export async function committedGrants(db: Db, callId: number): Promise<number> {
  const row = await db
    .selectFrom('project')
    .select(sql<number>`coalesce(sum(approved_grant_krw), 0)::bigint`.as('total'))
    .where('callId', '=', callId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertProject(
  db: Db,
  values: {
    proposalId: number;
    callId: number;
    instrumentId: number;
    complexId: number | null;
    miniClusterId: number | null;
    leadOrganisationId: number;
    title: string;
    startOn: string;
    endOn: string;
    approvedGrantKrw: number;
    synthetic: boolean;
  },
): Promise<number> {
  return (
    await db
      .insertInto('project')
      .values({ ...values, status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

// Committee, inspections, screening -------------------------------------------------------------

export async function listMeetings(db: Db, filter: { callId?: number; id?: number }) {
  let q = db
    .selectFrom('committeeMeeting')
    .select(['id', 'callId', 'heldOn', 'title', 'members', 'minutes', 'status', 'synthetic'])
    .orderBy('heldOn')
    .orderBy('id');
  if (filter.callId !== undefined) q = q.where('callId', '=', filter.callId);
  if (filter.id !== undefined) q = q.where('id', '=', filter.id);
  const meetings = await q.execute();
  if (meetings.length === 0) return [];
  const notes = await db
    .selectFrom('committeeNote')
    .select(['id', 'meetingId', 'proposalId', 'userId', 'body', 'createdAt'])
    .where(
      'meetingId',
      'in',
      meetings.map((m) => m.id),
    )
    .orderBy('id')
    .execute();
  return meetings.map((m) => ({
    ...m,
    status: m.status as 'planned' | 'held' | 'closed',
    notes: notes.filter((n) => n.meetingId === m.id),
  }));
}

export async function insertMeeting(
  db: Db,
  values: { callId: number; heldOn: string; title: string; members: string | null },
): Promise<number> {
  return (
    await db.insertInto('committeeMeeting').values(values).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function updateMeeting(
  db: Db,
  id: number,
  values: { status?: string; minutes?: string | null; members?: string | null },
): Promise<void> {
  await db
    .updateTable('committeeMeeting')
    .set({ ...values, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertNote(
  db: Db,
  values: { meetingId: number; proposalId: number; userId: number | null; body: string },
): Promise<number> {
  return (
    await db.insertInto('committeeNote').values(values).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function listInspections(db: Db, proposalId: number) {
  return db
    .selectFrom('fieldInspection')
    .select([
      'id',
      'proposalId',
      'inspectedOn',
      'inspectors',
      'findings',
      'recommendation',
      'synthetic',
      'createdAt',
    ])
    .where('proposalId', '=', proposalId)
    .orderBy('inspectedOn')
    .orderBy('id')
    .execute();
}

/** The latest field inspection of each proposal given. */
export async function latestInspections(db: Db, proposalIds: number[]) {
  if (proposalIds.length === 0) return [];
  return db
    .selectFrom('fieldInspection')
    .select(['proposalId', 'inspectedOn', 'recommendation', 'findings'])
    .distinctOn('proposalId')
    .where('proposalId', 'in', proposalIds)
    .orderBy('proposalId')
    .orderBy('inspectedOn', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertInspection(
  db: Db,
  values: {
    proposalId: number;
    inspectedOn: string;
    inspectors: string;
    findings: string;
    recommendation: string | null;
    createdBy: number | null;
  },
): Promise<number> {
  return (
    await db.insertInto('fieldInspection').values(values).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function listScreenings(db: Db, proposalId: number) {
  return db
    .selectFrom('proposalScreening')
    .select(['id', 'proposalId', 'version', 'passed', 'checks', 'notes', 'screenedAt'])
    .where('proposalId', '=', proposalId)
    .orderBy('id')
    .execute();
}

export async function insertScreening(
  db: Db,
  values: {
    proposalId: number;
    version: number;
    passed: boolean;
    checks: unknown[];
    notes: string | null;
    screenedBy: number | null;
  },
): Promise<number> {
  return (
    await db
      .insertInto('proposalScreening')
      .values({ ...values, checks: JSON.stringify(values.checks) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
