import { parentPort } from 'node:worker_threads';
import {
  betweennessBlock,
  betweennessForSources,
  createBrandesWork,
  createPathSamplingWork,
  pathSampleCounts,
  type BrandesWork,
  type CompactGraph,
  type PathSamplingWork,
} from '@innocluster/domain';

/** The graph's CSR arrays on shared memory: every worker reads the same bytes, nothing is copied. */
export interface SharedGraph {
  nodeCount: number;
  offsets: SharedArrayBuffer;
  targets: SharedArrayBuffer;
}

/**
 * Main thread → worker. A job message announces the graph (and for exact/partial betweenness
 * the source list) of the next tasks; task messages then name a block of sources or a chunk of
 * path samples of that job. The worker lives for the whole process (see parallel-betweenness.ts).
 */
export type BetweennessRequest =
  | { type: 'job'; job: number; graph: SharedGraph; sources: SharedArrayBuffer | null }
  | { type: 'block'; job: number; block: number }
  | { type: 'paths'; job: number; chunk: number; seed: number; size: number }
  | { type: 'release' };

/** Worker → main thread: ready after loading, a partial result, or an error. */
export type BetweennessReply =
  | { type: 'ready' }
  | { type: 'partial'; job: number; index: number; partial: Float64Array }
  | { type: 'error'; job: number; error: string };

const port = parentPort!;
let job = -1;
let graph: CompactGraph | null = null;
let sources: Int32Array<ArrayBufferLike> = new Int32Array(0);
// Path-sampling arrays are sized to the graph and reused by every chunk of the same job.
let pathWork: PathSamplingWork | null = null;
let brandesWork: BrandesWork | null = null;

function run(request: Extract<BetweennessRequest, { type: 'block' | 'paths' }>): Float64Array {
  if (request.job !== job || !graph) throw new Error(`no graph for job ${request.job}`);
  if (request.type === 'block') {
    brandesWork ??= createBrandesWork(graph);
    return betweennessForSources(graph, betweennessBlock(sources, request.block), brandesWork);
  }
  pathWork ??= createPathSamplingWork(graph.nodeCount);
  return pathSampleCounts(
    graph,
    Uint32Array.of(request.seed),
    Int32Array.of(request.size),
    pathWork,
  );
}

port.on('message', (request: BetweennessRequest) => {
  if (request.type === 'release') {
    // The job is over: drop the views so an idle worker does not keep a large graph alive.
    job = -1;
    graph = null;
    sources = new Int32Array(0);
    pathWork = null;
    brandesWork = null;
    return;
  }
  if (request.type === 'job') {
    job = request.job;
    const targets = new Int32Array(request.graph.targets);
    // Unweighted betweenness never reads weights; an empty view keeps the CompactGraph shape.
    graph = {
      nodeCount: request.graph.nodeCount,
      edgeCount: targets.length / 2,
      offsets: new Int32Array(request.graph.offsets),
      targets,
      weights: new Float64Array(0),
    };
    sources = request.sources ? new Int32Array(request.sources) : new Int32Array(0);
    pathWork = null;
    brandesWork = null;
    return;
  }
  try {
    const partial = run(request);
    const index = request.type === 'block' ? request.block : request.chunk;
    port.postMessage(
      { type: 'partial', job: request.job, index, partial } satisfies BetweennessReply,
      [partial.buffer as ArrayBuffer],
    );
  } catch (error) {
    port.postMessage({
      type: 'error',
      job: request.job,
      error: error instanceof Error ? error.message : String(error),
    } satisfies BetweennessReply);
  }
});
port.postMessage({ type: 'ready' } satisfies BetweennessReply);
