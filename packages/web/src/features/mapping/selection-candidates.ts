import type { MessageKey } from '../../app/i18n-dictionary.ts';
import type { SelectionRequest, SelectionResponse } from '../../api/mapping-client.ts';

/** The five criteria on which Korea chose its pilot complexes (DOMAIN.md). */
export const criteria = [
  'competitiveness',
  'influence',
  'concentration',
  'policyConsistency',
  'investmentExpectancy',
] as const;
export type Criterion = (typeof criteria)[number];

/** Label, unit and definition of each criterion and of the eligibility field. */
export const criterionText: Record<
  Criterion | 'companies',
  { label: MessageKey; unit: MessageKey; definition: MessageKey }
> = {
  competitiveness: {
    label: 'selection.crit.competitiveness',
    unit: 'selection.unit.lq',
    definition: 'selection.def.competitiveness',
  },
  influence: {
    label: 'selection.crit.influence',
    unit: 'selection.unit.percent',
    definition: 'selection.def.influence',
  },
  concentration: {
    label: 'selection.crit.concentration',
    unit: 'selection.unit.percent',
    definition: 'selection.def.concentration',
  },
  policyConsistency: {
    label: 'selection.crit.policyConsistency',
    unit: 'selection.unit.score',
    definition: 'selection.def.policyConsistency',
  },
  investmentExpectancy: {
    label: 'selection.crit.investmentExpectancy',
    unit: 'selection.unit.score',
    definition: 'selection.def.investmentExpectancy',
  },
  companies: {
    label: 'selection.companies',
    unit: 'selection.unit.companies',
    definition: 'selection.def.companies',
  },
};

export interface Candidate {
  id: string;
  name: string;
  /** Companies (the eligibility field) and one raw value per criterion. */
  values: Record<Criterion | 'companies', number>;
}

/**
 * Demo candidates (synthetic criterion values). Companies of the seven pilot complexes are
 * OECD (2007) Table 14.6's counts of 21 April 2006; the other three complexes and every
 * criterion value are generated for the demo, so the page badges them as synthetic.
 */
export const demoCandidates: Candidate[] = [
  {
    id: 'changwon',
    name: 'Changwon',
    values: {
      companies: 391,
      competitiveness: 2.4,
      influence: 31,
      concentration: 58,
      policyConsistency: 4.5,
      investmentExpectancy: 3.8,
    },
  },
  {
    id: 'gumi',
    name: 'Gumi',
    values: {
      companies: 405,
      competitiveness: 3.1,
      influence: 42,
      concentration: 71,
      policyConsistency: 4.2,
      investmentExpectancy: 3.1,
    },
  },
  {
    id: 'ulsan',
    name: 'Ulsan',
    values: {
      companies: 157,
      competitiveness: 2.8,
      influence: 38,
      concentration: 64,
      policyConsistency: 3.6,
      investmentExpectancy: 3.4,
    },
  },
  {
    id: 'banwol-sihwa',
    name: 'Banwol-Sihwa',
    values: {
      companies: 582,
      competitiveness: 1.6,
      influence: 12,
      concentration: 29,
      policyConsistency: 4.0,
      investmentExpectancy: 4.4,
    },
  },
  {
    id: 'gwangju',
    name: 'Gwangju',
    values: {
      companies: 154,
      competitiveness: 1.3,
      influence: 9,
      concentration: 47,
      policyConsistency: 4.6,
      investmentExpectancy: 4.1,
    },
  },
  {
    id: 'gunsan',
    name: 'Gunsan',
    values: {
      companies: 52,
      competitiveness: 1.1,
      influence: 7,
      concentration: 52,
      policyConsistency: 3.9,
      investmentExpectancy: 4.6,
    },
  },
  {
    id: 'wonju',
    name: 'Wonju',
    values: {
      companies: 118,
      competitiveness: 1.2,
      influence: 6,
      concentration: 44,
      policyConsistency: 4.4,
      investmentExpectancy: 4.3,
    },
  },
  {
    id: 'ochang',
    name: 'Ochang',
    values: {
      companies: 210,
      competitiveness: 1.5,
      influence: 11,
      concentration: 39,
      policyConsistency: 3.2,
      investmentExpectancy: 3.9,
    },
  },
  {
    id: 'daedeok',
    name: 'Daedeok',
    values: {
      companies: 300,
      competitiveness: 1.9,
      influence: 15,
      concentration: 35,
      policyConsistency: 3.8,
      investmentExpectancy: 4.8,
    },
  },
  {
    id: 'namdong',
    name: 'Namdong',
    values: {
      companies: 96,
      competitiveness: 1.4,
      influence: 10,
      concentration: 33,
      policyConsistency: 2.9,
      investmentExpectancy: 2.7,
    },
  },
];

export interface SelectionSettings {
  weights: Record<Criterion, number>;
  /** Each weight varies at random within ± this share of itself in the Monte Carlo draws. */
  bound: number;
  draws: number;
  seed: number;
  /** Eligible only with at least this many companies. */
  minCompanies: number;
}

export const defaultSettings: SelectionSettings = {
  weights: {
    competitiveness: 0.2,
    influence: 0.2,
    concentration: 0.2,
    policyConsistency: 0.2,
    investmentExpectancy: 0.2,
  },
  bound: 0.5,
  draws: 500,
  seed: 1,
  minCompanies: 100,
};

/** The request body for `POST /api/v1/mapping/selection`. */
export function toSelectionRequest(
  candidates: Candidate[],
  s: SelectionSettings,
): SelectionRequest {
  return {
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, values: { ...c.values } })),
    criteria: criteria.map((key) => ({
      key,
      weight: s.weights[key],
      minWeight: Math.max(0, s.weights[key] * (1 - s.bound)),
      maxWeight: s.weights[key] * (1 + s.bound),
      direction: 'higher' as const,
    })),
    eligibility: [{ key: 'companies', min: s.minCompanies }],
    draws: s.draws,
    seed: s.seed,
  };
}

export type SelectionResult = SelectionResponse['results'][number];

/** Ranked candidates first (by rank), then the excluded ones by name. */
export function orderResults(results: SelectionResult[]): SelectionResult[] {
  return [...results].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.name.localeCompare(b.name);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.name.localeCompare(b.name);
  });
}
