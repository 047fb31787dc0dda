import { parentPort, workerData } from 'node:worker_threads';
import { planAssignment, type PlanInput } from './assignment-plan.ts';

/** Entry of the assignment worker thread: plans one call's assignment and posts the outcome. */
const port = parentPort!;
try {
  port.postMessage({ type: 'result', result: planAssignment(workerData as PlanInput) });
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
}
