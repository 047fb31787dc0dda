import { parentPort, workerData } from 'node:worker_threads';
import { runUncertaintyTask, type UncertaintyTask } from './evaluation-compute.ts';

/** Entry of the uncertainty worker thread: runs one Monte Carlo task, posting progress and its result. */
const port = parentPort!;
try {
  const result = runUncertaintyTask(workerData as UncertaintyTask, (progress, stage) =>
    port.postMessage({ type: 'progress', progress, stage }),
  );
  port.postMessage({ type: 'result', result });
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
}
