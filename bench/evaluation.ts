/**
 * Composite-index uncertainty benchmark (`npm run bench:evaluation`), never part of a test
 * suite. On a synthetic table of 100 complexes x 40 indicators (seeded, with a few gaps) it
 * times, in the same run:
 *
 * - the baseline: one deterministic `computeCompositeIndex` (mean imputation, min-max,
 *   equal weights, arithmetic aggregation);
 * - the Monte Carlo: `analyseUncertainty` with 10,000 draws over weights (uniform ±20%),
 *   three normalisations, two aggregations and two missing-data rules, including the rank
 *   intervals and the first-order sensitivity indices.
 *
 * Each figure is the median of several repetitions (the baseline is repeated 200 times per
 * sample because one run takes well under a millisecond). It prints both times, the ratio and
 * the time per draw.
 */
import {
  analyseUncertainty,
  computeCompositeIndex,
  createSeededRandom,
  type CompositeInput,
  type CompositeMethod,
} from '@innocluster/domain';

const units = 100;
const indicators = 40;
const draws = 10_000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(work: () => void, repeat = 1): number {
  const start = performance.now();
  for (let k = 0; k < repeat; k += 1) work();
  return (performance.now() - start) / repeat;
}

const random = createSeededRandom(2026);
const input: CompositeInput = {
  units: Array.from({ length: units }, (_, u) => `complex-${u + 1}`),
  indicators: Array.from({ length: indicators }, (_, i) => ({
    code: `IND-${i + 1}`,
    direction: i % 4 === 3 ? 'lower' : 'higher',
  })),
  values: Array.from({ length: units }, () =>
    Array.from({ length: indicators }, () => (random() < 0.01 ? null : 1 + random() * 999)),
  ),
};
const method: CompositeMethod = {
  missing: 'mean',
  normalisation: { kind: 'min-max' },
  weighting: { kind: 'equal' },
  aggregation: { kind: 'arithmetic' },
};

const deterministic = () => {
  computeCompositeIndex(input, method);
};
const monteCarlo = () => {
  analyseUncertainty(input, method, {
    draws,
    random: createSeededRandom(7),
    weights: { kind: 'uniform', relativeBound: 0.2 },
    normalisations: [{ kind: 'min-max' }, { kind: 'rank' }, { kind: 'distance-to-leader' }],
    aggregations: [{ kind: 'arithmetic' }, { kind: 'geometric', zero: 'shift', offset: 0.001 }],
    missingRules: ['mean', 'median'],
  });
};

// Warm up both paths so the JIT has compiled them before timing.
for (let k = 0; k < 50; k += 1) deterministic();
monteCarlo();

const baseline = median(Array.from({ length: 7 }, () => time(deterministic, 200)));
const mc = median(Array.from({ length: 5 }, () => time(monteCarlo)));

console.log(`composite index, ${units} complexes x ${indicators} indicators`);
console.log(`  one deterministic computation: ${baseline.toFixed(3)} ms`);
console.log(`  Monte Carlo, ${draws.toLocaleString('en')} draws:   ${mc.toFixed(1)} ms`);
console.log(`  per draw:                      ${((mc / draws) * 1000).toFixed(2)} µs`);
console.log(`  ratio Monte Carlo / one run:   ${(mc / baseline).toFixed(0)}x`);
