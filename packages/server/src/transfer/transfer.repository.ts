import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// Tables are chosen at run time from the entity contracts, never from user input.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** Most values sent in one IN list; far above the size of any registry table today. */
const valuesPerQuery = 10_000;

/** The ids among `ids` that exist in `table`. */
export async function existingIds(
  db: Kysely<Database>,
  table: keyof Database,
  ids: number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  for (let start = 0; start < ids.length; start += valuesPerQuery) {
    const slice = ids.slice(start, start + valuesPerQuery);
    const rows = (await (db as AnyDb)
      .selectFrom(table)
      .select('id')
      .where('id', 'in', slice)
      .execute()) as { id: number }[];
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/**
 * Which of the given key tuples (values of `columns`, in order) a table already holds, as
 * JSON-encoded tuples. Narrowed by the first column in SQL, matched exactly here.
 */
export async function existingKeys(
  db: Kysely<Database>,
  table: keyof Database,
  columns: string[],
  tuples: unknown[][],
): Promise<Set<string>> {
  const [first] = columns;
  const found = new Set<string>();
  if (!first) return found;
  const wanted = new Set(tuples.map((t) => JSON.stringify(t)));
  const firstValues = [...new Set(tuples.map((t) => t[0]))];
  for (let start = 0; start < firstValues.length; start += valuesPerQuery) {
    const slice = firstValues.slice(start, start + valuesPerQuery);
    const rows = (await (db as AnyDb)
      .selectFrom(table)
      .select(columns)
      .where(first, 'in', slice)
      .execute()) as Row[];
    for (const row of rows) {
      const tuple = JSON.stringify(columns.map((c) => row[c]));
      if (wanted.has(tuple)) found.add(tuple);
    }
  }
  return found;
}

/** Inserts rows and returns their new ids, in order. */
export async function insertReturningIds(
  db: Kysely<Database>,
  table: keyof Database,
  rows: Row[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = (await (db as AnyDb)
    .insertInto(table)
    .values(rows)
    .returning('id')
    .execute()) as { id: number }[];
  return inserted.map((r) => r.id);
}

/** Sets a column of one row (used to link rows of one import to each other after insert). */
export async function setColumn(
  db: Kysely<Database>,
  table: keyof Database,
  id: number,
  column: string,
  value: unknown,
): Promise<void> {
  await (db as AnyDb)
    .updateTable(table)
    .set({ [column]: value })
    .where('id', '=', id)
    .execute();
}

// Savepoints let one failing chunk be retried in halves to find the failing rows without
// losing the rest of the transaction. Names are fixed identifiers, never user input.
export async function createSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql`SAVEPOINT ${sql.id(name)}`.execute(db);
}

export async function rollbackToSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql`ROLLBACK TO SAVEPOINT ${sql.id(name)}`.execute(db);
}

export async function releaseSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql`RELEASE SAVEPOINT ${sql.id(name)}`.execute(db);
}
