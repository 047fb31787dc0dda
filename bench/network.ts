/**
 * Network-measures benchmark (`npm run bench:network`), never part of a test suite.
 *
 * Graphs (seeded, so every run measures the same ones): degree-corrected stochastic block models
 * (`clusteredGraph` in the domain package: Karrer & Newman 2011, Zipf-like node propensities,
 * 85% of edge draws inside a block), a realistic shape for clustered knowledge networks with hubs:
 *   - 5,000 nodes, 25,000 edge draws, 10 blocks;
 *   - 20,000 nodes, 100,000 edge draws, 20 blocks;
 *   - 1,000,000 nodes, 5,000,000 edge draws, 1,000 blocks (sampled betweenness only).
 * For the first two it times exact betweenness on one thread and across worker threads
 * (`parallelBetweenness`, os.availableParallelism() workers, worker start-up included), PageRank
 * and Louvain (ours and graphology-communities-louvain); when /usr/bin/python3 can import igraph
 * it runs bench/network_igraph.py on the same edge list and prints ours/igraph ratios and the
 * largest absolute difference of the betweenness and PageRank values. For the large graph it
 * prints sampled betweenness's time and Hoeffding error bound (BENCH_SAMPLES sources, default
 * 128). Peak resident memory (this process, workers included; igraph's process) is reported.
 *
 * Single runs, not medians: an exact betweenness run takes minutes on a shared 2-core machine.
 */
import {
  betweenness,
  clusteredGraph,
  createSeededRandom,
  louvain,
  pageRank,
  sampledBetweenness,
  toGraphology,
  type CompactGraph,
} from '@innocluster/domain';
import { parallelBetweenness } from '../packages/server/src/network/parallel-betweenness.ts';
import louvainGraphology from 'graphology-communities-louvain';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface IgraphResult {
  version: string;
  betweennessSeconds: number;
  pagerankSeconds: number;
  louvainSeconds: number;
  betweenness: number[];
  pagerank: number[];
  modularity: number;
  peakMemoryMB: number;
}

const python = '/usr/bin/python3';
const igraphScript = fileURLToPath(new URL('./network_igraph.py', import.meta.url));

function hasIgraph(): boolean {
  try {
    execFileSync(python, ['-c', 'import igraph'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function time<T>(run: () => T | Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

function peakMemoryMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function edgeList(g: CompactGraph): string {
  const lines: string[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      if (v < g.targets[p]!) lines.push(`${v} ${g.targets[p]!}`);
    }
  }
  return lines.join('\n') + '\n';
}

const seconds = (s: number) => `${s.toFixed(2)} s`;

async function benchExact(label: string, g: CompactGraph, igraph: boolean): Promise<void> {
  console.log(`\n${label}: ${g.nodeCount} nodes, ${g.edgeCount} distinct edges`);
  const [single, singleSeconds] = await time(() => betweenness(g));
  console.log(`  exact betweenness, 1 thread:       ${seconds(singleSeconds)}`);
  const threads = availableParallelism();
  const [parallel, parallelSeconds] = await time(() => parallelBetweenness(g, { threads }));
  console.log(
    `  exact betweenness, ${threads} threads:      ${seconds(parallelSeconds)} (identical to 1 thread: ${maxAbsDiff(single, parallel) === 0})`,
  );
  const [rank, pageRankSeconds] = await time(() => pageRank(g, { tolerance: 1e-10 }));
  console.log(`  PageRank (d = 0.85, L1 tol 1e-10): ${seconds(pageRankSeconds)}`);
  const [communities, louvainSeconds] = await time(() =>
    louvain(g, { random: createSeededRandom(1) }),
  );
  console.log(
    `  Louvain:                           ${seconds(louvainSeconds)} (modularity ${communities.modularity.toFixed(4)}, ${communities.count} communities)`,
  );
  const graph = toGraphology(g);
  const [theirs, graphologySeconds] = await time(() =>
    louvainGraphology.detailed(graph, { rng: createSeededRandom(1), getEdgeWeight: 'weight' }),
  );
  console.log(
    `  graphology-communities-louvain:    ${seconds(graphologySeconds)} (modularity ${theirs.modularity.toFixed(4)})`,
  );
  if (!igraph) return;
  const dir = mkdtempSync(join(tmpdir(), 'innocluster-bench-network-'));
  try {
    const file = join(dir, 'edges.txt');
    writeFileSync(file, edgeList(g));
    const output = execFileSync(python, [igraphScript, file, String(g.nodeCount)], {
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    const ig = JSON.parse(output) as IgraphResult;
    console.log(
      `  igraph ${ig.version}: betweenness ${seconds(ig.betweennessSeconds)}, PageRank ${seconds(ig.pagerankSeconds)}, Louvain ${seconds(ig.louvainSeconds)} (modularity ${ig.modularity.toFixed(4)}), peak memory ${ig.peakMemoryMB.toFixed(0)} MB`,
    );
    console.log(
      `  betweenness max |ours − igraph| = ${maxAbsDiff(parallel, ig.betweenness).toExponential(2)} (largest value ${Math.max(...parallel).toFixed(1)}); PageRank max |ours − igraph| = ${maxAbsDiff(rank, ig.pagerank).toExponential(2)}`,
    );
    console.log(
      `  ratios ours/igraph: betweenness 1 thread ${(singleSeconds / ig.betweennessSeconds).toFixed(2)}x, ${threads} threads ${(parallelSeconds / ig.betweennessSeconds).toFixed(2)}x; PageRank ${(pageRankSeconds / ig.pagerankSeconds).toFixed(2)}x; Louvain ${(louvainSeconds / ig.louvainSeconds).toFixed(2)}x`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchSampled(): Promise<void> {
  const samples = Number(process.env.BENCH_SAMPLES ?? 128);
  const [g, buildSeconds] = await time(() =>
    clusteredGraph({
      nodeCount: 1_000_000,
      edgeCount: 5_000_000,
      blocks: 1000,
      withinShare: 0.85,
      random: createSeededRandom(3),
    }),
  );
  console.log(
    `\nLarge graph: ${g.nodeCount} nodes, ${g.edgeCount} distinct edges (built in ${seconds(buildSeconds)})`,
  );
  const [result, sampledSeconds] = await time(() =>
    sampledBetweenness(g, {
      random: createSeededRandom(4),
      samples,
      delta: 0.05,
      partials: (sources) => parallelBetweenness(g, { sources }),
    }),
  );
  console.log(
    `  sampled betweenness, ${result.samples} sources, ${availableParallelism()} threads: ${seconds(sampledSeconds)}; with probability 0.95 every normalised value is within ±${result.epsilon.toFixed(3)} (Hoeffding + union bound)`,
  );
}

const igraph = hasIgraph();
if (!igraph) console.log('python3-igraph not found at /usr/bin/python3: igraph comparison skipped');
await benchExact(
  '5,000-node clustered graph',
  clusteredGraph({
    nodeCount: 5000,
    edgeCount: 25_000,
    blocks: 10,
    withinShare: 0.85,
    random: createSeededRandom(1),
  }),
  igraph,
);
await benchExact(
  '20,000-node clustered graph',
  clusteredGraph({
    nodeCount: 20_000,
    edgeCount: 100_000,
    blocks: 20,
    withinShare: 0.85,
    random: createSeededRandom(2),
  }),
  igraph,
);
await benchSampled();
console.log(`\nPeak memory of this process (workers included): ${peakMemoryMB().toFixed(0)} MB`);
