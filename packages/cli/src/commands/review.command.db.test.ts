import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedPerson,
  seedReviewCall,
  seedReviewRegistry,
} from '../../../server/src/projects/review-fixture.ts';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let harness: CliHarness;
let callId: number;
let proposals: number[];
const cli = (...args: string[]) => harness.cli(...args);

/**
 * A call of two proposals (KRW 100M and 200M requested, budget KRW 250M, one review each) and
 * two evaluators of one proposal each at most, one of whom works for the second proposal's
 * lead (a conflict).
 */
beforeAll(async () => {
  harness = await createCliHarness('review');
  await harness.withDb(async ({ db }) => {
    const reg = await seedReviewRegistry(db, [
      { key: 'gear', name: 'CLI Gear Co', kind: 'company' },
      { key: 'sensor', name: 'CLI Sensor Co', kind: 'company' },
    ]);
    const seeded = await seedReviewCall(
      db,
      reg,
      {
        code: 'CLI',
        budgetKrw: 250_000_000,
        reviewsPerProposal: 1,
        rubric: [{ code: 'merit', name: 'Merit', weight: 1, maxScore: 10 }],
      },
      [
        {
          title: 'Gear grinding',
          lead: reg.org.gear!,
          publicKrw: 100_000_000,
          status: 'in_review',
        },
        {
          title: 'Sensor test bench',
          lead: reg.org.sensor!,
          publicKrw: 200_000_000,
          status: 'in_review',
        },
      ],
    );
    callId = seeded.callId;
    proposals = seeded.proposals;
    await db
      .insertInto('evaluator')
      .values([
        { personId: await seedPerson(db, 'Ahn'), expertise: ['gear'], maxLoad: 1 },
        {
          personId: await seedPerson(db, 'Baek', reg.org.sensor!),
          expertise: ['sensor'],
          maxLoad: 1,
        },
      ])
      .execute();
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('innocluster review', { timeout: 300_000 }, () => {
  it('saves the optimal assignment and ranks with the budget line', async () => {
    // One proposal each at most; Baek cannot take the sensor proposal, so Ahn reviews it
    // (cost 1, no shared word) and Baek the gear one (cost 1): total 2, the only assignment.
    const saved = await cli('review', 'assign', String(callId), '--format', 'json');
    expect(saved.code, saved.stderr).toBe(0);
    const plan = JSON.parse(saved.stdout) as {
      saved: boolean;
      pairs: { proposalId: number; evaluatorName: string }[];
    };
    expect(plan.saved).toBe(true);
    expect(plan.pairs.map((p) => [p.proposalId, p.evaluatorName])).toEqual([
      [proposals[0], 'Baek'],
      [proposals[1], 'Ahn'],
    ]);

    await harness.withDb(async ({ db }) => {
      const rows = await db
        .selectFrom('reviewAssignment')
        .select(['id', 'proposalId'])
        .orderBy('proposalId')
        .execute();
      expect(rows).toHaveLength(2);
      // Scores 8 and 5 of 10: totals 80 and 50.
      await db
        .insertInto('review')
        .values(
          rows.map((r, i) => ({
            assignmentId: r.id,
            scores: JSON.stringify({ merit: i === 0 ? 8 : 5 }),
            total: i === 0 ? 80 : 50,
            status: 'submitted',
          })),
        )
        .execute();
    });
    const ranking = await cli('review', 'ranking', String(callId), '--normalisation', 'none');
    expect(ranking.code, ranking.stderr).toBe(0);
    const lines = ranking.stdout.trim().split('\n');
    expect(lines[0]).toContain('budget KRW 250,000,000');
    expect(lines.slice(2)).toEqual([
      `1\t${proposals[0]} Gear grinding\t80.00\t80.00\t1/1\tKRW 100,000,000\tKRW 100,000,000\t\tin_review`,
      '--- budget line KRW 250,000,000 ---',
      `2\t${proposals[1]} Sensor test bench\t50.00\t50.00\t1/1\tKRW 200,000,000\tKRW 300,000,000\t\tin_review`,
    ]);
  });
});
