import type { AttendanceImportResponse } from '@innocluster/contracts';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
let db: Db;
let admin: { authorization: string };
const ids = { north: 0, south: 0, hanil: 0, daewoo: 0, geti: 0 };

const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  app = t.app;
  db = t.database.db;
  admin = t.admin;
  const [province] = await db
    .insertInto('region')
    .values({ code: 'KR-T2', kind: 'province', name: 'Test province' })
    .returning('id')
    .execute();
  const complexes = await db
    .insertInto('complex')
    .values([
      { name: 'North', nameKo: '북부', provinceId: province!.id },
      { name: 'South', provinceId: province!.id },
    ])
    .returning('id')
    .execute();
  ids.north = complexes[0]!.id;
  ids.south = complexes[1]!.id;
  const organisations = await db
    .insertInto('organisation')
    .values([
      { name: 'Hanil Precision', nameKo: '한일정밀', kind: 'company', complexId: ids.north },
      { name: 'Daewoo Machinery', kind: 'company', complexId: ids.north },
      {
        name: 'Gumi Electronics Technology Institute',
        kind: 'research_institute',
        complexId: ids.south,
      },
    ])
    .returning('id')
    .execute();
  [ids.hanil, ids.daewoo, ids.geti] = organisations.map((o) => o.id) as [number, number, number];
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const sheet = [
  'activity,date,kind,complex,topic,organisation,person',
  'Spring forum,2024.04.10,포럼,North,Robotics,"HANIL PRECISION Co., Ltd.",Kim',
  'Spring forum,2024-04-10,forum,North,Robotics,Daewoo Machinary,',
  'Spring forum,2024-04-10,forum,North,Robotics,Busan Port Authority,',
  'Consulting day,2024-05-02,consultation,북부,,한일정밀 주식회사,',
  'Consulting day,2024-05-02,consultation,북부,,Gumi Electronics Tech Institute,',
].join('\n');

async function upload(
  content: Buffer | string,
  fileName = 'attendance.csv',
  headers = admin,
): Promise<{ statusCode: number; body: string }> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/activities/imports',
    headers,
    payload: { fileName, contentBase64: Buffer.from(content).toString('base64') },
  });
}

async function tableCounts() {
  const result = await sql<{ activities: number; attendees: number; imports: number }>`
    SELECT (SELECT count(*) FROM activity)::int AS activities,
           (SELECT count(*) FROM activity_attendee)::int AS attendees,
           (SELECT count(*) FROM attendance_import)::int AS imports`.execute(db);
  return result.rows[0]!;
}

describe('attendance import', () => {
  let imported: AttendanceImportResponse;

  it('stores the rows with exact and fuzzy proposals for review, writing no activity', async () => {
    const res = await upload(sheet);
    expect(res.statusCode, res.body).toBe(201);
    imported = json<AttendanceImportResponse>(res.body);
    expect(imported.status).toBe('review');
    expect(imported.counts).toEqual({ rows: 5, activities: 2, exact: 2, fuzzy: 2, none: 1 });
    expect(imported.rows.map((r) => [r.row, r.match, r.organisationId])).toEqual([
      [2, 'exact', ids.hanil],
      [3, 'fuzzy', ids.daewoo],
      [4, 'none', null],
      [5, 'exact', ids.hanil],
      [6, 'fuzzy', ids.geti],
    ]);
    expect(imported.rows[0]).toMatchObject({
      heldOn: '2024-04-10',
      kind: 'forum',
      complexId: ids.north,
      personName: 'Kim',
    });
    expect(imported.rows[2]!.score).toBeNull();
    expect(imported.rows[1]!.score!).toBeGreaterThan(0.9);
    expect(await tableCounts()).toMatchObject({ activities: 0, attendees: 0, imports: 1 });
    const again = await app.inject({
      url: `/api/v1/activities/imports/${imported.id}`,
      headers: admin,
    });
    expect(json<AttendanceImportResponse>(again.body).rows).toEqual(imported.rows);
  });

  it('refuses to commit fuzzy rows without a decision, writing nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/imports/${imported.id}/commit`,
      headers: admin,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    const problem = json<{ detail: string; errors: { field: string; message: string }[] }>(
      res.body,
    );
    expect(problem.errors.map((e) => e.field)).toEqual([
      'row 3: organisation',
      'row 6: organisation',
    ]);
    expect(problem.errors[0]!.message).toContain('Daewoo Machinery');
    expect(problem.detail).toContain('attendance.csv');
    expect(await tableCounts()).toMatchObject({ activities: 0, attendees: 0 });
  });

  it('commits the reviewer’s decisions in one go', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/imports/${imported.id}/commit`,
      headers: admin,
      payload: {
        decisions: [
          { row: 3, action: 'accept' },
          { row: 6, action: 'choose', organisationId: ids.daewoo },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const done = json<AttendanceImportResponse>(res.body);
    expect(done.status).toBe('committed');
    expect(done.summary).toEqual({
      activities: 2,
      attendees: 5,
      exact: 2,
      fuzzy: 1,
      manual: 1,
      none: 1,
    });
    const rows = await db
      .selectFrom('activityAttendee as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activityId')
      .select(['a.title', 'a.kind', 'a.complexId', 'a.importId', 'aa.organisationId', 'aa.match'])
      .orderBy('aa.id')
      .execute();
    expect(rows).toEqual([
      {
        title: 'Spring forum',
        kind: 'forum',
        complexId: ids.north,
        importId: imported.id,
        organisationId: ids.hanil,
        match: 'exact',
      },
      {
        title: 'Spring forum',
        kind: 'forum',
        complexId: ids.north,
        importId: imported.id,
        organisationId: ids.daewoo,
        match: 'fuzzy',
      },
      {
        title: 'Spring forum',
        kind: 'forum',
        complexId: ids.north,
        importId: imported.id,
        organisationId: null,
        match: 'none',
      },
      {
        title: 'Consulting day',
        kind: 'consultation',
        complexId: ids.north,
        importId: imported.id,
        organisationId: ids.hanil,
        match: 'exact',
      },
      {
        title: 'Consulting day',
        kind: 'consultation',
        complexId: ids.north,
        importId: imported.id,
        organisationId: ids.daewoo,
        match: 'manual',
      },
    ]);
    const audit = await db
      .selectFrom('auditEvent')
      .select(['entity', 'action'])
      .where('entity', 'in', ['activities', 'attendance-imports'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { entity: 'attendance-imports', action: 'create' },
      { entity: 'activities', action: 'create' },
      { entity: 'activities', action: 'create' },
      { entity: 'attendance-imports', action: 'update' },
    ]);
    const twice = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/imports/${imported.id}/commit`,
      headers: admin,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
  });

  it('names every bad row and field and stores nothing', async () => {
    const before = await tableCounts();
    const bad = [
      'activity,date,kind,complex,organisation',
      'Forum,2024-02-30,forum,North,Hanil Precision',
      ',2024-03-01,party,West,',
      'Forum,2024-03-01,forum,North,Hanil Precision',
    ].join('\n');
    const res = await upload(bad, 'bad.csv');
    expect(res.statusCode).toBe(400);
    const problem = json<{ detail: string; errors: { field: string; message: string }[] }>(
      res.body,
    );
    expect(problem.errors.map((e) => e.field)).toEqual([
      'row 2: heldOn',
      'row 3: title',
      'row 3: kind',
      'row 3: complex',
      'row 3: organisation',
    ]);
    expect(problem.detail).toMatch(/^bad\.csv: 5 problems in 2 rows; nothing was imported/);
    const noColumn = await upload('title,date\nForum,2024-01-01', 'short.csv');
    expect(noColumn.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noColumn.body).errors.map((e) => e.field)).toEqual(
      ['row 1: kind', 'row 1: organisation'],
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('reads XLSX with date cells, and discards an import', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Attendance');
    ws.addRow(['행사명', '일자', '유형', '단지', '기관명']);
    ws.addRow([
      'Matching day',
      new Date(Date.UTC(2024, 5, 7)),
      '매칭',
      'South',
      'Daewoo Machinery',
    ]);
    ws.addRow(['Matching day', new Date(Date.UTC(2024, 5, 7)), '매칭', 'South', '(주)한일정밀']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(content, 'sheet.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    const body = json<AttendanceImportResponse>(res.body);
    expect(body.rows.map((r) => [r.heldOn, r.kind, r.complexId, r.match])).toEqual([
      ['2024-06-07', 'matchmaking', ids.south, 'exact'],
      ['2024-06-07', 'matchmaking', ids.south, 'exact'],
    ]);
    const discarded = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/imports/${body.id}/discard`,
      headers: admin,
    });
    expect(json<AttendanceImportResponse>(discarded.body).status).toBe('discarded');
  });

  it('checks the importer’s grants for every activity in the sheet', async () => {
    const member = await t.userWith('member', { organisationId: ids.hanil });
    expect((await upload(sheet, 'a.csv', { authorization: member.authorization })).statusCode).toBe(
      403,
    );
    const southTf = await t.userWith('task_force', { complexId: ids.south });
    // The sheet's activities are in North.
    expect(
      (await upload(sheet, 'a.csv', { authorization: southTf.authorization })).statusCode,
    ).toBe(403);
    const northTf = await t.userWith('task_force', { complexId: ids.north });
    expect(
      (await upload(sheet, 'a.csv', { authorization: northTf.authorization })).statusCode,
    ).toBe(201);
  });
});
