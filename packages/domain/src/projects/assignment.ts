/**
 * Automatic reviewer assignment: every proposal gets exactly k reviewers, every evaluator takes
 * at most L (and at least l) proposals, no conflicted or forbidden pair is ever used, fixed
 * pairs are always used, and the total cost (typically 1 − expertise match) is minimal.
 *
 * Solved exactly as a minimum-cost flow (Ahuja, Magnanti & Orlin, "Network Flows", 1993):
 * source → proposal (capacity k) → evaluator (capacity 1, cost of the pair) → sink
 * (capacity L). The solver is the primal-dual form of successive shortest paths (ch. 9.7–9.8):
 * Dijkstra on reduced costs gives node potentials, then a maximum flow (Dinic 1970) on the
 * admissible arcs of zero reduced cost augments many shortest paths per phase. Costs are
 * quantised to integers (`costScale`, default 10⁶ per unit of cost) so reduced costs are exact.
 */

/** Indices of one proposal and one evaluator (0-based, in the caller's order). */
export interface ReviewerPair {
  readonly proposal: number;
  readonly evaluator: number;
}

/** The assignment problem; ids are mapped to indices by the caller. */
export interface ReviewerAssignmentInput {
  readonly proposalCount: number;
  readonly evaluatorCount: number;
  /** k: reviews each proposal must receive. */
  readonly reviewersPerProposal: number;
  /** L: the most proposals an evaluator may take (one number for all, or one per evaluator). */
  readonly maxLoad: number | readonly number[];
  /** l: the fewest proposals an evaluator must take (default 0). */
  readonly minLoad?: number | readonly number[];
  /** Cost of giving `proposal` to `evaluator`; finite and ≥ 0. */
  readonly cost: (proposal: number, evaluator: number) => number;
  /** Conflicted pairs (from conflicts.ts); never assigned, and a fixed conflicted pair is an error. */
  readonly conflicts?: Iterable<ReviewerPair>;
  /** Pairs an officer has excluded by hand. */
  readonly forbidden?: Iterable<ReviewerPair>;
  /** Pairs an officer has forced in. */
  readonly fixed?: Iterable<ReviewerPair>;
  /** Integer cost units per unit of cost (default 1,000,000). */
  readonly costScale?: number;
}

/** Why no assignment exists, in terms an officer can act on. */
export type AssignmentIssue =
  | { readonly kind: 'fixed_pair_blocked'; readonly pair: ReviewerPair; readonly message: string }
  | {
      readonly kind: 'fixed_overload';
      readonly evaluator?: number;
      readonly proposal?: number;
      readonly message: string;
    }
  | {
      readonly kind: 'proposal_short';
      readonly proposal: number;
      readonly available: number;
      readonly needed: number;
      readonly message: string;
    }
  | {
      readonly kind: 'evaluator_short';
      readonly evaluator: number;
      readonly available: number;
      readonly needed: number;
      readonly message: string;
    }
  | {
      readonly kind: 'capacity';
      readonly capacity: number;
      readonly needed: number;
      readonly message: string;
    }
  | {
      readonly kind: 'minimum_exceeds_demand';
      readonly minimum: number;
      readonly needed: number;
      readonly message: string;
    }
  | {
      readonly kind: 'proposal_group_short';
      readonly proposals: readonly number[];
      readonly needed: number;
      readonly available: number;
      readonly message: string;
    }
  | {
      readonly kind: 'minimum_load_unmet';
      readonly evaluators: readonly number[];
      readonly message: string;
    };

/** A complete assignment. `totalCost` sums the caller's (unquantised) costs. */
export interface ReviewerAssignment {
  readonly ok: true;
  readonly pairs: readonly ReviewerPair[];
  /** Evaluator indices per proposal, ascending. */
  readonly reviewersOf: readonly (readonly number[])[];
  readonly load: readonly number[];
  readonly totalCost: number;
}

export type ReviewerAssignmentOutcome =
  ReviewerAssignment | { readonly ok: false; readonly issues: readonly AssignmentIssue[] };

/** Thrown for malformed input (sizes, indices, costs), as opposed to an infeasible problem. */
export class AssignmentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignmentInputError';
  }
}

interface Prepared {
  n: number;
  m: number;
  k: number;
  maxLoad: Int32Array;
  minLoad: Int32Array;
  blocked: Uint8Array;
  fixed: Uint8Array;
  fixedList: ReviewerPair[];
  demand: Int32Array;
  capacity: Int32Array;
  lower: Int32Array;
  issues: AssignmentIssue[];
}

function perEvaluator(
  value: number | readonly number[] | undefined,
  m: number,
  what: string,
): Int32Array {
  const out = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const v = value === undefined ? 0 : typeof value === 'number' ? value : value[e];
    if (v === undefined || !Number.isInteger(v) || v < 0) {
      throw new AssignmentInputError(`${what} of evaluator ${e} must be a non-negative integer`);
    }
    out[e] = v;
  }
  return out;
}

function checkPair(pair: ReviewerPair, n: number, m: number, what: string): number {
  const { proposal: p, evaluator: e } = pair;
  if (!Number.isInteger(p) || p < 0 || p >= n || !Number.isInteger(e) || e < 0 || e >= m) {
    throw new AssignmentInputError(`${what} pair (${p}, ${e}) is out of range`);
  }
  return p * m + e;
}

function prepare(input: ReviewerAssignmentInput): Prepared {
  const n = input.proposalCount;
  const m = input.evaluatorCount;
  const k = input.reviewersPerProposal;
  for (const [name, v] of [
    ['proposalCount', n],
    ['evaluatorCount', m],
    ['reviewersPerProposal', k],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new AssignmentInputError(`${name} must be a non-negative integer`);
  }
  const maxLoad = perEvaluator(input.maxLoad, m, 'maxLoad');
  const minLoad = perEvaluator(input.minLoad, m, 'minLoad');
  const issues: AssignmentIssue[] = [];
  for (let e = 0; e < m; e++) {
    if ((minLoad[e] as number) > (maxLoad[e] as number)) {
      throw new AssignmentInputError(`minLoad of evaluator ${e} exceeds its maxLoad`);
    }
  }
  const blocked = new Uint8Array(n * m);
  for (const pair of input.conflicts ?? []) blocked[checkPair(pair, n, m, 'conflict')] = 1;
  for (const pair of input.forbidden ?? []) {
    const idx = checkPair(pair, n, m, 'forbidden');
    blocked[idx] = (blocked[idx] as number) | 2;
  }
  const fixed = new Uint8Array(n * m);
  const fixedList: ReviewerPair[] = [];
  const demand = new Int32Array(n).fill(k);
  const capacity = Int32Array.from(maxLoad);
  const lower = Int32Array.from(minLoad);
  for (const pair of input.fixed ?? []) {
    const idx = checkPair(pair, n, m, 'fixed');
    if (fixed[idx] === 1) continue;
    const b = blocked[idx] as number;
    if (b !== 0) {
      const why = b & 1 ? 'a conflict of interest' : 'a forbidden pair';
      issues.push({
        kind: 'fixed_pair_blocked',
        pair,
        message: `fixed pair (proposal ${pair.proposal}, evaluator ${pair.evaluator}) is ${why}`,
      });
      continue;
    }
    fixed[idx] = 1;
    fixedList.push({ proposal: pair.proposal, evaluator: pair.evaluator });
    demand[pair.proposal] = (demand[pair.proposal] as number) - 1;
    capacity[pair.evaluator] = (capacity[pair.evaluator] as number) - 1;
    lower[pair.evaluator] = Math.max(0, (lower[pair.evaluator] as number) - 1);
  }
  for (let p = 0; p < n; p++) {
    if ((demand[p] as number) < 0) {
      issues.push({
        kind: 'fixed_overload',
        proposal: p,
        message: `proposal ${p} has ${k - (demand[p] as number)} fixed reviewers but needs exactly ${k}`,
      });
    }
  }
  for (let e = 0; e < m; e++) {
    if ((capacity[e] as number) < 0) {
      issues.push({
        kind: 'fixed_overload',
        evaluator: e,
        message: `evaluator ${e} has ${(maxLoad[e] as number) - (capacity[e] as number)} fixed proposals but may take at most ${maxLoad[e] as number}`,
      });
    }
  }
  return { n, m, k, maxLoad, minLoad, blocked, fixed, fixedList, demand, capacity, lower, issues };
}

/** Checks every necessary condition that can be stated per proposal or per evaluator. */
function precheck(pr: Prepared): AssignmentIssue[] {
  const { n, m, blocked, fixed, demand, capacity, lower } = pr;
  const issues: AssignmentIssue[] = [];
  let need = 0;
  for (let p = 0; p < n; p++) {
    const d = demand[p] as number;
    need += Math.max(0, d);
    let available = 0;
    for (let e = 0; e < m; e++) {
      const idx = p * m + e;
      if (blocked[idx] === 0 && fixed[idx] === 0 && (capacity[e] as number) > 0) available++;
    }
    if (available < d) {
      issues.push({
        kind: 'proposal_short',
        proposal: p,
        available,
        needed: d,
        message: `proposal ${p} needs ${d} more reviewers but only ${available} non-conflicted evaluators with free capacity remain`,
      });
    }
  }
  let totalCapacity = 0;
  let totalLower = 0;
  for (let e = 0; e < m; e++) {
    totalCapacity += Math.max(0, capacity[e] as number);
    totalLower += lower[e] as number;
    const l = lower[e] as number;
    if (l === 0) continue;
    let available = 0;
    for (let p = 0; p < n; p++) {
      const idx = p * m + e;
      if (blocked[idx] === 0 && fixed[idx] === 0) available++;
    }
    if (available < l) {
      issues.push({
        kind: 'evaluator_short',
        evaluator: e,
        available,
        needed: l,
        message: `evaluator ${e} must take ${l} more proposals but only ${available} are free of conflicts`,
      });
    }
  }
  if (totalCapacity < need) {
    issues.push({
      kind: 'capacity',
      capacity: totalCapacity,
      needed: need,
      message: `${need} reviews are needed but evaluators can take only ${totalCapacity}`,
    });
  }
  if (totalLower > need) {
    issues.push({
      kind: 'minimum_exceeds_demand',
      minimum: totalLower,
      needed: need,
      message: `minimum loads add up to ${totalLower} reviews but only ${need} are needed`,
    });
  }
  return issues;
}

/** Residual network on typed arrays; arc i and i^1 are a pair. */
class FlowNetwork {
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly to: Int32Array;
  readonly cap: Int32Array;
  readonly cost: Float64Array;
  count = 0;

  constructor(
    readonly nodes: number,
    maxArcs: number,
  ) {
    this.head = new Int32Array(nodes).fill(-1);
    this.next = new Int32Array(maxArcs * 2);
    this.to = new Int32Array(maxArcs * 2);
    this.cap = new Int32Array(maxArcs * 2);
    this.cost = new Float64Array(maxArcs * 2);
  }

  add(u: number, v: number, cap: number, cost: number): number {
    const a = this.count;
    this.to[a] = v;
    this.cap[a] = cap;
    this.cost[a] = cost;
    this.next[a] = this.head[u] as number;
    this.head[u] = a;
    this.to[a + 1] = u;
    this.cap[a + 1] = 0;
    this.cost[a + 1] = -cost;
    this.next[a + 1] = this.head[v] as number;
    this.head[v] = a + 1;
    this.count += 2;
    return a;
  }
}

/**
 * Minimum-cost flow of up to `limit` units from `s` to `t` by primal-dual successive shortest
 * paths (Ahuja, Magnanti & Orlin 1993, §9.7 and §9.8): Dijkstra with a binary heap on reduced
 * costs c(u,v) + π(u) − π(v) ≥ 0, potentials raised by min(d(v), d(t)) so every residual arc
 * keeps a non-negative reduced cost, then Dinic's blocking flows on the zero-reduced-cost arcs.
 * Requires non-negative integer arc costs. Returns the flow sent.
 */
function minCostFlow(net: FlowNetwork, s: number, t: number, limit: number): number {
  const V = net.nodes;
  const { head, next, to, cap, cost } = net;
  const pi = new Float64Array(V);
  const dist = new Float64Array(V);
  const level = new Int32Array(V);
  const iter = new Int32Array(V);
  const queue = new Int32Array(V);
  const heapSize = net.count + V + 1;
  const heapKey = new Float64Array(heapSize);
  const heapNode = new Int32Array(heapSize);
  let flow = 0;

  const admissible = (a: number, u: number): boolean =>
    (cap[a] as number) > 0 &&
    (cost[a] as number) + (pi[u] as number) - (pi[to[a] as number] as number) === 0;

  const dfs = (u: number, pushed: number): number => {
    if (u === t) return pushed;
    for (let a = iter[u] as number; a !== -1; a = next[a] as number, iter[u] = a) {
      const v = to[a] as number;
      if ((level[v] as number) !== (level[u] as number) + 1 || !admissible(a, u)) continue;
      const got = dfs(v, Math.min(pushed, cap[a] as number));
      if (got > 0) {
        cap[a] = (cap[a] as number) - got;
        cap[a ^ 1] = (cap[a ^ 1] as number) + got;
        return got;
      }
    }
    iter[u] = -1;
    return 0;
  };

  while (flow < limit) {
    dist.fill(Infinity);
    dist[s] = 0;
    let size = 0;
    const push = (key: number, node: number): void => {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heapKey[parent] as number) <= key) break;
        heapKey[i] = heapKey[parent] as number;
        heapNode[i] = heapNode[parent] as number;
        i = parent;
      }
      heapKey[i] = key;
      heapNode[i] = node;
    };
    push(0, s);
    while (size > 0) {
      const d = heapKey[0] as number;
      const u = heapNode[0] as number;
      size--;
      if (size > 0) {
        const key = heapKey[size] as number;
        const node = heapNode[size] as number;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && (heapKey[c + 1] as number) < (heapKey[c] as number)) c++;
          if ((heapKey[c] as number) >= key) break;
          heapKey[i] = heapKey[c] as number;
          heapNode[i] = heapNode[c] as number;
          i = c;
        }
        heapKey[i] = key;
        heapNode[i] = node;
      }
      if (d > (dist[u] as number)) continue;
      // Nodes still in the heap have distance ≥ d(t), and min(·, d(t)) below ignores the rest.
      if (u === t) break;
      const pu = pi[u] as number;
      for (let a = head[u] as number; a !== -1; a = next[a] as number) {
        if ((cap[a] as number) <= 0) continue;
        const v = to[a] as number;
        const nd = d + (cost[a] as number) + pu - (pi[v] as number);
        if (nd < (dist[v] as number)) {
          dist[v] = nd;
          push(nd, v);
        }
      }
    }
    const dt = dist[t] as number;
    if (dt === Infinity) break;
    for (let v = 0; v < V; v++) {
      const d = dist[v] as number;
      pi[v] = (pi[v] as number) + (d < dt ? d : dt);
    }
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++] as number;
        for (let a = head[u] as number; a !== -1; a = next[a] as number) {
          const v = to[a] as number;
          if ((level[v] as number) < 0 && admissible(a, u)) {
            level[v] = (level[u] as number) + 1;
            queue[qt++] = v;
          }
        }
      }
      if ((level[t] as number) < 0) break;
      iter.set(head);
      for (;;) {
        const got = dfs(s, limit - flow);
        if (got === 0) break;
        flow += got;
        if (flow >= limit) break;
      }
      if (flow >= limit) break;
    }
  }
  return flow;
}

/**
 * The optimal assignment (see the module comment), or the reasons none exists: per-proposal
 * and per-evaluator shortages first; otherwise, when the maximum flow falls short, the set of
 * proposals on the source side of a minimum cut (Ford & Fulkerson 1956, max-flow min-cut),
 * whose demand exceeds what their non-conflicted evaluators can supply. Minimum loads are met
 * by a two-tier sink arc: the first l units of an evaluator cost 0, further units cost a
 * penalty M larger than any total assignment cost, so a solution meeting every minimum is
 * always cheaper than one that does not, and among those the total cost is minimal.
 */
export function assignReviewers(input: ReviewerAssignmentInput): ReviewerAssignmentOutcome {
  const pr = prepare(input);
  if (pr.issues.length > 0) return { ok: false, issues: pr.issues };
  const pre = precheck(pr);
  if (pre.length > 0) return { ok: false, issues: pre };
  const { n, m, blocked, fixed, demand, capacity, lower } = pr;
  const scale = input.costScale ?? 1_000_000;
  if (!(scale > 0)) throw new AssignmentInputError('costScale must be positive');

  const quantised = new Float64Array(n * m);
  let maxQ = 0;
  for (let p = 0; p < n; p++) {
    for (let e = 0; e < m; e++) {
      const idx = p * m + e;
      if (blocked[idx] !== 0 || fixed[idx] !== 0) continue;
      const c = input.cost(p, e);
      if (!Number.isFinite(c) || c < 0) {
        throw new AssignmentInputError(
          `cost of proposal ${p} and evaluator ${e} must be finite and ≥ 0 (got ${c})`,
        );
      }
      const q = Math.round(c * scale);
      quantised[idx] = q;
      if (q > maxQ) maxQ = q;
    }
  }
  let need = 0;
  for (let p = 0; p < n; p++) need += demand[p] as number;
  const useTiers = lower.some((l) => l > 0);
  const penalty = need * maxQ + 1;
  if (useTiers && penalty * need > Number.MAX_SAFE_INTEGER) {
    throw new AssignmentInputError('problem too large for exact costs; lower costScale');
  }

  const source = n + m;
  const sink = n + m + 1;
  const net = new FlowNetwork(n + m + 2, n + n * m + 2 * m);
  for (let p = 0; p < n; p++)
    if ((demand[p] as number) > 0) net.add(source, p, demand[p] as number, 0);
  const pairArc = new Int32Array(n * m).fill(-1);
  for (let p = 0; p < n; p++) {
    if ((demand[p] as number) === 0) continue;
    for (let e = 0; e < m; e++) {
      const idx = p * m + e;
      if (blocked[idx] !== 0 || fixed[idx] !== 0 || (capacity[e] as number) <= 0) continue;
      pairArc[idx] = net.add(p, n + e, 1, quantised[idx] as number);
    }
  }
  const tierArc = new Int32Array(m).fill(-1);
  for (let e = 0; e < m; e++) {
    const c = capacity[e] as number;
    if (c <= 0) continue;
    if (useTiers) {
      const l = Math.min(lower[e] as number, c);
      if (l > 0) tierArc[e] = net.add(n + e, sink, l, 0);
      if (c - l > 0) net.add(n + e, sink, c - l, penalty);
    } else {
      net.add(n + e, sink, c, 0);
    }
  }

  const flow = minCostFlow(net, source, sink, need);
  if (flow < need)
    return { ok: false, issues: [cutCertificate(net, pr, pairArc, source, flow, need)] };

  if (useTiers) {
    const unmet: number[] = [];
    for (let e = 0; e < m; e++) {
      const a = tierArc[e] as number;
      if (a >= 0 && (net.cap[a] as number) > 0) unmet.push(e);
    }
    if (unmet.length > 0) {
      return {
        ok: false,
        issues: [
          {
            kind: 'minimum_load_unmet',
            evaluators: unmet,
            message: `no assignment gives evaluators ${unmet.join(', ')} their minimum load`,
          },
        ],
      };
    }
  }

  const pairs: ReviewerPair[] = [...pr.fixedList];
  for (let idx = 0; idx < n * m; idx++) {
    const a = pairArc[idx] as number;
    if (a >= 0 && (net.cap[a] as number) === 0) {
      pairs.push({ proposal: Math.floor(idx / m), evaluator: idx % m });
    }
  }
  return summarise(pairs, n, m, input.cost);
}

function summarise(
  pairs: ReviewerPair[],
  n: number,
  m: number,
  cost: (p: number, e: number) => number,
): ReviewerAssignment {
  pairs.sort((a, b) => a.proposal - b.proposal || a.evaluator - b.evaluator);
  const reviewersOf: number[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(m).fill(0);
  let totalCost = 0;
  for (const { proposal, evaluator } of pairs) {
    (reviewersOf[proposal] as number[]).push(evaluator);
    load[evaluator] = (load[evaluator] as number) + 1;
    totalCost += cost(proposal, evaluator);
  }
  return { ok: true, pairs, reviewersOf, load, totalCost };
}

function cutCertificate(
  net: FlowNetwork,
  pr: Prepared,
  pairArc: Int32Array,
  source: number,
  flow: number,
  need: number,
): AssignmentIssue {
  const { n, m, demand } = pr;
  const seen = new Uint8Array(net.nodes);
  const queue = [source];
  seen[source] = 1;
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h] as number;
    for (let a = net.head[u] as number; a !== -1; a = net.next[a] as number) {
      const v = net.to[a] as number;
      if ((net.cap[a] as number) > 0 && seen[v] === 0) {
        seen[v] = 1;
        queue.push(v);
      }
    }
  }
  const proposals: number[] = [];
  let needed = 0;
  let available = 0;
  for (let p = 0; p < n; p++) {
    if (seen[p] === 0) continue;
    proposals.push(p);
    needed += demand[p] as number;
    for (let e = 0; e < m; e++) {
      if ((pairArc[p * m + e] as number) >= 0 && seen[n + e] === 0) available++;
    }
  }
  for (let e = 0; e < m; e++) {
    if (seen[n + e] === 1) available += Math.max(0, pr.capacity[e] as number);
  }
  return {
    kind: 'proposal_group_short',
    proposals,
    needed,
    available,
    message: `proposals ${proposals.join(', ')} need ${needed} reviews between them but their non-conflicted evaluators can supply at most ${available} (${flow} of ${need} reviews placed)`,
  };
}

/**
 * A baseline: proposals in order of fewest eligible evaluators first (ties by index), each
 * taking its fixed pairs and then the cheapest eligible evaluators that still have capacity
 * (ties by index). Minimum loads are not pursued. May fail where the optimum exists.
 */
export function assignReviewersGreedy(input: ReviewerAssignmentInput): ReviewerAssignmentOutcome {
  const pr = prepare(input);
  if (pr.issues.length > 0) return { ok: false, issues: pr.issues };
  const { n, m, blocked, fixed, demand } = pr;
  const capacity = Int32Array.from(pr.capacity);
  const eligible = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    let c = 0;
    for (let e = 0; e < m; e++) if (blocked[p * m + e] === 0 && fixed[p * m + e] === 0) c++;
    eligible[p] = c;
  }
  const order = Array.from({ length: n }, (_, p) => p).sort(
    (a, b) => (eligible[a] as number) - (eligible[b] as number) || a - b,
  );
  const pairs: ReviewerPair[] = [...pr.fixedList];
  const issues: AssignmentIssue[] = [];
  for (const p of order) {
    const candidates: { e: number; c: number }[] = [];
    for (let e = 0; e < m; e++) {
      const idx = p * m + e;
      if (blocked[idx] === 0 && fixed[idx] === 0 && (capacity[e] as number) > 0) {
        candidates.push({ e, c: input.cost(p, e) });
      }
    }
    candidates.sort((a, b) => a.c - b.c || a.e - b.e);
    const d = demand[p] as number;
    if (candidates.length < d) {
      issues.push({
        kind: 'proposal_short',
        proposal: p,
        available: candidates.length,
        needed: d,
        message: `greedy: proposal ${p} needs ${d} more reviewers but only ${candidates.length} with free capacity remain`,
      });
      continue;
    }
    for (const { e } of candidates.slice(0, d)) {
      capacity[e] = (capacity[e] as number) - 1;
      pairs.push({ proposal: p, evaluator: e });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return summarise(pairs, n, m, input.cost);
}

/** A bag of keywords as term counts (lower-cased, trimmed, blanks dropped). */
export function keywordVector(keywords: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of keywords) {
    const k = raw.trim().toLowerCase();
    if (k !== '') out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * Expertise cost 1 − cos(a, b) of two keyword vectors (cosine similarity, Salton & McGill,
 * "Introduction to Modern Information Retrieval", 1983): 0 for identical profiles, 1 when no
 * keyword is shared or either profile is empty.
 */
export function expertiseCost(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [key, v] of a) {
    na += v * v;
    const w = b.get(key);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  if (na === 0 || nb === 0) return 1;
  return Math.max(0, 1 - dot / Math.sqrt(na * nb));
}
