import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeBrokerageRoles,
  computeStructuralHoles,
  constraintWithAddedTie,
  expectedBrokerageRoles,
} from './brokerage.ts';
import { buildCompactGraph, type WeightedEdge } from './compact-graph.ts';
import { createSeededRandom } from '../random.ts';
import { zacharyFactions, zacharyWeightedEdges } from './zachary-karate.fixture.ts';

const graph = (n: number, pairs: readonly (readonly number[])[]) =>
  buildCompactGraph(
    n,
    pairs.map(([source, target, weight]) => ({ source: source!, target: target!, weight })),
  );

const randomGraphs = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.record({
          source: fc.integer({ min: 0, max: n - 1 }),
          target: fc.integer({ min: 0, max: n - 1 }),
          weight: fc.integer({ min: 1, max: 5 }),
        }),
        { maxLength: 30 },
      ),
    ),
  )
  .map(([n, edges]: [number, WeightedEdge[]]) => buildCompactGraph(n, edges));

describe('computeStructuralHoles', () => {
  it('matches hand-computed star, pendant and triangle values', () => {
    // Star: centre 0 with leaves 1, 2, 3.
    const star = computeStructuralHoles(
      graph(4, [
        [0, 1],
        [0, 2],
        [0, 3],
      ]),
    );
    expect(star.constraint[0]).toBeCloseTo(1 / 3, 12);
    expect(star.constraint[1]).toBeCloseTo(1, 12);
    expect(star.effectiveSize[0]).toBeCloseTo(3, 12);
    expect(star.efficiency[0]).toBeCloseTo(1, 12);
    // Triangle: each node (1/2 + 1/2·1/2)² · 2 = 1.125; effective size 2 − 2·1/2 = 1.
    const triangle = computeStructuralHoles(
      graph(3, [
        [0, 1],
        [1, 2],
        [0, 2],
      ]),
    );
    expect(triangle.constraint[0]).toBeCloseTo(1.125, 12);
    expect(triangle.effectiveSize[0]).toBeCloseTo(1, 12);
    // Isolates have no value.
    expect(Number.isNaN(computeStructuralHoles(graph(2, [])).constraint[0])).toBe(true);
  });

  it('weighs ties: hand-computed weighted triangle', () => {
    // w01 = 2, w02 = 1, w12 = 1. s0 = 3, s1 = 3, s2 = 2.
    // c01 = (2/3 + 1/3·1/2)² = (5/6)²; c02 = (1/3 + 2/3·1/3)² = (5/9)².
    const h = computeStructuralHoles(
      graph(3, [
        [0, 1, 2],
        [0, 2, 1],
        [1, 2, 1],
      ]),
    );
    expect(h.constraint[0]).toBeCloseTo((5 / 6) ** 2 + (5 / 9) ** 2, 12);
    // E_0 = (1 − p02·m12) + (1 − p01·m21) = (1 − 1/3·1/2) + (1 − 2/3·1) with m12 = 1/2, m21 = 1.
    expect(h.effectiveSize[0]).toBeCloseTo(1 - 1 / 6 + (1 - 2 / 3), 12);
  });

  it("matches networkx 3.6's constraint and effective size on Zachary's karate club", () => {
    // Values printed by networkx.constraint / effective_size (an independent implementation).
    const unweighted = computeStructuralHoles(
      buildCompactGraph(
        34,
        zacharyWeightedEdges.map(([source, target]) => ({ source, target })),
      ),
    );
    const nxConstraint = [
      0.155423, 0.279535, 0.185177, 0.39666, 0.529417, 0.477485, 0.477485, 0.442712, 0.303601, 0.5,
      0.529417, 1.0, 0.622504, 0.323335, 0.57368, 0.57368, 0.78125, 0.590869, 0.57368, 0.373719,
      0.57368, 0.590869, 0.57368, 0.305824, 0.459877, 0.459877, 0.670902, 0.285069, 0.386913,
      0.449409, 0.346006, 0.244575, 0.249223, 0.156419,
    ];
    const nxEffectiveSize = [
      13.75, 6.333333, 7.8, 2.666667, 1.666667, 2.5, 2.5, 1.0, 3.0, 2.0, 1.666667, 1.0, 1.0, 2.6,
      1.0, 1.0, 1.0, 1.0, 1.0, 2.333333, 1.0, 1.0, 1.0, 3.4, 2.333333, 2.333333, 1.0, 3.5, 2.333333,
      2.0, 2.5, 5.0, 9.833333, 15.235294,
    ];
    nxConstraint.forEach((c, i) => expect(unweighted.constraint[i]).toBeCloseTo(c, 5));
    nxEffectiveSize.forEach((e, i) => expect(unweighted.effectiveSize[i]).toBeCloseTo(e, 5));

    const weighted = computeStructuralHoles(
      buildCompactGraph(
        34,
        zacharyWeightedEdges.map(([source, target, weight]) => ({ source, target, weight })),
      ),
    );
    const nxWeightedConstraint = [
      0.190623, 0.340902, 0.255654, 0.412223, 0.508089, 0.491129, 0.531405, 0.527082, 0.334415,
      0.555556, 0.530498, 1.0, 0.73023, 0.382749, 0.641127, 0.632394, 0.939749, 0.665331, 0.667078,
      0.439109, 0.723821, 0.623608, 0.639834, 0.312774, 0.512472, 0.456314, 0.653162, 0.32221,
      0.398983, 0.438925, 0.394491, 0.275499, 0.258256, 0.186287,
    ];
    // networkx's per-node path (effective_size(G, nodes=list(G), weight='weight')); its
    // sparse-matrix path (nodes=None) returns different weighted values in 3.6 (e.g. 13.954 for
    // node 0) that disagree with Burt's formula evaluated term by term, so it is not used here.
    const nxWeightedEffectiveSize = [
      13.775, 6.467241, 7.94697, 3.633333, 2.225, 2.942857, 2.784615, 1.461538, 3.396078, 2.0, 2.15,
      1.0, 1.3, 2.923529, 1.0, 1.0, 1.0, 1.288889, 1.0, 2.413333, 1.0, 1.266667, 1.0, 3.72381,
      2.428571, 2.62585, 1.566667, 3.507692, 2.542857, 2.492308, 2.690909, 5.141043, 10.089286,
      15.228919,
    ];
    nxWeightedConstraint.forEach((c, i) => expect(weighted.constraint[i]).toBeCloseTo(c, 5));
    nxWeightedEffectiveSize.forEach((e, i) => expect(weighted.effectiveSize[i]).toBeCloseTo(e, 5));
  });

  it("unweighted effective size equals Borgatti's n − 2t/n; bounds hold", () => {
    fc.assert(
      fc.property(randomGraphs, (g) => {
        const unweighted = buildCompactGraph(
          g.nodeCount,
          [...Array(g.nodeCount).keys()].flatMap((v) =>
            [...g.targets.subarray(g.offsets[v]!, g.offsets[v + 1]!)]
              .filter((t) => t > v)
              .map((t) => ({ source: v, target: t })),
          ),
        );
        const plain = computeStructuralHoles(unweighted);
        const weighted = computeStructuralHoles(g);
        for (let v = 0; v < g.nodeCount; v++) {
          const alters = new Set(
            unweighted.targets.subarray(unweighted.offsets[v]!, unweighted.offsets[v + 1]!),
          );
          const n = alters.size;
          if (n === 0) {
            expect(Number.isNaN(plain.effectiveSize[v])).toBe(true);
            continue;
          }
          let t = 0;
          for (const a of alters) {
            for (let p = unweighted.offsets[a]!; p < unweighted.offsets[a + 1]!; p++) {
              if (alters.has(unweighted.targets[p]!)) t += 0.5;
            }
          }
          expect(plain.effectiveSize[v]).toBeCloseTo(n - (2 * t) / n, 9);
          for (const h of [plain, weighted]) {
            // Each term of effective size is at least p_ij, so 1 ≤ E ≤ n; constraint is at
            // least Σ p_ij² ≥ 1/n and at most 2 (each c_ij ≤ 1 and Σ √c_ij ≤ 2).
            expect(h.effectiveSize[v]!).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(h.effectiveSize[v]!).toBeLessThanOrEqual(n + 1e-9);
            expect(h.constraint[v]!).toBeGreaterThanOrEqual(1 / n - 1e-9);
            expect(h.constraint[v]!).toBeLessThanOrEqual(2 + 1e-9);
          }
        }
      }),
    );
  });
});

describe('constraintWithAddedTie', () => {
  it('equals the constraint computed on the graph with the tie added', () => {
    fc.assert(
      fc.property(randomGraphs, fc.nat(), fc.nat(), (g, a, b) => {
        if (g.nodeCount < 2) return;
        const ego = a % g.nodeCount;
        const candidate = (ego + 1 + (b % (g.nodeCount - 1))) % g.nodeCount;
        const edges: WeightedEdge[] = [{ source: ego, target: candidate, weight: 2 }];
        for (let v = 0; v < g.nodeCount; v++) {
          for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
            if (g.targets[p]! > v)
              edges.push({ source: v, target: g.targets[p]!, weight: g.weights[p]! });
          }
        }
        const after = computeStructuralHoles(buildCompactGraph(g.nodeCount, edges));
        expect(constraintWithAddedTie(g, ego, [candidate], 2)[0]).toBeCloseTo(
          after.constraint[ego]!,
          9,
        );
      }),
    );
  });

  it('a tie to a disconnected contact lowers a pendant node from 1 to 1/2', () => {
    const g = graph(3, [[0, 1]]);
    expect(constraintWithAddedTie(g, 0, [2])[0]).toBeCloseTo(0.5, 12);
    expect(() => constraintWithAddedTie(g, 0, [0])).toThrow(/ego itself/);
  });
});

describe('computeBrokerageRoles', () => {
  it('classifies hand-made two-paths (each open pair counted in both directions)', () => {
    const path = graph(3, [
      [0, 1],
      [1, 2],
    ]);
    expect(computeBrokerageRoles(path, ['A', 'B', 'A'])[1]).toMatchObject({
      itinerant: 2,
      total: 2,
    });
    expect(computeBrokerageRoles(path, ['A', 'A', 'A'])[1]).toMatchObject({ coordinator: 2 });
    expect(computeBrokerageRoles(path, ['A', 'A', 'B'])[1]).toMatchObject({
      representative: 1,
      gatekeeper: 1,
      total: 2,
    });
    expect(computeBrokerageRoles(path, ['A', 'B', 'C'])[1]).toMatchObject({ liaison: 2 });
    expect(computeBrokerageRoles(path, ['A', null, 'C'])[1]!.total).toBe(0);
    // Closed triangle: no brokerage at all.
    const triangle = graph(3, [
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    expect(computeBrokerageRoles(triangle, ['A', 'B', 'C']).map((r) => r.total)).toEqual([0, 0, 0]);
    // Star centre (A) with leaves A, B, C: pairs (A,B) and (A,C) give representative +
    // gatekeeper each; (B,C) gives two liaison counts.
    const star = graph(4, [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(computeBrokerageRoles(star, ['A', 'A', 'B', 'C'])[0]).toEqual({
      coordinator: 0,
      itinerant: 0,
      representative: 2,
      gatekeeper: 2,
      liaison: 2,
      total: 6,
    });
  });

  it('agrees with a brute-force count over all ordered triples', () => {
    fc.assert(
      fc.property(
        randomGraphs,
        fc.array(fc.constantFrom('A', 'B', 'C', null), { minLength: 9, maxLength: 9 }),
        (g, groups) => {
          const group = groups.slice(0, g.nodeCount);
          const adj = (u: number, v: number) =>
            g.targets.subarray(g.offsets[u]!, g.offsets[u + 1]!).includes(v);
          const roles = computeBrokerageRoles(g, group);
          for (let b = 0; b < g.nodeCount; b++) {
            const expected = {
              coordinator: 0,
              itinerant: 0,
              representative: 0,
              gatekeeper: 0,
              liaison: 0,
            };
            for (let a = 0; a < g.nodeCount; a++) {
              for (let c = 0; c < g.nodeCount; c++) {
                if (a === b || c === b || a === c || !adj(a, b) || !adj(b, c) || adj(a, c))
                  continue;
                const [ga, gb, gc] = [group[a], group[b], group[c]];
                if (ga === null || gb === null || gc === null) continue;
                const key =
                  ga === gb && gb === gc
                    ? 'coordinator'
                    : ga === gc
                      ? 'itinerant'
                      : ga === gb
                        ? 'representative'
                        : gb === gc
                          ? 'gatekeeper'
                          : 'liaison';
                expected[key] += 1;
              }
            }
            expect(roles[b]).toMatchObject(expected);
            expect(roles[b]!.representative).toBe(roles[b]!.gatekeeper);
          }
        },
      ),
    );
  });

  it('names a group array of the wrong length', () => {
    expect(() => computeBrokerageRoles(graph(2, [[0, 1]]), ['A'])).toThrow(/1 entries for 2 nodes/);
  });
});

describe('expectedBrokerageRoles', () => {
  it('hand-computed: a two-path whose ends share the only other group', () => {
    const path = graph(3, [
      [0, 1],
      [1, 2],
    ]);
    expect(expectedBrokerageRoles(path, ['A', 'B', 'A'])[1]).toEqual({
      coordinator: 0,
      itinerant: 2,
      representative: 0,
      gatekeeper: 0,
      liaison: 0,
      total: 2,
    });
  });

  it("agrees with a Monte Carlo permutation of labels on Zachary's karate club", () => {
    const g = buildCompactGraph(
      34,
      zacharyWeightedEdges.map(([source, target]) => ({ source, target })),
    );
    // Three groups: the two factions, with every fifth member relabelled "C".
    const group = zacharyFactions.map((f, i) => (i % 5 === 4 ? 'C' : f));
    const broker = 0;
    const expected = expectedBrokerageRoles(g, group)[broker]!;
    const random = createSeededRandom(20260);
    const others = group.filter((_, i) => i !== broker);
    const sum = { coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0 };
    const runs = 4000;
    for (let run = 0; run < runs; run++) {
      // Fisher-Yates shuffle of the other nodes' labels; the broker keeps its own.
      const shuffled = [...others];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const labels = [group[broker]!, ...shuffled];
      const r = computeBrokerageRoles(g, labels)[broker]!;
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
    }
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) {
      expect(Math.abs(sum[k] / runs - expected[k])).toBeLessThan(0.02 * expected.total);
    }
    expect(expected.total).toBe(computeBrokerageRoles(g, group)[broker]!.total);
  });
});
