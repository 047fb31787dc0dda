import type { AssignmentPlan, CallConflicts } from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import { formatConflicts, formatPlan } from './review.command.ts';

describe('review command output', () => {
  it('prints conflicts one per line with type and reason', () => {
    const list: CallConflicts = {
      callId: 3,
      asOf: '2026-11-30',
      collaborationYears: 3,
      conflicts: [
        {
          evaluatorId: 1,
          evaluatorName: 'Baek',
          proposalId: 9,
          proposalTitle: 'Sensor test bench',
          type: 'same_organisation',
          organisationId: 4,
          reason: 'evaluator works for CLI Sensor Co',
        },
      ],
    };
    expect(formatConflicts(list).split('\n')[1]).toBe(
      '9 Sensor test bench\tBaek\tsame_organisation\tevaluator works for CLI Sensor Co',
    );
    expect(formatConflicts({ ...list, conflicts: [] })).toBe(
      'No conflicts of interest in call 3 (as of 2026-11-30).',
    );
  });

  it('says whether a plan was saved and gives its total cost', () => {
    const plan: AssignmentPlan = {
      callId: 3,
      saved: false,
      proposals: 1,
      evaluators: 1,
      reviewsPerProposal: 1,
      totalCost: 0.29289,
      conflictedPairs: 0,
      pairs: [
        {
          proposalId: 9,
          proposalTitle: 'Gear',
          evaluatorId: 1,
          evaluatorName: 'Ahn',
          cost: 0.29289,
          kept: false,
        },
      ],
      loads: [{ evaluatorId: 1, name: 'Ahn', load: 1, minLoad: 0, maxLoad: 2 }],
      computedOffThread: false,
      elapsedMs: 1,
    };
    const text = formatPlan(plan);
    expect(text).toMatch(/^Preview \(nothing saved\): 1 proposals x 1 reviews/);
    expect(text).toContain('total cost 0.2929');
    expect(text).toContain('Ahn\t1\t0\t2');
    expect(text).toContain('9 Gear\tAhn\t0.2929\t');
  });
});
