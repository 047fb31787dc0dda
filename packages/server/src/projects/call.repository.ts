import type {
  CallListQuery,
  CallRow,
  InstrumentRow,
  RubricCriterion,
} from '@innocluster/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';

export interface CallValues {
  programmeId?: number;
  code?: string;
  title?: string;
  description?: string | null;
  budgetKrw?: number;
  opensOn?: string;
  closesOn?: string;
  decisionBy?: string | null;
  reviewsPerProposal?: number;
  rubric?: RubricCriterion[];
  status?: string;
  synthetic?: boolean;
}

export interface InstrumentValues {
  code: string;
  name: string;
  budgetKrw: number | null;
  rules: unknown;
  synthetic?: boolean;
}

const sortColumns = {
  id: 'c.id',
  opensOn: 'c.opensOn',
  closesOn: 'c.closesOn',
  code: 'c.code',
  title: 'c.title',
} as const;
export const callSortable = Object.keys(sortColumns);

/** A page of call ids; `programmeIds` restricts to calls of these programmes ('all' for none). */
export async function listCallIds(
  db: Db,
  query: CallListQuery,
  programmeIds: number[] | 'all',
): Promise<{ ids: number[]; total: number }> {
  const base = db.selectFrom('fundingCall as c').where((eb) => {
    const c: Expression<SqlBool>[] = [];
    if (query.programmeId !== undefined) c.push(eb('c.programmeId', '=', query.programmeId));
    if (query.status !== undefined) c.push(eb('c.status', '=', query.status));
    if (query.synthetic !== undefined) c.push(eb('c.synthetic', '=', query.synthetic));
    if (query.q !== undefined) {
      const p = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      c.push(eb.or([eb('c.title', 'ilike', p), eb('c.code', 'ilike', p)]));
    }
    if (programmeIds !== 'all')
      c.push(programmeIds.length ? eb('c.programmeId', 'in', programmeIds) : eb.lit(false));
    return eb.and(c);
  });
  const sortText = query.sort ?? '-opensOn';
  const descending = sortText.startsWith('-');
  const field = (descending ? sortText.slice(1) : sortText) as keyof typeof sortColumns;
  const [rows, count] = await Promise.all([
    base
      .select('c.id')
      .orderBy(sortColumns[field], descending ? 'desc' : 'asc')
      .orderBy('c.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: count.total };
}

/** The instruments of calls, by call id. */
export async function instrumentsOfCalls(
  db: Db,
  callIds: readonly number[],
): Promise<Map<number, InstrumentRow[]>> {
  const out = new Map<number, InstrumentRow[]>();
  if (callIds.length === 0) return out;
  const rows = await db
    .selectFrom('callInstrument')
    .select(['id', 'callId', 'code', 'name', 'budgetKrw', 'rules', 'synthetic'])
    .where('callId', 'in', [...callIds])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.callId) ?? [];
    list.push(r as InstrumentRow);
    out.set(r.callId, list);
  }
  return out;
}

/** Calls by id with instruments and proposal counts, in the order of `ids`. */
export async function callsByIds(db: Db, ids: readonly number[]): Promise<CallRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('fundingCall as c')
    .selectAll('c')
    .select(
      sql<number>`(SELECT count(*)::int FROM proposal p WHERE p.call_id = c.id)`.as(
        'proposalCount',
      ),
    )
    .where('c.id', 'in', [...ids])
    .execute();
  const instruments = await instrumentsOfCalls(db, ids);
  const byId = new Map(
    rows.map((r) => [
      r.id,
      { ...r, instruments: instruments.get(r.id) ?? [] } as unknown as CallRow,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((r): r is CallRow => r !== undefined);
}

export async function findCall(db: Db, id: number) {
  return db.selectFrom('fundingCall').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CallRecord = NonNullable<Awaited<ReturnType<typeof findCall>>>;

export async function findInstrument(db: Db, id: number) {
  return db
    .selectFrom('callInstrument')
    .select(['id', 'callId', 'code', 'name', 'budgetKrw', 'rules', 'synthetic'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCall(
  db: Db,
  values: CallValues & {
    programmeId: number;
    code: string;
    title: string;
    budgetKrw: number;
    opensOn: string;
    closesOn: string;
  },
): Promise<number> {
  const { rubric, ...rest } = values;
  const row = await db
    .insertInto('fundingCall')
    .values({ ...rest, rubric: JSON.stringify(rubric ?? []) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCall(db: Db, id: number, values: CallValues): Promise<void> {
  const { rubric, ...rest } = values;
  await db
    .updateTable('fundingCall')
    .set({
      ...rest,
      ...(rubric !== undefined ? { rubric: JSON.stringify(rubric) } : {}),
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Makes the call's instruments exactly `list`, matched by code: changed ones are updated in
 * place (proposals keep pointing at them), new ones inserted, missing ones deleted (which the
 * database refuses while proposals use them).
 */
export async function replaceInstruments(
  db: Db,
  callId: number,
  list: readonly InstrumentValues[],
): Promise<void> {
  const existing = await db
    .selectFrom('callInstrument')
    .select(['id', 'code'])
    .where('callId', '=', callId)
    .execute();
  const byCode = new Map(existing.map((e) => [e.code, e.id]));
  const keep = new Set<number>();
  for (const item of list) {
    const values = {
      code: item.code,
      name: item.name,
      budgetKrw: item.budgetKrw,
      rules: JSON.stringify(item.rules),
      ...(item.synthetic !== undefined ? { synthetic: item.synthetic } : {}),
    };
    const id = byCode.get(item.code);
    if (id !== undefined) {
      keep.add(id);
      await db
        .updateTable('callInstrument')
        .set({ ...values, updatedAt: sql`now()` })
        .where('id', '=', id)
        .execute();
    } else
      await db
        .insertInto('callInstrument')
        .values({ ...values, callId })
        .execute();
  }
  const drop = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (drop.length) await db.deleteFrom('callInstrument').where('id', 'in', drop).execute();
}
