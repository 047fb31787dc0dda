export const participantColumns = [
  'companies',
  'universities',
  'researchInstitutes',
  'supportInstitutions',
] as const;
export type ParticipantColumn = (typeof participantColumns)[number];

/** The organisation kind each participant column counts, for its label. */
export const participantColumnKind: Record<ParticipantColumn, string> = {
  companies: 'company',
  universities: 'university',
  researchInstitutes: 'research_institute',
  supportInstitutions: 'support_institution',
};

export const participantColours: Record<ParticipantColumn, string> = {
  companies: '#2f6f9f',
  universities: '#e0a030',
  researchInstitutes: '#4e9a6a',
  supportInstitutions: '#9b5fa8',
};
