import type {
  NetworkMeasureName,
  NetworkMeasuresResult,
  PartnerSuggestionRow,
} from '@innocluster/contracts';
import { formatNetworkScope } from '@innocluster/contracts';
import { buildNetwork, yearsOf, yearWindow, type BuiltNetwork } from './network-graph.ts';
import type { ProgressReporter } from './network-jobs.ts';
import type { MeasuresTask, SerialisedNetwork, WorkerTask } from './network-measures.ts';
import { runTsWorker } from './network-worker-host.ts';
import type { LoadedNetwork } from './network.service.ts';

const workerEntry = new URL('./network-measures.worker.ts', import.meta.url);

/** Typed arrays of a network's edges, cheap to hand to a worker thread. */
export function serialise(network: BuiltNetwork): SerialisedNetwork {
  const m = network.edges.length;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  network.edges.forEach((e, i) => {
    sources[i] = e.source;
    targets[i] = e.target;
    weights[i] = e.weight ?? 1;
  });
  return { nodes: network.nodes, sources, targets, weights };
}

export interface MeasuresOptions {
  measures: readonly NetworkMeasureName[];
  yearly: boolean;
  betweennessSamples: number | null;
}

/**
 * Computes a network's measures in a worker thread, so the server keeps answering other
 * requests meanwhile; with `yearly`, the network of each calendar year of the window is built
 * here (cheap) and measured there too.
 */
export function runMeasures(
  loaded: LoadedNetwork,
  options: MeasuresOptions,
  report: ProgressReporter,
): Promise<NetworkMeasuresResult> {
  const yearly = options.yearly
    ? yearsOf(loaded.window, loaded.rows).map((year) => ({
        year,
        network: serialise(
          buildNetwork(loaded.rows, {
            tieTypes: loaded.tieTypes,
            weighting: loaded.weighting,
            outside: loaded.outside,
            window: yearWindow(year, loaded.window),
          }),
        ),
      }))
    : null;
  const task: MeasuresTask = {
    task: 'measures',
    network: serialise(loaded.network),
    measures: [...options.measures],
    betweennessSamples: options.betweennessSamples,
    yearly,
    meta: {
      scope: formatNetworkScope(loaded.scope),
      from: loaded.window.from,
      to: loaded.window.to,
      tieTypes: loaded.tieTypes,
      weighting: loaded.weighting,
    },
  };
  report(0, 'starting');
  return runTsWorker<NetworkMeasuresResult>(workerEntry, task, report);
}

/** Partner suggestions for node `ego` of a network, computed in a worker thread. */
export function runPartners(
  network: BuiltNetwork,
  ego: number,
  limit: number,
): Promise<PartnerSuggestionRow[]> {
  const task: WorkerTask = { task: 'partners', network: serialise(network), ego, limit };
  return runTsWorker<PartnerSuggestionRow[]>(workerEntry, task);
}

/** Louvain communities of a network (one id per node), computed in a worker thread. */
export function runCommunities(network: BuiltNetwork): Promise<number[]> {
  const task: WorkerTask = { task: 'communities', network: serialise(network) };
  return runTsWorker<number[]>(workerEntry, task);
}
