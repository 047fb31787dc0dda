import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// Tables are chosen at run time from the entity contracts, never from user input.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** Largest id list sent in one query; far above any registry table's size today. */
const idsPerQuery = 10_000;

/** The ids among `ids` that exist in `table`. */
export async function existingIds(
  db: Kysely<Database>,
  table: keyof Database,
  ids: number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  for (let start = 0; start < ids.length; start += idsPerQuery) {
    const slice = ids.slice(start, start + idsPerQuery);
    const rows = (await (db as AnyDb)
      .selectFrom(table)
      .select('id')
      .where('id', 'in', slice)
      .execute()) as { id: number }[];
    for (const row of rows) found.add(row.id);
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
