import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';

/** What the host posts to a pooled worker: one task at a time (see {@link runPooledTsWorker}). */
export interface PooledTask {
  type: 'task';
  data: unknown;
}

/** What a network worker posts back: progress while it works, then a result or an error. */
export type WorkerMessage<T> =
  | { type: 'progress'; progress: number; stage: string }
  | { type: 'result'; result: T }
  | { type: 'error'; message: string };

let tsxApi: string | null = null;

/**
 * The URL of tsx's ESM register API. The server runs TypeScript without a build step, and a
 * worker whose entry is a .ts file fails in Node 20 even when the parent runs under tsx, so the
 * worker starts from a small JavaScript bootstrap that registers tsx and then imports the entry.
 */
function tsxRegisterUrl(): string {
  if (tsxApi) return tsxApi;
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  tsxApi = pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
  return tsxApi;
}

/** One-line JavaScript that registers tsx in the worker and then imports the TypeScript entry. */
function bootstrapOf(entry: URL): string {
  return `import(${JSON.stringify(tsxRegisterUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/**
 * Runs a TypeScript worker module with `workerData` and resolves with the result it posts;
 * progress messages go to `onProgress`. The worker is terminated once it answers.
 */
export function runTsWorker<T>(
  entry: URL,
  workerData: unknown,
  onProgress?: (progress: number, stage: string) => void,
  transferList: readonly Transferable[] = [],
): Promise<T> {
  const bootstrap = bootstrapOf(entry);
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData,
    transferList: [...transferList],
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage<T>) => {
      if (message.type === 'progress') onProgress?.(message.progress, message.stage);
      else if (message.type === 'result') finish(() => resolve(message.result));
      else finish(() => reject(new Error(message.message)));
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) =>
      finish(() =>
        reject(new Error(`network worker stopped (exit code ${code}) before answering`)),
      ),
    );
  });
}

/** Idle pooled workers by entry URL; at most {@link maxIdlePerEntry} are kept. */
const idleWorkers = new Map<string, Worker[]>();
const maxIdlePerEntry = 2;

/**
 * Like {@link runTsWorker}, but the worker is kept after it answers and reused by the next task
 * for the same entry: starting a worker loads the TypeScript sources through tsx (a second or
 * more on a loaded machine, every time), a reused one answers at once and keeps what it built
 * meanwhile (e.g. its own betweenness worker pool). The entry must answer `{ type: 'task', data }`
 * messages ({@link PooledTask}) with the {@link WorkerMessage}s of one task. Tasks running at
 * the same time get workers of their own; idle workers do not keep the process alive.
 */
export function runPooledTsWorker<T>(
  entry: URL,
  data: unknown,
  onProgress?: (progress: number, stage: string) => void,
  transferList: readonly Transferable[] = [],
): Promise<T> {
  const idle = idleWorkers.get(entry.href) ?? [];
  idleWorkers.set(entry.href, idle);
  // Messages posted before the entry has loaded wait in the worker's port until it listens.
  const worker = idle.pop() ?? startPooledWorker(entry, idle);
  worker.ref();
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: WorkerMessage<T>) => {
      if (message.type === 'progress') onProgress?.(message.progress, message.stage);
      else if (message.type === 'result') finish(true, () => resolve(message.result));
      else finish(true, () => reject(new Error(message.message)));
    };
    const onError = (error: Error) => finish(false, () => reject(error));
    const onExit = (code: number) =>
      finish(false, () =>
        reject(new Error(`network worker stopped (exit code ${code}) before answering`)),
      );
    const finish = (reusable: boolean, action: () => void) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      action();
      if (reusable && idle.length < maxIdlePerEntry) {
        worker.unref();
        idle.push(worker);
      } else {
        void worker.terminate();
      }
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ type: 'task', data } satisfies PooledTask, [...transferList]);
  });
}

function startPooledWorker(entry: URL, idle: Worker[]): Worker {
  const worker = new Worker(bootstrapOf(entry), { eval: true });
  // A worker that dies while idle must not be handed the next task.
  worker.once('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

/** Terminates the idle pooled workers (tests, shutdown); later tasks start new ones. */
export async function closePooledTsWorkers(): Promise<void> {
  const workers = [...idleWorkers.values()].flat();
  idleWorkers.clear();
  await Promise.all(workers.map((worker) => worker.terminate()));
}

/** Number of idle pooled workers kept for `entry`. */
export function idlePooledTsWorkers(entry: URL): number {
  return idleWorkers.get(entry.href)?.length ?? 0;
}
