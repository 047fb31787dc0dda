import { constraintWithAddedTie } from './brokerage.ts';
import type { CompactGraph } from './compact-graph.ts';

/** Why an organisation is suggested as a partner; codes for the UI to translate. */
export type PartnerReason =
  | {
      code: 'complementaryIndustry';
      industry: string;
      /** Share of the ego industry's cross-industry ties (by others) that reach this industry. */
      share: number;
    }
  | {
      code: 'structuralHole';
      /** Steps from the ego to the candidate now (2 or 3). */
      distance: number;
      constraintBefore: number;
      constraintAfter: number;
    }
  | {
      code: 'complementaryCapability';
      /** Capabilities the candidate has that neither the ego nor any of its partners has. */
      capabilities: string[];
    }
  | { code: 'otherKind'; kind: string }
  | { code: 'otherRegion'; region: string };

/** Node attributes the suggestions read (arrays indexed by node id). */
export interface PartnerAttributes {
  kind: readonly (string | null)[];
  region: readonly (string | null)[];
  industry: readonly (string | null)[];
  /** Community of each node (e.g. Louvain); without it any node 2-3 steps away may bridge. */
  community?: ArrayLike<number>;
  /** Capability tags of each node (technologies, equipment, services), when held. */
  capabilities?: readonly (readonly string[])[];
}

/** Options of {@link suggestPartners}. */
export interface PartnerOptions {
  /** Most suggestions (default 10). */
  limit?: number;
  /** Least share for a complementary industry (default 0.1). */
  minIndustryShare?: number;
  /** Least cross-industry ties behind a complementary industry (default 2). */
  minIndustryTies?: number;
  /**
   * Weights of the reasons in the score (defaults: complementarity 0.35, structural hole 0.35,
   * other kind 0.15, other region 0.15; industry and capability complementarity share one
   * component, the stronger of the two counting).
   */
  weights?: Partial<Record<PartnerScoreComponent, number>>;
  /** Nodes never to suggest (e.g. already proposed). */
  exclude?: Iterable<number>;
}

/** A suggested partner, its score in [0, 1] and the reasons behind it. */
export interface PartnerSuggestion {
  node: number;
  score: number;
  /** Steps from the ego now; null when not reachable. */
  distance: number | null;
  reasons: PartnerReason[];
}

/** The parts of a partner suggestion's score, each with a weight. */
export type PartnerScoreComponent =
  'complementarity' | 'structuralHole' | 'otherKind' | 'otherRegion';

const defaultWeights: Record<PartnerScoreComponent, number> = {
  complementarity: 0.35,
  structuralHole: 0.35,
  otherKind: 0.15,
  otherRegion: 0.15,
};

/**
 * Partner suggestions for one organisation (`ego`) from the network already held, each with
 * its reasons (issue 5, item 6). Organisations already tied to the ego are not suggested.
 *  - Complementary industry: industries that organisations of the ego's industry partner with
 *    (the share of their cross-industry ties, ties of the ego left out, reaching industry Y; at
 *    least minIndustryShare and minIndustryTies), where the ego has no partner yet. This is the
 *    co-occurrence idea behind relatedness measures (Hidalgo et al. 2007, "The product space
 *    conditions the development of nations", Science 317: 482-487) applied to partnerships.
 *  - Complementary capability (when capability tags are held): capabilities the candidate
 *    has that neither the ego nor any of its partners has (Teece 1986, "Profiting from
 *    technological innovation", Research Policy 15(6): 285-305, on access to complementary
 *    assets through partners).
 *  - Structural hole: a node 2 or 3 steps away, in another community when communities are
 *    given, whose tie would lower the ego's Burt (1992) constraint (computed with
 *    {@link constraintWithAddedTie}); ties to otherwise unconnected contacts are Burt's
 *    source of brokerage benefits.
 *  - Other kind: an actor of a kind the ego has no partner of (KIET's finding that variety of
 *    actors raises performance, DOMAIN.md).
 *  - Other region: an actor in another region than the ego's (ties to other regions bring
 *    heterogeneity; Bathelt, Malmberg & Maskell 2004).
 * Score = Σ weight × strength over the reasons, strength 1 for kind and region, for
 * complementarity the larger of the industry share relative to the largest share and the
 * number of new capabilities relative to the largest number, and for structural holes the
 * constraint drop relative to the largest drop; weights default to 0.35, 0.35, 0.15, 0.15
 * (our convention, so a substantive reason outweighs a kind or region difference). Candidates without a reason are
 * left out; ties in score go to the nearer node, then the lower id, so results are
 * deterministic.
 */
export function suggestPartners(
  g: CompactGraph,
  ego: number,
  attributes: PartnerAttributes,
  options: PartnerOptions = {},
): PartnerSuggestion[] {
  const n = g.nodeCount;
  if (!Number.isInteger(ego) || ego < 0 || ego >= n) {
    throw new RangeError(`ego ${String(ego)} is outside 0..${n - 1}`);
  }
  for (const [name, a] of Object.entries(attributes) as [
    string,
    ArrayLike<unknown> | undefined,
  ][]) {
    if (a !== undefined && a.length !== n)
      throw new RangeError(`${name} has ${a.length} entries for ${n} nodes`);
  }
  const weights = { ...defaultWeights, ...options.weights };
  const { kind, region, industry, community, capabilities } = attributes;
  const partners = new Set(g.targets.subarray(g.offsets[ego]!, g.offsets[ego + 1]!));
  const excluded = new Set(options.exclude ?? []);
  const distance = distancesUpTo(g, ego, 3);

  const industryShares = complementaryIndustries(g, ego, industry, partners, options);
  const maxShare = largest(industryShares.values());
  const partnerKinds = new Set([...partners].map((p) => kind[p]));
  const heldCapabilities = new Set([ego, ...partners].flatMap((p) => capabilities?.[p] ?? []));

  const candidates: number[] = [];
  for (let v = 0; v < n; v++) {
    if (v !== ego && !partners.has(v) && !excluded.has(v)) candidates.push(v);
  }
  const maxBrought = largest(
    candidates.map(
      (v) => new Set((capabilities?.[v] ?? []).filter((c) => !heldCapabilities.has(c))).size,
    ),
  );
  const holeCandidates = candidates.filter((v) => {
    const d = distance.get(v);
    return (d === 2 || d === 3) && (community === undefined || community[v] !== community[ego]);
  });
  // Strengthening an existing tie by 0 leaves the network as it is: the ego's constraint now.
  const firstPartner = g.targets[g.offsets[ego]!];
  const before =
    firstPartner === undefined || partners.size === 0
      ? Number.NaN
      : constraintWithAddedTie(g, ego, [firstPartner], 0)[0]!;
  const after = constraintWithAddedTie(g, ego, holeCandidates);
  const drops = new Map<number, { drop: number; after: number }>();
  holeCandidates.forEach((v, i) => {
    const drop = before - after[i]!;
    if (drop > 1e-12) drops.set(v, { drop, after: after[i]! });
  });
  const maxDrop = largest([...drops.values()].map((d) => d.drop));

  const suggestions: PartnerSuggestion[] = [];
  for (const v of candidates) {
    const reasons: PartnerReason[] = [];
    let score = 0;
    const iv = industry[v];
    const share = iv === null || iv === undefined ? undefined : industryShares.get(iv);
    let complementarity = 0;
    if (iv && share !== undefined) {
      reasons.push({ code: 'complementaryIndustry', industry: iv, share });
      complementarity = share / maxShare;
    }
    const brought = (capabilities?.[v] ?? []).filter((c) => !heldCapabilities.has(c));
    if (brought.length > 0) {
      reasons.push({ code: 'complementaryCapability', capabilities: [...new Set(brought)].sort() });
      complementarity = Math.max(complementarity, new Set(brought).size / maxBrought);
    }
    score += weights.complementarity * complementarity;
    const hole = drops.get(v);
    if (hole !== undefined) {
      reasons.push({
        code: 'structuralHole',
        distance: distance.get(v)!,
        constraintBefore: before,
        constraintAfter: hole.after,
      });
      score += weights.structuralHole * (hole.drop / maxDrop);
    }
    const kv = kind[v];
    if (kv && kind[ego] && kv !== kind[ego] && !partnerKinds.has(kv)) {
      reasons.push({ code: 'otherKind', kind: kv });
      score += weights.otherKind;
    }
    const rv = region[v];
    if (rv && region[ego] && rv !== region[ego]) {
      reasons.push({ code: 'otherRegion', region: rv });
      score += weights.otherRegion;
    }
    if (reasons.length > 0) {
      suggestions.push({ node: v, score, distance: distance.get(v) ?? null, reasons });
    }
  }
  suggestions.sort(
    (a, b) =>
      b.score - a.score ||
      (a.distance ?? Number.POSITIVE_INFINITY) - (b.distance ?? Number.POSITIVE_INFINITY) ||
      a.node - b.node,
  );
  return suggestions.slice(0, options.limit ?? 10);
}

/** The largest of some non-negative numbers, 0 when there are none (no spread: lists can be long). */
function largest(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** Breadth-first distances from `source`, up to `limit` steps. */
function distancesUpTo(g: CompactGraph, source: number, limit: number): Map<number, number> {
  const distance = new Map<number, number>([[source, 0]]);
  let frontier = [source];
  for (let d = 1; d <= limit && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
        const v = g.targets[p]!;
        if (!distance.has(v)) {
          distance.set(v, d);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return distance;
}

/**
 * Industries complementary to the ego's: for ties between two organisations of different known
 * industries, not touching the ego, the share of those with one end in the ego's industry X
 * whose other end is in Y. Industries the ego already has a partner in are left out.
 */
function complementaryIndustries(
  g: CompactGraph,
  ego: number,
  industry: readonly (string | null)[],
  partners: ReadonlySet<number>,
  options: PartnerOptions,
): Map<string, number> {
  const own = industry[ego];
  const result = new Map<string, number>();
  if (own === null || own === undefined) return result;
  const counts = new Map<string, number>();
  let total = 0;
  for (let u = 0; u < g.nodeCount; u++) {
    if (u === ego || industry[u] !== own) continue;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      const iv = industry[v];
      if (v === ego || iv === null || iv === undefined || iv === own) continue;
      counts.set(iv, (counts.get(iv) ?? 0) + 1);
      total += 1;
    }
  }
  const held = new Set([...partners].map((p) => industry[p]));
  const minShare = options.minIndustryShare ?? 0.1;
  const minTies = options.minIndustryTies ?? 2;
  for (const [other, count] of counts) {
    const share = count / total;
    if (!held.has(other) && share >= minShare && count >= minTies) result.set(other, share);
  }
  return result;
}
