import { describe, expect, it } from 'vitest';
import { buildAssignmentMatrix } from './assignment-matrix.ts';

describe('assignment matrix', () => {
  it('marks assigned, conflicted and free pairs per proposal and evaluator', () => {
    const m = buildAssignmentMatrix(
      [
        { proposalId: 2, proposalTitle: 'B', evaluatorId: 10 },
        { proposalId: 1, proposalTitle: 'A', evaluatorId: 11 },
      ],
      [
        { proposalId: 1, proposalTitle: 'A', evaluatorId: 10, type: 'declared' },
        { proposalId: 1, proposalTitle: 'A', evaluatorId: 10, type: 'personal' },
        { proposalId: 3, proposalTitle: 'C', evaluatorId: 11, type: 'same_organisation' },
      ],
      [
        { evaluatorId: 10, name: 'Kim' },
        { evaluatorId: 11, name: 'Lee' },
      ],
    );
    expect(m.proposals.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(m.cells).toEqual([
      ['conflict', 'assigned'],
      ['assigned', 'free'],
      ['free', 'conflict'],
    ]);
    expect(m.reasons.get('1:10')).toEqual(['declared', 'personal']);
  });
});
