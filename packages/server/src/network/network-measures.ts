import type {
  NetworkHub,
  NetworkMeasureName,
  NetworkMeasuresResult,
  NetworkNodeMeasures,
  NetworkSummary,
  NetworkTieType,
  PartnerSuggestionRow,
} from '@innocluster/contracts';
import {
  averageClustering,
  betweenness,
  buildCompactGraphFromArrays,
  closeness,
  computeBrokerageRoles,
  computeEIIndex,
  computeHeterogeneity,
  computeStructuralHoles,
  computeTripleHelixBalance,
  connectedComponents,
  coreNumbers,
  createPathSamplingWork,
  createSeededRandom,
  degreeCentrality,
  density,
  describeHubReasons,
  eigenvectorCentrality,
  findKnowledgeGatekeepers,
  louvain,
  pageRank,
  pathSampleCounts,
  pathSampledBetweenness,
  rankHubs,
  shareOfTiesToOtherRegions,
  strength,
  suggestPartners,
  transitivity,
  type CompactGraph,
  type LouvainResult,
} from '@innocluster/domain';
import type { NetworkNode } from './network-graph.ts';
import { parallelBetweenness, parallelPathSampleCounts } from './parallel-betweenness.ts';

/** A network as handed to the worker: node attributes and edges as typed arrays. */
export interface SerialisedNetwork {
  nodes: NetworkNode[];
  sources: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** Computes every measure asked for on one network (and, optionally, its yearly networks). */
export interface MeasuresTask {
  task: 'measures';
  network: SerialisedNetwork;
  measures: NetworkMeasureName[];
  /**
   * Shortest paths to sample for betweenness; null: exact up to {@link exactBetweennessLimit}
   * nodes, above it as many paths as {@link sampledBetweennessEpsilon} needs.
   */
  betweennessSamples: number | null;
  yearly: { year: number; network: SerialisedNetwork }[] | null;
  meta: {
    scope: string;
    from: string | null;
    to: string | null;
    tieTypes: NetworkTieType[];
    weighting: 'newman' | 'count';
    maxAttendees: number;
  };
}

/** Louvain communities only (for the explorer's colouring). */
export interface CommunitiesTask {
  task: 'communities';
  network: SerialisedNetwork;
}

/** Partner suggestions for one organisation (node index `ego`). */
export interface PartnersTask {
  task: 'partners';
  network: SerialisedNetwork;
  ego: number;
  limit: number;
}

export type WorkerTask = MeasuresTask | CommunitiesTask | PartnersTask;

type Report = (progress: number, stage: string) => void;

/**
 * Above this many nodes betweenness is estimated from sampled shortest paths (Riondato &
 * Kornaropoulos 2016) with its error bound, unless the request names a sample size; up to it,
 * it is exact.
 */
export const exactBetweennessLimit = 5000;

/**
 * From this many nodes betweenness (exact, or its sampled paths) is split across worker threads
 * (each started thread costs about a second of loading, which only pays off on larger graphs);
 * below, one thread does it.
 */
export const parallelBetweennessFrom = 2000;

/**
 * Error bound ε and failure probability δ asked of path-sampled betweenness: with probability
 * 1 − δ every normalised value is within ε. The sample size this needs grows with the log of the
 * vertex diameter only, not with n (Riondato & Kornaropoulos 2016, Theorem 1 and Lemma 2), so a
 * tighter ε than source sampling's Hoeffding + union bound could afford stays cheap.
 */
export const sampledBetweennessEpsilon = 0.01;
export const sampledBetweennessDelta = 0.05;

/** Seeds of the path sample and of Louvain's node order: the same network gives the same result. */
const samplingSeed = 20_050_101;
const louvainSeed = 20_051_231;

const finite = (x: number | undefined): number | null =>
  x === undefined || !Number.isFinite(x) ? null : x;

const label = (x: number | null) => (x === null ? null : String(x));

function graphOf(network: SerialisedNetwork): CompactGraph {
  return buildCompactGraphFromArrays(
    network.nodes.length,
    network.sources,
    network.targets,
    network.weights,
  );
}

/** Louvain on tie weights with a fixed seed (so a network's communities are reproducible). */
function communitiesOf(g: CompactGraph): LouvainResult {
  return louvain(g, { random: createSeededRandom(louvainSeed) });
}

/**
 * Network-level measures of one network. Heterogeneity of kinds and industries is taken over
 * the organisations inside the scope; ties to other regions compare the provinces of a tie's
 * ends; the E-I index splits ties into those crossing the scope's boundary (E, to outside first
 * neighbours) and those within it (I); communities are Louvain's on tie weights.
 */
export function summarise(
  g: CompactGraph,
  nodes: readonly NetworkNode[],
  communities: LouvainResult = communitiesOf(g),
): NetworkSummary {
  const n = g.nodeCount;
  let totalWeight = 0;
  for (let p = 0; p < g.weights.length; p++) totalWeight += g.weights[p]!;
  const insideNodes = nodes.flatMap((x, i) => (x.inside ? [i] : []));
  const kinds = computeHeterogeneity(
    nodes.map((x) => x.kind),
    { nodes: insideNodes },
  );
  const industries = computeHeterogeneity(
    nodes.map((x) => label(x.industryId)),
    { nodes: insideNodes },
  );
  const regions = shareOfTiesToOtherRegions(
    g,
    nodes.map((x) => label(x.provinceId)),
  );
  const ei = computeEIIndex(
    g,
    nodes.map((x) => (x.inside ? 'inside' : 'outside')),
  );
  const helix = computeTripleHelixBalance(
    g,
    nodes.map((x) => x.kind),
  );
  const components = connectedComponents(g);
  return {
    nodes: n,
    insideNodes: insideNodes.length,
    edges: g.edgeCount,
    totalWeight: totalWeight / 2,
    density: density(g),
    components: components.sizes.length,
    largestComponent: components.sizes[components.largest] ?? 0,
    clustering: n === 0 ? null : averageClustering(g),
    transitivity: n === 0 ? null : transitivity(g),
    communities: n === 0 ? null : communities.count,
    modularity: g.edgeCount === 0 ? null : communities.modularity,
    blauKinds: kinds.blau,
    shannonKinds: kinds.shannon,
    blauIndustries: industries.blau,
    shannonIndustries: industries.shannon,
    otherRegionTieShare: regions.share,
    eiIndex: ei.index,
    tripleHelix: {
      ...helix.pairs,
      withinHelix: helix.withinHelix,
      crossSectorShare: helix.crossSectorShare,
      balance: helix.balance,
    },
  };
}

/**
 * The domain's `pathSampleCounts` one chunk at a time in this thread, reporting the paths done
 * after each chunk (a chunk is seeded on its own, so the counts equal those of one call).
 */
function countPathsReporting(
  g: CompactGraph,
  seeds: Uint32Array,
  sizes: Int32Array,
  onProgress: (done: number, total: number) => void,
): Float64Array {
  const work = createPathSamplingWork(g.nodeCount);
  const counts = new Float64Array(g.nodeCount);
  let total = 0;
  for (const size of sizes) total += size;
  let done = 0;
  for (let c = 0; c < seeds.length; c++) {
    pathSampleCounts(g, seeds.subarray(c, c + 1), sizes.subarray(c, c + 1), work, counts);
    done += sizes[c]!;
    onProgress(done, total);
  }
  return counts;
}

/**
 * Computes a measures task: network level always, node level as asked. Betweenness and
 * closeness use unweighted shortest paths; betweenness is exact up to
 * {@link exactBetweennessLimit} nodes, and estimated from sampled shortest paths above it or
 * when the task names a number of paths (the result's `samples` is then the number of paths
 * and `errorBound` their ε). Eigenvector centrality, PageRank, strength, constraint and
 * communities use tie weights. Hubs are ranked by strength, betweenness,
 * community bridging and gatekeeping.
 */
export async function computeMeasures(
  task: MeasuresTask,
  report: Report,
): Promise<NetworkMeasuresResult> {
  const started = performance.now();
  const asked = new Set(task.measures);
  const nodes = task.network.nodes;
  const g = graphOf(task.network);
  const n = g.nodeCount;
  report(0.02, 'communities');
  const communities = communitiesOf(g);
  report(0.05, 'network measures');
  const summary = summarise(g, nodes, communities);

  const rows: NetworkNodeMeasures[] = nodes.map((node) => ({
    id: node.id,
    name: node.name,
    kind: node.kind,
    provinceId: node.provinceId,
    industryId: node.industryId,
    complexId: node.complexId,
    inside: node.inside,
    synthetic: node.synthetic,
    degree: null,
    strength: null,
    betweenness: null,
    closeness: null,
    eigenvector: null,
    pagerank: null,
    kcore: null,
    community: null,
    constraint: null,
    effectiveSize: null,
    brokerage: null,
    gatekeeper: null,
  }));
  const degrees = degreeCentrality(g);
  const strengths = strength(g);
  if (asked.has('degree')) rows.forEach((r, v) => (r.degree = degrees[v]!));
  if (asked.has('strength')) rows.forEach((r, v) => (r.strength = strengths[v]!));
  if (asked.has('communities')) rows.forEach((r, v) => (r.community = communities.communities[v]!));

  let betweennessValues: Float64Array | undefined;
  let betweennessInfo: NetworkMeasuresResult['betweenness'] = null;
  if (asked.has('betweenness') || asked.has('hubs')) {
    report(0.1, 'betweenness');
    const samples = task.betweennessSamples;
    const parallel = n >= parallelBetweennessFrom;
    const onProgress = (done: number, total: number) =>
      report(0.1 + (0.35 * done) / total, 'betweenness');
    if (samples === null && n <= exactBetweennessLimit) {
      betweennessValues = parallel
        ? await parallelBetweenness(g, { normalized: true, onProgress })
        : betweenness(g, { normalized: true });
      betweennessInfo = { exact: true, samples: null, errorBound: 0 };
    } else {
      const est = await pathSampledBetweenness(g, {
        random: createSeededRandom(samplingSeed),
        delta: sampledBetweennessDelta,
        ...(samples === null ? { epsilon: sampledBetweennessEpsilon } : { samples }),
        counts: parallel
          ? (seeds, sizes) => parallelPathSampleCounts(g, seeds, sizes, { onProgress })
          : (seeds, sizes) => countPathsReporting(g, seeds, sizes, onProgress),
      });
      betweennessValues = est.normalized;
      // A zero bound means a vertex diameter of at most 2: no shortest path has an inner node,
      // so every value is exactly 0.
      betweennessInfo = {
        exact: est.epsilon === 0,
        samples: est.samples,
        errorBound: est.epsilon,
      };
    }
    if (asked.has('betweenness')) rows.forEach((r, v) => (r.betweenness = betweennessValues![v]!));
  }
  if (asked.has('closeness')) {
    report(0.45, 'closeness');
    const values = closeness(g);
    rows.forEach((r, v) => (r.closeness = values[v]!));
  }
  if (asked.has('eigenvector')) {
    report(0.6, 'eigenvector');
    const values = eigenvectorCentrality(g, { weighted: true });
    rows.forEach((r, v) => (r.eigenvector = values[v]!));
  }
  if (asked.has('pagerank')) {
    report(0.65, 'PageRank');
    const values = pageRank(g, { weighted: true });
    rows.forEach((r, v) => (r.pagerank = values[v]!));
  }
  if (asked.has('kcore')) {
    const values = coreNumbers(g);
    rows.forEach((r, v) => (r.kcore = values[v]!));
  }
  if (asked.has('constraint')) {
    report(0.7, 'structural holes');
    const holes = computeStructuralHoles(g);
    rows.forEach((r, v) => {
      r.constraint = finite(holes.constraint[v]);
      r.effectiveSize = finite(holes.effectiveSize[v]);
    });
  }
  if (asked.has('brokerage')) {
    report(0.75, 'brokerage roles');
    const roles = computeBrokerageRoles(
      g,
      nodes.map((x) => x.kind),
    );
    rows.forEach((r, v) => {
      const { coordinator, itinerant, representative, gatekeeper, liaison, total } = roles[v]!;
      r.brokerage = { coordinator, itinerant, representative, gatekeeper, liaison, total };
    });
  }
  const gatekeeper = new Array<boolean>(n).fill(false);
  if (asked.has('gatekeepers') || asked.has('hubs')) {
    for (const k of findKnowledgeGatekeepers(
      g,
      nodes.map((x) => x.inside),
    )) {
      gatekeeper[k.node] = true;
    }
    if (asked.has('gatekeepers')) {
      rows.forEach((r, v) => (r.gatekeeper = r.inside ? gatekeeper[v]! : null));
    }
  }

  let hubs: NetworkHub[] = [];
  if (asked.has('hubs')) {
    report(0.8, 'hubs');
    hubs = rankHubs(
      g,
      {
        degree: strengths,
        betweenness: betweennessValues,
        community: communities.communities,
        gatekeeper,
      },
      { limit: 50 },
    ).map((h) => ({
      id: nodes[h.node]!.id,
      name: nodes[h.node]!.name,
      score: h.score,
      reasons: h.reasons.map((reason) => ({ ...reason, text: describeHubReasons([reason]) })),
    }));
  }

  let yearly: NetworkMeasuresResult['yearly'] = null;
  if (task.yearly) {
    yearly = task.yearly.map((y, i) => {
      report(0.85 + (0.15 * i) / task.yearly!.length, `year ${y.year}`);
      return { year: y.year, summary: summarise(graphOf(y.network), y.network.nodes) };
    });
  }
  report(1, 'done');
  return {
    ...task.meta,
    summary,
    betweenness: betweennessInfo,
    nodes: rows,
    hubs,
    yearly,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Partner suggestions for one node, with Louvain communities so that structural-hole
 * suggestions reach into other communities; regions are provinces, industries the
 * organisations' recorded industries.
 */
export function computePartners(task: PartnersTask): PartnerSuggestionRow[] {
  const nodes = task.network.nodes;
  const g = graphOf(task.network);
  const suggestions = suggestPartners(
    g,
    task.ego,
    {
      kind: nodes.map((x) => x.kind),
      region: nodes.map((x) => label(x.provinceId)),
      industry: nodes.map((x) => label(x.industryId)),
      community: communitiesOf(g).communities,
    },
    { limit: task.limit },
  );
  return suggestions.map((s) => {
    const node = nodes[s.node]!;
    return {
      id: node.id,
      name: node.name,
      kind: node.kind,
      provinceId: node.provinceId,
      industryId: node.industryId,
      synthetic: node.synthetic,
      score: s.score,
      distance: s.distance,
      reasons: s.reasons.map((r) => ({ ...r })),
    };
  });
}

/** Runs one worker task. */
export async function runWorkerTask(task: WorkerTask, report: Report): Promise<unknown> {
  switch (task.task) {
    case 'measures':
      return computeMeasures(task, report);
    case 'communities':
      return [...communitiesOf(graphOf(task.network)).communities];
    case 'partners':
      return computePartners(task);
  }
}
