import type {
  NetworkMeasureName,
  NetworkMeasuresResult,
  PartnerSuggestionRow,
} from '@innocluster/contracts';
import { formatNetworkScope } from '@innocluster/contracts';
import { buildNetwork, yearsOf, yearWindow, type BuiltNetwork } from './network-graph.ts';
import type { ProgressReporter } from './network-jobs.ts';
import {
  runWorkerTask,
  type MeasuresTask,
  type SerialisedNetwork,
  type WorkerTask,
} from './network-measures.ts';
import { runPooledTsWorker } from './network-worker-host.ts';
import type { LoadedNetwork } from './network.service.ts';

const workerEntry = new URL('./network-measures.worker.ts', import.meta.url);

/**
 * Networks of at most this many nodes (and their yearly networks) are measured in the server's
 * own thread: every measure then takes milliseconds, less than handing the network to a worker
 * thread. Larger ones go to a pooled worker thread (started once, a second or more of loading
 * TypeScript, then reused by later tasks).
 */
export const inlineNodeLimit = 300;

/** Runs a task in the server's thread when its network is small, else in a pooled worker thread. */
function runTask<T>(task: WorkerTask, report: ProgressReporter = () => {}): Promise<T> {
  if (task.network.nodes.length <= inlineNodeLimit) {
    return runWorkerTask(task, report) as Promise<T>;
  }
  return runPooledTsWorker<T>(workerEntry, task, report);
}

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
 * Computes a network's measures in a worker thread (beyond {@link inlineNodeLimit} nodes), so
 * the server keeps answering other requests meanwhile; with `yearly`, the network of each calendar year of the window is built
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
            maxAttendees: loaded.maxAttendees,
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
      maxAttendees: loaded.maxAttendees,
    },
  };
  report(0, 'starting');
  return runTask<NetworkMeasuresResult>(task, report);
}

/** Partner suggestions for node `ego` of a network (in a worker thread when it is large). */
export function runPartners(
  network: BuiltNetwork,
  ego: number,
  limit: number,
): Promise<PartnerSuggestionRow[]> {
  const task: WorkerTask = { task: 'partners', network: serialise(network), ego, limit };
  return runTask<PartnerSuggestionRow[]>(task);
}

/** Louvain communities of a network, one id per node (in a worker thread when it is large). */
export function runCommunities(network: BuiltNetwork): Promise<number[]> {
  const task: WorkerTask = { task: 'communities', network: serialise(network) };
  return runTask<number[]>(task);
}
