import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** An evaluator with the person's name and the organisations they are affiliated with. */
export interface EvaluatorRecord {
  id: number;
  personId: number;
  name: string;
  email: string | null;
  personOrganisationId: number | null;
  userId: number | null;
  expertise: string[];
  minLoad: number;
  maxLoad: number;
  active: boolean;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
  affiliations: {
    id: number;
    organisationId: number;
    organisationName: string;
    fromOn: string | null;
    toOn: string | null;
  }[];
}

/** Evaluators (all, or the ids given, or the one of a user account), in id order. */
export async function listEvaluators(
  db: Db,
  filter: { ids?: number[]; userId?: number; activeOnly?: boolean } = {},
): Promise<EvaluatorRecord[]> {
  if (filter.ids !== undefined && filter.ids.length === 0) return [];
  let q = db
    .selectFrom('evaluator as e')
    .innerJoin('person as p', 'p.id', 'e.personId')
    .select([
      'e.id',
      'e.personId',
      'p.name',
      'p.email',
      'p.organisationId as personOrganisationId',
      'e.userId',
      'e.expertise',
      'e.minLoad',
      'e.maxLoad',
      'e.active',
      'e.synthetic',
      'e.createdAt',
      'e.updatedAt',
    ])
    .orderBy('e.id');
  if (filter.ids !== undefined) q = q.where('e.id', 'in', filter.ids);
  if (filter.userId !== undefined) q = q.where('e.userId', '=', filter.userId);
  if (filter.activeOnly) q = q.where('e.active', '=', true);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const affiliations = await db
    .selectFrom('evaluatorAffiliation as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisationId')
    .select([
      'a.id',
      'a.evaluatorId',
      'a.organisationId',
      'o.name as organisationName',
      'a.fromOn',
      'a.toOn',
    ])
    .where(
      'a.evaluatorId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    affiliations: affiliations
      .filter((a) => a.evaluatorId === r.id)
      .map(({ evaluatorId: _e, ...a }) => a),
  }));
}

export interface EvaluatorValues {
  personId?: number;
  userId?: number | null;
  expertise?: string[];
  minLoad?: number;
  maxLoad?: number;
  active?: boolean;
  synthetic?: boolean;
}

export async function insertEvaluator(
  db: Db,
  values: EvaluatorValues & { personId: number },
): Promise<number> {
  const row = await db
    .insertInto('evaluator')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEvaluator(db: Db, id: number, values: EvaluatorValues): Promise<void> {
  await db
    .updateTable('evaluator')
    .set({ ...values, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteEvaluator(db: Db, id: number): Promise<void> {
  await db.deleteFrom('evaluator').where('id', '=', id).execute();
}

/** Replaces an evaluator's affiliations. */
export async function replaceAffiliations(
  db: Db,
  evaluatorId: number,
  list: { organisationId: number; fromOn: string | null; toOn: string | null }[],
): Promise<void> {
  await db.deleteFrom('evaluatorAffiliation').where('evaluatorId', '=', evaluatorId).execute();
  if (list.length === 0) return;
  await db
    .insertInto('evaluatorAffiliation')
    .values(list.map((a) => ({ evaluatorId, ...a })))
    .execute();
}

export interface BusinessRelationRecord {
  id: number;
  fromOrganisationId: number;
  fromOrganisationName: string;
  toOrganisationId: number;
  toOrganisationName: string;
  kind: 'supplier' | 'customer' | 'shareholder';
  since: string | null;
  until: string | null;
  source: string | null;
  synthetic: boolean;
  createdAt: string;
}

/** Business relations, all or those touching one of `organisationIds`. */
export async function listBusinessRelations(
  db: Db,
  organisationIds?: number[],
): Promise<BusinessRelationRecord[]> {
  if (organisationIds !== undefined && organisationIds.length === 0) return [];
  let q = db
    .selectFrom('businessRelation as r')
    .innerJoin('organisation as f', 'f.id', 'r.fromOrganisationId')
    .innerJoin('organisation as t', 't.id', 'r.toOrganisationId')
    .select([
      'r.id',
      'r.fromOrganisationId',
      'f.name as fromOrganisationName',
      'r.toOrganisationId',
      't.name as toOrganisationName',
      'r.kind',
      'r.since',
      'r.until',
      'r.source',
      'r.synthetic',
      'r.createdAt',
    ])
    .orderBy('r.id');
  if (organisationIds !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('r.fromOrganisationId', 'in', organisationIds),
        eb('r.toOrganisationId', 'in', organisationIds),
      ]),
    );
  }
  return (await q.execute()) as BusinessRelationRecord[];
}

export async function insertBusinessRelation(
  db: Db,
  values: {
    fromOrganisationId: number;
    toOrganisationId: number;
    kind: string;
    since: string | null;
    until: string | null;
    source: string | null;
  },
): Promise<number> {
  return (
    await db.insertInto('businessRelation').values(values).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function deleteBusinessRelation(db: Db, id: number) {
  return db.deleteFrom('businessRelation').where('id', '=', id).returningAll().executeTakeFirst();
}

export interface DeclarationRecord {
  id: number;
  evaluatorId: number;
  proposalId: number | null;
  organisationId: number | null;
  kind: 'declared' | 'personal';
  reason: string;
  createdAt: string;
}

export async function listDeclarations(
  db: Db,
  filter: { evaluatorIds?: number[] } = {},
): Promise<DeclarationRecord[]> {
  if (filter.evaluatorIds !== undefined && filter.evaluatorIds.length === 0) return [];
  let q = db
    .selectFrom('conflictDeclaration')
    .select(['id', 'evaluatorId', 'proposalId', 'organisationId', 'kind', 'reason', 'createdAt'])
    .orderBy('id');
  if (filter.evaluatorIds !== undefined) q = q.where('evaluatorId', 'in', filter.evaluatorIds);
  return (await q.execute()) as DeclarationRecord[];
}

export async function findDeclaration(db: Db, id: number) {
  return (await db
    .selectFrom('conflictDeclaration')
    .select(['id', 'evaluatorId', 'proposalId', 'organisationId', 'kind', 'reason', 'createdAt'])
    .where('id', '=', id)
    .executeTakeFirst()) as DeclarationRecord | undefined;
}

export async function insertDeclaration(
  db: Db,
  values: {
    evaluatorId: number;
    proposalId: number | null;
    organisationId: number | null;
    kind: string;
    reason: string;
    declaredBy: number | null;
  },
): Promise<number> {
  return (
    await db
      .insertInto('conflictDeclaration')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function deleteDeclaration(db: Db, id: number): Promise<void> {
  await db.deleteFrom('conflictDeclaration').where('id', '=', id).execute();
}

/** Registry facts about organisations: name, current mini-clusters and industry code. */
export async function organisationFacts(
  db: Db,
  ids: number[],
): Promise<{ id: number; name: string; miniClusterIds: number[]; industryCodes: string[] }[]> {
  if (ids.length === 0) return [];
  const orgs = await db
    .selectFrom('organisation as o')
    .leftJoin('industry as i', 'i.id', 'o.industryId')
    .select(['o.id', 'o.name', 'i.code as industryCode'])
    .where('o.id', 'in', ids)
    .execute();
  const memberships = await db
    .selectFrom('membership')
    .select(['organisationId', 'miniClusterId'])
    .where('organisationId', 'in', ids)
    .where('leftOn', 'is', null)
    .execute();
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    miniClusterIds: memberships
      .filter((m) => m.organisationId === o.id)
      .map((m) => m.miniClusterId),
    industryCodes: o.industryCode ? [o.industryCode] : [],
  }));
}

/**
 * Collaborations with a party among `organisationIds` that were running at some time on or
 * after `from` and had started by `to`.
 */
export async function collaborationsTouching(
  db: Db,
  organisationIds: number[],
  from: string,
  to: string,
): Promise<
  {
    sourceOrganisationId: number;
    targetOrganisationId: number;
    kind: string;
    startedOn: string;
    endedOn: string | null;
  }[]
> {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('collaboration')
    .select(['sourceOrganisationId', 'targetOrganisationId', 'kind', 'startedOn', 'endedOn'])
    .where((eb) =>
      eb.or([
        eb('sourceOrganisationId', 'in', organisationIds),
        eb('targetOrganisationId', 'in', organisationIds),
      ]),
    )
    .where('startedOn', '<=', to)
    .where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>=', from)]))
    .execute();
}

export async function personExists(db: Db, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}
