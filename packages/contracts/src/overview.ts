import { z } from 'zod';
import { isoDate } from './common.ts';
import { organisationKinds } from './registry.ts';

/** Participant counts of one complex by organisation type (organisations, not people). */
export const participantRowSchema = z.object({
  complexId: z.number().int(),
  complexName: z.string(),
  provinceName: z.string().nullable(),
  companies: z.number().int(),
  universities: z.number().int(),
  researchInstitutes: z.number().int(),
  supportInstitutions: z.number().int().describe('Support institutions and local governments'),
  total: z.number().int(),
  syntheticOrganisations: z
    .number()
    .int()
    .describe('How many of the counted organisations are generated demo entries'),
  reference: z
    .object({
      dataset: z.string(),
      asOf: isoDate,
      source: z.string(),
      companies: z.number().int(),
      universities: z.number().int(),
      researchInstitutes: z.number().int(),
      supportInstitutions: z.number().int(),
      total: z.number().int(),
    })
    .nullable()
    .describe('The published figures these counts should reproduce, where the demo has them'),
});
export const participantAggregateSchema = z.object({
  unit: z.literal('organisations'),
  rows: z.array(participantRowSchema),
  totals: participantRowSchema.pick({
    companies: true,
    universities: true,
    researchInstitutes: true,
    supportInstitutions: true,
    total: true,
  }),
});
export type ParticipantRow = z.infer<typeof participantRowSchema>;
export type ParticipantAggregate = z.infer<typeof participantAggregateSchema>;

export const budgetAggregateQuery = z.object({
  programmeId: z.coerce.number().int().positive().optional(),
});
export const budgetAggregateSchema = z.object({
  programmeId: z.number().int().nullable(),
  years: z.array(
    z.object({
      year: z.number().int(),
      needKrw100m: z.number().nullable(),
      allottedKrw100m: z.number().nullable(),
      allottedIsEstimate: z.boolean(),
      source: z.string().nullable(),
    }),
  ),
  items: z.array(
    z.object({
      year: z.number().int(),
      itemGroup: z.string(),
      item: z.string(),
      amountKrwMillion: z.number(),
      source: z.string().nullable(),
    }),
  ),
  units: z.object({ years: z.literal('KRW 100 million'), items: z.literal('KRW million') }),
});
export type BudgetAggregate = z.infer<typeof budgetAggregateSchema>;

export const complexSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  nameKo: z.string().nullable(),
  kind: z.string().nullable(),
  provinceId: z.number().int(),
  provinceName: z.string(),
  provinceIso: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  isHub: z.boolean(),
  joined: isoDate.nullable(),
  focus: z.string().nullable(),
  organisations: z.number().int(),
  miniClusters: z.number().int(),
  synthetic: z.boolean(),
});
export const overviewSchema = z.object({
  programme: z
    .object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      ministry: z.string(),
      agency: z.string().nullable(),
      startDate: isoDate.nullable(),
      endDate: isoDate.nullable(),
      phases: z.array(
        z.object({ name: z.string(), startDate: isoDate, endDate: isoDate.nullable() }),
      ),
    })
    .nullable(),
  complexes: z.array(complexSummarySchema),
  counts: z.object({
    complexes: z.number().int(),
    miniClusters: z.number().int(),
    organisations: z.number().int(),
    syntheticOrganisations: z.number().int(),
  }),
});
export type Overview = z.infer<typeof overviewSchema>;
export type ComplexSummary = z.infer<typeof complexSummarySchema>;

export const complexDetailSchema = z.object({
  complex: complexSummarySchema.extend({
    areaKm2: z.number().nullable(),
    hubId: z.number().int().nullable(),
    source: z.string().nullable(),
  }),
  organisationsByKind: z.array(
    z.object({ kind: z.enum(organisationKinds), count: z.number().int() }),
  ),
  miniClusters: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      field: z.string(),
      started: isoDate.nullable(),
      ended: isoDate.nullable(),
      members: z.number().int(),
      synthetic: z.boolean(),
    }),
  ),
  taskForce: z.array(
    z.object({
      bodyId: z.number().int(),
      bodyName: z.string(),
      personId: z.number().int(),
      personName: z.string(),
      role: z.string(),
      team: z.string().nullable(),
      synthetic: z.boolean(),
    }),
  ),
});
export type ComplexDetail = z.infer<typeof complexDetailSchema>;
