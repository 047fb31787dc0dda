import { z } from 'zod';
import { isoTimestamp } from './common.ts';

/**
 * Contracts of the evaluation of complexes under /api/v1/evaluation: versioned indicator
 * frameworks (two tracks, management/implementation by ITEP and accomplishments by KIET),
 * indicator values (computed from the platform's data or entered per complex and year), composite
 * index runs with every method choice recorded, seeded Monte Carlo uncertainty runs (jobs),
 * performance-based allocation scenarios, scorecards, policy hints and reports.
 * Methods follow the OECD/JRC Handbook on Constructing Composite Indicators (2008).
 */

// ---------------------------------------------------------------------------------------------
// Frameworks
// ---------------------------------------------------------------------------------------------

const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a code is letters, digits, ".", "_" or "-"');

export const indicatorLevels = ['input', 'activity', 'output', 'outcome'] as const;
export type IndicatorLevelName = (typeof indicatorLevels)[number];
export const indicatorDirections = ['higher', 'lower'] as const;

/** Where an indicator's values come from. */
export const indicatorSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('computed'),
    formula: z.string().min(1).describe('Name of a formula of GET /evaluation/formulas'),
  }),
  z.object({
    kind: z.literal('entered'),
    origin: z
      .string()
      .max(300)
      .optional()
      .describe('Who supplies it, e.g. "KICOX statistics" or "member survey"'),
  }),
]);

export const indicatorDefinitionSchema = z.object({
  code,
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(60).describe('Unit of the raw value, e.g. KRW billion'),
  direction: z.enum(indicatorDirections).describe('higher or lower is better'),
  level: z.enum(indicatorLevels).describe('Logic-model level (OECD/JRC 2008, step 2)'),
  track: code.describe('Code of the track the indicator belongs to'),
  source: indicatorSourceSchema,
  weight: z.number().min(0).describe('Relative weight within its track'),
  description: z.string().max(2000).optional(),
});
export type IndicatorDefinitionDto = z.infer<typeof indicatorDefinitionSchema>;

export const indicatorTrackSchema = z.object({
  code,
  name: z.string().trim().min(1).max(200),
  weight: z.number().min(0).describe('Relative weight of the track in the overall index'),
});

/** Body of POST /evaluation/frameworks: a new framework, stored as version 1. */
export const frameworkCreateRequest = z.object({
  code,
  name: z.string().trim().min(1).max(200),
  tracks: z.array(indicatorTrackSchema).min(1),
  indicators: z.array(indicatorDefinitionSchema).min(1),
});
export type FrameworkCreateRequest = z.infer<typeof frameworkCreateRequest>;

/** Body of POST /evaluation/frameworks/:id/versions: the next version of the same code. */
export const frameworkVersionRequest = frameworkCreateRequest.omit({ code: true });
export type FrameworkVersionRequest = z.infer<typeof frameworkVersionRequest>;

export const frameworkSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  latest: z.boolean().describe('True for the highest version of this code'),
  trackCount: z.number().int(),
  indicatorCount: z.number().int(),
  createdBy: z.number().int().nullable(),
  createdAt: isoTimestamp,
  synthetic: z.boolean(),
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const frameworkSchema = frameworkSummarySchema.extend({
  tracks: z.array(indicatorTrackSchema),
  indicators: z.array(indicatorDefinitionSchema),
  /** Overall weight of each indicator (nested track x within-track weights, sum 1). */
  nestedWeights: z.array(z.object({ code: z.string(), weight: z.number() })),
});
export type EvaluationFramework = z.infer<typeof frameworkSchema>;

export const frameworkListResponse = z.object({ items: z.array(frameworkSummarySchema) });
export type FrameworkListResponse = z.infer<typeof frameworkListResponse>;

/** A named formula the platform computes from its own data. */
export const evaluationFormulaSchema = z.object({
  name: z.string(),
  label: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections).describe('The usual direction'),
  level: z.enum(indicatorLevels).describe('The usual logic-model level'),
  definition: z.string().describe('What is computed, from which tables'),
});
export type EvaluationFormula = z.infer<typeof evaluationFormulaSchema>;
export const formulaListResponse = z.object({ items: z.array(evaluationFormulaSchema) });

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const year = z.coerce.number().int().min(1990).max(2100);

/** Query of GET /evaluation/values. */
export const valuesQuery = z.object({
  frameworkId: z.coerce.number().int().positive(),
  year: year.optional().describe('One year; default every year with data'),
  fromYear: year.optional(),
  toYear: year.optional(),
  complexId: z.coerce.number().int().positive().optional(),
});
export type ValuesQuery = z.infer<typeof valuesQuery>;

export const valueOrigins = ['entered', 'computed'] as const;

/** One cell: a complex, a year, an indicator; the entered and the computed value side by side. */
export const indicatorValueCell = z.object({
  complexId: z.number().int(),
  year: z.number().int(),
  indicatorCode: z.string(),
  entered: z
    .object({
      id: z.number().int(),
      value: z.number(),
      source: z.string().nullable(),
      enteredBy: z.number().int().nullable(),
      updatedAt: isoTimestamp,
      synthetic: z.boolean(),
    })
    .nullable(),
  computed: z.number().nullable().describe('Value of the formula (computed indicators only)'),
  /** The value an index run uses: computed for computed indicators, else entered. */
  value: z.number().nullable(),
  origin: z.enum(valueOrigins).nullable(),
});
export type IndicatorValueCell = z.infer<typeof indicatorValueCell>;

export const valuesResponse = z.object({
  framework: z.object({ id: z.number().int(), code: z.string(), version: z.number().int() }),
  complexes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  years: z.array(z.number().int()),
  indicators: z.array(indicatorDefinitionSchema),
  cells: z.array(indicatorValueCell),
});
export type ValuesResponse = z.infer<typeof valuesResponse>;

/** One entered value; value null deletes the entered value. */
export const enteredValueInput = z.object({
  indicatorCode: z.string().min(1),
  complexId: z.number().int().positive(),
  year: z.number().int().min(1990).max(2100),
  value: z.number().nullable(),
  source: z.string().trim().max(300).optional(),
});
export type EnteredValueInput = z.infer<typeof enteredValueInput>;

/** Body of PUT /evaluation/values: a batch, validated per row and written all or nothing. */
export const valuesPutRequest = z.object({
  frameworkId: z.number().int().positive(),
  values: z.array(enteredValueInput).min(1).max(20000),
});
export type ValuesPutRequest = z.infer<typeof valuesPutRequest>;

export const valuesWriteResponse = z.object({
  written: z.number().int(),
  deleted: z.number().int(),
});
export type ValuesWriteResponse = z.infer<typeof valuesWriteResponse>;

/**
 * Body of POST /evaluation/values/import: a CSV or XLSX file (base64) with the columns
 * complex (id or name), year, indicator (code), value, and optionally source. All or nothing;
 * errors name the file row and field.
 */
export const valuesImportRequest = z.object({
  frameworkId: z.number().int().positive(),
  fileName: z.string().trim().min(1).max(300),
  contentBase64: z.string().min(1),
});
export type ValuesImportRequest = z.infer<typeof valuesImportRequest>;

export const valuesImportResponse = valuesWriteResponse.extend({
  rows: z.number().int().describe('Data rows read from the file'),
});
export type ValuesImportResponse = z.infer<typeof valuesImportResponse>;

// ---------------------------------------------------------------------------------------------
// Method choices and index runs
// ---------------------------------------------------------------------------------------------

export const missingDataRuleNames = [
  'listwise',
  'mean',
  'median',
  'carry-forward',
  'zero',
] as const;

export const normalisationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('min-max') }),
  z.object({ kind: z.literal('z-score') }),
  z.object({ kind: z.literal('rank') }),
  z.object({
    kind: z.literal('distance-to-target'),
    targets: z.array(z.number()).describe('One target per indicator, framework order'),
  }),
  z.object({ kind: z.literal('distance-to-leader') }),
  z.object({
    kind: z.literal('percent-of-reference'),
    referenceUnit: z
      .number()
      .int()
      .min(0)
      .describe(
        'Position of the reference complex among the scored complexes, in ascending id order',
      ),
    referenceComplexId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('The reference complex by id; when given it sets referenceUnit'),
  }),
]);
export type NormalisationDto = z.infer<typeof normalisationSchema>;

/**
 * Weighting: equal; expert budget points (one list, or one list per expert); AHP from a
 * reciprocal pairwise matrix (consistency ratio returned); PCA; fixed weights; or `framework`,
 * the framework's nested track x indicator weights.
 */
export const weightingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('equal') }),
  z.object({ kind: z.literal('framework') }),
  z.object({
    kind: z.literal('budget'),
    points: z.union([z.array(z.number()), z.array(z.array(z.number()))]),
  }),
  z.object({
    kind: z.literal('ahp'),
    matrix: z.array(z.array(z.number().positive())),
    method: z.enum(['eigenvector', 'geometric-mean']).optional(),
  }),
  z.object({ kind: z.literal('pca'), rotate: z.boolean().optional() }),
  z.object({ kind: z.literal('fixed'), weights: z.array(z.number().min(0)) }),
]);
export type WeightingDto = z.infer<typeof weightingSchema>;

export const aggregationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('arithmetic') }),
  z.object({
    kind: z.literal('geometric'),
    zero: z.enum(['limit', 'shift']).optional(),
    offset: z.number().positive().optional(),
  }),
]);
export type AggregationDto = z.infer<typeof aggregationSchema>;

export const indexMethodSchema = z.object({
  missing: z.enum(missingDataRuleNames).default('mean'),
  normalisation: normalisationSchema.default({ kind: 'min-max' }),
  weighting: weightingSchema.default({ kind: 'framework' }),
  aggregation: aggregationSchema.default({ kind: 'arithmetic' }),
});
export type IndexMethodDto = z.infer<typeof indexMethodSchema>;

/** Body of POST /evaluation/index-runs. */
export const indexRunRequest = z.object({
  frameworkId: z.number().int().positive(),
  year: z.number().int().min(1990).max(2100).describe('The year evaluated'),
  name: z.string().trim().min(1).max(200).optional(),
  complexIds: z
    .array(z.number().int().positive())
    .min(2)
    .optional()
    .describe('Complexes to score; default every complex with a value that year'),
  indicatorCodes: z
    .array(z.string())
    .min(1)
    .optional()
    .describe('A subset of the framework indicators; default all'),
  method: indexMethodSchema,
});
export type IndexRunRequest = z.input<typeof indexRunRequest>;

export const indexRunListQuery = z.object({
  frameworkId: z.coerce.number().int().positive().optional(),
});

const ahpDetails = z.object({
  kind: z.literal('ahp'),
  lambdaMax: z.number(),
  consistencyIndex: z.number(),
  randomIndex: z.number().nullable(),
  consistencyRatio: z.number().nullable().describe('CR = CI/RI; Saaty accepts CR <= 0.1'),
  acceptable: z.boolean().nullable().describe('CR <= 0.1'),
  method: z.string(),
});
const pcaDetails = z.object({
  kind: z.literal('pca'),
  eigenvalues: z.array(z.number()),
  retained: z.number().int(),
  cumulativeVariance: z.number(),
  loadings: z.array(z.array(z.number())),
  rotated: z.boolean(),
  factorOfIndicator: z.array(z.number().int()),
  notes: z.array(z.string()),
});
export const weightDetailsSchema = z.discriminatedUnion('kind', [ahpDetails, pcaDetails]);

export const indexRunIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  track: z.string(),
  level: z.enum(indicatorLevels),
  weight: z.number().describe('Weight used (sum 1 over the indicators)'),
});

export const indexRunComplex = z.object({
  complexId: z.number().int(),
  complexName: z.string(),
  score: z.number(),
  rank: z.number().int().describe('1 = best'),
  raw: z.array(z.number().nullable()).describe('Raw values, indicator order (null = missing)'),
  normalised: z.array(z.number()),
  contributions: z
    .array(z.number().nullable())
    .describe(
      'Per indicator: arithmetic w_i x_i (sums to the score); geometric, share of the log-score',
    ),
  imputed: z.array(
    z.object({
      indicatorCode: z.string(),
      value: z.number(),
      rule: z.string(),
      fromYear: z.number().int().optional(),
    }),
  ),
});
export type IndexRunComplex = z.infer<typeof indexRunComplex>;

export const indexRunSummary = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  frameworkVersion: z.number().int(),
  year: z.number().int(),
  years: z.array(z.number().int()).describe('Years read (the year and earlier, for carry-forward)'),
  complexCount: z.number().int(),
  createdBy: z.number().int().nullable(),
  createdAt: isoTimestamp,
  synthetic: z.boolean(),
});
export type IndexRunSummary = z.infer<typeof indexRunSummary>;

export const indexRunSchema = indexRunSummary.extend({
  /** Every choice, completed with the weights used and the indicator codes they belong to. */
  method: indexMethodSchema.extend({
    weights: z.array(z.number()),
    indicatorCodes: z.array(z.string()),
  }),
  indicators: z.array(indexRunIndicator),
  complexes: z.array(indexRunComplex).describe('Ordered by rank'),
  excluded: z.array(z.object({ complexId: z.number().int(), complexName: z.string() })),
  weightDetails: weightDetailsSchema.nullable(),
});
export type IndexRun = z.infer<typeof indexRunSchema>;
export const indexRunListResponse = z.object({ items: z.array(indexRunSummary) });

// ---------------------------------------------------------------------------------------------
// Uncertainty runs (jobs)
// ---------------------------------------------------------------------------------------------

export const weightUncertaintySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('uniform'), relativeBound: z.number().min(0).lt(1) }),
  z.object({ kind: z.literal('dirichlet'), concentration: z.number().positive() }),
]);

/** Body of POST /evaluation/uncertainty-runs. */
export const uncertaintyRunRequest = z.object({
  indexRunId: z.number().int().positive(),
  draws: z.number().int().min(1).max(50000).default(1000),
  seed: z.number().int().min(0).max(4294967295).default(1),
  weights: weightUncertaintySchema.default({ kind: 'uniform', relativeBound: 0.2 }),
  normalisations: z.array(normalisationSchema).min(1).max(10).optional(),
  aggregations: z.array(aggregationSchema).min(1).max(10).optional(),
  missingRules: z.array(z.enum(missingDataRuleNames)).min(1).max(5).optional(),
  /** Money follows noise: allocate each draw's scores by these saved scenarios. */
  allocationScenarioIds: z.array(z.number().int().positive()).max(10).optional(),
  moveAmount: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('KRW: an allocation "moves" when it differs from the deterministic one by more'),
});
export type UncertaintyRunRequest = z.input<typeof uncertaintyRunRequest>;

export const uncertaintyResultSchema = z.object({
  draws: z.number().int(),
  seed: z.number().int(),
  complexes: z.array(
    z.object({
      complexId: z.number().int(),
      complexName: z.string(),
      baseRank: z.number().int(),
      medianRank: z.number().int(),
      lowRank: z.number().int().describe('5th percentile rank'),
      highRank: z.number().int().describe('95th percentile rank'),
      meanRank: z.number(),
    }),
  ),
  sensitivity: z.array(
    z.object({
      factor: z.enum(['missing', 'normalisation', 'aggregation', 'weight']),
      indicatorCode: z.string().nullable(),
      estimator: z.enum(['levels', 'bins']),
      mean: z.number().nullable().describe('Mean first-order index S_i over complexes (0 to 1)'),
      onAverageShift: z.number().nullable(),
      perComplex: z.array(z.object({ complexId: z.number().int(), value: z.number().nullable() })),
    }),
  ),
  contributions: z
    .array(
      z.object({
        indicatorCode: z.string(),
        meanShare: z
          .number()
          .describe('Mean over complexes of the indicator share of the base score (0 to 1)'),
        perComplex: z.array(
          z.object({ complexId: z.number().int(), value: z.number().nullable() }),
        ),
      }),
    )
    .describe('Each indicator contribution to the base scores'),
  alternatives: z.object({
    missing: z.array(z.string()),
    normalisation: z.array(z.string()),
    aggregation: z.array(z.string()),
  }),
  averageShift: z.object({ mean: z.number(), p95: z.number() }),
  moneyFollowsNoise: z.array(
    z.object({
      allocationScenarioId: z.number().int(),
      scenarioName: z.string(),
      moveAmount: z.number().int(),
      error: z.string().nullable(),
      complexes: z.array(
        z.object({
          complexId: z.number().int(),
          deterministic: z.number().int().describe('KRW'),
          shareMoved: z.number().describe('Share of draws (0 to 1) moving more than moveAmount'),
          largestMove: z.number().describe('KRW'),
        }),
      ),
    }),
  ),
  percentileMethod: z.string(),
  seconds: z.number(),
});
export type UncertaintyResult = z.infer<typeof uncertaintyResultSchema>;

/** An uncertainty run: a job; poll GET /evaluation/uncertainty-runs/:id until done or failed. */
export const uncertaintyRunSchema = z.object({
  id: z.number().int(),
  indexRunId: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().min(0).max(1),
  stage: z.string().nullable(),
  request: uncertaintyRunRequest,
  result: uncertaintyResultSchema.nullable(),
  error: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: isoTimestamp,
  finishedAt: isoTimestamp.nullable(),
});
export type UncertaintyRun = z.infer<typeof uncertaintyRunSchema>;
export const uncertaintyRunListQuery = z.object({
  indexRunId: z.coerce.number().int().positive().optional(),
});
export const uncertaintyRunListResponse = z.object({
  items: z.array(uncertaintyRunSchema.omit({ result: true })),
});

// ---------------------------------------------------------------------------------------------
// Allocation
// ---------------------------------------------------------------------------------------------

const perComplexAmount = z.array(
  z.object({ complexId: z.number().int().positive(), amount: z.number().min(0) }),
);

/** A per-complex bound: one amount for every complex, or one per complex (KRW). */
export const unitBoundSchema = z.union([z.number().min(0), perComplexAmount]);

/** An allocation rule; amounts are whole KRW. */
export const allocationRuleSchema = z.object({
  pool: z.number().int().min(0).describe('Next year’s pool, whole KRW'),
  baseFraction: z.number().min(0).max(1).describe('Share of the pool split as the base share'),
  base: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('equal') }),
    z.object({
      kind: z.literal('proportional'),
      sizes: z
        .array(z.object({ complexId: z.number().int().positive(), size: z.number().min(0) }))
        .describe('e.g. member firms per complex'),
    }),
  ]),
  performance: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('proportional'), threshold: z.number().optional() }),
    z.object({
      kind: z.literal('tiers'),
      tiers: z
        .array(
          z.object({
            upToFraction: z.number().gt(0).max(1),
            multiplier: z.number().min(0),
          }),
        )
        .min(1),
      otherMultiplier: z.number().min(0).optional(),
    }),
  ]),
  floor: unitBoundSchema.optional(),
  cap: unitBoundSchema.optional(),
  changeLimit: z
    .object({ relative: z.number().min(0).optional(), absolute: z.number().min(0).optional() })
    .optional()
    .describe('|a - last| <= max(relative x last, absolute); needs lastYear'),
  lastYear: perComplexAmount.optional().describe('Last year’s allocation per complex (KRW)'),
});
export type AllocationRuleDto = z.infer<typeof allocationRuleSchema>;

export const allocationLine = z.object({
  complexId: z.number().int(),
  complexName: z.string(),
  score: z.number(),
  rank: z.number().int(),
  amount: z.number().int().describe('KRW'),
  target: z.number().describe('Unrounded base + performance share before bounds (KRW)'),
  lower: z.number().int().describe('Lowest amount the bounds allow (KRW)'),
  upper: z
    .number()
    .nullable()
    .describe('Highest amount the bounds allow (KRW); null = no cap (unbounded)'),
  binding: z.enum(['floor', 'cap', 'change-limit']).nullable(),
  lastYear: z.number().nullable(),
  change: z.number().nullable().describe('amount - lastYear (KRW)'),
});
export type AllocationLine = z.infer<typeof allocationLine>;

export const allocationOutcome = z.object({
  name: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  constraint: z.string().nullable(),
  pool: z.number().int(),
  total: z.number().int().describe('Sum of the amounts; equals the pool when ok'),
  lines: z.array(allocationLine).describe('Ordered by rank; empty when not ok'),
});
export type AllocationOutcome = z.infer<typeof allocationOutcome>;

/** Body of POST /evaluation/allocation/simulate: rules side by side, nothing stored. */
export const allocationSimulateRequest = z.object({
  indexRunId: z.number().int().positive(),
  scenarios: z
    .array(z.object({ name: z.string().trim().min(1).max(200), rule: allocationRuleSchema }))
    .min(1)
    .max(10),
});
export type AllocationSimulateRequest = z.infer<typeof allocationSimulateRequest>;
export const allocationSimulateResponse = z.object({
  indexRunId: z.number().int(),
  outcomes: z.array(allocationOutcome),
});
export type AllocationSimulateResponse = z.infer<typeof allocationSimulateResponse>;

/** Body of POST /evaluation/allocation-scenarios: a named rule saved with its result. */
export const allocationScenarioCreate = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  indexRunId: z.number().int().positive(),
  rule: allocationRuleSchema,
});
export type AllocationScenarioCreate = z.infer<typeof allocationScenarioCreate>;

export const allocationScenarioSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  indexRunId: z.number().int(),
  rule: allocationRuleSchema,
  outcome: allocationOutcome,
  createdBy: z.number().int().nullable(),
  createdAt: isoTimestamp,
  synthetic: z.boolean(),
});
export type AllocationScenario = z.infer<typeof allocationScenarioSchema>;
export const allocationScenarioListQuery = z.object({
  indexRunId: z.coerce.number().int().positive().optional(),
});
export const allocationScenarioListResponse = z.object({
  items: z.array(allocationScenarioSchema.omit({ outcome: true })),
});

/** Query of GET /evaluation/allocation-scenarios/compare?ids=1,2,3. */
export const allocationCompareQuery = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'ids is a comma-separated list of scenario ids')
    .transform((s) => [...new Set(s.split(',').map(Number))]),
});
export const allocationCompareResponse = z.object({
  scenarios: z.array(allocationScenarioSchema),
  complexes: z.array(
    z.object({
      complexId: z.number().int(),
      complexName: z.string(),
      amounts: z.array(z.number().int().nullable()).describe('One per scenario, in order (KRW)'),
    }),
  ),
});
export type AllocationCompareResponse = z.infer<typeof allocationCompareResponse>;

// ---------------------------------------------------------------------------------------------
// Scorecards, policy hints, reports
// ---------------------------------------------------------------------------------------------

export const scorecardQuery = z.object({
  frameworkId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Default: the latest version of the framework of the latest index run'),
  indexRunId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Method for the yearly index trend; default the latest run of the framework'),
});

const peer = z.object({
  rank: z.number().int().nullable().describe('1 = best among complexes with a value'),
  of: z.number().int(),
  median: z.number().nullable(),
  best: z.number().nullable(),
  bestComplexId: z.number().int().nullable(),
});

export const scorecardSchema = z.object({
  complex: z.object({ id: z.number().int(), name: z.string() }),
  framework: z.object({ id: z.number().int(), code: z.string(), version: z.number().int() }),
  indexRunId: z.number().int().nullable(),
  years: z.array(z.number().int()),
  /** The composite index per year with the index run's method (null when not computable). */
  trend: z.array(
    z.object({
      year: z.number().int(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      of: z.number().int(),
      median: z.number().nullable(),
      best: z.number().nullable(),
    }),
  ),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(indicatorDirections),
      track: z.string(),
      series: z.array(
        z.object({
          year: z.number().int(),
          value: z.number().nullable(),
          origin: z.enum(valueOrigins).nullable(),
        }),
      ),
      /** Peer comparison in the latest year with a value. */
      latestYear: z.number().int().nullable(),
      peer,
    }),
  ),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const policyHintsQuery = z.object({
  complexId: z.coerce.number().int().positive(),
});

export const policyHintsResponse = z.object({
  complex: z.object({ id: z.number().int(), name: z.string() }),
  stage: z
    .object({
      stage: z.enum(['emerging', 'growing', 'mature', 'declining']).nullable(),
      confidence: z.string().nullable(),
      source: z.string().describe('Where the stage comes from'),
    })
    .nullable(),
  measures: z.array(
    z.object({
      measure: z.string(),
      value: z.number().nullable(),
      unit: z.string(),
      source: z.string().describe('Where the value comes from'),
    }),
  ),
  hints: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      recommendation: z.string(),
      sources: z.array(z.string()).describe('Full citations'),
      measured: z.array(
        z.object({
          measure: z.string(),
          value: z.number(),
          below: z.number().optional(),
          above: z.number().optional(),
        }),
      ),
    }),
  ),
});
export type PolicyHintsResponse = z.infer<typeof policyHintsResponse>;

/** Params of GET /evaluation/reports/:id.pdf and .xlsx (id: index run). */
export const reportQuery = z.object({
  allocationScenarioId: z.coerce.number().int().positive().optional(),
  uncertaintyRunId: z.coerce.number().int().positive().optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** Sheets of the XLSX report, in order. */
export const reportSheetNames = [
  'Ranking',
  'Indicators',
  'Method',
  'Uncertainty',
  'Allocation',
] as const;
