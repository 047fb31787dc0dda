import type { IndexMethodDto } from '@innocluster/contracts';
import { identityMatrix, resizeMatrix } from './ahp-matrix.ts';

/** Missing-data rules offered on the index page (OECD/JRC Handbook 2008, step 3). */
export const missingRules = ['mean', 'median', 'carry-forward', 'zero', 'listwise'] as const;
export type MissingRule = (typeof missingRules)[number];

/** Normalisations offered (Handbook 2008, section 5); target/reference ones need more input. */
export const normalisationKinds = ['min-max', 'z-score', 'rank', 'distance-to-leader'] as const;
export type NormalisationKind = (typeof normalisationKinds)[number];

export const weightingKinds = ['framework', 'equal', 'fixed', 'budget', 'ahp', 'pca'] as const;
export type WeightingKind = (typeof weightingKinds)[number];

export const aggregationKinds = ['arithmetic', 'geometric', 'geometric-shift'] as const;
export type AggregationKind = (typeof aggregationKinds)[number];

/** Every choice on the index page, one field per control. */
export interface MethodState {
  missing: MissingRule;
  normalisation: NormalisationKind;
  weighting: WeightingKind;
  /** Relative weights per indicator for `fixed` (scaled to sum 1 by the server). */
  fixed: number[];
  /** Budget points per indicator for `budget` (one expert). */
  points: number[];
  /** Reciprocal pairwise matrix for `ahp`. */
  matrix: number[][];
  ahpMethod: 'eigenvector' | 'geometric-mean';
  rotate: boolean;
  aggregation: AggregationKind;
  /** Offset added before geometric aggregation under `geometric-shift`. */
  offset: number;
}

/**
 * The starting choices for a framework's indicators: mean imputation, min-max, the framework's
 * nested weights (also copied into the fixed weights and budget points, so switching to them
 * starts from the framework), arithmetic aggregation.
 */
export function defaultMethod(nestedWeights: readonly number[]): MethodState {
  const n = nestedWeights.length;
  return {
    missing: 'mean',
    normalisation: 'min-max',
    weighting: 'framework',
    fixed: nestedWeights.map((w) => round(w, 4)),
    points: budgetPoints(nestedWeights),
    matrix: identityMatrix(n),
    ahpMethod: 'eigenvector',
    rotate: true,
    aggregation: 'arithmetic',
    offset: 0.01,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Weights as 100 budget points (whole points, the largest remainders rounded up). */
export function budgetPoints(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) return weights.map(() => 0);
  const raw = weights.map((w) => (w / total) * 100);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((s, v) => s + v, 0);
  const order = raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left -= 1;
  }
  return floors;
}

/** The method as the API takes it. */
export function toIndexMethod(state: MethodState): IndexMethodDto {
  const weighting: IndexMethodDto['weighting'] =
    state.weighting === 'fixed'
      ? { kind: 'fixed', weights: state.fixed }
      : state.weighting === 'budget'
        ? { kind: 'budget', points: state.points }
        : state.weighting === 'ahp'
          ? { kind: 'ahp', matrix: state.matrix, method: state.ahpMethod }
          : state.weighting === 'pca'
            ? { kind: 'pca', rotate: state.rotate }
            : { kind: state.weighting };
  const aggregation: IndexMethodDto['aggregation'] =
    state.aggregation === 'arithmetic'
      ? { kind: 'arithmetic' }
      : state.aggregation === 'geometric'
        ? { kind: 'geometric', zero: 'limit' }
        : { kind: 'geometric', zero: 'shift', offset: state.offset };
  return {
    missing: state.missing,
    normalisation: { kind: state.normalisation },
    weighting,
    aggregation,
  };
}

/**
 * The controls' state for a stored method (e.g. the run being shown), starting from the
 * framework defaults for whatever the method does not say; `weightsUsed` are the run's weights,
 * copied into the fixed weights so that "change one weight" starts from what was used.
 */
export function fromIndexMethod(
  method: IndexMethodDto,
  weightsUsed: readonly number[],
  nestedWeights: readonly number[],
): MethodState {
  const state = defaultMethod(nestedWeights);
  const n = nestedWeights.length;
  state.missing = method.missing;
  if ((normalisationKinds as readonly string[]).includes(method.normalisation.kind)) {
    state.normalisation = method.normalisation.kind as NormalisationKind;
  }
  if (weightsUsed.length === n) {
    state.fixed = weightsUsed.map((w) => round(w, 4));
    state.points = budgetPoints(weightsUsed);
  }
  const w = method.weighting;
  state.weighting = w.kind;
  if (w.kind === 'fixed' && w.weights.length === n) state.fixed = [...w.weights];
  if (w.kind === 'budget' && Array.isArray(w.points) && typeof w.points[0] === 'number') {
    state.points = [...(w.points as number[])];
  }
  if (w.kind === 'ahp' && w.matrix.length === n) {
    state.matrix = w.matrix.map((row) => [...row]);
    state.ahpMethod = w.method ?? 'eigenvector';
  }
  if (w.kind === 'pca') state.rotate = w.rotate ?? true;
  const a = method.aggregation;
  if (a.kind === 'geometric') {
    state.aggregation = a.zero === 'shift' ? 'geometric-shift' : 'geometric';
    if (a.offset !== undefined) state.offset = a.offset;
  } else state.aggregation = 'arithmetic';
  return state;
}

/** Keeps a state's per-indicator fields in step with a changed list of indicator codes. */
export function resizeMethod(
  state: MethodState,
  oldCodes: readonly string[],
  newCodes: readonly string[],
): MethodState {
  const pick = (list: readonly number[], fill: number) =>
    newCodes.map((c) => {
      const k = oldCodes.indexOf(c);
      return k >= 0 ? (list[k] ?? fill) : fill;
    });
  return {
    ...state,
    fixed: pick(state.fixed, 0),
    points: pick(state.points, 0),
    matrix: resizeMatrix(state.matrix, oldCodes, newCodes),
  };
}
