import { auditExportQuery, auditPage, auditQuery, problemSchema } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendProblem } from '../http/problem.ts';
import type { AuditService } from './audit.service.ts';

/** Search and export of the audit trail. It has no route that changes it. */
export function registerAuditRoutes(app: FastifyInstance, audit: AuditService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit trail'];
  r.get('/api/v1/audit', {
    schema: {
      tags,
      summary: 'Search the audit trail by entity, user, channel and date',
      querystring: auditQuery,
      response: { 200: auditPage, 401: problemSchema, 403: problemSchema },
    },
    handler: async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return audit.search(req.ctx, filter, page, pageSize);
    },
  });
  r.get('/api/v1/audit/export', {
    schema: {
      tags,
      summary: 'Export the audit trail as CSV or JSON',
      querystring: auditExportQuery,
    },
    handler: async (req, reply) => {
      const { format, ...filter } = req.query;
      const body = await audit.export(req.ctx, filter, format);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json')
        .header('content-disposition', `attachment; filename="innocluster-audit.${format}"`)
        .send(body);
    },
  });
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/v1/audit/:id',
      schema: { hide: true },
      handler: async (req, reply) =>
        sendProblem(reply, req, {
          status: 405,
          title: 'Method not allowed',
          detail: 'The audit trail is append-only: no entry can be changed or deleted.',
        }),
    });
  }
}
