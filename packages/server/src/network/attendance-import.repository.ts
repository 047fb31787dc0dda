import type { AttendanceImportRow } from '@innocluster/contracts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface AttendanceImportRecord {
  id: number;
  fileName: string;
  status: 'review' | 'committed' | 'discarded';
  createdBy: number | null;
  createdAt: string;
  committedAt: string | null;
  rows: AttendanceImportRow[];
  summary: Record<string, number> | null;
}

export async function insertAttendanceImport(
  db: Db,
  values: { fileName: string; createdBy: number | null; rows: AttendanceImportRow[] },
): Promise<number> {
  const row = await db
    .insertInto('attendanceImport')
    .values({
      fileName: values.fileName,
      createdBy: values.createdBy,
      rows: JSON.stringify(values.rows),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The import; `forUpdate` locks it so two reviewers cannot commit it twice. */
export async function findAttendanceImport(
  db: Db,
  id: number,
  forUpdate = false,
): Promise<AttendanceImportRecord | undefined> {
  const query = db
    .selectFrom('attendanceImport')
    .select([
      'id',
      'fileName',
      'status',
      'createdBy',
      'createdAt',
      'committedAt',
      'rows',
      'summary',
    ])
    .where('id', '=', id);
  return (await (forUpdate ? query.forUpdate() : query).executeTakeFirst()) as
    AttendanceImportRecord | undefined;
}

export async function setAttendanceImportStatus(
  db: Db,
  id: number,
  status: 'committed' | 'discarded',
  summary: Record<string, number> | null,
): Promise<void> {
  await db
    .updateTable('attendanceImport')
    .set({
      status,
      summary: summary === null ? null : JSON.stringify(summary),
      committedAt: status === 'committed' ? sql<string>`now()` : null,
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}
