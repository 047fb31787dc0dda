import type {
  NetworkGraphResponse,
  NetworkNodeMeasures,
  NetworkTieType,
} from '@innocluster/contracts';

/** One node of the explorer's graph, read from the API's compact tuple. */
export interface ExplorerNode {
  index: number;
  id: number;
  label: string;
  kind: string;
  regionId: number | null;
  industryId: number | null;
  complexId: number | null;
  inside: boolean;
  synthetic: boolean;
  community: number | null;
}

/** What the explorer's filters keep visible. Empty sets mean "everything". */
export interface ExplorerFilters {
  kinds: ReadonlySet<string>;
  regionId: number | null;
  /** Tie types to show; an edge stays when it has at least one of them. */
  tieTypes: ReadonlySet<NetworkTieType>;
  /** Hide nodes left without a visible tie. */
  hideIsolates: boolean;
}

/** Reads the node tuples of `GET /networks/graph` into objects. */
export function readNodes(graph: NetworkGraphResponse): ExplorerNode[] {
  return graph.nodes.map(
    ([id, label, kind, regionId, industryId, complexId, inside, synthetic, community], index) => ({
      index,
      id,
      label,
      kind,
      regionId,
      industryId,
      complexId,
      inside,
      synthetic,
      community,
    }),
  );
}

/** True when a node passes the kind and region filters. */
export function nodeVisible(node: Pick<ExplorerNode, 'kind' | 'regionId'>, f: ExplorerFilters) {
  if (f.kinds.size > 0 && !f.kinds.has(node.kind)) return false;
  if (f.regionId !== null && node.regionId !== f.regionId) return false;
  return true;
}

/**
 * The bit mask of the chosen tie types over the graph's `tieTypes` (bit i: tieTypes[i]), the
 * same encoding as the edges' `types` column. All types when none is chosen.
 */
export function tieTypeMask(
  graphTieTypes: readonly NetworkTieType[],
  chosen: ReadonlySet<NetworkTieType>,
): number {
  let mask = 0;
  graphTieTypes.forEach((type, bit) => {
    if (chosen.size === 0 || chosen.has(type)) mask |= 1 << bit;
  });
  return mask;
}

/**
 * Which nodes and edges the filters leave visible: a node passes the kind and region filters
 * (and, with `hideIsolates`, keeps at least one visible tie); an edge needs one of the chosen
 * tie types and both ends passing the node filters.
 */
export function visibility(
  graph: NetworkGraphResponse,
  filters: ExplorerFilters,
): { nodes: boolean[]; edges: boolean[]; nodeCount: number; edgeCount: number } {
  const nodes = readNodes(graph).map((n) => nodeVisible(n, filters));
  const mask = tieTypeMask(graph.tieTypes, filters.tieTypes);
  const tied = new Uint8Array(nodes.length);
  const edges = graph.edges.map(([s, t, , types]) => {
    const shown = nodes[s] === true && nodes[t] === true && (types & mask) !== 0;
    if (shown) {
      tied[s] = 1;
      tied[t] = 1;
    }
    return shown;
  });
  if (filters.hideIsolates) nodes.forEach((v, i) => (nodes[i] = v && tied[i] === 1));
  return {
    nodes,
    edges,
    nodeCount: nodes.filter(Boolean).length,
    edgeCount: edges.filter(Boolean).length,
  };
}

/**
 * A cheap first layout: groups (communities or kinds) sit on a large circle, each group's nodes
 * on a sunflower disc (Vogel 1979, golden-angle spiral) around its centre, with radii growing as
 * the square root of the group's size so discs of different sizes do not overlap much. ForceAtlas2
 * then only has to refine it, which bounds the iterations a large graph needs.
 */
export function groupedLayout(groups: readonly (string | number)[]): { x: number; y: number }[] {
  const members = new Map<string | number, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const ordered = [...members.entries()].sort((a, b) => b[1].length - a[1].length);
  const total = groups.length;
  const bigRadius = Math.sqrt(Math.max(total, 1)) * 2;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const out: { x: number; y: number }[] = new Array(total);
  let angle = 0;
  for (const [, list] of ordered) {
    const share = list.length / Math.max(total, 1);
    const centreAngle = angle + share * Math.PI;
    angle += share * 2 * Math.PI;
    const cx = ordered.length === 1 ? 0 : bigRadius * Math.cos(centreAngle);
    const cy = ordered.length === 1 ? 0 : bigRadius * Math.sin(centreAngle);
    list.forEach((nodeIndex, k) => {
      const r = Math.sqrt(k + 0.5);
      out[nodeIndex] = { x: cx + r * Math.cos(k * golden), y: cy + r * Math.sin(k * golden) };
    });
  }
  return out;
}

/** A colour-blind-friendly categorical palette (Okabe & Ito 2008), then Tableau 10 shades. */
export const palette = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  '#4E79A7',
  '#F28E2B',
  '#59A14F',
  '#B07AA1',
  '#9C755F',
  '#BAB0AC',
] as const;

/** The colour of the i-th category; categories beyond the palette share a grey. */
export function categoryColour(i: number): string {
  return i >= 0 && i < palette.length ? (palette[i] as string) : '#9aa0a6';
}

/** Node-level measures the explorer can size nodes by. */
export const sizeMeasures = [
  'none',
  'degree',
  'strength',
  'betweenness',
  'pagerank',
  'eigenvector',
  'closeness',
  'kcore',
] as const;
export type SizeMeasure = (typeof sizeMeasures)[number];

/**
 * Node radius in pixels for a measure value: 2 to 10 px, proportional to the square root of the
 * value's share of the largest value, so areas (not radii) follow the measure.
 */
export function nodeSize(value: number | null | undefined, max: number): number {
  if (value === null || value === undefined || !(max > 0) || value <= 0) return 2;
  return 2 + 8 * Math.sqrt(Math.min(value / max, 1));
}

/** The value of a size measure for one node's measures row. */
export function measureValue(row: NetworkNodeMeasures | undefined, measure: SizeMeasure) {
  if (!row || measure === 'none') return null;
  return row[measure];
}
