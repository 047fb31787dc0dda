import { parentPort, workerData } from 'node:worker_threads';
import { runWorkerTask, type WorkerTask } from './network-measures.ts';
import type { PooledTask } from './network-worker-host.ts';

/**
 * Entry of the network worker thread: runs tasks and posts progress and each result. Started by
 * `runTsWorker` it runs its `workerData` once; started by `runPooledTsWorker` it stays and runs
 * every task posted to it, one at a time.
 */
const port = parentPort!;

async function run(task: WorkerTask): Promise<void> {
  try {
    const result = await runWorkerTask(task, (progress, stage) =>
      port.postMessage({ type: 'progress', progress, stage }),
    );
    port.postMessage({ type: 'result', result });
  } catch (error) {
    port.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

if (workerData) {
  await run(workerData as WorkerTask);
} else {
  port.on('message', (message: PooledTask) => {
    if (message.type === 'task') void run(message.data as WorkerTask);
  });
}
