import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The generic repository behind the registry's CRUD endpoints. Table and column names come
 * from the entity contracts (never from user input unchecked), so the dynamic names are safe.
 */
// Kysely cannot type a table chosen at run time; the contracts check names and values instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

export interface ListSpec {
  table: keyof Database;
  filters: Record<string, unknown>;
  search?: { text: string; fields: string[] };
  /** Row-level access: 'all', or rows matching any condition (none matches nothing). */
  scope: 'all' | { column: string; ids: number[] }[];
  sort: { field: string; descending: boolean };
  limit: number;
  offset: number;
}

/** Escapes LIKE wildcards so a search for "50%" finds the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listRows(
  db: Kysely<Database>,
  spec: ListSpec,
): Promise<{ rows: Row[]; total: number }> {
  const base = (db as AnyDb).selectFrom(spec.table).where((eb) => {
    const conditions = Object.entries(spec.filters).map(([field, value]) =>
      value === null ? eb(field, 'is', null) : eb(field, '=', value),
    );
    if (spec.search && spec.search.fields.length > 0) {
      const pattern = likePattern(spec.search.text);
      conditions.push(eb.or(spec.search.fields.map((f) => eb(f, 'ilike', pattern))));
    }
    if (spec.scope !== 'all') {
      const allowed = spec.scope.map((c) => eb(c.column, 'in', c.ids));
      conditions.push(allowed.length ? eb.or(allowed) : eb.lit(false));
    }
    return eb.and(conditions);
  });
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(spec.sort.field, spec.sort.descending ? 'desc' : 'asc')
      .orderBy('id', 'asc')
      .limit(spec.limit)
      .offset(spec.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as Row[], total: (count as { total: number }).total };
}

export async function findRow(
  db: Kysely<Database>,
  table: keyof Database,
  id: number,
): Promise<Row | undefined> {
  return (await (db as AnyDb)
    .selectFrom(table)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as Row | undefined;
}

export async function insertRows(
  db: Kysely<Database>,
  table: keyof Database,
  values: Row[],
): Promise<Row[]> {
  if (values.length === 0) return [];
  return (await (db as AnyDb).insertInto(table).values(values).returningAll().execute()) as Row[];
}

export async function updateRow(
  db: Kysely<Database>,
  table: keyof Database,
  id: number,
  values: Row,
): Promise<Row | undefined> {
  return (await (db as AnyDb)
    .updateTable(table)
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()) as Row | undefined;
}

export async function deleteRow(
  db: Kysely<Database>,
  table: keyof Database,
  id: number,
): Promise<Row | undefined> {
  return (await (db as AnyDb)
    .deleteFrom(table)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()) as Row | undefined;
}

/** All rows of a table in id order, for exports. */
export async function allRows(db: Kysely<Database>, table: keyof Database): Promise<Row[]> {
  return (await (db as AnyDb).selectFrom(table).selectAll().orderBy('id').execute()) as Row[];
}
