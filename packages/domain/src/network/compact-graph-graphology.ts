import Graph from 'graphology';
import type { CompactGraph } from './compact-graph.ts';

/**
 * The same graph as an undirected graphology Graph (node keys '0'..'n-1', edge attribute
 * `weight`), for the web explorer and for checking our measures against graphology-metrics.
 */
export function toGraphology(g: CompactGraph): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let v = 0; v < g.nodeCount; v++) graph.addNode(String(v));
  for (let v = 0; v < g.nodeCount; v++) {
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = g.targets[p]!;
      if (v < w) graph.addEdge(String(v), String(w), { weight: g.weights[p]! });
    }
  }
  return graph;
}
