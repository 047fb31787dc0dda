/** Organisation kinds held in the registry. */
export type OrganisationKind =
  'company' | 'university' | 'research_institute' | 'support_institution' | 'local_government';

/**
 * The four participant types of OECD (2007), *Competitive Regional Clusters*, Korea chapter,
 * Table 14.6 ("Participants in the Innovative Cluster City programme", 21 April 2006):
 * companies, universities, research centres and supporting institutions.
 */
export type ParticipantCategory =
  'companies' | 'universities' | 'researchInstitutes' | 'supportInstitutions';

export const participantCategories: readonly ParticipantCategory[] = [
  'companies',
  'universities',
  'researchInstitutes',
  'supportInstitutions',
];

/**
 * Maps a registry organisation kind to its Table 14.6 column. Local governments count as
 * supporting institutions, which is how the programme's task forces reported them (OECD 2007).
 */
export function participantCategoryOf(kind: OrganisationKind): ParticipantCategory {
  switch (kind) {
    case 'company':
      return 'companies';
    case 'university':
      return 'universities';
    case 'research_institute':
      return 'researchInstitutes';
    case 'support_institution':
    case 'local_government':
      return 'supportInstitutions';
  }
}

export type ParticipantCounts = Record<ParticipantCategory, number> & { total: number };

/** Counts organisations by participant category; total is the sum of the four. */
export function tallyParticipants(kinds: Iterable<OrganisationKind>): ParticipantCounts {
  const counts: ParticipantCounts = {
    companies: 0,
    universities: 0,
    researchInstitutes: 0,
    supportInstitutions: 0,
    total: 0,
  };
  for (const kind of kinds) {
    counts[participantCategoryOf(kind)] += 1;
    counts.total += 1;
  }
  return counts;
}

/** Sums several count rows column by column. */
export function sumParticipantCounts(rows: Iterable<ParticipantCounts>): ParticipantCounts {
  const sum = tallyParticipants([]);
  for (const row of rows) {
    for (const c of participantCategories) sum[c] += row[c];
    sum.total += row.total;
  }
  return sum;
}
