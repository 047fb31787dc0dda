import {
  choroplethQuery,
  choroplethResponse,
  clusterInput,
  clusterListQuery,
  clusterSchema,
  crosswalkDetail,
  crosswalkInput,
  crosswalkSchema,
  datasetConvertBody,
  datasetConvertResult,
  datasetCreate,
  datasetSchema,
  datasetUpdate,
  idParams,
  measuresExportQuery,
  measuresQuery,
  measuresResponse,
  plantImportBody,
  plantImportResult,
  plantSummary,
  plantSummaryQuery,
  portfolioQuery,
  portfolioResponse,
  problemSchema,
  profileQuery,
  profileResponse,
  relatednessQuery,
  relatednessResponse,
  selectionBody,
  selectionFromDataBody,
  selectionFromDataResponse,
  selectionResponse,
  shiftShareQuery,
  shiftShareResponse,
  specialisationQuery,
  specialisationResponse,
  statImportBody,
  statImportResult,
  strategicIndustryInput,
  strategicIndustryQuery,
  strategicIndustrySchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MappingService } from './mapping.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Cluster mapping under /api/v1/mapping: datasets, import, cluster definitions, measures. */
export function registerMappingRoutes(app: FastifyInstance, mapping: MappingService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cluster mapping'];
  const base = '/api/v1/mapping';

  r.get(`${base}/datasets`, {
    schema: {
      tags,
      summary: 'List statistics datasets',
      response: { 200: z.array(datasetSchema), ...errors },
    },
    handler: async (req) => mapping.listDatasets(req.ctx),
  });
  r.get(`${base}/datasets/:id`, {
    schema: {
      tags,
      summary: 'One statistics dataset',
      params: idParams,
      response: { 200: datasetSchema, ...errors },
    },
    handler: async (req) => mapping.getDataset(req.ctx, req.params.id),
  });
  r.post(`${base}/datasets`, {
    schema: {
      tags,
      summary: 'Create a statistics dataset',
      body: datasetCreate,
      response: { 201: datasetSchema, ...errors, 409: problemSchema },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await mapping.createDataset(req.ctx, req.body)),
  });
  r.patch(`${base}/datasets/:id`, {
    schema: {
      tags,
      summary:
        'Change a dataset’s metadata (fields given only); a new fill rule is refused while suppressed cells are stored',
      params: idParams,
      body: datasetUpdate,
      response: { 200: datasetSchema, ...errors, 409: problemSchema },
    },
    handler: async (req) => mapping.updateDataset(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/datasets/:id`, {
    schema: { tags, summary: 'Delete a dataset and its values', params: idParams },
    handler: async (req, reply) => {
      await mapping.deleteDataset(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  });
  r.post(`${base}/datasets/:id/import`, {
    bodyLimit: 200 * 1024 * 1024,
    schema: {
      tags,
      summary:
        'Import statistics (CSV/XLSX as base64, or JSON rows), all or nothing; suppressed cells filled by the dataset’s rule',
      params: idParams,
      body: statImportBody,
      response: { 200: statImportResult, ...errors },
    },
    handler: async (req) => {
      const b = req.body;
      const input =
        b.rows !== undefined
          ? { rows: b.rows }
          : {
              file: {
                fileName: b.fileName ?? 'upload.csv',
                content: Buffer.from(b.contentBase64 ?? '', 'base64'),
              },
            };
      return mapping.importStatistics(req.ctx, req.params.id, input, b.kind);
    },
  });

  r.post(`${base}/datasets/:id/plants`, {
    bodyLimit: 200 * 1024 * 1024,
    schema: {
      tags,
      summary:
        'Import plants (columns plant, region, industry, year, employment; CSV/XLSX as base64, or JSON rows), all or nothing; a plant of the same year and code is replaced',
      params: idParams,
      body: plantImportBody,
      response: { 200: plantImportResult, ...errors },
    },
    handler: async (req) => {
      const b = req.body;
      const input =
        b.rows !== undefined
          ? { rows: b.rows }
          : {
              file: {
                fileName: b.fileName ?? 'upload.csv',
                content: Buffer.from(b.contentBase64 ?? '', 'base64'),
              },
            };
      return mapping.plants.importPlants(req.ctx, req.params.id, input);
    },
  });
  r.get(`${base}/datasets/:id/plants`, {
    schema: {
      tags,
      summary: 'Plants of a dataset per year: count and total employment (persons)',
      params: idParams,
      querystring: plantSummaryQuery,
      response: { 200: plantSummary, ...errors },
    },
    handler: async (req) => mapping.plants.summary(req.ctx, req.params.id, req.query.year),
  });

  r.post(`${base}/datasets/:id/convert`, {
    schema: {
      tags,
      summary:
        'Re-express a dataset in another classification vintage through a crosswalk (writes a new dataset)',
      params: idParams,
      body: datasetConvertBody,
      response: { 201: datasetConvertResult, ...errors, 409: problemSchema },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await mapping.convertDataset(req.ctx, req.params.id, req.body)),
  });

  r.get(`${base}/crosswalks`, {
    schema: {
      tags,
      summary: 'List industry crosswalks between classification vintages',
      response: { 200: z.array(crosswalkSchema), ...errors },
    },
    handler: async (req) => mapping.crosswalks.list(req.ctx),
  });
  r.get(`${base}/crosswalks/:id`, {
    schema: {
      tags,
      summary: 'One crosswalk with its links (from industry, to industry, weight)',
      params: idParams,
      response: { 200: crosswalkDetail, ...errors },
    },
    handler: async (req) => mapping.crosswalks.get(req.ctx, req.params.id),
  });
  r.post(`${base}/crosswalks`, {
    schema: {
      tags,
      summary: 'Create a crosswalk; the weights of each from industry must sum to 1',
      body: crosswalkInput,
      response: { 201: crosswalkDetail, ...errors, 409: problemSchema },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await mapping.crosswalks.create(req.ctx, req.body)),
  });
  r.put(`${base}/crosswalks/:id`, {
    schema: {
      tags,
      summary: 'Replace a crosswalk and all its links',
      params: idParams,
      body: crosswalkInput,
      response: { 200: crosswalkDetail, ...errors, 409: problemSchema },
    },
    handler: async (req) => mapping.crosswalks.update(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/crosswalks/:id`, {
    schema: { tags, summary: 'Delete a crosswalk', params: idParams },
    handler: async (req, reply) => {
      await mapping.crosswalks.delete(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  });

  r.get(`${base}/clusters`, {
    schema: {
      tags,
      summary: 'List cluster definitions (latest versions, or all with all=true)',
      querystring: clusterListQuery,
      response: { 200: z.array(clusterSchema), ...errors },
    },
    handler: async (req) => mapping.listClusters(req.ctx, req.query.all),
  });
  r.post(`${base}/clusters`, {
    schema: {
      tags,
      summary: 'Create a cluster definition (version 1)',
      body: clusterInput,
      response: { 201: clusterSchema, ...errors, 409: problemSchema },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await mapping.createCluster(req.ctx, req.body)),
  });
  r.put(`${base}/clusters/:id`, {
    schema: {
      tags,
      summary: 'Update a cluster definition: writes and returns its next version',
      params: idParams,
      body: clusterInput,
      response: { 200: clusterSchema, ...errors, 409: problemSchema },
    },
    handler: async (req) => mapping.updateCluster(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/clusters/:id`, {
    schema: { tags, summary: 'Delete one version of a cluster definition', params: idParams },
    handler: async (req, reply) => {
      await mapping.deleteCluster(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  });

  r.get(`${base}/measures`, {
    schema: {
      tags,
      summary: 'Region x cluster table: value, totals, LQ, shares, growth, strong, stars, stage',
      querystring: measuresQuery,
      response: { 200: measuresResponse, ...errors },
    },
    handler: async (req) => mapping.measures(req.ctx, req.query),
  });
  r.get(`${base}/choropleth`, {
    schema: {
      tags,
      summary: 'One number per region for the map',
      querystring: choroplethQuery,
      response: { 200: choroplethResponse, ...errors },
    },
    handler: async (req) => mapping.choropleth(req.ctx, req.query),
  });
  r.get(`${base}/portfolio`, {
    schema: {
      tags,
      summary: 'A region’s clusters: LQ against growth, size the measure',
      querystring: portfolioQuery,
      response: { 200: portfolioResponse, ...errors },
    },
    handler: async (req) => mapping.portfolio(req.ctx, req.query),
  });
  r.get(`${base}/profile`, {
    schema: {
      tags,
      summary: 'A regional cluster over the years, with its life-cycle stage and the reason',
      querystring: profileQuery,
      response: { 200: profileResponse, ...errors },
    },
    handler: async (req) => mapping.profile(req.ctx, req.query),
  });
  r.post(`${base}/selection`, {
    schema: {
      tags,
      summary: 'Score and rank candidates on weighted criteria, with rank intervals',
      body: selectionBody,
      response: { 200: selectionResponse, ...errors },
    },
    handler: async (req) => mapping.selection(req.ctx, req.body),
  });
  r.get(`${base}/shift-share`, {
    schema: {
      tags,
      summary:
        'Shift-share of a region between a base year and a year: national growth, industry mix, regional shift per cluster or industry',
      querystring: shiftShareQuery,
      response: { 200: shiftShareResponse, ...errors },
    },
    handler: async (req) => mapping.shiftShare(req.ctx, req.query),
  });
  r.get(`${base}/specialisation`, {
    schema: {
      tags,
      summary:
        'Krugman, Hoover and Herfindahl specialisation per region; Hoover localisation per industry or cluster',
      querystring: specialisationQuery,
      response: { 200: specialisationResponse, ...errors },
    },
    handler: async (req) => mapping.specialisation(req.ctx, req.query),
  });
  r.get(`${base}/relatedness`, {
    schema: {
      tags,
      summary: 'Proximity matrix of clusters or industries from co-located specialisation (LQ ≥ 1)',
      querystring: relatednessQuery,
      response: { 200: relatednessResponse, ...errors },
    },
    handler: async (req) => mapping.relatedness(req.ctx, req.query),
  });
  r.get(`${base}/strategic-industries`, {
    schema: {
      tags,
      summary:
        'Strategic industries declared per province or nationally (data of the policy-consistency criterion)',
      querystring: strategicIndustryQuery,
      response: { 200: z.array(strategicIndustrySchema), ...errors },
    },
    handler: async (req) => mapping.strategic.list(req.ctx, req.query),
  });
  r.put(`${base}/strategic-industries`, {
    schema: {
      tags,
      summary:
        'Replace the strategic industries of one province (or "national"), for any programme or one',
      body: strategicIndustryInput,
      response: { 200: z.array(strategicIndustrySchema), ...errors },
    },
    handler: async (req) => mapping.strategic.replace(req.ctx, req.body),
  });
  r.post(`${base}/selection/from-data`, {
    schema: {
      tags,
      summary:
        'Score and rank registry complexes on the five criteria (competitiveness, influence, concentration, policy consistency, investment expectancy) computed from the data; entered values override',
      body: selectionFromDataBody,
      response: { 200: selectionFromDataResponse, ...errors },
    },
    handler: async (req) => mapping.selectionFromData(req.ctx, req.body),
  });
  r.get(`${base}/measures/export`, {
    schema: {
      tags,
      summary: 'The measures table as CSV, XLSX or JSON',
      querystring: measuresExportQuery,
    },
    handler: async (req, reply) => {
      const { format, ...q } = req.query;
      const out = await mapping.exportMeasures(req.ctx, q, format);
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .send(out.body);
    },
  });
}
