import type { UncertaintyResult } from '@innocluster/contracts';
import { runTsWorker } from '../network/network-worker-host.ts';
import type { UncertaintyTask } from './evaluation-compute.ts';

/** Where a job reports: progress 0..1 with a stage, then the result or the error. */
export interface UncertaintyJobSink {
  progress(progress: number, stage: string): Promise<void>;
  done(result: UncertaintyResult): Promise<void>;
  failed(message: string): Promise<void>;
}

/**
 * Runs Monte Carlo uncertainty tasks in worker threads, at most `concurrency` at once (the
 * machine's cores are shared), queueing the rest. The runs themselves are rows of
 * uncertainty_run: the sink writes progress and results there, so any request (or a CLI
 * process polling the same database) reads them; `active` tells a run that is still computing
 * from one a restart interrupted. Progress writes are throttled to one every 200 ms.
 */
export class UncertaintyJobs {
  private readonly active = new Set<number>();
  private readonly queue: (() => void)[] = [];
  private running = 0;

  constructor(private readonly concurrency = 1) {}

  isActive(id: number): boolean {
    return this.active.has(id);
  }

  /** Queues a run; returns at once. The promise of the work is returned for waiting callers. */
  start(id: number, task: UncertaintyTask, sink: UncertaintyJobSink): Promise<void> {
    this.active.add(id);
    return new Promise<void>((resolve) => {
      const run = () => {
        this.running += 1;
        let last = 0;
        let pending: Promise<void> = Promise.resolve();
        const onProgress = (progress: number, stage: string) => {
          const now = Date.now();
          if (now - last < 200 && progress < 1) return;
          last = now;
          pending = pending.then(() => sink.progress(progress, stage)).catch(() => {});
        };
        void pending
          .then(() => sink.progress(0, 'starting'))
          .then(() =>
            runTsWorker<UncertaintyResult>(
              new URL('./evaluation-uncertainty.worker.ts', import.meta.url),
              task,
              onProgress,
            ),
          )
          .then(async (result) => {
            await pending;
            await sink.done(result);
          })
          .catch(async (error: unknown) => {
            await pending;
            // The database may be gone (a server shutting down); nothing is left to tell.
            await sink
              .failed(error instanceof Error ? error.message : String(error))
              .catch(() => {});
          })
          .finally(() => {
            this.active.delete(id);
            this.running -= 1;
            this.queue.shift()?.();
            resolve();
          });
      };
      if (this.running < this.concurrency) run();
      else this.queue.push(run);
    });
  }
}
