import { lifeCycleReasonCodes } from '@innocluster/domain';
import { z } from 'zod';

/** The measures a statistics dataset may hold, per region x industry x year. */
export const statMeasures = [
  'employment',
  'establishments',
  'payroll',
  'production',
  'exports',
  'value_added',
  'rd_spending',
  'patents',
] as const;
export const statMeasure = z.enum(statMeasures);

/**
 * The conditions behind a life-cycle stage as codes with their numbers (rates as fractions a
 * year, LQ slopes in LQ points a year), for interfaces to word in their own language;
 * `stageReason` holds the same in English.
 */
export const stageReasonsSchema = z
  .array(
    z.object({
      code: z.enum(lifeCycleReasonCodes),
      params: z.record(z.string(), z.number()),
    }),
  )
  .describe('The reasons of the stage as codes and parameters');
export type StageReasons = z.infer<typeof stageReasonsSchema>;

export const datasetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.string().nullable(),
  licence: z.string().nullable(),
  universe: z
    .enum(['sum', 'national'])
    .describe('Reference universe: the sum of imported regions, or imported national totals'),
  fillRule: z
    .enum(['zero', 'band_midpoint', 'parent_share'])
    .describe('How suppressed cells are filled on import'),
  description: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  values: z.number().int(),
  suppressed: z.number().int(),
  filled: z.number().int(),
  years: z.array(z.number().int()),
});
export type Dataset = z.infer<typeof datasetSchema>;

export const datasetCreate = z.object({
  name: z.string().trim().min(1).max(200),
  source: z.string().max(1000).nullable().optional(),
  licence: z.string().max(1000).nullable().optional(),
  universe: z.enum(['sum', 'national']).default('sum'),
  fillRule: z.enum(['zero', 'band_midpoint', 'parent_share']).default('zero'),
  description: z.string().max(4000).nullable().optional(),
  synthetic: z.boolean().default(false),
});
export type DatasetCreate = z.infer<typeof datasetCreate>;

/**
 * A change of a dataset's metadata: only the fields given change. Changing `fillRule` is refused
 * (409) while the dataset holds suppressed cells, which were filled by the old rule at import;
 * `universe` is read when measures are computed, so it takes effect at once.
 */
export const datasetUpdate = z
  .object({
    name: z.string().trim().min(1).max(200),
    source: z.string().max(1000).nullable(),
    licence: z.string().max(1000).nullable(),
    universe: z
      .enum(['sum', 'national'])
      .describe('Reference universe: the sum of imported regions, or imported national totals'),
    fillRule: z
      .enum(['zero', 'band_midpoint', 'parent_share'])
      .describe('How suppressed cells are filled on import; refused while any are stored'),
    description: z.string().max(4000).nullable(),
    synthetic: z.boolean().describe('Also flags the dataset’s stored values'),
  })
  .partial();
export type DatasetUpdate = z.infer<typeof datasetUpdate>;

export const statRow = z.object({
  region: z.string().min(1).describe('Region code (registry)'),
  industry: z.string().min(1).describe('Industry code (registry)'),
  year: z.number().int(),
  measure: statMeasure,
  value: z.number().nullable().optional(),
  suppressed: z.boolean().optional(),
  bandLow: z.number().nullable().optional(),
  bandHigh: z.number().nullable().optional(),
});

export const statImportBody = z
  .object({
    fileName: z.string().optional().describe('A .csv or .xlsx name; with contentBase64'),
    contentBase64: z.string().optional(),
    rows: z.array(statRow).optional().describe('Instead of a file: the rows as JSON'),
    kind: z
      .enum(['regional', 'national'])
      .default('regional')
      .describe('national: the file holds national totals (region column ignored)'),
  })
  .refine((b) => (b.contentBase64 !== undefined) !== (b.rows !== undefined), {
    message: 'give either fileName + contentBase64 or rows',
  });
export type StatImportBody = z.infer<typeof statImportBody>;

export const statImportResult = z.object({
  datasetId: z.number().int(),
  inserted: z.number().int(),
  suppressed: z.number().int(),
  filled: z.number().int(),
});

/** One plant as JSON (instead of a file): its code, region and industry codes, employment. */
export const plantRow = z.object({
  plant: z.string().min(1).describe('The plant’s code or id in the source'),
  region: z.string().min(1).describe('Region code (registry)'),
  industry: z.string().min(1).describe('Industry code (registry)'),
  year: z.number().int(),
  employment: z.number().nonnegative().describe('Persons employed'),
});

export const plantImportBody = z
  .object({
    fileName: z.string().optional().describe('A .csv or .xlsx name; with contentBase64'),
    contentBase64: z
      .string()
      .optional()
      .describe('Columns plant, region, industry, year, employment'),
    rows: z.array(plantRow).optional().describe('Instead of a file: the plants as JSON'),
  })
  .refine((b) => (b.contentBase64 !== undefined) !== (b.rows !== undefined), {
    message: 'give either fileName + contentBase64 or rows',
  });
export type PlantImportBody = z.infer<typeof plantImportBody>;

export const plantImportResult = z.object({
  datasetId: z.number().int(),
  inserted: z.number().int().describe('Plants written (new and replaced)'),
  replaced: z
    .number()
    .int()
    .describe('Of these, plants that replaced a stored row of the same key'),
  years: z.array(z.number().int()),
});
export type PlantImportResult = z.infer<typeof plantImportResult>;

export const plantSummaryQuery = z.object({
  year: z.coerce.number().int().optional().describe('One year (default: every year)'),
});

export const plantSummary = z.object({
  datasetId: z.number().int(),
  years: z.array(
    z.object({
      year: z.number().int(),
      plants: z.number().int(),
      employment: z.number().describe('Sum of the plants’ employment (persons)'),
      synthetic: z.number().int().describe('Plants flagged synthetic'),
    }),
  ),
  plants: z.number().int(),
  employment: z.number(),
});
export type PlantSummary = z.infer<typeof plantSummary>;

export const clusterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  kind: z.enum(['traded', 'local']),
  description: z.string().nullable(),
  source: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  industryIds: z.array(z.number().int()),
});
export type ClusterDefinition = z.infer<typeof clusterSchema>;

export const clusterInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['traded', 'local']).default('traded'),
  description: z.string().max(4000).nullable().optional(),
  source: z.string().max(1000).nullable().optional(),
  industryIds: z.array(z.number().int().positive()).default([]),
  industryCodes: z.array(z.string().min(1)).default([]).describe('Alternative to industryIds'),
});
export type ClusterInput = z.infer<typeof clusterInput>;

export const clusterListQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false)
    .describe('true: every version; default: the latest version of each cluster'),
});

const intList = z
  .string()
  .regex(/^\d+(,\d+)*$/)
  .transform((s) => s.split(',').map(Number));

/** The common parameters of the measures, choropleth, portfolio and export. */
export const measuresQuery = z.object({
  dataset: z.coerce.number().int().positive().describe('Dataset id'),
  measure: statMeasure.default('employment'),
  year: z.coerce.number().int().optional().describe('Default: the dataset’s latest year'),
  baseYear: z.coerce
    .number()
    .int()
    .optional()
    .describe('Base of CAGR and change; default: the dataset’s first year'),
  regionKind: z.enum(['province', 'grouping', 'user']).default('province'),
  unit: z.enum(['cluster', 'industry']).default('cluster'),
  cluster: intList.optional().describe('Cluster ids, comma-separated; default: all, latest'),
  denominator: z
    .enum(['all', 'kind'])
    .default('all')
    .describe(
      'LQ denominator: all industries, or the traded/local industries of the cluster’s kind',
    ),
  industryLevel: z.coerce.number().int().min(1).optional(),
  region: z.string().optional().describe('Only this region (id or code)'),
  sizePercentile: z.coerce.number().min(0).max(1).default(0.9),
  specialisationLq: z.coerce.number().min(0).default(2),
  focusPercentile: z.coerce.number().min(0).max(1).default(0.9),
  growthThreshold: z.coerce.number().min(0).default(0.02),
});
export type MeasuresQuery = z.infer<typeof measuresQuery>;

export const measureRowSchema = z.object({
  regionId: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.number().int(),
  unitCode: z.string().describe('Cluster name or industry code'),
  unitName: z.string(),
  kind: z.enum(['traded', 'local']).nullable(),
  year: z.number().int(),
  value: z.number(),
  regionTotal: z.number().nullable(),
  nationValue: z.number().nullable(),
  nationTotal: z.number().nullable(),
  lq: z.number().nullable(),
  shareOfRegion: z.number().nullable(),
  shareOfNation: z.number().nullable(),
  baseYear: z.number().int().nullable(),
  baseValue: z.number().nullable(),
  change: z.number().nullable(),
  cagr: z.number().nullable(),
  restsOnFilled: z.boolean(),
  establishments: z.number().nullable(),
  strong: z.boolean().describe('US Cluster Mapping rule (75th percentile LQ)'),
  strongTop10: z.boolean().describe('Top-10% variant (90th percentile LQ)'),
  stars: z.object({
    size: z.boolean(),
    specialisation: z.boolean(),
    focus: z.boolean(),
    count: z.number().int(),
  }),
  stage: z.enum(['emerging', 'growing', 'mature', 'declining']).nullable(),
  stageReason: z.string(),
  stageReasons: stageReasonsSchema,
});
export type MeasureRow = z.infer<typeof measureRowSchema>;

export const measuresResponse = z.object({
  dataset: z.object({ id: z.number().int(), name: z.string(), synthetic: z.boolean() }),
  measure: statMeasure,
  year: z.number().int(),
  baseYear: z.number().int().nullable(),
  regionKind: z.string(),
  unit: z.enum(['cluster', 'industry']),
  restsOnFilled: z.boolean().describe('True when any value below rests on a filled cell'),
  rows: z.array(measureRowSchema),
});
export type MeasuresResponse = z.infer<typeof measuresResponse>;

export const choroplethQuery = measuresQuery.extend({
  value: z
    .enum(['lq', 'value', 'shareOfRegion', 'shareOfNation', 'cagr', 'change'])
    .default('lq')
    .describe('Which number per region; with one cluster (cluster=) or summed/maxed over all'),
});
export const choroplethResponse = z.object({
  dataset: z.object({ id: z.number().int(), name: z.string(), synthetic: z.boolean() }),
  measure: statMeasure,
  value: z.string(),
  year: z.number().int(),
  regions: z.array(
    z.object({
      regionId: z.number().int(),
      regionCode: z.string(),
      regionName: z.string(),
      value: z.number().nullable(),
      restsOnFilled: z.boolean(),
    }),
  ),
});

export const portfolioQuery = measuresQuery.extend({
  region: z.string().min(1).describe('Region id or code'),
});
export const portfolioResponse = z.object({
  region: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  year: z.number().int(),
  baseYear: z.number().int().nullable(),
  points: z.array(
    z.object({
      unitId: z.number().int(),
      unitCode: z.string(),
      unitName: z.string(),
      lq: z.number().nullable(),
      cagr: z.number().nullable(),
      size: z.number(),
      strong: z.boolean(),
      stage: z.string().nullable(),
      restsOnFilled: z.boolean(),
    }),
  ),
});

export const profileQuery = measuresQuery
  .omit({ year: true, baseYear: true, cluster: true })
  .extend({
    region: z.string().min(1),
    cluster: z.coerce
      .number()
      .int()
      .positive()
      .describe('Cluster (or industry with unit=industry) id'),
    window: z.coerce
      .number()
      .int()
      .min(1)
      .max(20)
      .default(5)
      .describe('Years of the growth window'),
  });
export const profileResponse = z.object({
  region: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  measure: statMeasure,
  stage: z.enum(['emerging', 'growing', 'mature', 'declining']).nullable(),
  stageReason: z.string(),
  stageYear: z.number().int().nullable().describe('The year whose stage `stage` gives'),
  stageReasons: stageReasonsSchema,
  years: z.array(
    z.object({
      year: z.number().int(),
      value: z.number(),
      establishments: z.number().nullable(),
      lq: z.number().nullable(),
      shareOfRegion: z.number().nullable(),
      shareOfNation: z.number().nullable(),
      growth: z.number().nullable().describe('Annual growth over the window ending this year'),
      stage: z.enum(['emerging', 'growing', 'mature', 'declining']).nullable(),
      stageReason: z.string(),
      stageReasons: stageReasonsSchema,
      restsOnFilled: z.boolean(),
    }),
  ),
});

export const selectionBody = z.object({
  candidates: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        name: z.string(),
        values: z.record(z.string(), z.number()),
      }),
    )
    .min(1)
    .max(1000),
  criteria: z
    .array(
      z.object({
        key: z.string().min(1),
        weight: z.number().min(0),
        minWeight: z.number().min(0).optional(),
        maxWeight: z.number().min(0).optional(),
        direction: z.enum(['higher', 'lower']).default('higher'),
      }),
    )
    .min(1),
  eligibility: z
    .array(z.object({ key: z.string(), min: z.number().optional(), max: z.number().optional() }))
    .default([])
    .describe('Filters, e.g. {key: "companies", min: 101}'),
  draws: z.number().int().min(0).max(10000).default(1000),
  seed: z.number().int().default(1),
  normalisation: z
    .enum(['minMax', 'zScore', 'rank'])
    .default('minMax')
    .describe(
      'How criteria are made comparable: minMax (x − min)/(max − min); zScore (x − mean)/sd; rank (rank − 1)/(n − 1)',
    ),
});
export type SelectionBody = z.infer<typeof selectionBody>;

export const selectionResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      eligible: z.boolean(),
      normalised: z.record(z.string(), z.number()),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      rankLow: z.number().int().nullable().describe('5th percentile rank over the draws'),
      rankMedian: z.number().int().nullable(),
      rankHigh: z.number().int().nullable().describe('95th percentile rank over the draws'),
      reasons: z.array(z.string()).optional().describe('Why an ineligible candidate was excluded'),
    }),
  ),
});

export const measuresExportQuery = measuresQuery.extend({
  format: z.enum(['csv', 'xlsx', 'json']).default('csv'),
});

const datasetRef = z.object({ id: z.number().int(), name: z.string(), synthetic: z.boolean() });
const regionRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
const unitRef = {
  unitId: z.number().int(),
  unitCode: z.string().describe('Cluster name or industry code'),
  unitName: z.string(),
};

/** Shift-share of one region between a base year and a year, per cluster or industry. */
export const shiftShareQuery = measuresQuery
  .pick({
    dataset: true,
    measure: true,
    year: true,
    baseYear: true,
    unit: true,
    cluster: true,
    industryLevel: true,
  })
  .extend({
    region: z
      .string()
      .min(1)
      .describe('Region id or code; compared with the regions of its own kind'),
  });
export type ShiftShareQuery = z.infer<typeof shiftShareQuery>;

const shiftShareParts = {
  nationalGrowth: z
    .number()
    .nullable()
    .describe('e_ri(base) x national growth rate G (in the measure’s units)'),
  industryMix: z.number().nullable().describe('e_ri(base) x (g_i - G)'),
  regionalShift: z.number().nullable().describe('e_ri(base) x (r_ri - g_i), the residual'),
  totalChange: z.number().describe('e_ri(year) - e_ri(base)'),
};
export const shiftShareResponse = z.object({
  dataset: datasetRef,
  measure: statMeasure.describe('Every component is in units of this measure'),
  region: regionRef,
  regionKind: z.string().describe('The kind of the region, whose regions form the universe'),
  year: z.number().int(),
  baseYear: z.number().int(),
  unit: z.enum(['cluster', 'industry']),
  nationalGrowthRate: z.number().nullable().describe('G = E(year) / E(base) - 1'),
  method: z.string(),
  units: z.array(
    z.object({
      ...unitRef,
      baseValue: z.number(),
      value: z.number(),
      industryGrowthRate: z.number().nullable().describe('g_i = E_i(year) / E_i(base) - 1'),
      ...shiftShareParts,
      restsOnFilled: z.boolean(),
    }),
  ),
  total: z.object(shiftShareParts).describe('Sums over the units (undefined parts count as shift)'),
});
export type ShiftShareResponse = z.infer<typeof shiftShareResponse>;

/** Specialisation of regions and localisation of industries (clusters) in one year. */
export const specialisationQuery = measuresQuery
  .pick({
    dataset: true,
    measure: true,
    year: true,
    regionKind: true,
    cluster: true,
    industryLevel: true,
  })
  .extend({
    unit: z
      .enum(['cluster', 'industry'])
      .default('industry')
      .describe('Units of the shares: raw industries (default) or clusters'),
  });
export type SpecialisationQuery = z.infer<typeof specialisationQuery>;

export const specialisationResponse = z.object({
  dataset: datasetRef,
  measure: statMeasure,
  year: z.number().int(),
  regionKind: z.string(),
  unit: z.enum(['cluster', 'industry']),
  regions: z.array(
    z.object({
      regionId: z.number().int(),
      regionCode: z.string(),
      regionName: z.string(),
      total: z.number().describe('Sum of the region’s units'),
      krugman: z.number().nullable().describe('Σ|s_ri − s_i|, in [0, 2] (Krugman 1991)'),
      hoover: z.number().nullable().describe('½ Σ|s_ri − s_i|, in [0, 1] (Hoover 1936)'),
      herfindahl: z.number().nullable().describe('Σ s_ri² over the units'),
      herfindahlNormalised: z.number().nullable().describe('(H − 1/n) / (1 − 1/n)'),
      restsOnFilled: z.boolean(),
    }),
  ),
  units: z.array(
    z.object({
      ...unitRef,
      hooverLocalisation: z
        .number()
        .nullable()
        .describe('½ Σ_r |e_ri/E_i − e_r/E| over the loaded regions (Hoover 1936)'),
      ellisonGlaeser: z
        .number()
        .nullable()
        .describe(
          'Ellison–Glaeser γ = (G − (1 − Σx_r²)H) / ((1 − Σx_r²)(1 − H)) from the plants of the unit (Ellison & Glaeser 1997); null without plants or with one',
        ),
      ellisonGlaeserNote: z.string().nullable(),
      egRawConcentration: z
        .number()
        .nullable()
        .describe(
          'G = Σ_r (s_r − x_r)²: s_r the region’s share of the unit’s plant employment, x_r its share of all of the measure',
        ),
      egPlantHerfindahl: z
        .number()
        .nullable()
        .describe('H = Σ_j z_j², z_j each plant’s share of the unit’s plant employment'),
      egPlants: z
        .number()
        .int()
        .nullable()
        .describe(
          'Plants of the unit in regions of the kind (null: the dataset has no plants that year)',
        ),
    }),
  ),
  notes: z.array(z.string()),
});
export type SpecialisationResponse = z.infer<typeof specialisationResponse>;

/** Proximity between clusters or industries from co-located specialisation. */
export const relatednessQuery = measuresQuery
  .pick({
    dataset: true,
    measure: true,
    year: true,
    regionKind: true,
    unit: true,
    cluster: true,
    industryLevel: true,
  })
  .extend({
    threshold: z.coerce
      .number()
      .min(0)
      .default(1)
      .describe('LQ at or above which a region is specialised'),
  });
export type RelatednessQuery = z.infer<typeof relatednessQuery>;

export const relatednessResponse = z.object({
  dataset: datasetRef,
  measure: statMeasure,
  year: z.number().int(),
  regionKind: z.string(),
  unit: z.enum(['cluster', 'industry']),
  threshold: z.number(),
  method: z.string(),
  units: z.array(
    z.object({
      ...unitRef,
      specialisedRegions: z.number().int().describe('Regions with LQ ≥ threshold'),
    }),
  ),
  matrix: z
    .array(z.array(z.number()))
    .describe('matrix[a][b]: proximity of units[a] and units[b], symmetric, in [0, 1]'),
});
export type RelatednessResponse = z.infer<typeof relatednessResponse>;

/** An industry crosswalk between two classification vintages (e.g. KSIC 9 to KSIC 10). */
export const crosswalkSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  fromClassificationId: z.number().int(),
  toClassificationId: z.number().int(),
  description: z.string().nullable(),
  source: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  linkCount: z.number().int(),
});
export type Crosswalk = z.infer<typeof crosswalkSchema>;

export const crosswalkLinkSchema = z.object({
  fromIndustryId: z.number().int(),
  fromCode: z.string(),
  toIndustryId: z.number().int(),
  toCode: z.string(),
  weight: z.number(),
});
export const crosswalkDetail = crosswalkSchema.extend({ links: z.array(crosswalkLinkSchema) });
export type CrosswalkDetail = z.infer<typeof crosswalkDetail>;

export const crosswalkInput = z.object({
  name: z.string().trim().min(1).max(200),
  fromClassificationId: z.number().int().positive().describe('Classification of the from codes'),
  toClassificationId: z.number().int().positive().describe('Classification of the to codes'),
  description: z.string().max(4000).nullable().optional(),
  source: z.string().max(1000).nullable().optional(),
  links: z
    .array(
      z.object({
        from: z.string().min(1).describe('Industry code in the from classification'),
        to: z.string().min(1).describe('Industry code in the to classification'),
        weight: z
          .number()
          .positive()
          .max(1)
          .describe(
            'Share of the from industry sent to the to industry; per from code they sum to 1',
          ),
      }),
    )
    .min(1)
    .max(100000),
  baseUpdatedAt: z
    .string()
    .optional()
    .describe(
      'On replace: the updatedAt of the crosswalk the edit started from; refused with 409 when it has changed since',
    ),
});
export type CrosswalkInput = z.infer<typeof crosswalkInput>;

export const datasetConvertBody = z.object({
  crosswalk: z.number().int().positive().describe('Crosswalk id'),
  name: z.string().trim().min(1).max(200).describe('Name of the new, converted dataset'),
  unmapped: z
    .enum(['error', 'keep', 'drop'])
    .default('error')
    .describe(
      'Industries of the dataset the crosswalk does not map: refuse (default), copy unchanged, or leave out',
    ),
});
export type DatasetConvertBody = z.infer<typeof datasetConvertBody>;

export const datasetConvertResult = z.object({
  dataset: datasetSchema,
  crosswalk: z.number().int(),
  values: z.number().int().describe('Regional values written'),
  national: z.number().int().describe('National totals written'),
  unmapped: z.array(z.string()).describe('Codes not in the crosswalk (kept or dropped)'),
});

/**
 * Unit and definition of every value the selection computes from the data. The five criteria
 * follow the programme's selection (OECD 2007, Competitive Regional Clusters, Korea chapter:
 * competitiveness, influence on the regional economy, concentration on a main industry,
 * consistency with central and regional policy, investment expectancy); the formulas are
 * innocluster's reading of them over the registry and the statistics.
 */
export const selectionCriteriaDefinitions = {
  companies: {
    unit: 'organisations',
    definition: 'Organisations of kind company in the complex (registry).',
  },
  employees: {
    unit: 'persons',
    definition: 'Employees of all organisations in the complex (registry; unknown counted as 0).',
  },
  concentration: {
    unit: 'share 0–1',
    definition:
      'Employees of the complex’s main industry (the industry with most employees among its organisations) ÷ all its organisations’ employees.',
  },
  influence: {
    unit: 'share 0–1',
    definition:
      'The complex’s employees ÷ its province’s total of the measure (all industries of the finest level) in the dataset and year.',
  },
  competitiveness: {
    unit: 'index, 1 = national average',
    definition:
      'Mean of the available parts, each a ratio to the national average: lq (industry development level) and, where the dataset holds them, rdIntensity and patentIntensity (innovation capacity).',
  },
  lq: {
    unit: 'ratio',
    definition:
      'Location quotient of the main industry (or its nearest ancestor the dataset holds) in the complex’s province, as in the measures table: (e_ri / e_r) ÷ (e_i / e).',
  },
  rdIntensity: {
    unit: 'ratio',
    definition:
      'R&D spending per employee of the main industry in the province ÷ the same over all provinces of the dataset (rd_spending ÷ employment).',
  },
  patentIntensity: {
    unit: 'ratio',
    definition:
      'Patents per employee of the main industry in the province ÷ the same over all provinces of the dataset (patents ÷ employment).',
  },
  policyConsistency: {
    unit: 'score 0, 0.5 or 1',
    definition:
      '1 when the main industry or an ancestor is a strategic industry declared for the complex’s province, 0.5 when only declared nationally, else 0 (declarations for any programme and for the chosen one).',
  },
  investmentExpectancy: {
    unit: 'score 0–1',
    definition:
      'Mean of two parts: leadingCompanyShare (a leading company) and knowledge infrastructure (1 when the complex hosts a university or research institute, else 0); none for a complex without organisations in the registry.',
  },
  leadingCompanyShare: {
    unit: 'share 0–1',
    definition:
      'Employees of the complex’s largest company of size class large ÷ the complex’s employees; 0 without one.',
  },
  knowledgeInstitutions: {
    unit: 'organisations',
    definition: 'Universities and research institutes in the complex (registry).',
  },
} as const satisfies Record<string, { unit: string; definition: string }>;

/**
 * Selection of registry complexes with the five criteria of the programme (OECD 2007, Korea
 * chapter) computed from the data; see `selectionCriteriaDefinitions`. Entered values override
 * computed ones.
 */
export const selectionFromDataBody = selectionBody
  .omit({ candidates: true })
  .extend({
    dataset: z
      .number()
      .int()
      .positive()
      .describe('Statistics dataset of the influence and competitiveness criteria'),
    programme: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Programme whose own strategic industries count besides those declared for any programme',
      ),
    measure: statMeasure.default('employment'),
    year: z.number().int().optional().describe('Default: the dataset’s latest year'),
    complexes: z
      .array(z.number().int().positive())
      .max(1000)
      .optional()
      .describe('Complex ids; default: every complex of the registry'),
    values: z
      .record(z.string(), z.record(z.string(), z.number()))
      .default({})
      .describe('Entered values by complex id, e.g. {"3": {"competitiveness": 4.5}}'),
  })
  .describe(
    `Criteria computed from the data: ${Object.entries(selectionCriteriaDefinitions)
      .map(([k, d]) => `${k} (${d.unit}): ${d.definition}`)
      .join(' ')}`,
  );
export type SelectionFromDataBody = z.infer<typeof selectionFromDataBody>;

export const selectionFromDataResponse = selectionResponse.extend({
  year: z.number().int(),
  candidates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mainIndustry: z.string().nullable(),
      values: z.record(z.string(), z.number()),
      sources: z.record(z.string(), z.enum(['data', 'entered'])),
    }),
  ),
  definitions: z
    .record(z.string(), z.object({ unit: z.string(), definition: z.string() }))
    .describe('Unit and definition of every value computed from the data'),
  notes: z.array(z.string()).describe('Sources, the parts available, and the rules applied'),
});

/** A strategic industry declared for a province (or nationally), optionally for one programme. */
export const strategicIndustrySchema = z.object({
  id: z.number().int(),
  regionId: z.number().int().nullable().describe('null: declared nationally'),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  programmeId: z.number().int().nullable().describe('null: whatever the programme'),
  programmeCode: z.string().nullable(),
  industryId: z.number().int(),
  industryCode: z.string(),
  industryName: z.string(),
  classificationCode: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  synthetic: z.boolean(),
  updatedAt: z.string(),
});
export type StrategicIndustry = z.infer<typeof strategicIndustrySchema>;

export const strategicIndustryQuery = z.object({
  region: z
    .string()
    .optional()
    .describe('Region id or code, or "national"; default: every declaration'),
  programme: z.coerce.number().int().positive().optional(),
});
export type StrategicIndustryQuery = z.infer<typeof strategicIndustryQuery>;

/** Replaces the strategic industries of one scope (region or nation, programme or any). */
export const strategicIndustryInput = z.object({
  region: z.string().min(1).describe('Region id or code, or "national"'),
  programme: z.number().int().positive().nullable().default(null),
  classification: z
    .string()
    .min(1)
    .default('KSIC')
    .describe('Classification code of the industries'),
  industries: z.array(z.string().min(1)).max(500).describe('Industry codes; [] clears the scope'),
  source: z.string().max(1000).nullable().default(null),
  note: z.string().max(4000).nullable().default(null),
  synthetic: z.boolean().default(false),
});
export type StrategicIndustryInput = z.infer<typeof strategicIndustryInput>;
