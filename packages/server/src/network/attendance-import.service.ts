import {
  activityKinds,
  type ActivityKind,
  type AttendanceCommitRequest,
  type AttendanceImportResponse,
  type AttendanceImportRow,
} from '@innocluster/contracts';
import {
  buildNameIndex,
  dayNumber,
  isoOfDay,
  matchOrganisationName,
  mayAtAll,
  type NameMatch,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, translateDbError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import { ImportError, type ImportIssue } from '../transfer/import.service.ts';
import { displayCell, isEmptyCell, normaliseHeader } from '../transfer/transfer-fields.ts';
import { importFormatOf, readTable, type Cell } from '../transfer/transfer-files.ts';
import {
  attendeesByIds,
  complexNames,
  insertActivities,
  insertAttendees,
  organisationNames,
  organisationsByIds,
  type AttendeeValues,
} from './activity.repository.ts';
import { checkActivity } from './activity.service.ts';
import {
  findAttendanceImport,
  insertAttendanceImport,
  setAttendanceImportStatus,
  type AttendanceImportRecord,
} from './attendance-import.repository.ts';

type Column = 'title' | 'heldOn' | 'kind' | 'complex' | 'topic' | 'organisation' | 'person';

/** Header spellings accepted for each column, compared without case, spaces, - and _. */
const headerAliases: Record<Column, string[]> = {
  title: ['activity', 'title', 'activitytitle', 'event', '행사명', '활동명', '행사'],
  heldOn: ['date', 'heldon', 'helddate', 'activitydate', '일자', '날짜', '개최일'],
  kind: ['kind', 'type', 'activitykind', 'activitytype', '유형', '종류'],
  complex: ['complex', 'industrialcomplex', '단지', '산업단지'],
  topic: ['topic', 'subject', '주제'],
  organisation: [
    'organisation',
    'organization',
    'attendeeorganisation',
    'attendeeorganization',
    'company',
    '기관',
    '기관명',
    '소속',
    '업체명',
  ],
  person: ['person', 'attendee', 'attendeename', 'participant', '성명', '이름', '참석자'],
};
const required: Column[] = ['title', 'heldOn', 'kind', 'organisation'];

/** Korean names of the activity kinds as sheets write them. */
const koreanKinds: Record<string, ActivityKind> = {
  포럼: 'forum',
  세미나: 'seminar',
  기술세미나: 'seminar',
  워크숍: 'workshop',
  워크샵: 'workshop',
  회의: 'meeting',
  상담: 'consultation',
  컨설팅: 'consultation',
  매칭: 'matchmaking',
  매칭데이: 'matchmaking',
  전시회: 'exhibition',
  박람회: 'exhibition',
};

/** A date cell as ISO: XLSX dates, or text as YYYY-MM-DD, YYYY.MM.DD or YYYY/MM/DD. */
function isoDateOf(cell: Cell): string | null {
  const text = displayCell(cell).trim();
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  // Round-tripping rejects days that do not exist, such as 2009-02-30.
  return isoOfDay(dayNumber(iso)) === iso ? iso : null;
}

function kindOf(cell: Cell): ActivityKind | null {
  const text = displayCell(cell).trim().toLowerCase();
  if ((activityKinds as readonly string[]).includes(text)) return text as ActivityKind;
  return koreanKinds[text.replace(/\s/g, '')] ?? null;
}

function counts(rows: readonly AttendanceImportRow[]) {
  const activities = new Set(rows.map((r) => activityKey(r)));
  return {
    rows: rows.length,
    activities: activities.size,
    exact: rows.filter((r) => r.match === 'exact').length,
    fuzzy: rows.filter((r) => r.match === 'fuzzy').length,
    none: rows.filter((r) => r.match === 'none').length,
  };
}

/** Rows of one sheet with the same title, date, kind and complex are one activity. */
function activityKey(r: AttendanceImportRow): string {
  return JSON.stringify([r.title, r.heldOn, r.kind, r.complexId]);
}

function response(record: AttendanceImportRecord): AttendanceImportResponse {
  return {
    id: record.id,
    fileName: record.fileName,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    committedAt: record.committedAt,
    rows: record.rows,
    counts: counts(record.rows),
    summary: (record.summary as AttendanceImportResponse['summary']) ?? null,
  };
}

/**
 * Attendance sheets (CSV or XLSX): one row per attendee with the activity's title, date, kind
 * and complex, and the attendee's organisation (and person). Upload parses the sheet and
 * proposes registry matches (exact, then Jaro-Winkler fuzzy), held for review; commit applies
 * the reviewer's decisions and writes every activity and attendee in one transaction.
 */
export class AttendanceImportService {
  constructor(private readonly db: Db) {}

  private checkMayImport(ctx: RequestContext): void {
    if (!mayAtAll(ctx.principal.grants, 'activities', 'create'))
      throw denied(ctx, 'create', 'attendance import');
  }

  /** Parses and matches a sheet; nothing is written to the activity tables. */
  async upload(
    ctx: RequestContext,
    file: { fileName: string; content: Buffer },
  ): Promise<AttendanceImportResponse> {
    this.checkMayImport(ctx);
    const format = importFormatOf(file.fileName);
    if (!format)
      throw new ImportError(file.fileName, [
        { row: 0, column: '', value: file.fileName, message: 'must end in .csv or .xlsx' },
      ]);
    const table = await readTable(file.content, format);
    const issues: ImportIssue[] = [];
    const columnIndex = new Map<Column, number>();
    table.header.forEach((header, i) => {
      const key = normaliseHeader(header);
      for (const [column, aliases] of Object.entries(headerAliases) as [Column, string[]][])
        if (aliases.includes(key) && !columnIndex.has(column)) columnIndex.set(column, i);
    });
    for (const column of required)
      if (!columnIndex.has(column))
        issues.push({
          row: table.headerRow,
          column,
          value: '',
          message: `the header has no ${column} column (accepted: ${headerAliases[column].join(', ')})`,
        });
    if (issues.length) throw new ImportError(file.fileName, issues);

    const complexes = await complexNames(this.db);
    const complexByName = new Map<string, number>();
    for (const c of complexes) {
      complexByName.set(c.name.trim().toLowerCase(), c.id);
      if (c.nameKo) complexByName.set(c.nameKo.trim().toLowerCase(), c.id);
    }
    const index = buildNameIndex(await organisationNames(this.db));
    const matches = new Map<string, NameMatch>();
    const rows: AttendanceImportRow[] = [];
    for (const { row, cells } of table.rows) {
      if (cells.every(isEmptyCell)) continue;
      const cell = (column: Column): Cell => {
        const i = columnIndex.get(column);
        return i === undefined ? null : (cells[i] ?? null);
      };
      const text = (column: Column) => displayCell(cell(column)).trim();
      const rowIssues: ImportIssue[] = [];
      const problem = (column: Column, message: string) =>
        rowIssues.push({ row, column, value: text(column), message });
      const title = text('title');
      if (title === '') problem('title', 'is required');
      else if (title.length > 300) problem('title', 'is longer than 300 characters');
      const heldOn = isoDateOf(cell('heldOn'));
      if (!heldOn) problem('heldOn', 'is not a date (YYYY-MM-DD)');
      const kind = kindOf(cell('kind'));
      if (!kind) problem('kind', `is not one of ${activityKinds.join(', ')}`);
      let complexId: number | null = null;
      if (text('complex') !== '') {
        complexId = complexByName.get(text('complex').toLowerCase()) ?? null;
        if (complexId === null) problem('complex', 'is not a complex of the registry');
      }
      const organisationName = text('organisation');
      if (organisationName === '') problem('organisation', 'is required');
      if (rowIssues.length) {
        issues.push(...rowIssues);
        continue;
      }
      let match = matches.get(organisationName);
      if (!match) {
        match = matchOrganisationName(index, organisationName);
        matches.set(organisationName, match);
      }
      rows.push({
        row,
        title,
        heldOn: heldOn!,
        kind: kind!,
        complexId,
        topic: text('topic') || null,
        organisationName,
        personName: text('person') || null,
        match: match.match,
        organisationId: match.organisationId,
        score: match.score,
        candidates: match.candidates,
      });
    }
    if (issues.length) throw new ImportError(file.fileName, issues);
    if (rows.length === 0)
      throw new ImportError(file.fileName, [
        { row: table.headerRow + 1, column: '', value: '', message: 'the sheet has no rows' },
      ]);
    for (const complexId of new Set(rows.map((r) => r.complexId)))
      checkActivity(ctx, 'create', { complexId });

    return this.db.transaction().execute(async (tx) => {
      const id = await insertAttendanceImport(tx, {
        fileName: file.fileName,
        createdBy: ctx.principal.userId,
        rows,
      });
      const record = await findAttendanceImport(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'attendance-imports', id, null, {
          fileName: file.fileName,
          ...counts(rows),
        }),
      ]);
      return response(record!);
    });
  }

  private async visible(db: Db, ctx: RequestContext, id: number, forUpdate = false) {
    this.checkMayImport(ctx);
    const record = await findAttendanceImport(db, id, forUpdate);
    if (!record) throw new NotFoundError('attendance import', id);
    return record;
  }

  async get(ctx: RequestContext, id: number): Promise<AttendanceImportResponse> {
    return response(await this.visible(this.db, ctx, id));
  }

  async discard(ctx: RequestContext, id: number): Promise<AttendanceImportResponse> {
    return this.db.transaction().execute(async (tx) => {
      const record = await this.visible(tx, ctx, id, true);
      if (record.status !== 'review')
        throw new ConflictError(`Attendance import ${id} is already ${record.status}`);
      await setAttendanceImportStatus(tx, id, 'discarded', null);
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'update',
          'attendance-imports',
          id,
          { status: 'review' },
          { status: 'discarded' },
        ),
      ]);
      return response((await findAttendanceImport(tx, id))!);
    });
  }

  /**
   * Applies the reviewer's decisions and writes the activities and attendees, all or nothing.
   * Rows without a decision keep an exact match (unless `acceptExact` is false) and stay
   * unmatched when nothing was proposed; a fuzzy proposal needs a decision (or `acceptFuzzy`).
   */
  async commit(
    ctx: RequestContext,
    id: number,
    body: AttendanceCommitRequest,
  ): Promise<AttendanceImportResponse> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const record = await this.visible(tx, ctx, id, true);
        if (record.status !== 'review')
          throw new ConflictError(`Attendance import ${id} is already ${record.status}`);
        const issues: ImportIssue[] = [];
        const byRow = new Map(record.rows.map((r) => [r.row, r]));
        const decisions = new Map<number, AttendanceCommitRequest['decisions'][number]>();
        body.decisions.forEach((d) => {
          if (!byRow.has(d.row))
            issues.push({
              row: d.row,
              column: '',
              value: '',
              message: 'is not a row of this import',
            });
          else decisions.set(d.row, d);
        });
        const chosen = body.decisions.flatMap((d) =>
          d.action === 'choose' && d.organisationId !== undefined ? [d.organisationId] : [],
        );
        const existing = new Set((await organisationsByIds(tx, chosen)).map((o) => o.id));

        type Resolved = { organisationId: number | null; match: string; score: number | null };
        const resolved = new Map<number, Resolved>();
        for (const r of record.rows) {
          const d = decisions.get(r.row);
          const issue = (message: string) =>
            issues.push({ row: r.row, column: 'organisation', value: r.organisationName, message });
          if (d?.action === 'choose') {
            if (!existing.has(d.organisationId!))
              issue(`is set to organisation ${d.organisationId}, which does not exist`);
            else
              resolved.set(r.row, {
                organisationId: d.organisationId!,
                match: 'manual',
                score: null,
              });
          } else if (d?.action === 'none') {
            resolved.set(r.row, { organisationId: null, match: 'none', score: null });
          } else if (
            d?.action === 'accept' ||
            (!d && r.match === 'exact' && body.acceptExact) ||
            (!d && r.match === 'fuzzy' && body.acceptFuzzy)
          ) {
            if (r.organisationId === null)
              issue('has no proposed match to accept: choose one or mark it none');
            else
              resolved.set(r.row, {
                organisationId: r.organisationId,
                match: r.match,
                score: r.score,
              });
          } else if (!d && r.match === 'none') {
            resolved.set(r.row, { organisationId: null, match: 'none', score: null });
          } else {
            const best = r.candidates[0];
            issue(
              `needs a decision (accept, choose or none)${best ? `: proposed ${best.name}, similarity ${best.score.toFixed(2)}` : ''}`,
            );
          }
        }
        if (issues.length) throw new ImportError(record.fileName, issues);

        const groups = new Map<string, AttendanceImportRow[]>();
        for (const r of record.rows) {
          const key = activityKey(r);
          groups.set(key, [...(groups.get(key) ?? []), r]);
        }
        const heads = [...groups.values()].map((g) => g[0]!);
        for (const complexId of new Set(heads.map((h) => h.complexId)))
          checkActivity(ctx, 'create', { complexId });
        const activityIds = await insertActivities(
          tx,
          heads.map((h) => ({
            complexId: h.complexId,
            kind: h.kind,
            title: h.title,
            topic: h.topic,
            heldOn: h.heldOn,
            importId: id,
          })),
        );
        const attendees: AttendeeValues[] = [];
        [...groups.values()].forEach((group, i) => {
          for (const r of group) {
            const res = resolved.get(r.row)!;
            attendees.push({
              activityId: activityIds[i]!,
              organisationId: res.organisationId,
              personId: null,
              nameAsWritten: r.organisationName,
              match: res.match,
              matchScore: res.score,
            });
          }
        });
        const attendeeIds = await insertAttendees(tx, attendees);
        const written = await attendeesByIds(tx, attendeeIds);
        const summary = {
          activities: activityIds.length,
          attendees: written.length,
          exact: written.filter((a) => a.match === 'exact').length,
          fuzzy: written.filter((a) => a.match === 'fuzzy').length,
          manual: written.filter((a) => a.match === 'manual').length,
          none: written.filter((a) => a.match === 'none').length,
        };
        await setAttendanceImportStatus(tx, id, 'committed', summary);
        await insertAuditEvents(tx, [
          ...heads.map((h, i) =>
            auditEntry(ctx, 'create', 'activities', activityIds[i]!, null, {
              title: h.title,
              heldOn: h.heldOn,
              kind: h.kind,
              complexId: h.complexId,
              topic: h.topic,
              importId: id,
              attendees: written.filter((a) => a.activityId === activityIds[i]),
            }),
          ),
          auditEntry(
            ctx,
            'update',
            'attendance-imports',
            id,
            { status: 'review' },
            {
              status: 'committed',
              ...summary,
            },
          ),
        ]);
        return response((await findAttendanceImport(tx, id))!);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }
}
