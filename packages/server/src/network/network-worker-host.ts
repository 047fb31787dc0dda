import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';

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
  const bootstrap = `import(${JSON.stringify(tsxRegisterUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
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
