import { createSeededRandom } from '@innocluster/domain';

/*
 * The rules applied to the SQL results. They are written here, small and pure, because the
 * domain package's mapping module was not committed when this service was built; when it is,
 * these should defer to it (same definitions, documented below).
 */

/**
 * Percentile by linear interpolation between order statistics (Hyndman & Fan 1996, type 7; the
 * default of R and of NumPy): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 */
export function percentileType7(values: readonly number[], p: number): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const a = xs[lo]!;
  const b = xs[Math.min(lo + 1, xs.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export interface StrongInput {
  lq: number | null;
  value: number;
  establishments: number | null;
}

/**
 * The US Cluster Mapping Project's strong-cluster rule, within one region type and year: LQ at
 * or above the 75th percentile of all region-clusters, the measure (employment) and
 * establishments above their 25th percentiles, and LQ >= 1. The top-10% variant uses the 90th
 * percentile of LQ instead of the 75th.
 */
export function strongClusters(
  rows: readonly StrongInput[],
): { strong: boolean; top10: boolean }[] {
  const lqs = rows.map((r) => r.lq).filter((x): x is number => x !== null);
  const lq75 = percentileType7(lqs, 0.75);
  const lq90 = percentileType7(lqs, 0.9);
  const v25 = percentileType7(
    rows.map((r) => r.value),
    0.25,
  );
  const estabs = rows.map((r) => r.establishments).filter((x): x is number => x !== null);
  const e25 = percentileType7(estabs, 0.25);
  return rows.map((r) => {
    const base =
      r.lq !== null &&
      r.lq >= 1 &&
      v25 !== null &&
      r.value > v25 &&
      (r.establishments === null || e25 === null || r.establishments > e25);
    return {
      strong: base && lq75 !== null && r.lq! >= lq75,
      top10: base && lq90 !== null && r.lq! >= lq90,
    };
  });
}

export interface StarOptions {
  /** Size star: share of the nation's cluster total at or above this percentile (default 0.9). */
  sizePercentile: number;
  /** Specialisation star: LQ at or above this (default 2). */
  specialisationLq: number;
  /** Focus star: share of the region's total at or above this percentile (default 0.9). */
  focusPercentile: number;
}

export const defaultStarOptions: StarOptions = {
  sizePercentile: 0.9,
  specialisationLq: 2,
  focusPercentile: 0.9,
};

/**
 * European Cluster Observatory stars (2008 methodology): one each for size (top 10% of
 * region-clusters by share of the cluster's national employment), specialisation (LQ >= 2)
 * and focus (top 10% by share of the region's employment). Thresholds are options.
 */
export function clusterStars(
  rows: readonly {
    lq: number | null;
    shareOfNation: number | null;
    shareOfRegion: number | null;
  }[],
  options: StarOptions = defaultStarOptions,
): { size: boolean; specialisation: boolean; focus: boolean; count: number }[] {
  const sizeCut = percentileType7(
    rows.map((r) => r.shareOfNation).filter((x): x is number => x !== null),
    options.sizePercentile,
  );
  const focusCut = percentileType7(
    rows.map((r) => r.shareOfRegion).filter((x): x is number => x !== null),
    options.focusPercentile,
  );
  return rows.map((r) => {
    const size = r.shareOfNation !== null && sizeCut !== null && r.shareOfNation >= sizeCut;
    const specialisation = r.lq !== null && r.lq >= options.specialisationLq;
    const focus = r.shareOfRegion !== null && focusCut !== null && r.shareOfRegion >= focusCut;
    return {
      size,
      specialisation,
      focus,
      count: Number(size) + Number(specialisation) + Number(focus),
    };
  });
}

export type Stage = 'emerging' | 'growing' | 'mature' | 'declining';

export interface StageOptions {
  /** Annual growth above which a cluster grows and below minus which it declines (default 2%). */
  growthThreshold: number;
  /** LQ from which a regional cluster counts as specialised (default 1). */
  lqThreshold: number;
}

export const defaultStageOptions: StageOptions = { growthThreshold: 0.02, lqThreshold: 1 };

/**
 * Life-cycle stage from the trajectory (after KIET: policy follows the cluster's life cycle):
 * declining when annual growth is below -threshold; otherwise emerging when not yet specialised
 * (LQ < lqThreshold) but growing; growing when specialised and growing; mature when specialised
 * and flat; no stage when neither specialised nor growing.
 */
export function lifeCycleStage(
  cagr: number | null,
  lq: number | null,
  options: StageOptions = defaultStageOptions,
): { stage: Stage | null; reason: string } {
  const t = options.growthThreshold;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (cagr === null || lq === null) return { stage: null, reason: 'no growth or LQ to judge by' };
  if (cagr < -t)
    return { stage: 'declining', reason: `annual growth ${pct(cagr)} below -${pct(t)}` };
  if (lq < options.lqThreshold) {
    return cagr > t
      ? {
          stage: 'emerging',
          reason: `LQ ${lq.toFixed(2)} below ${options.lqThreshold} and annual growth ${pct(cagr)} above ${pct(t)}`,
        }
      : {
          stage: null,
          reason: `LQ ${lq.toFixed(2)} below ${options.lqThreshold} and no growth above ${pct(t)}: not a cluster`,
        };
  }
  return cagr > t
    ? {
        stage: 'growing',
        reason: `LQ ${lq.toFixed(2)} at or above ${options.lqThreshold} and annual growth ${pct(cagr)} above ${pct(t)}`,
      }
    : {
        stage: 'mature',
        reason: `LQ ${lq.toFixed(2)} at or above ${options.lqThreshold} and annual growth ${pct(cagr)} within ±${pct(t)}`,
      };
}

export interface SelectionCriterion {
  key: string;
  weight: number;
  /** Bounds the weight varies within in the uncertainty view. */
  minWeight: number;
  maxWeight: number;
  direction: 'higher' | 'lower';
}

export interface SelectionCandidate {
  id: string;
  name: string;
  values: Record<string, number>;
  eligible: boolean;
}

export interface SelectionResult {
  id: string;
  name: string;
  eligible: boolean;
  normalised: Record<string, number>;
  score: number | null;
  rank: number | null;
  rankLow: number | null;
  rankMedian: number | null;
  rankHigh: number | null;
}

function ranksOf(scores: number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const ranks = new Array<number>(scores.length);
  order.forEach(([, i], r) => (ranks[i] = r + 1));
  return ranks;
}

/**
 * Weighted-sum scoring of eligible candidates: each criterion min-max normalised to [0, 1]
 * over the eligible candidates (reversed when lower is better), weights normalised to sum 1.
 * Uncertainty: `draws` weight vectors, each weight uniform within its bounds (seeded), give
 * every candidate's 5th, 50th and 95th percentile rank.
 */
export function scoreSelection(
  candidates: readonly SelectionCandidate[],
  criteria: readonly SelectionCriterion[],
  draws: number,
  seed: number,
): SelectionResult[] {
  const eligible = candidates.filter((c) => c.eligible);
  const normalised = eligible.map((c) => {
    const out: Record<string, number> = {};
    for (const k of criteria) {
      const xs = eligible.map((e) => e.values[k.key] ?? 0);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      const x = c.values[k.key] ?? 0;
      const n = hi === lo ? 1 : (x - lo) / (hi - lo);
      out[k.key] = k.direction === 'higher' ? n : 1 - n;
    }
    return out;
  });
  const scoreWith = (weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    return normalised.map((n) =>
      criteria.reduce((s, k, i) => s + (weights[i]! / total) * (n[k.key] ?? 0), 0),
    );
  };
  const scores = scoreWith(criteria.map((k) => k.weight));
  const ranks = ranksOf(scores);
  const random = createSeededRandom(seed);
  const drawn: number[][] = eligible.map(() => []);
  for (let d = 0; d < draws; d++) {
    const w = criteria.map((k) => k.minWeight + random() * (k.maxWeight - k.minWeight));
    ranksOf(scoreWith(w)).forEach((r, i) => drawn[i]!.push(r));
  }
  const results = new Map<string, SelectionResult>();
  eligible.forEach((c, i) => {
    const rs = drawn[i]!;
    results.set(c.id, {
      id: c.id,
      name: c.name,
      eligible: true,
      normalised: normalised[i]!,
      score: scores[i]!,
      rank: ranks[i]!,
      rankLow: draws > 0 ? Math.round(percentileType7(rs, 0.05)!) : ranks[i]!,
      rankMedian: draws > 0 ? Math.round(percentileType7(rs, 0.5)!) : ranks[i]!,
      rankHigh: draws > 0 ? Math.round(percentileType7(rs, 0.95)!) : ranks[i]!,
    });
  });
  return candidates
    .map(
      (c) =>
        results.get(c.id) ?? {
          id: c.id,
          name: c.name,
          eligible: false,
          normalised: {},
          score: null,
          rank: null,
          rankLow: null,
          rankMedian: null,
          rankHigh: null,
        },
    )
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}
