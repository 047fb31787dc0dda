import {
  betweenness,
  betweennessInBlocks,
  buildCompactGraph,
  clusteredGraph,
  createSeededRandom,
  pathSampleCounts,
  pathSampledBetweenness,
  randomGnm,
  sampleWithoutReplacement,
} from '@innocluster/domain';
import { afterAll, describe, expect, it } from 'vitest';
import {
  betweennessPoolSize,
  closeBetweennessPool,
  parallelBetweenness,
  parallelPathSampleCounts,
} from './parallel-betweenness.ts';

afterAll(() => closeBetweennessPool());

// The first call starts worker threads that load TypeScript through tsx: seconds on a loaded machine.
describe('parallelBetweenness (worker threads)', { timeout: 120_000 }, () => {
  it('gives bit-for-bit the single-thread values on a clustered graph, with progress', async () => {
    const g = clusteredGraph({
      nodeCount: 700,
      edgeCount: 3000,
      blocks: 7,
      withinShare: 0.85,
      random: createSeededRandom(21),
    });
    const progress: number[] = [];
    const parallel = await parallelBetweenness(g, {
      threads: 3,
      onProgress: (done, total) => {
        expect(total).toBe(700);
        progress.push(done);
      },
    });
    expect([...parallel]).toEqual([...betweenness(g)]);
    expect(progress.at(-1)).toBe(700);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('reuses its worker threads: later calls start none', async () => {
    const before = betweennessPoolSize();
    expect(before).toBe(3);
    const g = randomGnm(400, 1600, createSeededRandom(8));
    const [a, b] = await Promise.all([
      parallelBetweenness(g, { threads: 2 }),
      parallelBetweenness(g, { threads: 3 }),
    ]);
    expect([...a]).toEqual([...betweenness(g)]);
    expect([...b]).toEqual([...a]);
    expect(betweennessPoolSize()).toBe(before);
  });

  it('handles given sources (sampling), normalisation and tiny graphs', async () => {
    const g = randomGnm(300, 900, createSeededRandom(3));
    const sources = sampleWithoutReplacement(300, 130, createSeededRandom(4));
    expect([...(await parallelBetweenness(g, { sources, threads: 2 }))]).toEqual([
      ...betweennessInBlocks(g, sources),
    ]);
    const path = buildCompactGraph(3, [
      { source: 0, target: 1 },
      { source: 1, target: 2 },
    ]);
    expect([...(await parallelBetweenness(path, { normalized: true }))]).toEqual([0, 1, 0]);
    expect([...(await parallelBetweenness(buildCompactGraph(0, [])))]).toEqual([]);
  });
});

describe('parallelPathSampleCounts (worker threads)', { timeout: 120_000 }, () => {
  it('gives exactly the single-thread counts, whatever the number of threads', async () => {
    const g = clusteredGraph({
      nodeCount: 2000,
      edgeCount: 8000,
      blocks: 10,
      withinShare: 0.85,
      random: createSeededRandom(5),
    });
    const seeds = Uint32Array.of(11, 22, 33, 44, 55);
    const sizes = Int32Array.of(900, 900, 900, 900, 100);
    const single = pathSampleCounts(g, seeds, sizes);
    const done: number[] = [];
    const two = await parallelPathSampleCounts(g, seeds, sizes, {
      threads: 2,
      onProgress: (d, total) => {
        expect(total).toBe(3700);
        done.push(d);
      },
    });
    expect([...two]).toEqual([...single]);
    expect(done.at(-1)).toBe(3700);
    expect([...(await parallelPathSampleCounts(g, seeds, sizes, { threads: 3 }))]).toEqual([
      ...single,
    ]);
    // Every sampled path of a connected pair has at least one inner node or none: the counts add
    // up to the inner nodes of the sampled paths, a positive whole number here.
    const sum = single.reduce((a, b) => a + b, 0);
    expect(Number.isInteger(sum) && sum > 0).toBe(true);
  });

  it('plugs into pathSampledBetweenness with the same result as one thread', async () => {
    const g = randomGnm(1500, 6000, createSeededRandom(9));
    const one = await pathSampledBetweenness(g, { random: createSeededRandom(1), epsilon: 0.05 });
    const many = await pathSampledBetweenness(g, {
      random: createSeededRandom(1),
      epsilon: 0.05,
      counts: (seeds, sizes) => parallelPathSampleCounts(g, seeds, sizes, { threads: 2 }),
    });
    expect(many.samples).toBe(one.samples);
    expect([...many.normalized]).toEqual([...one.normalized]);
  });
});
