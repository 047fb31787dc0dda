import {
  attendanceCommitRequest,
  attendanceImportRequest,
  attendanceImportResponse,
  idParams,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AttendanceImportService } from './attendance-import.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Activities'];

/** Attendance-sheet imports with a review step under /api/v1/activities/imports. */
export function registerAttendanceImportRoutes(
  app: FastifyInstance,
  imports: AttendanceImportService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/activities/imports';
  r.post(base, {
    schema: {
      tags,
      summary: 'Upload an attendance sheet for review',
      description:
        'CSV or XLSX (base64), one row per attendee: activity (title), date, kind, complex, topic, organisation, person. Organisation names are matched to the registry: exact (case, spaces and legal forms ignored), then fuzzy (Jaro-Winkler similarity, at least 0.88). The rows and proposals are stored with status review; nothing is written to the activities yet. Bad rows fail the upload with their row and column named.',
      body: attendanceImportRequest,
      response: { 201: attendanceImportResponse, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(
        await imports.upload(req.ctx, {
          fileName: req.body.fileName,
          content: Buffer.from(req.body.contentBase64, 'base64'),
        }),
      ),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get an attendance import with its proposed matches',
      params: idParams,
      response: { 200: attendanceImportResponse, ...problems },
    },
    handler: async (req) => imports.get(req.ctx, req.params.id),
  });
  r.post(`${base}/:id/commit`, {
    schema: {
      tags,
      summary: 'Commit an attendance import with the reviewer’s decisions',
      description:
        'Per row: accept the proposal, choose another organisation, or mark it none. Rows without a decision keep exact matches; fuzzy proposals need a decision unless acceptFuzzy. Writes every activity and attendee in one transaction, or nothing.',
      params: idParams,
      body: attendanceCommitRequest,
      response: { 200: attendanceImportResponse, ...problems },
    },
    handler: async (req) => imports.commit(req.ctx, req.params.id, req.body),
  });
  r.post(`${base}/:id/discard`, {
    schema: {
      tags,
      summary: 'Discard an attendance import',
      params: idParams,
      response: { 200: attendanceImportResponse, ...problems },
    },
    handler: async (req) => imports.discard(req.ctx, req.params.id),
  });
}
