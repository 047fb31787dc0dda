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
import type { BetweennessReply, BetweennessWorkerData } from './betweenness.worker.ts';

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
 * CSR arrays are placed on SharedArrayBuffers once, workers take blocks of
 * BETWEENNESS_BLOCK_SIZE sources from a shared queue (so a slow block does not idle the other
 * threads) and the block partials are added in block order, which makes the result bit-for-bit
 * equal to the single-thread `betweenness` / `betweennessInBlocks` of the domain package.
 */
export async function parallelBetweenness(
  g: CompactGraph,
  options: ParallelBetweennessOptions = {},
): Promise<Float64Array> {
  const n = g.nodeCount;
  const sources = options.sources ?? allNodes(n);
  const blocks = betweennessBlockCount(sources.length);
  const total = new Float64Array(n);
  if (blocks === 0) return total;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), blocks));
  const workerData: BetweennessWorkerData = {
    nodeCount: n,
    offsets: toShared(g.offsets),
    targets: toShared(g.targets),
    sources: toShared(sources),
  };
  const workers = Array.from({ length: threads }, () => startWorker(workerData));
  try {
    // Partials that arrive before their predecessors wait here so the additions stay in order.
    const pending = new Map<number, Float64Array>();
    let nextToAdd = 0;
    let nextToSend = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const send = (worker: Worker) => {
        if (nextToSend < blocks) worker.postMessage({ block: nextToSend++ });
      };
      for (const worker of workers) {
        worker.on('message', (message: BetweennessReply | { ready: true }) => {
          if ('ready' in message) return send(worker);
          if ('error' in message) return reject(new Error(`betweenness worker: ${message.error}`));
          pending.set(message.block, message.partial);
          while (pending.has(nextToAdd)) {
            addInto(total, pending.get(nextToAdd)!);
            pending.delete(nextToAdd);
            nextToAdd += 1;
          }
          done += Math.min(
            BETWEENNESS_BLOCK_SIZE,
            sources.length - message.block * BETWEENNESS_BLOCK_SIZE,
          );
          options.onProgress?.(done, sources.length);
          if (nextToAdd === blocks) resolve();
          else send(worker);
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (nextToAdd < blocks)
            reject(new Error(`betweenness worker stopped (exit code ${code})`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (options.normalized) normalizeBetweenness(total, n);
  return total;
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
 */
function startWorker(workerData: BetweennessWorkerData): Worker {
  if (!tsxRegister) {
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    tsxRegister = pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
  }
  const entry = new URL('./betweenness.worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxRegister)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
