import type {
  NetworkHub,
  NetworkMeasureName,
  NetworkMeasuresResult,
  NetworkNodeMeasures,
  NetworkSummary,
  NetworkTieType,
} from '@innocluster/contracts';
import {
  betweenness,
  buildCompactGraphFromArrays,
  computeBrokerageRoles,
  computeEIIndex,
  computeHeterogeneity,
  computeTripleHelixBalance,
  computeStructuralHoles,
  createSeededRandom,
  degreeOf,
  findKnowledgeGatekeepers,
  neighbourWeights,
  sampledBetweenness,
  shareOfTiesToOtherRegions,
  type CompactGraph,
} from '@innocluster/domain';
import type { NetworkNode } from './network-graph.ts';

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
  betweennessSamples: number | null;
  yearly: { year: number; network: SerialisedNetwork }[] | null;
  meta: {
    scope: string;
    from: string | null;
    to: string | null;
    tieTypes: NetworkTieType[];
    weighting: 'newman' | 'count';
  };
}

/** Louvain communities only (for the explorer's colouring). */
export interface CommunitiesTask {
  task: 'communities';
  network: SerialisedNetwork;
}

export type WorkerTask = MeasuresTask | CommunitiesTask;

type Report = (progress: number, stage: string) => void;

/**
 * Above this many nodes betweenness is estimated from sampled sources (Brandes & Pich 2007)
 * with its error bound, unless the request names a sample size; up to it, it is exact.
 */
export const exactBetweennessLimit = 5000;

/** Seed of the source sample, fixed so that the same network gives the same estimate. */
const samplingSeed = 20_050_101;

const finite = (x: number | undefined): number | null =>
  x === undefined || !Number.isFinite(x) ? null : x;

function graphOf(network: SerialisedNetwork): CompactGraph {
  return buildCompactGraphFromArrays(
    network.nodes.length,
    network.sources,
    network.targets,
    network.weights,
  );
}

const label = (x: number | null) => (x === null ? null : String(x));

/**
 * Network-level measures of one network. Heterogeneity of kinds and industries is taken over
 * the organisations inside the scope; ties to other regions compare the provinces of a tie's
 * ends; the E-I index splits ties into those crossing the scope's boundary (E, to outside first
 * neighbours) and those within it (I).
 */
export function summarise(g: CompactGraph, nodes: readonly NetworkNode[]): NetworkSummary {
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
  const tripleHelix: Record<string, number | null> = {
    ...helix.pairs,
    withinHelix: helix.withinHelix,
    crossSectorShare: helix.crossSectorShare,
    balance: helix.balance,
  };
  return {
    nodes: n,
    insideNodes: nodes.filter((x) => x.inside).length,
    edges: g.edgeCount,
    totalWeight: totalWeight / 2,
    density: n < 2 ? 0 : (2 * g.edgeCount) / (n * (n - 1)),
    components: 0,
    largestComponent: 0,
    clustering: null,
    transitivity: null,
    communities: null,
    modularity: null,
    blauKinds: kinds.blau,
    shannonKinds: kinds.shannon,
    blauIndustries: industries.blau,
    shannonIndustries: industries.shannon,
    otherRegionTieShare: regions.share,
    eiIndex: ei.index,
    tripleHelix,
  };
}

/** Computes a measures task: network level always, node level as asked. */
export async function computeMeasures(
  task: MeasuresTask,
  report: Report,
): Promise<NetworkMeasuresResult> {
  const started = performance.now();
  const asked = new Set(task.measures);
  const nodes = task.network.nodes;
  const g = graphOf(task.network);
  const n = g.nodeCount;
  report(0.05, 'network measures');
  const summary = summarise(g, nodes);

  const rows: NetworkNodeMeasures[] = nodes.map((node, v) => {
    let strength = 0;
    for (const w of neighbourWeights(g, v)) strength += w;
    return {
      id: node.id,
      name: node.name,
      kind: node.kind,
      provinceId: node.provinceId,
      industryId: node.industryId,
      complexId: node.complexId,
      inside: node.inside,
      synthetic: node.synthetic,
      degree: asked.has('degree') ? degreeOf(g, v) : null,
      strength: asked.has('strength') ? strength : null,
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
    };
  });

  let betweennessInfo: NetworkMeasuresResult['betweenness'] = null;
  if (asked.has('betweenness')) {
    report(0.1, 'betweenness');
    const samples = task.betweennessSamples;
    if (samples === null && n <= exactBetweennessLimit) {
      const values = betweenness(g, { normalized: true });
      rows.forEach((r, v) => (r.betweenness = values[v]!));
      betweennessInfo = { exact: true, samples: null, errorBound: 0 };
    } else {
      const est = await sampledBetweenness(g, {
        random: createSeededRandom(samplingSeed),
        ...(samples === null ? { epsilon: 0.02 } : { samples }),
      });
      rows.forEach((r, v) => (r.betweenness = est.normalized[v]!));
      betweennessInfo = { exact: est.exact, samples: est.samples, errorBound: est.epsilon };
    }
  }

  if (asked.has('constraint')) {
    report(0.6, 'structural holes');
    const holes = computeStructuralHoles(g);
    rows.forEach((r, v) => {
      r.constraint = finite(holes.constraint[v]);
      r.effectiveSize = finite(holes.effectiveSize[v]);
    });
  }
  if (asked.has('brokerage')) {
    report(0.7, 'brokerage roles');
    const roles = computeBrokerageRoles(
      g,
      nodes.map((x) => x.kind),
    );
    rows.forEach((r, v) => {
      const { coordinator, itinerant, representative, gatekeeper, liaison, total } = roles[v]!;
      r.brokerage = { coordinator, itinerant, representative, gatekeeper, liaison, total };
    });
  }

  if (asked.has('gatekeepers')) {
    const gatekeepers = new Set(
      findKnowledgeGatekeepers(
        g,
        nodes.map((x) => x.inside),
      ).map((k) => k.node),
    );
    rows.forEach((r, v) => (r.gatekeeper = r.inside ? gatekeepers.has(v) : null));
  }

  const hubs: NetworkHub[] = [];
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

/** Runs one worker task. */
export async function runWorkerTask(task: WorkerTask, report: Report): Promise<unknown> {
  if (task.task === 'measures') return computeMeasures(task, report);
  throw new Error('Louvain communities are not available in this build yet');
}
