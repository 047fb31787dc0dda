import type { CompactGraph } from './compact-graph.ts';

/** Burt's structural-hole measures, one value per node (NaN where undefined). */
export interface StructuralHoles {
  /** Burt's aggregate constraint C_i; NaN for isolates and nodes whose ties all weigh 0. */
  constraint: Float64Array;
  /** Burt's effective size; NaN for isolates. */
  effectiveSize: Float64Array;
  /** Effective size / degree (Burt 1992, p. 52); NaN for isolates. */
  efficiency: Float64Array;
}

/**
 * Burt's constraint and effective size on a weighted undirected graph (Burt 1992, *Structural
 * Holes: The Social Structure of Competition*, Harvard University Press, pp. 50-55).
 *
 * Proportional tie strength p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki), which for an undirected
 * graph is w_ij / s_i (s_i = i's strength).
 *  - Constraint: C_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)². A node tied to one
 *    alter has C = 1; a star centre with n alters has C = 1/n; each node of a triangle has
 *    C = 1.125.
 *  - Effective size: E_i = Σ_{j ∈ N(i)} (1 − Σ_{q ≠ i, j} p_iq m_jq), with the marginal strength
 *    m_jq = a_jq / max_k a_jk (j's tie to q over j's strongest tie). On an unweighted graph this
 *    is Borgatti's (1997, "Structural holes: unpacking Burt's redundancy measures",
 *    Connections 20(1): 35-38) n − 2t/n, with n the degree and t the ties among the alters.
 */
export function computeStructuralHoles(g: CompactGraph): StructuralHoles {
  const n = g.nodeCount;
  const { offsets, targets, weights } = g;
  const strength = nodeStrengths(g);
  const maxTie = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let m = 0;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) m = Math.max(m, weights[p]!);
    maxTie[v] = m;
  }
  const constraint = new Float64Array(n).fill(Number.NaN);
  const effectiveSize = new Float64Array(n).fill(Number.NaN);
  const efficiency = new Float64Array(n).fill(Number.NaN);
  // share[q] holds p_iq for the current ego i, zero elsewhere.
  const share = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    const degree = end - start;
    if (degree === 0) continue;
    const si = strength[i]!;
    for (let p = start; p < end; p++) share[targets[p]!] = si > 0 ? weights[p]! / si : 0;
    let c = 0;
    let e = 0;
    for (let p = start; p < end; p++) {
      const j = targets[p]!;
      let indirect = 0;
      let redundancy = 0;
      for (let r = offsets[j]!; r < offsets[j + 1]!; r++) {
        const q = targets[r]!;
        const piq = share[q]!;
        if (q === i || piq === 0) continue;
        const sq = strength[q]!;
        if (sq > 0) indirect += (piq * weights[r]!) / sq;
        if (maxTie[j]! > 0) redundancy += (piq * weights[r]!) / maxTie[j]!;
      }
      c += (share[j]! + indirect) ** 2;
      e += 1 - redundancy;
    }
    for (let p = start; p < end; p++) share[targets[p]!] = 0;
    if (si > 0) constraint[i] = c;
    effectiveSize[i] = e;
    efficiency[i] = e / degree;
  }
  return { constraint, effectiveSize, efficiency };
}

/**
 * Burt's constraint of `ego` if a tie of `weight` to each candidate were added (one candidate at
 * a time; the graph is not changed), with the same formula as {@link computeStructuralHoles}.
 * A candidate already tied to ego has its tie strengthened by `weight`. Used to rank partner
 * suggestions by how much a new tie would loosen the ego's network (Burt 1992, ch. 1: ties to
 * otherwise disconnected contacts lower constraint).
 */
export function constraintWithAddedTie(
  g: CompactGraph,
  ego: number,
  candidates: readonly number[],
  weight = 1,
): Float64Array {
  const { offsets, targets, weights } = g;
  const strength = nodeStrengths(g);
  const result = new Float64Array(candidates.length);
  const tieToEgo = new Map<number, number>();
  for (let p = offsets[ego]!; p < offsets[ego + 1]!; p++) tieToEgo.set(targets[p]!, weights[p]!);
  // For each alter j, s_ego · (p_ij + Σ_q p_iq p_qj) before the new tie; a new tie to a
  // non-alter c only changes the terms of the alters c is tied to, and adds c's own term.
  const numerator = new Map<number, number>();
  let base = 0;
  for (const [j, wj] of tieToEgo) {
    let indirect = 0;
    for (let r = offsets[j]!; r < offsets[j + 1]!; r++) {
      const q = targets[r]!;
      const wq = tieToEgo.get(q);
      if (q !== ego && wq !== undefined && strength[q]! > 0) {
        indirect += (wq * weights[r]!) / strength[q]!;
      }
    }
    numerator.set(j, wj + indirect);
    base += (wj + indirect) ** 2;
  }
  const si = strength[ego]! + weight;
  candidates.forEach((candidate, index) => {
    if (candidate === ego) throw new RangeError(`candidate ${index} is the ego itself`);
    if (tieToEgo.has(candidate)) {
      result[index] = strengthenedConstraint(g, strength, tieToEgo, ego, candidate, weight);
      return;
    }
    const sc = strength[candidate]! + weight;
    let sum = base;
    let own = weight;
    for (let r = offsets[candidate]!; r < offsets[candidate + 1]!; r++) {
      const q = targets[r]!;
      const wq = tieToEgo.get(q);
      if (wq === undefined) continue;
      const before = numerator.get(q)!;
      const after = before + (sc > 0 ? (weight * weights[r]!) / sc : 0);
      sum += after * after - before * before;
      if (strength[q]! > 0) own += (wq * weights[r]!) / strength[q]!;
    }
    sum += own * own;
    result[index] = si > 0 ? sum / (si * si) : Number.NaN;
  });
  return result;
}

/** Constraint of ego after strengthening its existing tie to `alter` by `weight`, term by term. */
function strengthenedConstraint(
  g: CompactGraph,
  strength: Float64Array,
  tieToEgo: ReadonlyMap<number, number>,
  ego: number,
  alter: number,
  weight: number,
): number {
  const { offsets, targets, weights } = g;
  const alters = new Map(tieToEgo);
  alters.set(alter, alters.get(alter)! + weight);
  const si = strength[ego]! + weight;
  if (!(si > 0)) return Number.NaN;
  const strengthOf = (q: number): number => strength[q]! + (q === alter ? weight : 0);
  let c = 0;
  for (const [j, wij] of alters) {
    let indirect = 0;
    for (let r = offsets[j]!; r < offsets[j + 1]!; r++) {
      const q = targets[r]!;
      const wiq = alters.get(q);
      if (q === ego || wiq === undefined || !(strengthOf(q) > 0)) continue;
      indirect += ((wiq / si) * weights[r]!) / strengthOf(q);
    }
    c += (wij / si + indirect) ** 2;
  }
  return c;
}

/** Sum of each node's tie weights. */
function nodeStrengths(g: CompactGraph): Float64Array {
  const s = new Float64Array(g.nodeCount);
  for (let v = 0; v < g.nodeCount; v++) {
    let total = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) total += g.weights[p]!;
    s[v] = total;
  }
  return s;
}

/** The five Gould-Fernandez brokerage roles of a node (counts of two-paths it brokers). */
export interface BrokerageRoles {
  /** a, b, c all in one group (w_I). */
  coordinator: number;
  /** a and c in one group, the broker b in another (w_O; "consultant"). */
  itinerant: number;
  /** a and b in one group, c in another (b_IO): b speaks for its group outward. */
  representative: number;
  /** b and c in one group, a in another (b_OI): b lets outside flow into its group. */
  gatekeeper: number;
  /** a, b, c in three different groups (b_O). */
  liaison: number;
  total: number;
}

/**
 * Gould & Fernandez (1989, "Structures of mediation: a formal approach to brokerage in
 * transaction networks", Sociological Methodology 19: 89-126) brokerage roles by a group
 * attribute (actor kind, region...). Node b brokers the two-path a → b → c when a and c are
 * not tied; the role follows from the groups of a, b and c (see {@link BrokerageRoles}).
 *
 * Undirected ties are treated as reciprocal (each tie a pair of arcs), as sna's brokerage()
 * does on a symmetric matrix: an open pair {a, c} of b's contacts is counted as both a → b → c
 * and c → b → a. Hence coordinator, itinerant and liaison counts are twice the number of open
 * pairs, and every open pair with one end in b's group adds one representative and one
 * gatekeeper count, so the two are equal for every node. Two-paths touching a node without a
 * group (null) are not counted. Weights are ignored (a tie is present or not).
 */
export function computeBrokerageRoles(
  g: CompactGraph,
  group: readonly (string | null)[],
): BrokerageRoles[] {
  const n = g.nodeCount;
  if (group.length !== n) {
    throw new RangeError(`group has ${group.length} entries for ${n} nodes`);
  }
  const { offsets, targets } = g;
  const stamp = new Int32Array(n).fill(-1);
  const roles: BrokerageRoles[] = [];
  let mark = 0;
  for (let b = 0; b < n; b++) {
    const r: BrokerageRoles = {
      coordinator: 0,
      itinerant: 0,
      representative: 0,
      gatekeeper: 0,
      liaison: 0,
      total: 0,
    };
    roles.push(r);
    const gb = group[b];
    if (gb === null || gb === undefined) continue;
    for (let pa = offsets[b]!; pa < offsets[b + 1]!; pa++) {
      const a = targets[pa]!;
      const ga = group[a];
      if (ga === null || ga === undefined) continue;
      mark += 1;
      for (let p = offsets[a]!; p < offsets[a + 1]!; p++) stamp[targets[p]!] = mark;
      for (let pc = offsets[b]!; pc < offsets[b + 1]!; pc++) {
        const c = targets[pc]!;
        if (c === a || stamp[c] === mark) continue;
        const gc = group[c];
        if (gc === null || gc === undefined) continue;
        if (ga === gb && gb === gc) r.coordinator += 1;
        else if (ga === gc) r.itinerant += 1;
        else if (ga === gb) r.representative += 1;
        else if (gb === gc) r.gatekeeper += 1;
        else r.liaison += 1;
        r.total += 1;
      }
    }
  }
  return roles;
}

/**
 * Expected Gould-Fernandez role counts of each node under Gould & Fernandez's (1989) null model:
 * the node's group and its open two-paths are held fixed and the group labels of the other
 * labelled nodes are permuted at random, so the ends a and c of a two-path are drawn without
 * replacement from the N − 1 other labelled nodes. With n_b the size of the broker's group,
 * n_g that of another group g and D = (N − 1)(N − 2), per open ordered two-path:
 * coordinator (n_b − 1)(n_b − 2)/D; itinerant Σ_g n_g(n_g − 1)/D; representative and
 * gatekeeper (n_b − 1)(N − n_b)/D each; liaison Σ_g n_g(N − n_b − n_g)/D. Observed counts
 * above these mean more brokerage of that kind than the group sizes alone would give.
 * `total` equals the observed total.
 */
export function expectedBrokerageRoles(
  g: CompactGraph,
  group: readonly (string | null)[],
  observed: readonly BrokerageRoles[] = computeBrokerageRoles(g, group),
): BrokerageRoles[] {
  const sizes = new Map<string, number>();
  for (const label of group) if (label !== null) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  let size = 0;
  let sumSquares = 0;
  for (const c of sizes.values()) {
    size += c;
    sumSquares += c * c;
  }
  const d = (size - 1) * (size - 2);
  return observed.map((o, b) => {
    const gb = group[b];
    const zero = { coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0 };
    if (gb === null || gb === undefined || o.total === 0 || d <= 0)
      return { ...zero, total: o.total };
    const nb = sizes.get(gb)!;
    const others = size - nb;
    // Σ_g n_g² over the other groups.
    const otherSquares = sumSquares - nb * nb;
    const t = o.total;
    return {
      coordinator: (t * (nb - 1) * Math.max(0, nb - 2)) / d,
      itinerant: (t * (otherSquares - others)) / d,
      representative: (t * (nb - 1) * others) / d,
      gatekeeper: (t * (nb - 1) * others) / d,
      liaison: (t * (others * others - otherSquares)) / d,
      total: t,
    };
  });
}
