import type { UncertaintyResult, UncertaintyRunRequest } from '@innocluster/contracts';
import type { AggregationKind, MissingRule, NormalisationKind } from './index-method.ts';

/** The uncertainty analysis' controls. */
export interface UncertaintySettings {
  draws: number;
  seed: number;
  weightModel: 'uniform' | 'dirichlet' | 'none';
  /** ± share for `uniform` (0.2 = ±20%). */
  bound: number;
  /** Dirichlet concentration c (variance w(1 − w)/(c + 1)). */
  concentration: number;
  normalisations: NormalisationKind[];
  aggregations: AggregationKind[];
  missingRules: MissingRule[];
}

export const defaultUncertainty: UncertaintySettings = {
  draws: 1000,
  seed: 1,
  weightModel: 'uniform',
  bound: 0.2,
  concentration: 50,
  normalisations: ['min-max', 'rank'],
  aggregations: ['arithmetic'],
  missingRules: ['mean', 'median'],
};

/**
 * The request that starts an uncertainty run of an index run with these settings. Distance to
 * target goes with `targets` (the run's, one per indicator) and is left out without them;
 * percent-of-reference is never an alternative (it needs a reference complex).
 */
export function toUncertaintyRequest(
  indexRunId: number,
  s: UncertaintySettings,
  extra: Pick<UncertaintyRunRequest, 'allocationScenarioIds' | 'moveAmount'> = {},
  targets?: readonly number[],
): UncertaintyRunRequest {
  type Normalisation = NonNullable<UncertaintyRunRequest['normalisations']>[number];
  const normalisations: Normalisation[] = s.normalisations.flatMap((kind): Normalisation[] =>
    kind === 'distance-to-target'
      ? targets
        ? [{ kind, targets: [...targets] }]
        : []
      : kind === 'percent-of-reference'
        ? []
        : [{ kind }],
  );
  return {
    indexRunId,
    draws: s.draws,
    seed: s.seed,
    weights:
      s.weightModel === 'uniform'
        ? { kind: 'uniform', relativeBound: s.bound }
        : s.weightModel === 'dirichlet'
          ? { kind: 'dirichlet', concentration: s.concentration }
          : { kind: 'none' },
    ...(normalisations.length > 0 ? { normalisations } : {}),
    ...(s.aggregations.length > 0
      ? {
          aggregations: s.aggregations.map((k) =>
            k === 'arithmetic'
              ? { kind: 'arithmetic' as const }
              : k === 'geometric'
                ? { kind: 'geometric' as const, zero: 'limit' as const }
                : { kind: 'geometric' as const, zero: 'shift' as const, offset: 0.01 },
          ),
        }
      : {}),
    ...(s.missingRules.length > 0 ? { missingRules: s.missingRules } : {}),
    ...extra,
  };
}

/** One bar of the sensitivity chart: the input's label and its mean first-order index. */
export interface SensitivityRow {
  key: string;
  factor: UncertaintyResult['sensitivity'][number]['factor'];
  indicatorCode: string | null;
  mean: number | null;
  onAverageShift: number | null;
}

/**
 * The sensitivity entries in the order the page shows them: the discrete choices first
 * (missing data, normalisation, aggregation), then the weights by decreasing mean index.
 * Choices that did not vary (one alternative) are left out: their index is 0 by construction.
 */
export function sensitivityRows(
  result: Pick<UncertaintyResult, 'sensitivity' | 'alternatives'>,
): SensitivityRow[] {
  const varied = {
    missing: result.alternatives.missing.length > 1,
    normalisation: result.alternatives.normalisation.length > 1,
    aggregation: result.alternatives.aggregation.length > 1,
    weight: true,
  };
  const rows = result.sensitivity
    .filter((s) => varied[s.factor])
    .map((s) => ({
      key: s.factor === 'weight' ? `weight:${s.indicatorCode ?? ''}` : s.factor,
      factor: s.factor,
      indicatorCode: s.indicatorCode,
      mean: s.mean,
      onAverageShift: s.onAverageShift,
    }));
  const order = { missing: 0, normalisation: 1, aggregation: 2, weight: 3 };
  return rows.sort(
    (a, b) =>
      order[a.factor] - order[b.factor] ||
      (a.factor === 'weight' ? (b.mean ?? -1) - (a.mean ?? -1) : 0),
  );
}
