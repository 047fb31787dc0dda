import { randomUUID } from 'node:crypto';
import type { NetworkJob } from '@innocluster/contracts';

type JobResult = NonNullable<NetworkJob['result']>;

/** Reports progress (0 to 1) and the stage being computed. */
export type ProgressReporter = (progress: number, stage: string) => void;

interface StoredJob {
  job: NetworkJob;
  ownerId: number | null;
  finishedAtMs: number | null;
}

export interface NetworkJobsOptions {
  /** Jobs computing at once; later ones wait queued (the machine's cores are shared). */
  concurrency?: number;
  /** Finished jobs are forgotten after this many milliseconds. */
  keepMs?: number;
  /** At most this many jobs are held; the oldest finished ones go first. */
  maxJobs?: number;
}

/**
 * An in-memory registry of measure jobs: each has an id, a status, progress 0..1, and its
 * result or error once done. Jobs run in the background (their work in worker threads) so the
 * request that starts one returns at once. Only the user who started a job can read it; jobs
 * are lost when the server restarts, which is acceptable for results that can be recomputed.
 */
export class NetworkJobs {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly queue: (() => void)[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly keepMs: number;
  private readonly maxJobs: number;

  constructor(options: NetworkJobsOptions = {}) {
    this.concurrency = options.concurrency ?? 2;
    this.keepMs = options.keepMs ?? 60 * 60 * 1000;
    this.maxJobs = options.maxJobs ?? 200;
  }

  /** Queues `work` and returns the job at once (status queued or running). */
  start(
    ownerId: number | null,
    work: (report: ProgressReporter) => Promise<JobResult>,
  ): NetworkJob {
    this.prune();
    const job: NetworkJob = {
      id: randomUUID(),
      status: 'queued',
      progress: 0,
      stage: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      result: null,
      error: null,
    };
    const stored: StoredJob = { job, ownerId, finishedAtMs: null };
    this.jobs.set(job.id, stored);
    const run = () => {
      this.running += 1;
      job.status = 'running';
      const report: ProgressReporter = (progress, stage) => {
        job.progress = Math.max(job.progress, Math.min(1, Math.max(0, progress)));
        job.stage = stage;
      };
      work(report)
        .then((result) => {
          job.result = result;
          job.status = 'done';
          job.progress = 1;
          job.stage = null;
        })
        .catch((error: unknown) => {
          job.status = 'failed';
          job.error = error instanceof Error ? error.message : String(error);
        })
        .finally(() => {
          job.finishedAt = new Date().toISOString();
          stored.finishedAtMs = Date.now();
          this.running -= 1;
          this.queue.shift()?.();
        });
    };
    if (this.running < this.concurrency) run();
    else this.queue.push(run);
    return { ...job };
  }

  /** A job of the owner, or undefined (also for another user's job, so ids are not probed). */
  get(id: string, ownerId: number | null): NetworkJob | undefined {
    const stored = this.jobs.get(id);
    if (!stored || stored.ownerId !== ownerId) return undefined;
    return { ...stored.job };
  }

  /** Resolves when the job has finished (for the command line, which waits for its result). */
  async wait(id: string, pollMs = 50): Promise<NetworkJob> {
    for (;;) {
      const stored = this.jobs.get(id);
      if (!stored) throw new Error(`No job ${id}`);
      if (stored.job.status === 'done' || stored.job.status === 'failed') return { ...stored.job };
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, s] of this.jobs) {
      if (s.finishedAtMs !== null && now - s.finishedAtMs > this.keepMs) this.jobs.delete(id);
    }
    if (this.jobs.size < this.maxJobs) return;
    const finished = [...this.jobs.entries()]
      .filter(([, s]) => s.finishedAtMs !== null)
      .sort((a, b) => a[1].finishedAtMs! - b[1].finishedAtMs!);
    for (const [id] of finished.slice(0, this.jobs.size - this.maxJobs + 1)) this.jobs.delete(id);
  }
}
