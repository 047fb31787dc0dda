import type { MessageKey } from '../../app/i18n-dictionary.ts';
import type {
  SelectionFromDataRequest,
  SelectionFromDataResponse,
} from '../../api/mapping-analysis-client.ts';

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
    unit: 'selection.unit.index',
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
    unit: 'selection.unit.policy',
    definition: 'selection.def.policyConsistency',
  },
  investmentExpectancy: {
    label: 'selection.crit.investmentExpectancy',
    unit: 'selection.unit.share01',
    definition: 'selection.def.investmentExpectancy',
  },
  companies: {
    label: 'selection.companies',
    unit: 'selection.unit.companies',
    definition: 'selection.def.companies',
  },
};

/**
 * Criteria the server computes from the registry, the statistics dataset and the declared
 * strategic industries (see the contract's `selectionCriteriaDefinitions`): all five.
 */
export const dataCriteria = criteria;
/** Fields sent as fractions and shown in per cent. */
export const percentFields: ReadonlySet<string> = new Set(['concentration', 'influence']);

/** Entered values by complex id, in the API's units (fractions for per-cent fields). */
export type EnteredValues = Record<string, Record<string, number>>;

/** A value as shown and typed on the page: per-cent fields x 100. */
export function toDisplay(field: string, value: number): number {
  return percentFields.has(field) ? value * 100 : value;
}

/** A value as typed on the page back in the API's units. */
export function fromDisplay(field: string, value: number): number {
  return percentFields.has(field) ? value / 100 : value;
}

export interface SelectionSettings {
  weights: Record<Criterion, number>;
  /** Each weight varies at random within ± this share of itself in the Monte Carlo draws. */
  bound: number;
  draws: number;
  seed: number;
  /** Eligible only with at least this many companies. */
  minCompanies: number;
  /** How the criteria are made comparable before weighting. */
  normalisation: Normalisation;
}

/** The normalisations the server offers (see the domain's `NormalisationMethod`). */
export const normalisations = ['minMax', 'zScore', 'rank'] as const;
export type Normalisation = (typeof normalisations)[number];

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
  normalisation: 'minMax',
};

/** What the ranking is computed from: a dataset and a year (default: its latest). */
export interface SelectionSource {
  dataset: number;
  year?: number;
}

/** The request body for `POST /api/v1/mapping/selection/from-data`. */
export function toSelectionRequest(
  source: SelectionSource,
  entered: EnteredValues,
  s: SelectionSettings,
): SelectionFromDataRequest {
  return {
    dataset: source.dataset,
    measure: 'employment',
    ...(source.year !== undefined ? { year: source.year } : {}),
    values: entered,
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
    normalisation: s.normalisation,
  };
}

/**
 * Why a candidate is excluded, from its values: too few companies, or no value for a
 * criterion (the scoring needs every criterion).
 */
export function exclusionReasons(
  values: Record<string, number>,
  minCompanies: number,
): Array<{ kind: 'companies'; companies: number | null } | { kind: 'missing'; field: Criterion }> {
  const out: Array<
    { kind: 'companies'; companies: number | null } | { kind: 'missing'; field: Criterion }
  > = [];
  const companies = values.companies;
  if (companies === undefined || companies < minCompanies)
    out.push({ kind: 'companies', companies: companies ?? null });
  for (const c of criteria) if (values[c] === undefined) out.push({ kind: 'missing', field: c });
  return out;
}

export type SelectionResult = SelectionFromDataResponse['results'][number];
export type SelectionCandidate = SelectionFromDataResponse['candidates'][number];

/** Ranked candidates first (by rank), then the excluded ones by name. */
export function orderResults(results: SelectionResult[]): SelectionResult[] {
  return [...results].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.name.localeCompare(b.name);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.name.localeCompare(b.name);
  });
}
