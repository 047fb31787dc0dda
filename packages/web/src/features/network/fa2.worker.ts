import Graph from 'graphology';
import forceAtlas2, { inferSettings } from 'graphology-layout-forceatlas2';

/** What the explorer sends: first positions, edges as index pairs with weights, an iteration budget. */
export interface Fa2Request {
  x: Float32Array;
  y: Float32Array;
  edges: Uint32Array;
  weights: Float32Array;
  iterations: number;
}

/** Positions after a chunk of iterations; `done` on the last one. */
export interface Fa2Progress {
  x: Float32Array;
  y: Float32Array;
  iterations: number;
  done: boolean;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Fa2Request>) => void) | null;
  postMessage(message: Fa2Progress, transfer: Transferable[]): void;
};

// Runs ForceAtlas2 (Jacomy et al. 2014) here, off the main thread, as a module worker served
// from the app's own origin (the page's CSP refuses the blob: workers of the library's own
// supervisor). Positions go back every few iterations so the view settles while it is drawn.
scope.onmessage = (event) => {
  const { x, y, edges, weights, iterations } = event.data;
  const n = x.length;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) graph.addNode(i, { x: x[i] ?? 0, y: y[i] ?? 0 });
  for (let e = 0; e < weights.length; e++) {
    const s = edges[2 * e] ?? 0;
    const t = edges[2 * e + 1] ?? 0;
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t, { weight: weights[e] ?? 1 });
  }
  const settings = {
    ...inferSettings(graph),
    barnesHutOptimize: n > 1000,
    slowDown: 1 + Math.log(Math.max(n, 1)),
  };
  const chunk = n > 5000 ? 5 : 20;
  let done = 0;
  while (done < iterations) {
    const step = Math.min(chunk, iterations - done);
    forceAtlas2.assign(graph, { iterations: step, settings, getEdgeWeight: 'weight' });
    done += step;
    const px = new Float32Array(n);
    const py = new Float32Array(n);
    graph.forEachNode((node, attrs) => {
      const i = Number(node);
      px[i] = attrs['x'] as number;
      py[i] = attrs['y'] as number;
    });
    scope.postMessage({ x: px, y: py, iterations: done, done: done >= iterations }, [
      px.buffer,
      py.buffer,
    ]);
  }
};
