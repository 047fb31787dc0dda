import {
  betweenness,
  clusteredGraph,
  createSeededRandom,
  vertexDiameterBound,
  type CompactGraph,
} from '@innocluster/domain';
import { afterAll, describe, expect, it } from 'vitest';
import type { NetworkNode } from './network-graph.ts';
import {
  computeMeasures,
  exactBetweennessLimit,
  type MeasuresTask,
  type SerialisedNetwork,
} from './network-measures.ts';
import { closeBetweennessPool } from './parallel-betweenness.ts';

afterAll(() => closeBetweennessPool());

/** A network of the generated graph's edges (each once, source < target) with plain companies as nodes. */
function networkOf(g: CompactGraph): SerialisedNetwork {
  const sources: number[] = [];
  const targets: number[] = [];
  for (let u = 0; u < g.nodeCount; u++) {
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      if (u < v) {
        sources.push(u);
        targets.push(v);
      }
    }
  }
  const nodes: NetworkNode[] = Array.from({ length: g.nodeCount }, (_, i) => ({
    id: i + 1,
    name: `Org ${i + 1}`,
    kind: 'company',
    provinceId: null,
    industryId: null,
    complexId: null,
    synthetic: true,
    inside: true,
  }));
  return {
    nodes,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    weights: new Float64Array(sources.length).fill(1),
  };
}

function taskOf(network: SerialisedNetwork, betweennessSamples: number | null): MeasuresTask {
  return {
    task: 'measures',
    network,
    measures: ['betweenness'],
    betweennessSamples,
    yearly: null,
    meta: {
      scope: 'all',
      from: null,
      to: null,
      tieTypes: ['joint_rd'],
      weighting: 'count',
      maxAttendees: 50,
    },
  };
}

/**
 * The Riondato & Kornaropoulos (2016) bound, written out here rather than taken from the domain:
 * ε = √(0.5 (⌊log2(VD − 2)⌋ + 1 + ln(1/δ)) / r) over the n(n−1) ordered pairs, times n/(n−2) for
 * the (n−1)(n−2)/2 normalisation the API reports.
 */
function riondatoBound(n: number, vertexDiameter: number, paths: number, delta: number): number {
  const vc = Math.floor(Math.log2(vertexDiameter - 2)) + 1 + Math.log(1 / delta);
  return Math.sqrt((0.5 * vc) / paths) * (n / (n - 2));
}

function largestError(estimate: readonly (number | null)[], exact: Float64Array): number {
  let worst = 0;
  estimate.forEach((value, v) => (worst = Math.max(worst, Math.abs(value! - exact[v]!))));
  return worst;
}

// Above the limit the sampled paths are counted on the worker pool: its threads load TypeScript
// through tsx, a second or more each on a loaded machine.
describe('betweenness in a measures task', { timeout: 60_000 }, () => {
  it('above the exact limit: a path-sampled estimate within its bound, the same twice', async () => {
    const g = clusteredGraph({
      nodeCount: exactBetweennessLimit + 200,
      edgeCount: 3 * (exactBetweennessLimit + 200),
      blocks: 6,
      withinShare: 0.85,
      random: createSeededRandom(11),
    });
    const n = g.nodeCount;
    const network = networkOf(g);
    const progress: [number, string][] = [];
    const first = await computeMeasures(taskOf(network, null), (p, stage) =>
      progress.push([p, stage]),
    );

    // The default sample size for ε = 0.01, δ = 0.05: r = ⌈(0.5/ε²)(⌊log2(VD − 2)⌋ + 1 + ln 20)⌉.
    const vd = vertexDiameterBound(g);
    const vc = Math.floor(Math.log2(vd - 2)) + 1 + Math.log(20);
    const paths = Math.ceil((0.5 / 0.01 ** 2) * vc);
    const bound = riondatoBound(n, vd, paths, 0.05);
    expect(first.betweenness!.exact).toBe(false);
    expect(first.betweenness!.samples).toBe(paths);
    expect(first.betweenness!.errorBound).toBeCloseTo(bound, 12);
    expect(bound).toBeLessThan(0.0102);

    // Second method: Brandes' exact betweenness of the same graph.
    const exact = betweenness(g, { normalized: true });
    const values = first.nodes.map((node) => node.betweenness);
    expect(largestError(values, exact)).toBeLessThanOrEqual(bound);
    // Not all zero: the estimate carries the graph's brokers.
    expect(Math.max(...values.map((x) => x!))).toBeGreaterThan(bound);

    // Progress rises through the sampled paths to the end and never goes back.
    const betweennessSteps = progress.filter(([, stage]) => stage === 'betweenness');
    expect(betweennessSteps.length).toBeGreaterThan(2);
    expect(betweennessSteps.at(-1)![0]).toBeCloseTo(0.45, 12);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
    expect(progress.at(-1)).toEqual([1, 'done']);

    const second = await computeMeasures(taskOf(network, null), () => {});
    expect(second.betweenness).toEqual(first.betweenness);
    expect(second.nodes.map((node) => node.betweenness)).toEqual(values);
  });

  it('a named sample size is a number of shortest paths, with the bound for that many', async () => {
    const g = clusteredGraph({
      nodeCount: 400,
      edgeCount: 1600,
      blocks: 4,
      withinShare: 0.85,
      random: createSeededRandom(4),
    });
    const n = g.nodeCount;
    const progress: number[] = [];
    const result = await computeMeasures(taskOf(networkOf(g), 5000), (p, stage) => {
      if (stage === 'betweenness') progress.push(p);
    });
    const bound = riondatoBound(n, vertexDiameterBound(g), 5000, 0.05);
    expect(result.betweenness).toEqual({
      exact: false,
      samples: 5000,
      errorBound: expect.closeTo(bound, 12) as number,
    });
    const exact = betweenness(g, { normalized: true });
    expect(
      largestError(
        result.nodes.map((node) => node.betweenness),
        exact,
      ),
    ).toBeLessThanOrEqual(bound);
    // One report when betweenness starts, then one per chunk of 2,048 paths: 2,048, 4,096, 5,000.
    expect(progress).toEqual([0.1, ...[2048, 4096, 5000].map((d) => 0.1 + (0.35 * d) / 5000)]);
  });

  it('without a sample size below the limit: exact, as Brandes computes it', async () => {
    const g = clusteredGraph({
      nodeCount: 300,
      edgeCount: 1200,
      blocks: 3,
      withinShare: 0.85,
      random: createSeededRandom(8),
    });
    const result = await computeMeasures(taskOf(networkOf(g), null), () => {});
    expect(result.betweenness).toEqual({ exact: true, samples: null, errorBound: 0 });
    expect(result.nodes.map((node) => node.betweenness)).toEqual([
      ...betweenness(g, { normalized: true }),
    ]);
  });
});
