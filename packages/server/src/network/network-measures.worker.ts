import { parentPort, workerData } from 'node:worker_threads';
import { runWorkerTask, type WorkerTask } from './network-measures.ts';

/** Entry of the network worker thread: runs one task and posts progress and its result. */
const port = parentPort!;
try {
  const result = await runWorkerTask(workerData as WorkerTask, (progress, stage) =>
    port.postMessage({ type: 'progress', progress, stage }),
  );
  port.postMessage({ type: 'result', result });
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
}
