import type { NetworkGraphResponse } from '@innocluster/contracts';
import Graph from 'graphology';
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { Fa2Progress, Fa2Request } from './fa2.worker.ts';
import { groupedLayout } from './network-view.ts';

/** What the canvas draws on top of the built graph; changing it only refreshes the reducers. */
export interface CanvasStyle {
  visibleNodes: readonly boolean[];
  visibleEdges: readonly boolean[];
  colours: readonly string[];
  sizes: readonly number[];
  selected: number | null;
}

/** The most edges drawn: sigma's per-edge processing, not WebGL, bounds interactivity beyond it. */
export const maxDrawnEdges = 40_000;

/**
 * Indices of the edges to draw: all of them up to {@link maxDrawnEdges}, else the strongest
 * ties (by weight) up to it. Counts and filters still cover every edge; the legend says so.
 */
export function drawnEdges(graph: NetworkGraphResponse): number[] {
  const all = graph.edges.map((_, i) => i);
  if (all.length <= maxDrawnEdges) return all;
  return all
    .sort((a, b) => (graph.edges[b]?.[2] ?? 0) - (graph.edges[a]?.[2] ?? 0))
    .slice(0, maxDrawnEdges);
}

/**
 * How many ForceAtlas2 iterations refine the first layout, by graph size: the grouped start is
 * already close, and each Barnes-Hut iteration costs O(n log n + m).
 */
function layoutIterations(nodes: number, edges: number): number {
  const work = nodes + edges;
  return work > 40_000 ? 60 : work > 10_000 ? 150 : 300;
}

/**
 * The sigma.js (WebGL) view of one network. The graphology graph is built once per API answer
 * with a cheap grouped layout, then ForceAtlas2 refines it in a web worker for a bounded number
 * of iterations;
 * filters, colours, sizes and the selection go through sigma's reducers, so changing them never
 * rebuilds the graph.
 */
export function NetworkCanvas({
  graph,
  groups,
  style,
  onSelect,
  ariaLabel,
}: {
  graph: NetworkGraphResponse;
  /** Group of each node for the first layout (community, else kind). */
  groups: readonly (string | number)[];
  style: CanvasStyle;
  onSelect: (index: number | null) => void;
  ariaLabel: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const styleRef = useRef(style);
  styleRef.current = style;
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const [layout, setLayout] = useState<'running' | 'done'>('running');

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
    const positions = groupedLayout(groups);
    graph.nodes.forEach(([, label], i) => {
      const p = positions[i] ?? { x: 0, y: 0 };
      g.addNode(String(i), { x: p.x, y: p.y, label, size: 3, color: '#0072B2' });
    });
    for (const i of drawnEdges(graph)) {
      const [s, t, weight] = graph.edges[i] ?? [0, 0, 0];
      if (s !== t) g.addUndirectedEdgeWithKey(String(i), String(s), String(t), { weight });
    }
    element.setAttribute('data-drawn-edges', String(g.size));
    const large = graph.edges.length > 20_000;
    const renderer = new Sigma(g, element, {
      settings: {
        hideEdgesOnMove: large,
        hideLabelsOnMove: large,
        // Anti-aliasing 100,000 thin edges costs more than it shows.
        antialiasEdges: !large,
        labelRenderedSizeThreshold: 9,
      },
      nodeReducer: (node, data) => {
        const i = Number(node);
        const s = styleRef.current;
        if (s.visibleNodes[i] !== true) return { ...data, visibility: 'hidden' };
        const selected = s.selected === i;
        return {
          ...data,
          color: s.colours[i] ?? data.color,
          size: s.sizes[i] ?? data.size,
          highlighted: selected,
          labelVisibility: selected ? 'visible' : data.labelVisibility,
          zIndex: selected ? 1 : 0,
        };
      },
      edgeReducer: (edge, data) => {
        const s = styleRef.current;
        if (s.visibleEdges[Number(edge)] !== true) return { ...data, visibility: 'hidden' };
        if (s.selected !== null) {
          const [a, b] = g.extremities(edge);
          if (Number(a) === s.selected || Number(b) === s.selected)
            return { ...data, color: '#5f6b7a', size: 1.5, zIndex: 1 };
        }
        return { ...data, color: '#c9ced6' };
      },
    });
    sigmaRef.current = renderer;
    renderer.on('clickNode', ({ node }) => selectRef.current(Number(node)));
    renderer.on('clickStage', () => selectRef.current(null));
    element.setAttribute('data-rendered', 'true');

    setLayout('running');
    let worker: Worker | null = null;
    if (g.order > 1 && g.size > 0) {
      worker = new Worker(new URL('./fa2.worker.ts', import.meta.url), { type: 'module' });
      const edgePairs = new Uint32Array(g.size * 2);
      const weights = new Float32Array(g.size);
      let e = 0;
      g.forEachEdge((_edge, attrs, source, target) => {
        edgePairs[2 * e] = Number(source);
        edgePairs[2 * e + 1] = Number(target);
        weights[e] = attrs['weight'] as number;
        e += 1;
      });
      const request: Fa2Request = {
        x: Float32Array.from(positions, (p) => p.x),
        y: Float32Array.from(positions, (p) => p.y),
        edges: edgePairs,
        weights,
        iterations: layoutIterations(g.order, g.size),
      };
      worker.onmessage = (event: MessageEvent<Fa2Progress>) => {
        const { x, y, done } = event.data;
        g.updateEachNodeAttributes(
          (node, attrs) => ({ ...attrs, x: x[Number(node)] ?? 0, y: y[Number(node)] ?? 0 }),
          { attributes: ['x', 'y'] },
        );
        if (done) setLayout('done');
      };
      worker.onerror = () => setLayout('done');
      worker.postMessage(request, [
        request.x.buffer,
        request.y.buffer,
        edgePairs.buffer,
        weights.buffer,
      ]);
    } else setLayout('done');

    return () => {
      worker?.terminate();
      renderer.kill();
      sigmaRef.current = null;
    };
  }, [graph, groups]);

  useEffect(() => {
    sigmaRef.current?.refresh();
  }, [style]);

  return (
    <div
      ref={container}
      className="network-canvas"
      data-testid="network-canvas"
      data-layout={layout}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
