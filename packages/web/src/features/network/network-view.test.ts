import type { NetworkGraphResponse } from '@innocluster/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedLayout, nodeSize, tieTypeMask, visibility } from './network-view.ts';

const nodeColumns = [
  'id',
  'label',
  'kind',
  'regionId',
  'industryId',
  'complexId',
  'inside',
  'synthetic',
  'community',
] as const;
const edgeColumns = ['source', 'target', 'weight', 'types'] as const;

/**
 * A hand-drawn network: a company triangle 0-1-2 tied by joint R&D (bit 0), a university 3
 * tied to company 2 by co-attendance (bit 1), and an isolated institute 4 in another region.
 */
const graph: NetworkGraphResponse = {
  scope: 'all',
  from: null,
  to: null,
  tieTypes: ['joint_rd', 'co_attendance'],
  weighting: 'newman',
  maxAttendees: 50,
  nodeColumns: [...nodeColumns],
  nodes: [
    [10, 'A', 'company', 1, null, null, true, true, 0],
    [11, 'B', 'company', 1, null, null, true, true, 0],
    [12, 'C', 'company', 1, null, null, true, true, 0],
    [13, 'U', 'university', 1, null, null, true, true, 1],
    [14, 'R', 'research_institute', 2, null, null, true, true, null],
  ],
  edgeColumns: [...edgeColumns],
  edges: [
    [0, 1, 1, 1],
    [1, 2, 1, 1],
    [0, 2, 1, 1],
    [2, 3, 0.5, 2],
  ],
  regions: [
    { id: 1, name: 'One' },
    { id: 2, name: 'Two' },
  ],
};

const none = { kinds: new Set<string>(), regionId: null, tieTypes: new Set<never>() };

describe('explorer filters', () => {
  it('shows everything, or only tied nodes when isolates are hidden', () => {
    expect(visibility(graph, { ...none, hideIsolates: false })).toMatchObject({
      nodeCount: 5,
      edgeCount: 4,
    });
    const tied = visibility(graph, { ...none, hideIsolates: true });
    expect(tied).toMatchObject({ nodeCount: 4, edgeCount: 4 });
    expect(tied.nodes).toEqual([true, true, true, true, false]);
  });

  it('keeps the company triangle when filtering by kind', () => {
    const v = visibility(graph, { ...none, kinds: new Set(['company']), hideIsolates: true });
    expect(v.nodes).toEqual([true, true, true, false, false]);
    expect(v.edges).toEqual([true, true, true, false]);
  });

  it('filters ties by type through the bit set', () => {
    expect(tieTypeMask(graph.tieTypes, new Set())).toBe(0b11);
    expect(tieTypeMask(graph.tieTypes, new Set(['co_attendance']))).toBe(0b10);
    const v = visibility(graph, {
      ...none,
      tieTypes: new Set(['co_attendance']),
      hideIsolates: true,
    });
    // Only the co-attendance tie 2-3 is left, so only its two ends stay.
    expect(v).toMatchObject({ nodeCount: 2, edgeCount: 1 });
    expect(v.nodes).toEqual([false, false, true, true, false]);
  });

  it('filters by region', () => {
    const v = visibility(graph, { ...none, regionId: 2, hideIsolates: false });
    expect(v).toMatchObject({ nodeCount: 1, edgeCount: 0 });
  });
});

describe('grouped layout', () => {
  it('gives every node a finite position and keeps groups apart', () => {
    const groups = ['a', 'a', 'a', 'b', 'b', 'b'];
    const p = groupedLayout(groups);
    expect(p).toHaveLength(6);
    const centre = (from: number) => ({
      x: (p[from]!.x + p[from + 1]!.x + p[from + 2]!.x) / 3,
      y: (p[from]!.y + p[from + 1]!.y + p[from + 2]!.y) / 3,
    });
    const a = centre(0);
    const b = centre(3);
    // Two equal groups sit on opposite sides of a circle of radius 2·sqrt(6).
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeCloseTo(4 * Math.sqrt(6), 0);
  });

  it('never places two nodes of a group on the same point', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 200 }),
        (g) => {
          const p = groupedLayout(g);
          const seen = new Set(p.map((q) => `${q.x.toFixed(6)},${q.y.toFixed(6)}`));
          return (
            p.every((q) => Number.isFinite(q.x) && Number.isFinite(q.y)) && seen.size === g.length
          );
        },
      ),
    );
  });
});

describe('node size', () => {
  it('maps area to the measure: a quarter of the maximum gives half the added radius', () => {
    expect(nodeSize(10, 10)).toBe(10);
    expect(nodeSize(2.5, 10)).toBe(6);
    expect(nodeSize(0, 10)).toBe(2);
    expect(nodeSize(null, 10)).toBe(2);
  });
});
