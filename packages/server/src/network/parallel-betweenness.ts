import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  addInto,
  betweennessBlockCount,
  BETWEENNESS_BLOCK_SIZE,
  normalizeBetweenness,
  type CompactGraph,
} from '@innocluster/domain';
import type { BetweennessReply, BetweennessRequest, SharedGraph } from './betweenness.worker.ts';

/** Options of {@link parallelBetweenness}. */
export interface ParallelBetweennessOptions {
  /** Sources to use (default: every node, i.e. exact betweenness). */
  sources?: Int32Array;
  /** Worker threads (default `os.availableParallelism()`, at most one per block). */
  threads?: number;
  /** Divide by (n-1)(n-2)/2 (only meaningful with all nodes as sources). */
  normalized?: boolean;
  /** Called after each block with the number of sources done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Exact (or partial, for given sources) Brandes betweenness split across worker threads: the
 * CSR arrays are placed on SharedArrayBuffers once per graph, workers take blocks of
 * BETWEENNESS_BLOCK_SIZE sources from a shared queue (so a slow block does not idle the other
 * threads) and the block partials are added in block order, which makes the result bit-for-bit
 * equal to the single-thread `betweenness` / `betweennessInBlocks` of the domain package.
 * The workers belong to a pool that lives as long as the process (see {@link closeBetweennessPool}).
 */
export async function parallelBetweenness(
  g: CompactGraph,
  options: ParallelBetweennessOptions = {},
): Promise<Float64Array> {
  const n = g.nodeCount;
  const sources = options.sources ?? allNodes(n);
  const blocks = betweennessBlockCount(sources.length);
  const total = new Float64Array(n);
  if (blocks > 0) {
    // Partials that arrive before their predecessors wait here so the additions stay in order.
    const pending = new Map<number, Float64Array>();
    let nextToAdd = 0;
    let done = 0;
    await runJob(
      g,
      toShared(sources),
      Array.from({ length: blocks }, (_, block) => ({ type: 'block' as const, block })),
      options.threads,
      (block, partial) => {
        pending.set(block, partial);
        while (pending.has(nextToAdd)) {
          addInto(total, pending.get(nextToAdd)!);
          pending.delete(nextToAdd);
          nextToAdd += 1;
        }
        done += Math.min(BETWEENNESS_BLOCK_SIZE, sources.length - block * BETWEENNESS_BLOCK_SIZE);
        options.onProgress?.(done, sources.length);
      },
    );
  }
  if (options.normalized) normalizeBetweenness(total, n);
  return total;
}

/** Options of {@link parallelPathSampleCounts}. */
export interface ParallelPathSampleOptions {
  /** Worker threads (default `os.availableParallelism()`, at most one per chunk). */
  threads?: number;
  /** Called after each chunk with the number of sampled paths done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The `counts` step of the domain's `pathSampledBetweenness` on worker threads: chunk i draws
 * sizes[i] shortest paths from the seed seeds[i] in whichever worker is free. Counts are whole
 * numbers, so the sum does not depend on which thread ran which chunk or in what order: the
 * result equals the single-thread `pathSampleCounts` exactly.
 */
export async function parallelPathSampleCounts(
  g: CompactGraph,
  seeds: Uint32Array,
  sizes: Int32Array,
  options: ParallelPathSampleOptions = {},
): Promise<Float64Array> {
  const counts = new Float64Array(g.nodeCount);
  let total = 0;
  for (const size of sizes) total += size;
  let done = 0;
  await runJob(
    g,
    null,
    Array.from(seeds, (seed, chunk) => ({
      type: 'paths' as const,
      chunk,
      seed,
      size: sizes[chunk]!,
    })),
    options.threads,
    (chunk, partial) => {
      addInto(counts, partial);
      done += sizes[chunk]!;
      options.onProgress?.(done, total);
    },
  );
  return counts;
}

type Task =
  | Omit<Extract<BetweennessRequest, { type: 'block' }>, 'job'>
  | Omit<Extract<BetweennessRequest, { type: 'paths' }>, 'job'>;

interface PoolWorker {
  worker: Worker;
  /** Resolves once the worker has loaded its modules and said so. */
  ready: Promise<void>;
}

/**
 * Worker threads kept for the life of the process: starting one loads the TypeScript sources
 * through tsx (a second or more on a loaded machine), so each is started once and reused by
 * every later call. Idle workers are unref'd and do not keep the process alive.
 */
const pool: PoolWorker[] = [];
/** One job at a time: jobs queue here, so concurrent callers never share a worker's state. */
let queue: Promise<unknown> = Promise.resolve();
let jobCounter = 0;
/** The shared copy of each graph's CSR arrays, made once per graph. */
const sharedGraphs = new WeakMap<CompactGraph, SharedGraph>();

function runJob(
  g: CompactGraph,
  sources: SharedArrayBuffer | null,
  tasks: Task[],
  threads: number | undefined,
  onPartial: (index: number, partial: Float64Array) => void,
): Promise<void> {
  const run = queue.then(() => runJobNow(g, sources, tasks, threads, onPartial));
  queue = run.catch(() => {});
  return run;
}

async function runJobNow(
  g: CompactGraph,
  sources: SharedArrayBuffer | null,
  tasks: Task[],
  threads: number | undefined,
  onPartial: (index: number, partial: Float64Array) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  const count = Math.max(1, Math.min(threads ?? availableParallelism(), tasks.length));
  const members = await poolOf(count);
  const job = ++jobCounter;
  const graph = sharedGraph(g);
  const cleanups: (() => void)[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let nextTask = 0;
      let finished = 0;
      const send = (worker: Worker) => {
        const task = tasks[nextTask++];
        if (task) worker.postMessage({ ...task, job } satisfies BetweennessRequest);
      };
      for (const { worker } of members) {
        const onMessage = (reply: BetweennessReply) => {
          if (reply.type === 'ready' || reply.job !== job) return;
          if (reply.type === 'error')
            return reject(new Error(`betweenness worker: ${reply.error}`));
          try {
            onPartial(reply.index, reply.partial);
          } catch (error) {
            return reject(error instanceof Error ? error : new Error(String(error)));
          }
          finished += 1;
          if (finished === tasks.length) resolve();
          else send(worker);
        };
        const onError = (error: Error) => reject(error);
        const onExit = (code: number) =>
          reject(new Error(`betweenness worker stopped (exit code ${code})`));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        // A running job must keep the process alive until its last partial arrives.
        worker.ref();
        cleanups.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          worker.postMessage({ type: 'release' } satisfies BetweennessRequest);
          worker.unref();
        });
        worker.postMessage({ type: 'job', job, graph, sources } satisfies BetweennessRequest);
        send(worker);
      }
    });
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}

/** The first `count` pool workers, started if missing, once they are ready. */
async function poolOf(count: number): Promise<PoolWorker[]> {
  while (pool.length < count) pool.push(startWorker());
  const members = pool.slice(0, count);
  await Promise.all(members.map((member) => member.ready));
  return members;
}

/** Terminates the pooled worker threads (tests, shutdown); the next call starts new ones. */
export async function closeBetweennessPool(): Promise<void> {
  const members = pool.splice(0, pool.length);
  await Promise.all(members.map(({ worker }) => worker.terminate()));
}

/** Number of worker threads currently in the pool (started once, then reused). */
export function betweennessPoolSize(): number {
  return pool.length;
}

function sharedGraph(g: CompactGraph): SharedGraph {
  let shared = sharedGraphs.get(g);
  if (!shared) {
    shared = { nodeCount: g.nodeCount, offsets: toShared(g.offsets), targets: toShared(g.targets) };
    sharedGraphs.set(g, shared);
  }
  return shared;
}

function allNodes(n: number): Int32Array {
  const sources = new Int32Array(n);
  for (let v = 0; v < n; v++) sources[v] = v;
  return sources;
}

function toShared(array: Int32Array): SharedArrayBuffer {
  if (
    array.buffer instanceof SharedArrayBuffer &&
    array.byteOffset === 0 &&
    array.byteLength === array.buffer.byteLength
  ) {
    return array.buffer;
  }
  const shared = new SharedArrayBuffer(array.byteLength);
  new Int32Array(shared).set(array);
  return shared;
}

let tsxRegister: string | null = null;

/**
 * The worker entry is TypeScript and the server has no build step. Node 20 will not start a .ts
 * worker even when the parent runs under tsx or vitest, so the worker starts from a one-line
 * JavaScript bootstrap that registers tsx's ESM loader in the worker and then imports the entry.
 * A worker that fails or exits leaves the pool, so the next job starts a fresh one.
 */
function startWorker(): PoolWorker {
  if (!tsxRegister) {
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    tsxRegister = pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
  }
  const entry = new URL('./betweenness.worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxRegister)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  const member: PoolWorker = {
    worker,
    ready: new Promise<void>((resolve, reject) => {
      const onMessage = (reply: BetweennessReply) => {
        if (reply.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('exit', onEarlyExit);
        worker.unref();
        resolve();
      };
      const onEarlyExit = (code: number) =>
        reject(new Error(`betweenness worker stopped while starting (exit code ${code})`));
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
    }),
  };
  // Keep the pool free of dead workers; a running job sees the same events through its own listeners.
  const leave = () => {
    const at = pool.indexOf(member);
    if (at >= 0) pool.splice(at, 1);
  };
  worker.once('error', leave);
  worker.once('exit', leave);
  member.ready.catch(() => {});
  return member;
}
