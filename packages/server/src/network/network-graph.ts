import { networkTieTypes, type NetworkTieType } from '@innocluster/contracts';
import { mergeTies, projectCoAttendance, type WeightedEdge } from '@innocluster/domain';
import type {
  AttendanceRow,
  CollaborationRow,
  OrganisationRow,
  Window,
} from './network.repository.ts';

/** A node of a built network: the organisation's attributes and whether it lies in the scope. */
export interface NetworkNode extends OrganisationRow {
  inside: boolean;
}

/**
 * An organisation network ready for the domain's measures: nodes 0..n-1 in the order of
 * `nodes`, merged undirected edges (source < target) and, per edge, the bit set of tie types
 * behind it (bit i: networkTieTypes[i]).
 */
export interface BuiltNetwork {
  nodes: NetworkNode[];
  edges: WeightedEdge[];
  edgeTypes: number[];
}

/** The rows a network is built from (loaded once for the whole window). */
export interface NetworkRows {
  insideIds: readonly number[];
  organisations: readonly OrganisationRow[];
  collaborations: readonly CollaborationRow[];
  attendances: readonly AttendanceRow[];
}

export interface BuildOptions {
  tieTypes: readonly NetworkTieType[];
  weighting: 'newman' | 'count';
  /** Activities with more distinct attendees than this add no co-attendance ties. */
  maxAttendees: number;
  /** Keep organisations outside the scope that have a tie into it (first neighbours). */
  outside: boolean;
  /** Only ties active in this sub-window count (for yearly series); null: every row given. */
  window?: Window | null;
}

const bitOf = (type: string) => 1 << networkTieTypes.indexOf(type as NetworkTieType);

const overlaps = (start: string, end: string | null, w: Window) =>
  (w.to === null || start <= w.to) && (w.from === null || end === null || end >= w.from);

const within = (day: string, w: Window) =>
  (w.from === null || day >= w.from) && (w.to === null || day <= w.to);

/**
 * Builds the organisation network of a scope from its rows. Every organisation of the scope is
 * a node (isolates too, so density and components describe the whole scope). With `outside`,
 * organisations outside the scope that share a tie with one inside it are added as outside
 * nodes (inside = false): the first neighbours that ties to other regions and gatekeeping are
 * measured on; ties between two outside organisations are never kept. Collaborations weigh 1
 * each (so a pair's weight counts its collaborations) and co-attendance adds Newman's
 * Σ 1/(n_k − 1) over shared activities (or the count of shared activities), as in
 * {@link projectCoAttendance} and {@link mergeTies}; activities of more than `maxAttendees`
 * attendees (counted inside and outside the scope) add no ties, but their attendees stay nodes.
 */
export function buildNetwork(rows: NetworkRows, options: BuildOptions): BuiltNetwork {
  const inside = new Set(rows.insideIds);
  const chosen = new Set<string>(options.tieTypes);
  const window = options.window ?? null;
  const keepsPair = (a: number, b: number) =>
    (inside.has(a) && inside.has(b)) || (options.outside && (inside.has(a) || inside.has(b)));

  const collaborations = rows.collaborations.filter(
    (c) =>
      chosen.has(c.kind) &&
      keepsPair(c.sourceOrganisationId, c.targetOrganisationId) &&
      (window === null || overlaps(c.startedOn, c.endedOn, window)),
  );
  const byActivity = new Map<number, number[]>();
  if (chosen.has('co_attendance')) {
    for (const a of rows.attendances) {
      if (window !== null && !within(a.heldOn, window)) continue;
      if (!inside.has(a.organisationId) && !options.outside) continue;
      const list = byActivity.get(a.activityId);
      if (list) list.push(a.organisationId);
      else byActivity.set(a.activityId, [a.organisationId]);
    }
    // An activity counts only when someone of the scope attended it in the (sub-)window.
    for (const [id, list] of byActivity) {
      if (!list.some((o) => inside.has(o))) byActivity.delete(id);
    }
  }

  const nodeIds = new Set<number>(inside);
  for (const c of collaborations) {
    nodeIds.add(c.sourceOrganisationId);
    nodeIds.add(c.targetOrganisationId);
  }
  for (const list of byActivity.values()) for (const o of list) nodeIds.add(o);
  const attributes = new Map(rows.organisations.map((o) => [o.id, o]));
  const nodes: NetworkNode[] = [...nodeIds]
    .filter((id) => attributes.has(id))
    .sort((a, b) => a - b)
    .map((id) => ({ ...attributes.get(id)!, inside: inside.has(id) }));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const n = nodes.length;

  // Newman's 1/(n-1) uses every attendee, so the projection runs before outside pairs go.
  const projected = projectCoAttendance(
    n,
    [...byActivity.values()].map((list) => ({ attendees: list.map((o) => index.get(o)!) })),
    { weighting: options.weighting, maxAttendees: options.maxAttendees },
  ).filter((e) => nodes[e.source]!.inside || nodes[e.target]!.inside);
  const ties = collaborations.map((c) => ({
    source: index.get(c.sourceOrganisationId)!,
    target: index.get(c.targetOrganisationId)!,
    type: c.kind,
  }));
  const edges = mergeTies(n, ties, {
    tieTypes: options.tieTypes.filter((t) => t !== 'co_attendance'),
    coAttendance: projected,
  });

  const types = new Map<number, number>();
  const mark = (a: number, b: number, bit: number) => {
    const key = Math.min(a, b) * n + Math.max(a, b);
    types.set(key, (types.get(key) ?? 0) | bit);
  };
  for (const t of ties) mark(t.source, t.target, bitOf(t.type));
  for (const e of projected) mark(e.source, e.target, bitOf('co_attendance'));
  const edgeTypes = edges.map((e) => types.get(e.source * n + e.target) ?? 0);
  return { nodes, edges, edgeTypes };
}

/** The calendar years a window covers, bounded by the years that hold data when it is open. */
export function yearsOf(window: Window, rows: NetworkRows): number[] {
  const seen: number[] = [];
  for (const c of rows.collaborations) seen.push(Number(c.startedOn.slice(0, 4)));
  for (const a of rows.attendances) seen.push(Number(a.heldOn.slice(0, 4)));
  if (seen.length === 0 && (window.from === null || window.to === null)) return [];
  const first = window.from ? Number(window.from.slice(0, 4)) : Math.min(...seen);
  const last = window.to ? Number(window.to.slice(0, 4)) : Math.max(...seen);
  const years: number[] = [];
  for (let y = first; y <= last && years.length < 200; y++) years.push(y);
  return years;
}

/** The part of a window that falls in one calendar year. */
export function yearWindow(year: number, window: Window): Window {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return {
    from: window.from && window.from > from ? window.from : from,
    to: window.to && window.to < to ? window.to : to,
  };
}
