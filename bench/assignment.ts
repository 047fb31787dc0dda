/**
 * Reviewer-assignment benchmark (`npm run bench:assignment`), never part of a test suite.
 * 200 evaluators, 2,000 proposals, 3 reviews each (6,000 reviews, at most 30 per evaluator),
 * seeded random keyword profiles (expertise cost 1 − cosine) and about 2% conflicted pairs.
 * Prints the time of the optimal min-cost-flow assignment and of the greedy baseline, and the
 * ratio of the greedy total cost to the optimal total cost (≥ 1).
 */
import {
  assignReviewers,
  assignReviewersGreedy,
  createSeededRandom,
  expertiseCost,
  keywordVector,
  randomInt,
  type ReviewerPair,
} from '@innocluster/domain';

const evaluators = 200;
const proposals = 2_000;
const reviews = 3;
const maxLoad = 30;
const vocabulary = Array.from({ length: 120 }, (_, i) => `topic-${i}`);
const random = createSeededRandom(20261130);

function profile(size: number): Map<string, number> {
  const words: string[] = [];
  for (let i = 0; i < size; i++)
    words.push(vocabulary[randomInt(random, 0, vocabulary.length - 1)]!);
  return keywordVector(words);
}

const evaluatorProfiles = Array.from({ length: evaluators }, () => profile(8));
const proposalProfiles = Array.from({ length: proposals }, () => profile(6));
const costs = new Float64Array(proposals * evaluators);
const conflicts: ReviewerPair[] = [];
for (let p = 0; p < proposals; p++) {
  for (let e = 0; e < evaluators; e++) {
    costs[p * evaluators + e] = expertiseCost(proposalProfiles[p]!, evaluatorProfiles[e]!);
    if (random() < 0.02) conflicts.push({ proposal: p, evaluator: e });
  }
}

const input = {
  proposalCount: proposals,
  evaluatorCount: evaluators,
  reviewersPerProposal: reviews,
  maxLoad,
  cost: (p: number, e: number) => costs[p * evaluators + e]!,
  conflicts,
};

let start = performance.now();
const optimal = assignReviewers(input);
const optimalMs = performance.now() - start;
start = performance.now();
const greedy = assignReviewersGreedy(input);
const greedyMs = performance.now() - start;

if (!optimal.ok) throw new Error(optimal.issues.map((i) => i.message).join('\n'));
const conflicted = new Set(conflicts.map((c) => c.proposal * evaluators + c.evaluator));
if (optimal.pairs.some((p) => conflicted.has(p.proposal * evaluators + p.evaluator))) {
  throw new Error('a conflicted pair was assigned');
}
if (
  optimal.load.some((l) => l > maxLoad) ||
  optimal.reviewersOf.some((r) => r.length !== reviews)
) {
  throw new Error('a load bound or the review count is violated');
}
console.log(
  `${evaluators} evaluators, ${proposals} proposals, ${reviews} reviews each, ` +
    `max ${maxLoad} per evaluator, ${conflicts.length} conflicted pairs ` +
    `(${((100 * conflicts.length) / (proposals * evaluators)).toFixed(2)}%)`,
);
console.log(
  `optimal (min-cost flow): ${optimalMs.toFixed(0)} ms, total cost ${optimal.totalCost.toFixed(3)} ` +
    `(mean cost per review ${(optimal.totalCost / (proposals * reviews)).toFixed(4)}; cost = 1 − cosine similarity)`,
);
if (greedy.ok) {
  console.log(
    `greedy: ${greedyMs.toFixed(0)} ms, total cost ${greedy.totalCost.toFixed(3)}; ` +
      `greedy / optimal = ${(greedy.totalCost / optimal.totalCost).toFixed(4)}`,
  );
} else {
  console.log(`greedy: ${greedyMs.toFixed(0)} ms, failed: ${greedy.issues[0]?.message ?? ''}`);
}
