import type { IndexMethodDto } from '@innocluster/contracts';
import { identityMatrix, resizeMatrix } from './ahp-matrix.ts';

/** Missing-data rules offered on the index page (OECD/JRC Handbook 2008, step 3). */
export const missingRules = ['mean', 'median', 'carry-forward', 'zero', 'listwise'] as const;
export type MissingRule = (typeof missingRules)[number];

/**
 * Normalisations offered (Handbook 2008, section 5, table 3); `distance-to-target` needs one
 * target per indicator and `percent-of-reference` a reference complex.
 */
export const normalisationKinds = [
  'min-max',
  'z-score',
  'rank',
  'distance-to-target',
  'distance-to-leader',
  'percent-of-reference',
] as const;
export type NormalisationKind = (typeof normalisationKinds)[number];

/** The normalisations that need no input beyond the values (Monte Carlo alternatives). */
export const plainNormalisationKinds = [
  'min-max',
  'z-score',
  'rank',
  'distance-to-leader',
] as const;

export const weightingKinds = ['framework', 'equal', 'fixed', 'budget', 'ahp', 'pca'] as const;
export type WeightingKind = (typeof weightingKinds)[number];

export const aggregationKinds = ['arithmetic', 'geometric', 'geometric-shift'] as const;
export type AggregationKind = (typeof aggregationKinds)[number];

/** Every choice on the index page, one field per control. */
export interface MethodState {
  missing: MissingRule;
  normalisation: NormalisationKind;
  /** Targets per indicator for `distance-to-target`, in the indicators' units (each > 0). */
  targets: number[];
  /** The reference complex for `percent-of-reference` (null = not chosen yet). */
  referenceComplexId: number | null;
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
export function defaultMethod(
  nestedWeights: readonly number[],
  targets: readonly number[] = [],
): MethodState {
  const n = nestedWeights.length;
  return {
    missing: 'mean',
    normalisation: 'min-max',
    targets: [...targets],
    referenceComplexId: null,
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

/** One indicator's values as the target defaults need them. */
export interface TargetColumn {
  direction: 'higher' | 'lower';
  /** The values of the complexes in the year (null = missing). */
  values: readonly (number | null)[];
}

/**
 * Default targets for distance to target: each indicator's best value among the complexes in
 * the year (the largest, or the smallest when lower is better), so the best complex scores 1.
 * A target must be > 0 (x/target, OECD/JRC Handbook 2008, table 3): an indicator with no
 * positive best value gets 1. Rounded to 6 significant digits so the inputs stay readable
 * (the best complex then scores 1 to within 5e-6).
 */
export function bestTargets(columns: readonly TargetColumn[]): number[] {
  return columns.map((col) => {
    const present = col.values.filter((v): v is number => v !== null && Number.isFinite(v));
    const positive = present.filter((v) => v > 0);
    if (positive.length === 0) return 1;
    const best = col.direction === 'lower' ? Math.min(...positive) : Math.max(...present);
    return Number(best.toPrecision(6));
  });
}

/** Thrown when the method cannot become a request; `field` names the control. */
export class MethodInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'MethodInputError';
    this.field = field;
  }
}

function toNormalisation(state: MethodState): IndexMethodDto['normalisation'] {
  if (state.normalisation === 'distance-to-target') {
    const bad = state.targets.findIndex((x) => !(x > 0) || !Number.isFinite(x));
    if (state.targets.length !== state.fixed.length || bad >= 0) {
      throw new MethodInputError(
        'targets',
        bad >= 0
          ? `target #${bad + 1} must be a number > 0`
          : `give one target per indicator (${state.fixed.length}), got ${state.targets.length}`,
      );
    }
    return { kind: 'distance-to-target', targets: [...state.targets] };
  }
  if (state.normalisation === 'percent-of-reference') {
    if (state.referenceComplexId === null) {
      throw new MethodInputError('referenceComplexId', 'choose the reference complex');
    }
    // The server sets referenceUnit from referenceComplexId (its position among the scored).
    return {
      kind: 'percent-of-reference',
      referenceUnit: 0,
      referenceComplexId: state.referenceComplexId,
    };
  }
  return { kind: state.normalisation };
}

/**
 * The method as the API takes it. Targets go in the order of the indicators included, which is
 * the order the server reads them in (the run's indicators, framework order). Throws a
 * {@link MethodInputError} when a target or the reference complex is missing.
 */
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
    normalisation: toNormalisation(state),
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
  const norm = method.normalisation;
  if (norm.kind === 'distance-to-target' && norm.targets.length === n) {
    state.targets = [...norm.targets];
  }
  if (norm.kind === 'percent-of-reference' && norm.referenceComplexId !== undefined) {
    state.referenceComplexId = norm.referenceComplexId;
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
    targets: state.targets.length === oldCodes.length ? pick(state.targets, 1) : state.targets,
    matrix: resizeMatrix(state.matrix, oldCodes, newCodes),
  };
}
