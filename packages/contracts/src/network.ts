import { z } from 'zod';
import { isoDate } from './common.ts';

/**
 * Tie types a network can be built from: the collaboration kinds of the registry plus
 * `co_attendance`, the projection of shared activities onto pairs of organisations.
 */
export const networkTieTypes = [
  'joint_rd',
  'technology_transfer',
  'consulting',
  'co_patent',
  'co_publication',
  'supply',
  'shared_equipment',
  'project',
  'co_attendance',
] as const;
export type NetworkTieType = (typeof networkTieTypes)[number];

/** Kinds of scope: everything, one programme, complex, mini-cluster, province, or user region. */
export const networkScopeKinds = [
  'all',
  'programme',
  'complex',
  'mini-cluster',
  'region',
  'user-region',
] as const;
export type NetworkScopeKind = (typeof networkScopeKinds)[number];

/** A parsed scope: `all`, or a kind with the id of its row. */
export interface NetworkScope {
  kind: NetworkScopeKind;
  id: number | null;
}

const scopePattern = /^(all|(programme|complex|mini-cluster|region|user-region):([1-9]\d{0,9}))$/;

/** Parses `all`, `programme:1`, `complex:3`, `mini-cluster:5`, `region:2` or `user-region:7`. */
export function parseNetworkScope(text: string): NetworkScope | null {
  const m = scopePattern.exec(text.trim());
  if (!m) return null;
  if (m[1] === 'all') return { kind: 'all', id: null };
  return { kind: m[2] as NetworkScopeKind, id: Number(m[3]) };
}

/** The scope as text, the inverse of {@link parseNetworkScope}. */
export function formatNetworkScope(scope: NetworkScope): string {
  return scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.id}`;
}

export const networkScopeParam = z
  .string()
  .regex(
    scopePattern,
    'scope is all, programme:<id>, complex:<id>, mini-cluster:<id>, region:<id> (a province) or user-region:<id>',
  )
  .describe(
    'all, programme:<id>, complex:<id>, mini-cluster:<id>, region:<id> (province) or user-region:<id>',
  );

const tieTypeList = z
  .array(z.enum(networkTieTypes))
  .min(1, 'name at least one tie type')
  .describe('Tie types: collaboration kinds and/or co_attendance');

const tieTypesQuery = z
  .string()
  .regex(
    new RegExp(`^(${networkTieTypes.join('|')})(,(${networkTieTypes.join('|')}))*$`),
    `tieTypes is a comma-separated list of ${networkTieTypes.join(', ')}`,
  )
  .transform((s) => [...new Set(s.split(','))] as NetworkTieType[])
  .describe('Comma-separated tie types (default: all)');

/**
 * Largest activity (distinct attendees) projected into co-attendance ties. Sharing a 500-visitor
 * exhibition says little about a knowledge tie, and a few such events turn the projection into
 * cliques that swamp every measure: Newman (2001, Phys. Rev. E 64, 016132) notes that large
 * collaborations dominate one-mode projections, and Opsahl (2013, "Triadic closure in two-mode
 * networks", Social Networks 35(2)) shows projections of large events inflate clustering.
 * Query strings carry text, so the value is coerced (like `limit` below).
 */
const maxAttendeesParam = z.coerce
  .number()
  .int()
  .min(2)
  .max(100000)
  .default(50)
  .describe(
    'Activities with more attendees are left out of co-attendance ties (large events do not imply knowledge ties); programme indicators still count them',
  );

/** Which network: scope, time window, tie types, co-attendance weighting and cap. */
const networkFields = {
  scope: networkScopeParam.default('all'),
  from: isoDate.optional().describe('First day of the window (inclusive)'),
  to: isoDate.optional().describe('Last day of the window (inclusive)'),
  weighting: z
    .enum(['newman', 'count'])
    .default('newman')
    .describe(
      'Co-attendance weight per shared activity: newman = 1/(n-1) for n attendees (Newman 2001), count = 1',
    ),
  maxAttendees: maxAttendeesParam,
};

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query of GET /networks/graph. */
export const networkGraphQuery = z.object({
  ...networkFields,
  tieTypes: tieTypesQuery.optional(),
  outside: booleanQuery
    .default(true)
    .describe('Include organisations outside the scope that have a tie into it (first neighbours)'),
  communities: booleanQuery
    .default(false)
    .describe('Compute Louvain communities (in a worker thread) and return them per node'),
});
export type NetworkGraphQuery = z.infer<typeof networkGraphQuery>;

/** The network-level measures a measures request can ask for beside the always-computed ones. */
export const networkMeasureNames = [
  'degree',
  'strength',
  'betweenness',
  'closeness',
  'eigenvector',
  'pagerank',
  'kcore',
  'communities',
  'constraint',
  'brokerage',
  'gatekeepers',
  'hubs',
] as const;
export type NetworkMeasureName = (typeof networkMeasureNames)[number];

/** Body of POST /networks/measures. */
export const networkMeasuresBody = z.object({
  ...networkFields,
  tieTypes: tieTypeList.optional(),
  outside: z.boolean().default(true),
  measures: z
    .array(z.enum(networkMeasureNames))
    .min(1)
    .default([...networkMeasureNames])
    .describe('Node-level measures to compute (network-level ones always are)'),
  yearly: z
    .boolean()
    .default(false)
    .describe('Also compute the network-level measures for each calendar year of the window'),
  betweennessSamples: z
    .number()
    .int()
    .min(10)
    .optional()
    .describe(
      'Number of shortest paths to sample for betweenness (Riondato & Kornaropoulos 2016); default: exact up to 5,000 nodes, above it as many paths as an error bound of 0.01 with probability 0.95 needs',
    ),
});
export type NetworkMeasuresBody = z.infer<typeof networkMeasuresBody>;

/** Query of GET /networks/measures: the same fields as the POST body, as a query string. */
export const networkMeasuresQuery = z.object({
  ...networkFields,
  tieTypes: tieTypesQuery.optional(),
  outside: booleanQuery.default(true),
  measures: z
    .string()
    .regex(
      new RegExp(`^(${networkMeasureNames.join('|')})(,(${networkMeasureNames.join('|')}))*$`),
      `measures is a comma-separated list of ${networkMeasureNames.join(', ')}`,
    )
    .transform((s) => [...new Set(s.split(','))] as NetworkMeasureName[])
    .optional(),
  yearly: booleanQuery.default(false),
});
export type NetworkMeasuresQuery = z.infer<typeof networkMeasuresQuery>;

const nullableNumber = z.number().nullable();

/** Network-level measures of one network (the whole window or one year). */
export const networkSummarySchema = z.object({
  nodes: z.number().int().describe('Organisations in the network (inside and outside the scope)'),
  insideNodes: z.number().int().describe('Organisations inside the scope'),
  edges: z.number().int().describe('Distinct tied pairs'),
  totalWeight: z.number().describe('Sum of tie weights'),
  density: z.number().describe('Ties / possible ties, n(n-1)/2 (share, 0 to 1)'),
  components: z.number().int().describe('Connected components (isolates count as one each)'),
  largestComponent: z.number().int().describe('Nodes in the largest component'),
  clustering: nullableNumber.describe('Average local clustering coefficient (0 to 1)'),
  transitivity: nullableNumber.describe('Global clustering: closed / connected triples (0 to 1)'),
  communities: z.number().int().nullable().describe('Louvain communities'),
  modularity: nullableNumber.describe('Modularity Q of the Louvain partition (-0.5 to 1)'),
  blauKinds: nullableNumber.describe(
    'Blau heterogeneity 1 - sum p_k^2 of the kinds of the organisations inside the scope (0 to 1-1/k)',
  ),
  shannonKinds: nullableNumber.describe(
    'Shannon entropy of the kinds of the organisations inside the scope (nats)',
  ),
  blauIndustries: nullableNumber.describe('Blau heterogeneity of their industries'),
  shannonIndustries: nullableNumber.describe('Shannon entropy of their industries (nats)'),
  otherRegionTieShare: nullableNumber.describe(
    'Share of ties joining organisations of different provinces (0 to 1)',
  ),
  eiIndex: nullableNumber.describe(
    'Krackhardt–Stern E-I index of the scope: (ties to outside neighbours - ties within) / all ties (-1 to 1)',
  ),
  tripleHelix: z
    .record(z.string(), z.number().nullable())
    .nullable()
    .describe(
      'Triple helix: ties per cross-sector pair type (industry-university, industry-institute, university-institute), withinHelix, crossSectorShare and balance (normalised Shannon entropy of the pair shares, 0 to 1)',
    ),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

/** Node-level measures of one organisation; measures not asked for are null. */
export const networkNodeMeasuresSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  provinceId: z.number().int().nullable(),
  industryId: z.number().int().nullable(),
  complexId: z.number().int().nullable(),
  inside: z.boolean().describe('Inside the scope (false: a first neighbour outside it)'),
  synthetic: z.boolean(),
  degree: z.number().int().nullable().describe('Distinct partners'),
  strength: nullableNumber.describe('Sum of tie weights'),
  betweenness: nullableNumber.describe('Shortest-path betweenness, normalised to 0..1'),
  closeness: nullableNumber,
  eigenvector: nullableNumber,
  pagerank: nullableNumber,
  kcore: z.number().int().nullable().describe('Core number'),
  community: z.number().int().nullable(),
  constraint: nullableNumber.describe("Burt's constraint (lower: more brokerage)"),
  effectiveSize: nullableNumber.describe("Burt's effective size"),
  brokerage: z
    .record(z.string(), z.number())
    .nullable()
    .describe('Gould–Fernandez brokerage role counts by organisation kind'),
  gatekeeper: z.boolean().nullable().describe('Knowledge gatekeeper: ties inside and outside'),
});
export type NetworkNodeMeasures = z.infer<typeof networkNodeMeasuresSchema>;

export const networkHubSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  score: z
    .number()
    .describe('Number of reasons plus the mean percentile of strength and betweenness'),
  reasons: z
    .array(z.looseObject({ code: z.string(), text: z.string() }))
    .describe(
      'topDegree / topBetweenness (topPercent, rank, value), bridgesCommunities (communities), gatekeeper; text is an English reading',
    ),
});
export type NetworkHub = z.infer<typeof networkHubSchema>;

/** The result of a measures job. */
export const networkMeasuresResult = z.object({
  scope: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  tieTypes: z.array(z.enum(networkTieTypes)),
  weighting: z.enum(['newman', 'count']),
  maxAttendees: z.number().int().describe('Largest activity counted in co-attendance ties'),
  summary: networkSummarySchema,
  betweenness: z
    .object({
      exact: z.boolean(),
      samples: z.number().int().nullable(),
      errorBound: nullableNumber.describe(
        'Bound on the absolute error of each normalised value (with 95% probability)',
      ),
    })
    .nullable(),
  nodes: z.array(networkNodeMeasuresSchema),
  hubs: z.array(networkHubSchema),
  yearly: z.array(z.object({ year: z.number().int(), summary: networkSummarySchema })).nullable(),
  seconds: z.number().describe('Computation time in seconds'),
});
export type NetworkMeasuresResult = z.infer<typeof networkMeasuresResult>;

/** A measures job: poll GET /networks/jobs/:id until status is done or failed. */
export const networkJobSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().min(0).max(1).describe('Share of the work done (0 to 1)'),
  stage: z.string().nullable().describe('What the job is computing now'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  result: networkMeasuresResult.nullable(),
  error: z.string().nullable(),
});
export type NetworkJob = z.infer<typeof networkJobSchema>;

export const networkJobParams = z.object({ id: z.string().regex(/^[a-f0-9-]{8,64}$/) });

/**
 * The graph for the explorer, as compact arrays: one tuple per node and per edge, in the order
 * of `nodeColumns` and `edgeColumns`. Edge endpoints are indices into `nodes`; `types` is a bit
 * set over `tieTypes` (bit i set: the pair has a tie of tieTypes[i]).
 */
export const networkGraphResponse = z.object({
  scope: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  tieTypes: z.array(z.enum(networkTieTypes)),
  weighting: z.enum(['newman', 'count']),
  maxAttendees: z.number().int().describe('Largest activity counted in co-attendance ties'),
  nodeColumns: z.tuple([
    z.literal('id'),
    z.literal('label'),
    z.literal('kind'),
    z.literal('regionId'),
    z.literal('industryId'),
    z.literal('complexId'),
    z.literal('inside'),
    z.literal('synthetic'),
    z.literal('community'),
  ]),
  nodes: z.array(
    z.tuple([
      z.number().int(),
      z.string(),
      z.string(),
      z.number().int().nullable(),
      z.number().int().nullable(),
      z.number().int().nullable(),
      z.boolean(),
      z.boolean(),
      z.number().int().nullable(),
    ]),
  ),
  edgeColumns: z.tuple([
    z.literal('source'),
    z.literal('target'),
    z.literal('weight'),
    z.literal('types'),
  ]),
  edges: z.array(z.tuple([z.number().int(), z.number().int(), z.number(), z.number().int()])),
  regions: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type NetworkGraphResponse = z.infer<typeof networkGraphResponse>;

/** Query of GET /networks/indicators. */
export const networkIndicatorsQuery = z.object({
  programmeId: z.coerce.number().int().positive(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  asOf: isoDate
    .optional()
    .describe(
      'Date the "active in the last 12 months" share is measured at (default: to, or today)',
    ),
});
export type NetworkIndicatorsQuery = z.infer<typeof networkIndicatorsQuery>;

/** Query of GET /organisations/:id/partner-suggestions. */
export const partnerSuggestionsQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  tieTypes: tieTypesQuery.optional(),
  maxAttendees: maxAttendeesParam,
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export type PartnerSuggestionsQuery = z.infer<typeof partnerSuggestionsQuery>;

const yearCount = z.object({ year: z.number().int(), count: z.number().int() });

/** Programme indicators (the figures the programme reported: activities, members, turnover). */
export const networkIndicatorsResponse = z.object({
  programmeId: z.number().int(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  years: z.array(z.number().int()),
  activitiesPerYear: z.array(yearCount).describe('Activities held per calendar year'),
  activityGrowth: z
    .object({
      fromYear: z.number().int(),
      toYear: z.number().int(),
      from: z.number(),
      to: z.number(),
      percentChange: z.number().nullable().describe('100 × (to − from) / from, percent'),
      compoundAnnualGrowth: z.number().nullable().describe('Fraction a year'),
    })
    .nullable()
    .describe('Growth of activities from the first to the last year'),
  membersPerMiniCluster: z.array(
    z.object({
      year: z.number().int(),
      miniClusters: z.number().int(),
      memberships: z.number().int(),
      organisations: z.number().int(),
      averagePerMiniCluster: z
        .number()
        .nullable()
        .describe('Members per mini-cluster with members, on 31 December'),
    }),
  ),
  turnover: z.array(
    z.object({
      year: z.number().int(),
      members: z.number().int(),
      newMembers: z.number().int(),
      dropouts: z.number().int(),
    }),
  ),
  activeShare: z
    .object({
      members: z.number().int(),
      active: z.number().int(),
      share: z.number().nullable().describe('Members active in the 12 months (0 to 1)'),
      from: z.string(),
      to: z.string(),
    })
    .describe(
      'Members on the date that attended an activity or began a collaboration in the 12 months before it',
    ),
});
export type NetworkIndicatorsResponse = z.infer<typeof networkIndicatorsResponse>;

/** One suggested partner with the reasons behind it. */
export const partnerSuggestionRow = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  provinceId: z.number().int().nullable(),
  industryId: z.number().int().nullable(),
  synthetic: z.boolean(),
  score: z.number().describe('Weighted sum of the reasons, 0 to 1'),
  distance: z
    .number()
    .int()
    .nullable()
    .describe('Steps from the organisation now; null: unreachable'),
  reasons: z
    .array(z.looseObject({ code: z.string() }))
    .describe(
      'complementaryIndustry (industry, share), structuralHole (distance, constraintBefore, constraintAfter), complementaryCapability (capabilities), otherKind (kind), otherRegion (region)',
    ),
});
export type PartnerSuggestionRow = z.infer<typeof partnerSuggestionRow>;

export const partnerSuggestionsResponse = z.object({
  organisationId: z.number().int(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  tieTypes: z.array(z.enum(networkTieTypes)),
  suggestions: z.array(partnerSuggestionRow),
});
export type PartnerSuggestionsResponse = z.infer<typeof partnerSuggestionsResponse>;
