import { describe, expect, it } from 'vitest';
import type { NetworkJob } from '@innocluster/contracts';
import { NetworkJobs } from './network-jobs.ts';

type Result = NonNullable<NetworkJob['result']>;

/** A job body that waits until released, reporting progress on the way. */
function gate() {
  let release!: (value: Result) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<Result>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

const result = { seconds: 1 } as unknown as Result;

describe('NetworkJobs', () => {
  it('runs a job in the background, reports progress and keeps the result', async () => {
    const jobs = new NetworkJobs();
    const g = gate();
    let report!: (p: number, s: string) => void;
    const job = jobs.start(7, (r) => {
      report = r;
      return g.promise;
    });
    expect(job.status).toBe('running');
    report(0.4, 'betweenness');
    expect(jobs.get(job.id, 7)).toMatchObject({ progress: 0.4, stage: 'betweenness' });
    // Progress never moves backwards and stays within 0..1.
    report(0.2, 'closeness');
    report(7, 'closeness');
    expect(jobs.get(job.id, 7)!.progress).toBe(1);
    g.release(result);
    const done = await jobs.wait(job.id, 5);
    expect(done).toMatchObject({ status: 'done', progress: 1, result, error: null });
    expect(done.finishedAt).not.toBeNull();
  });

  it('records a failure with its message', async () => {
    const jobs = new NetworkJobs();
    const g = gate();
    const job = jobs.start(1, () => g.promise);
    g.fail(new Error('graph too large'));
    expect(await jobs.wait(job.id, 5)).toMatchObject({
      status: 'failed',
      error: 'graph too large',
      result: null,
    });
  });

  it('queues jobs beyond its concurrency and starts them as others finish', async () => {
    const jobs = new NetworkJobs({ concurrency: 1 });
    const first = gate();
    const second = gate();
    const a = jobs.start(1, () => first.promise);
    const b = jobs.start(1, () => second.promise);
    expect(jobs.get(a.id, 1)!.status).toBe('running');
    expect(jobs.get(b.id, 1)!.status).toBe('queued');
    first.release(result);
    await jobs.wait(a.id, 5);
    expect(jobs.get(b.id, 1)!.status).toBe('running');
    second.release(result);
    expect((await jobs.wait(b.id, 5)).status).toBe('done');
  });

  it('shows a job only to the user who started it', () => {
    const jobs = new NetworkJobs();
    const job = jobs.start(1, () => gate().promise);
    expect(jobs.get(job.id, 1)).toBeDefined();
    expect(jobs.get(job.id, 2)).toBeUndefined();
    expect(jobs.get(job.id, null)).toBeUndefined();
  });

  it('forgets the oldest finished jobs beyond its capacity', async () => {
    const jobs = new NetworkJobs({ maxJobs: 2 });
    const a = jobs.start(1, async () => result);
    await jobs.wait(a.id, 5);
    const b = jobs.start(1, async () => result);
    await jobs.wait(b.id, 5);
    jobs.start(1, async () => result);
    expect(jobs.get(a.id, 1)).toBeUndefined();
    expect(jobs.get(b.id, 1)).toBeDefined();
  });
});
