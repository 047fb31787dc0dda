import { afterAll, describe, expect, it } from 'vitest';
import type { CommunitiesTask } from './network-measures.ts';
import {
  closePooledTsWorkers,
  idlePooledTsWorkers,
  runPooledTsWorker,
  runTsWorker,
} from './network-worker-host.ts';

const entry = new URL('./network-measures.worker.ts', import.meta.url);

afterAll(() => closePooledTsWorkers());

/** Two triangles {0,1,2} and {3,4,5} joined by the tie 2-3: Louvain finds the two triangles. */
function twoTriangles(): CommunitiesTask {
  return {
    task: 'communities',
    network: {
      nodes: [],
      sources: Int32Array.of(0, 0, 1, 3, 3, 4, 2),
      targets: Int32Array.of(1, 2, 2, 4, 5, 5, 3),
      weights: Float64Array.of(1, 1, 1, 1, 1, 1, 1),
    },
  };
}

// The first task starts a worker that loads TypeScript through tsx: seconds on a loaded machine.
describe('network worker host', { timeout: 120_000 }, () => {
  it('a pooled worker answers task after task and is kept for the next one', async () => {
    const task = twoTriangles();
    task.network.nodes = Array.from({ length: 6 }, () => ({}) as never);
    expect(await runPooledTsWorker<number[]>(entry, task)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(idlePooledTsWorkers(entry)).toBe(1);
    const started = performance.now();
    expect(await runPooledTsWorker<number[]>(entry, task)).toEqual([0, 0, 0, 1, 1, 1]);
    // No second start-up: the kept worker answers without loading anything.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(idlePooledTsWorkers(entry)).toBe(1);
    // Two at once: the second gets a worker of its own; both are kept afterwards.
    const both = await Promise.all([
      runPooledTsWorker<number[]>(entry, task),
      runPooledTsWorker<number[]>(entry, task),
    ]);
    expect(both).toEqual([
      [0, 0, 0, 1, 1, 1],
      [0, 0, 0, 1, 1, 1],
    ]);
    expect(idlePooledTsWorkers(entry)).toBe(2);
  });

  it('a bad task is an error, and the worker stays usable', async () => {
    const bad = twoTriangles();
    bad.network.nodes = Array.from({ length: 3 }, () => ({}) as never);
    await expect(runPooledTsWorker(entry, bad)).rejects.toThrow(/outside 0\.\.2/);
    const good = twoTriangles();
    good.network.nodes = Array.from({ length: 6 }, () => ({}) as never);
    expect(await runPooledTsWorker<number[]>(entry, good)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('the one-shot runTsWorker still runs the same entry from workerData', async () => {
    const task = twoTriangles();
    task.network.nodes = Array.from({ length: 6 }, () => ({}) as never);
    expect(await runTsWorker<number[]>(entry, task)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
