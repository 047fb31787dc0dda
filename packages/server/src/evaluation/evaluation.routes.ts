import {
  allocationCompareQuery,
  allocationCompareResponse,
  allocationScenarioCreate,
  allocationScenarioListQuery,
  allocationScenarioListResponse,
  allocationScenarioSchema,
  allocationSimulateRequest,
  allocationSimulateResponse,
  formulaListResponse,
  frameworkCreateRequest,
  frameworkListResponse,
  frameworkSchema,
  frameworkVersionRequest,
  idParams,
  indexRunListQuery,
  indexRunListResponse,
  indexRunRequest,
  indexRunSchema,
  policyHintsQuery,
  policyHintsResponse,
  problemSchema,
  reportQuery,
  scorecardQuery,
  scorecardSchema,
  uncertaintyRunListQuery,
  uncertaintyRunListResponse,
  uncertaintyRunRequest,
  uncertaintyRunSchema,
  valuesImportRequest,
  valuesImportResponse,
  valuesPutRequest,
  valuesQuery,
  valuesResponse,
  valuesWriteResponse,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentTypes } from '../transfer/transfer-files.ts';
import type { EvaluationService } from './evaluation.service.ts';

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const complexParams = z.object({ complexId: z.coerce.number().int().positive() });

/**
 * The evaluation of complexes under /api/v1/evaluation: frameworks and formulas, indicator
 * values (entered, imported, computed), index runs, uncertainty runs (jobs), allocation
 * (simulation and saved scenarios), scorecards, policy hints and PDF/XLSX reports.
 */
export function registerEvaluationRoutes(
  app: FastifyInstance,
  evaluation: EvaluationService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluation'];
  const base = '/api/v1/evaluation';

  r.get(`${base}/formulas`, {
    schema: {
      tags,
      summary: 'The named formulas computed from the platform’s data, with units and definitions',
      response: { 200: formulaListResponse, ...errors },
    },
    handler: async (req) => ({ items: evaluation.formulas(req.ctx) }),
  });

  r.get(`${base}/frameworks`, {
    schema: {
      tags,
      summary: 'Indicator frameworks, every version (latest flagged)',
      response: { 200: frameworkListResponse, ...errors },
    },
    handler: async (req) => ({ items: await evaluation.listFrameworks(req.ctx) }),
  });

  r.post(`${base}/frameworks`, {
    schema: {
      tags,
      summary: 'Create a framework (version 1); validated, issues name indicator and field',
      body: frameworkCreateRequest,
      response: { 201: frameworkSchema, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await evaluation.createFramework(req.ctx, req.body)),
  });

  r.get(`${base}/frameworks/:id`, {
    schema: {
      tags,
      summary: 'One framework version with its tracks, indicators and nested weights',
      params: idParams,
      response: { 200: frameworkSchema, ...errors },
    },
    handler: async (req) => evaluation.getFramework(req.ctx, req.params.id),
  });

  r.get(`${base}/frameworks/:id/versions`, {
    schema: {
      tags,
      summary: 'Every version of the framework’s code, newest first',
      params: idParams,
      response: { 200: frameworkListResponse, ...errors },
    },
    handler: async (req) => ({ items: await evaluation.frameworkVersions(req.ctx, req.params.id) }),
  });

  r.post(`${base}/frameworks/:id/versions`, {
    schema: {
      tags,
      summary: 'Store a new version of the framework’s code',
      params: idParams,
      body: frameworkVersionRequest,
      response: { 201: frameworkSchema, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await evaluation.createVersion(req.ctx, req.params.id, req.body)),
  });

  r.get(`${base}/values`, {
    schema: {
      tags,
      summary: 'Indicator values per complex and year: entered and computed side by side',
      querystring: valuesQuery,
      response: { 200: valuesResponse, ...errors },
    },
    handler: async (req) => evaluation.values(req.ctx, req.query),
  });

  r.put(`${base}/values`, {
    schema: {
      tags,
      summary: 'Enter a batch of values (value null deletes); all or nothing, errors per row',
      body: valuesPutRequest,
      response: { 200: valuesWriteResponse, ...errors },
    },
    handler: async (req) => evaluation.putValues(req.ctx, req.body),
  });

  r.post(`${base}/values/import`, {
    schema: {
      tags,
      summary: 'Import values from CSV or XLSX (base64)',
      description:
        'Columns: complex (id or name), year, indicator (code), value, source (optional). All or nothing: every problem names the file row and column.',
      body: valuesImportRequest,
      response: { 200: valuesImportResponse, ...errors },
    },
    handler: async (req) => evaluation.importValues(req.ctx, req.body),
  });

  r.get(`${base}/index-runs`, {
    schema: {
      tags,
      summary: 'Index runs, newest first',
      querystring: indexRunListQuery,
      response: { 200: indexRunListResponse, ...errors },
    },
    handler: async (req) => ({
      items: await evaluation.listIndexRuns(req.ctx, req.query.frameworkId),
    }),
  });

  r.post(`${base}/index-runs`, {
    schema: {
      tags,
      summary: 'Compute and store a composite index with every method choice recorded',
      description:
        'Missing data, normalisation, weighting (equal, framework, budget points, AHP with consistency ratio, PCA, fixed) and aggregation, after the OECD/JRC Handbook (2008). The response holds the choices, the weights used, scores, ranks and per-indicator contributions.',
      body: indexRunRequest,
      response: { 201: indexRunSchema, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await evaluation.createIndexRun(req.ctx, req.body)),
  });

  r.get(`${base}/index-runs/:id`, {
    schema: {
      tags,
      summary: 'An index run: choices, weights, scores, ranks and contributions',
      params: idParams,
      response: { 200: indexRunSchema, ...errors },
    },
    handler: async (req) => evaluation.getIndexRun(req.ctx, req.params.id),
  });

  r.get(`${base}/uncertainty-runs`, {
    schema: {
      tags,
      summary: 'Uncertainty runs (without results), newest first',
      querystring: uncertaintyRunListQuery,
      response: { 200: uncertaintyRunListResponse, ...errors },
    },
    handler: async (req) => ({
      items: await evaluation.listUncertainty(req.ctx, req.query.indexRunId),
    }),
  });

  r.post(`${base}/uncertainty-runs`, {
    schema: {
      tags,
      summary:
        'Start a seeded Monte Carlo uncertainty and sensitivity run as a job; poll GET /evaluation/uncertainty-runs/:id',
      body: uncertaintyRunRequest,
      response: { 202: uncertaintyRunSchema, ...errors },
    },
    handler: async (req, reply) => {
      const { run } = await evaluation.startUncertainty(req.ctx, req.body);
      return reply.code(202).send(run);
    },
  });

  r.get(`${base}/uncertainty-runs/:id`, {
    schema: {
      tags,
      summary: 'An uncertainty run: status, progress 0..1 and its result once done',
      params: idParams,
      response: { 200: uncertaintyRunSchema, ...errors },
    },
    handler: async (req) => evaluation.getUncertainty(req.ctx, req.params.id),
  });

  r.post(`${base}/allocation/simulate`, {
    schema: {
      tags,
      summary: 'Allocate next year’s pool by one or more rules over an index run; nothing stored',
      body: allocationSimulateRequest,
      response: { 200: allocationSimulateResponse, ...errors },
    },
    handler: async (req) => evaluation.simulate(req.ctx, req.body),
  });

  r.get(`${base}/allocation-scenarios`, {
    schema: {
      tags,
      summary: 'Saved allocation scenarios (without outcomes), newest first',
      querystring: allocationScenarioListQuery,
      response: { 200: allocationScenarioListResponse, ...errors },
    },
    handler: async (req) => ({
      items: await evaluation.listScenarios(req.ctx, req.query.indexRunId),
    }),
  });

  r.post(`${base}/allocation-scenarios`, {
    schema: {
      tags,
      summary: 'Save a named allocation rule with its outcome (whole KRW summing to the pool)',
      body: allocationScenarioCreate,
      response: { 201: allocationScenarioSchema, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await evaluation.createScenario(req.ctx, req.body)),
  });

  r.get(`${base}/allocation-scenarios/compare`, {
    schema: {
      tags,
      summary: 'Saved scenarios side by side: one amount per scenario for every complex',
      querystring: allocationCompareQuery,
      response: { 200: allocationCompareResponse, ...errors },
    },
    handler: async (req) => evaluation.compare(req.ctx, req.query.ids),
  });

  r.get(`${base}/allocation-scenarios/:id`, {
    schema: {
      tags,
      summary: 'A saved allocation scenario with its outcome',
      params: idParams,
      response: { 200: allocationScenarioSchema, ...errors },
    },
    handler: async (req) => evaluation.getScenario(req.ctx, req.params.id),
  });

  r.delete(`${base}/allocation-scenarios/:id`, {
    schema: {
      tags,
      summary: 'Delete a saved allocation scenario',
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (req, reply) => {
      await evaluation.deleteScenario(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });

  r.get(`${base}/scorecards/:complexId`, {
    schema: {
      tags,
      summary:
        'A complex’s scorecard: indicator trends, peer comparison (rank, median, best) and the index per year',
      params: complexParams,
      querystring: scorecardQuery,
      response: { 200: scorecardSchema, ...errors },
    },
    handler: async (req) => evaluation.scorecard(req.ctx, req.params.complexId, req.query),
  });

  r.get(`${base}/policy-hints`, {
    schema: {
      tags,
      summary:
        'Policy hints for a complex from its life-cycle stage and network measures, each citing its sources',
      querystring: policyHintsQuery,
      response: { 200: policyHintsResponse, ...errors },
    },
    handler: async (req) => evaluation.policyHints(req.ctx, req.query.complexId),
  });

  r.get(`${base}/reports/:id.pdf`, {
    schema: {
      tags,
      summary:
        'Programme report of an index run as PDF (ranking, intervals, allocation), printed by Chromium; 503 when Chromium is missing',
      params: idParams,
      querystring: reportQuery,
    },
    handler: async (req, reply) => {
      const pdf = await evaluation.reportPdf(req.ctx, req.params.id, req.query);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="evaluation-report-${req.params.id}.pdf"`,
        )
        .send(pdf);
    },
  });

  r.get(`${base}/reports/:id.xlsx`, {
    schema: {
      tags,
      summary:
        'Programme report of an index run as XLSX (Ranking, Indicators, Method, Uncertainty, Allocation)',
      params: idParams,
      querystring: reportQuery,
    },
    handler: async (req, reply) => {
      const xlsx = await evaluation.reportXlsx(req.ctx, req.params.id, req.query);
      return reply
        .type(contentTypes.xlsx)
        .header(
          'content-disposition',
          `attachment; filename="evaluation-report-${req.params.id}.xlsx"`,
        )
        .send(xlsx);
    },
  });
}
