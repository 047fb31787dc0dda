/**
 * Review scores: a weighted rubric per review, per-reviewer normalisation (some reviewers mark
 * harshly, others generously), a ranking with ties, and selection within a call's budget.
 */

/** One criterion of a rubric: its weight and the top of its scale (scores run 0..maxScore). */
export interface RubricCriterion {
  readonly key: string;
  readonly weight: number;
  readonly maxScore: number;
}

/** Thrown for an invalid rubric or a score sheet that does not fit it; names the criterion. */
export class ReviewScoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewScoreError';
  }
}

/**
 * A review's score on 0–100: Σ wᵢ·(sᵢ / maxᵢ) / Σ wᵢ × 100, the weighted arithmetic mean of
 * the criteria scores rescaled to a common range (simple additive weighting; OECD/JRC Handbook
 * on Constructing Composite Indicators, 2008, §6.1 linear aggregation).
 */
export function weightedRubricScore(
  rubric: readonly RubricCriterion[],
  scores: Readonly<Record<string, number>>,
): number {
  let total = 0;
  let weights = 0;
  for (const c of rubric) {
    if (!(c.weight >= 0) || !(c.maxScore > 0)) {
      throw new ReviewScoreError(`criterion ${c.key}: weight must be ≥ 0 and maxScore > 0`);
    }
    const s = scores[c.key];
    if (s === undefined) throw new ReviewScoreError(`criterion ${c.key}: no score given`);
    if (!(s >= 0 && s <= c.maxScore)) {
      throw new ReviewScoreError(`criterion ${c.key}: score ${s} is outside 0–${c.maxScore}`);
    }
    total += c.weight * (s / c.maxScore);
    weights += c.weight;
  }
  if (weights === 0) throw new ReviewScoreError('the rubric weights add up to zero');
  for (const key of Object.keys(scores)) {
    if (!rubric.some((c) => c.key === key))
      throw new ReviewScoreError(`criterion ${key}: not in the rubric`);
  }
  return (100 * total) / weights;
}

/** One reviewer's score for one proposal. */
export interface ReviewScore {
  readonly reviewerId: string;
  readonly proposalId: string;
  readonly score: number;
}

/**
 * 'z-score': (s − mean_r) / sd_r per reviewer r, population standard deviation; a reviewer
 * whose scores are all equal (sd 0) or who scored only once gets 0 (no information about
 * relative merit). 'mean-centre': s − mean_r + grand mean, which keeps the original 0–100 scale
 * and removes only each reviewer's leniency, not their spread. 'none' keeps raw scores.
 * (The z-score is the standardisation of the OECD/JRC Handbook on Constructing Composite
 * Indicators, 2008, §5, applied within each reviewer's scores rather than within an indicator.)
 */
export type ReviewNormalisation = 'z-score' | 'mean-centre' | 'none';

export interface NormalisedReview extends ReviewScore {
  readonly normalised: number;
}

/** A proposal's raw and normalised mean scores, shown side by side. */
export interface ProposalScoreSummary {
  readonly proposalId: string;
  readonly reviews: number;
  readonly rawMean: number;
  readonly normalisedMean: number;
}

/** Normalises each review against its reviewer's own scores (see `ReviewNormalisation`). */
export function normaliseReviewScores(
  reviews: readonly ReviewScore[],
  method: ReviewNormalisation,
): NormalisedReview[] {
  const byReviewer = new Map<string, number[]>();
  let grand = 0;
  for (const r of reviews) {
    const list = byReviewer.get(r.reviewerId) ?? [];
    list.push(r.score);
    byReviewer.set(r.reviewerId, list);
    grand += r.score;
  }
  grand = reviews.length > 0 ? grand / reviews.length : 0;
  const stats = new Map<string, { mean: number; sd: number }>();
  for (const [id, list] of byReviewer) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    const variance = list.reduce((a, b) => a + (b - mean) * (b - mean), 0) / list.length;
    stats.set(id, { mean, sd: Math.sqrt(variance) });
  }
  return reviews.map((r) => {
    const { mean, sd } = stats.get(r.reviewerId) as { mean: number; sd: number };
    const normalised =
      method === 'none'
        ? r.score
        : method === 'mean-centre'
          ? r.score - mean + grand
          : sd > 1e-12
            ? (r.score - mean) / sd
            : 0;
    return { ...r, normalised };
  });
}

/** Mean raw and normalised score per proposal, in order of first appearance. */
export function summariseProposalScores(
  reviews: readonly ReviewScore[],
  method: ReviewNormalisation,
): ProposalScoreSummary[] {
  const acc = new Map<string, { n: number; raw: number; norm: number }>();
  for (const r of normaliseReviewScores(reviews, method)) {
    const a = acc.get(r.proposalId) ?? { n: 0, raw: 0, norm: 0 };
    a.n += 1;
    a.raw += r.score;
    a.norm += r.normalised;
    acc.set(r.proposalId, a);
  }
  return [...acc].map(([proposalId, a]) => ({
    proposalId,
    reviews: a.n,
    rawMean: a.raw / a.n,
    normalisedMean: a.norm / a.n,
  }));
}

/** A ranked entry: `rank` is the standard competition rank ("1224"), equal scores share it. */
export interface RankedProposal {
  readonly id: string;
  readonly score: number;
  readonly rank: number;
}

/**
 * Ranks by score, highest first, with standard competition ranking for ties (equal scores get
 * the same rank and the next rank skips: 1, 2, 2, 4; R's rank(ties.method = "min") on the
 * negated scores).
 * Scores closer than `tolerance` count as equal. Ties keep the input order.
 */
export function rankProposalScores(
  items: readonly { id: string; score: number }[],
  tolerance = 1e-9,
): RankedProposal[] {
  const order = items
    .map((item, i) => ({ ...item, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const out: RankedProposal[] = [];
  order.forEach((item, pos) => {
    const prev = out[pos - 1];
    const rank =
      prev !== undefined && Math.abs(prev.score - item.score) <= tolerance ? prev.rank : pos + 1;
    out.push({ id: item.id, score: item.score, rank });
  });
  return out;
}

/** A candidate for funding: its score (higher is better) and the amount requested in KRW. */
export interface FundingCandidate {
  readonly id: string;
  readonly score: number;
  readonly amountKrw: number;
}

export interface FundingSelection {
  readonly selected: readonly string[];
  readonly skipped: readonly string[];
  readonly totalScore: number;
  readonly totalAmountKrw: number;
}

function checkCandidates(candidates: readonly FundingCandidate[], budgetKrw: number): void {
  if (!(budgetKrw >= 0)) throw new ReviewScoreError('budget must be ≥ 0');
  for (const c of candidates) {
    if (!(c.amountKrw >= 0) || !Number.isFinite(c.amountKrw)) {
      throw new ReviewScoreError(`candidate ${c.id}: amount must be finite and ≥ 0`);
    }
  }
}

/**
 * Greedy selection by rank with skipping: walk the candidates from the highest score down
 * (ties in input order); fund each one that still fits in the remaining budget, skip one that
 * does not and go on to the next (so a cheaper lower-ranked proposal can use what is left).
 * This is how a committee reads a ranked list against a budget line; it is not optimal.
 */
export function selectByRankWithinBudget(
  candidates: readonly FundingCandidate[],
  budgetKrw: number,
): FundingSelection {
  checkCandidates(candidates, budgetKrw);
  const order = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.score - a.c.score || a.i - b.i);
  const selected: string[] = [];
  const skipped: string[] = [];
  let spent = 0;
  let totalScore = 0;
  for (const { c } of order) {
    if (spent + c.amountKrw <= budgetKrw) {
      selected.push(c.id);
      spent += c.amountKrw;
      totalScore += c.score;
    } else {
      skipped.push(c.id);
    }
  }
  return { selected, skipped, totalScore, totalAmountKrw: spent };
}

/**
 * The subset with the largest total score within the budget: 0/1 knapsack by dynamic
 * programming over integer amounts (Kellerer, Pferschy & Pisinger, "Knapsack Problems", 2004,
 * §2.3), O(n · B) time and memory. Amounts are counted in units of `unitKrw` (default KRW 1
 * million), each request rounded up and the budget rounded down, so the chosen set never
 * exceeds the budget in won. Candidates with a score ≤ 0 are never chosen.
 */
export function selectKnapsackWithinBudget(
  candidates: readonly FundingCandidate[],
  budgetKrw: number,
  unitKrw = 1_000_000,
): FundingSelection {
  checkCandidates(candidates, budgetKrw);
  const n = candidates.length;
  const B = Math.floor(budgetKrw / unitKrw);
  if ((n + 1) * (B + 1) > 50_000_000) {
    throw new ReviewScoreError(
      `knapsack table too large (${n} candidates × ${B + 1} budget units); use a larger unit`,
    );
  }
  const weight = candidates.map((c) => Math.ceil(c.amountKrw / unitKrw - 1e-9));
  const best = new Float64Array(B + 1);
  const take = new Uint8Array(n * (B + 1));
  for (let i = 0; i < n; i++) {
    const w = weight[i] as number;
    const v = (candidates[i] as FundingCandidate).score;
    if (v <= 0 || w > B) continue;
    for (let b = B; b >= w; b--) {
      const withItem = (best[b - w] as number) + v;
      if (withItem > (best[b] as number) + 1e-12) {
        best[b] = withItem;
        take[i * (B + 1) + b] = 1;
      }
    }
  }
  const chosen = new Set<number>();
  let b = B;
  for (let i = n - 1; i >= 0; i--) {
    if (take[i * (B + 1) + b] === 1) {
      chosen.add(i);
      b -= weight[i] as number;
    }
  }
  const selected: string[] = [];
  const skipped: string[] = [];
  let totalScore = 0;
  let spent = 0;
  candidates.forEach((c, i) => {
    if (chosen.has(i)) {
      selected.push(c.id);
      totalScore += c.score;
      spent += c.amountKrw;
    } else {
      skipped.push(c.id);
    }
  });
  return { selected, skipped, totalScore, totalAmountKrw: spent };
}
