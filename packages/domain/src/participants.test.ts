import { describe, expect, it } from 'vitest';
import { participantCategoryOf, sumParticipantCounts, tallyParticipants } from './participants.ts';

describe('participant categories', () => {
  it('counts local governments as supporting institutions', () => {
    expect(participantCategoryOf('local_government')).toBe('supportInstitutions');
    expect(
      tallyParticipants([
        'company',
        'company',
        'university',
        'local_government',
        'support_institution',
      ]),
    ).toEqual({
      companies: 2,
      universities: 1,
      researchInstitutes: 0,
      supportInstitutions: 2,
      total: 5,
    });
  });

  it('sums rows column by column', () => {
    const a = tallyParticipants(['company']);
    const b = tallyParticipants(['research_institute', 'university']);
    expect(sumParticipantCounts([a, b])).toEqual({
      companies: 1,
      universities: 1,
      researchInstitutes: 1,
      supportInstitutions: 0,
      total: 3,
    });
  });
});
