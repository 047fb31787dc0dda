import { parentPort, workerData } from 'node:worker_threads';
import { betweennessBlock, betweennessForSources, type CompactGraph } from '@innocluster/domain';

/** What {@link parallelBetweenness} gives each worker: the graph's CSR arrays on shared memory. */
export interface BetweennessWorkerData {
  nodeCount: number;
  offsets: SharedArrayBuffer;
  targets: SharedArrayBuffer;
  sources: SharedArrayBuffer;
}

/** Main thread → worker: compute block i, or stop. */
export type BetweennessRequest = { block: number } | { stop: true };

/** Worker → main thread: the partial sums of one block, or an error. */
export type BetweennessReply = { block: number; partial: Float64Array } | { error: string };

const data = workerData as BetweennessWorkerData;
const offsets = new Int32Array(data.offsets);
const targets = new Int32Array(data.targets);
// Unweighted betweenness never reads weights; an empty view keeps the CompactGraph shape.
const graph: CompactGraph = {
  nodeCount: data.nodeCount,
  edgeCount: targets.length / 2,
  offsets,
  targets,
  weights: new Float64Array(0),
};
const sources = new Int32Array(data.sources);
const port = parentPort!;

port.on('message', (request: BetweennessRequest) => {
  if ('stop' in request) {
    port.close();
    return;
  }
  try {
    const partial = betweennessForSources(graph, betweennessBlock(sources, request.block));
    port.postMessage({ block: request.block, partial } satisfies BetweennessReply, [
      partial.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    port.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies BetweennessReply);
  }
});
port.postMessage({ ready: true });
