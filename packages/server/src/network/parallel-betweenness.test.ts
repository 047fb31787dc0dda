import {
  betweenness,
  betweennessInBlocks,
  buildCompactGraph,
  clusteredGraph,
  createSeededRandom,
  randomGnm,
  sampleWithoutReplacement,
} from '@innocluster/domain';
import { describe, expect, it } from 'vitest';
import { parallelBetweenness } from './parallel-betweenness.ts';

// Each call starts worker threads that load TypeScript through tsx: seconds on a loaded machine.
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
