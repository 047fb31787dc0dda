import type { NetworkJob } from '@innocluster/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  networkApi,
  type ActivityListFilters,
  type NetworkMeasuresRequest,
  type NetworkSelection,
} from './network-client.ts';

export function useActivities(filters: ActivityListFilters) {
  return useQuery({
    queryKey: ['activities', 'list', filters],
    queryFn: () => networkApi.activities(filters),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: number | null) {
  return useQuery({
    queryKey: ['activities', 'one', id],
    queryFn: () => networkApi.activity(id as number),
    enabled: id !== null,
  });
}

export function useNetworkGraph(selection: NetworkSelection | null, communities: boolean) {
  return useQuery({
    queryKey: ['networks', 'graph', selection, communities],
    queryFn: () => networkApi.graph(selection as NetworkSelection, communities),
    enabled: selection !== null,
    staleTime: 60_000,
  });
}

export function useNetworkIndicators(
  programmeId: number | null,
  from?: string,
  to?: string,
  asOf?: string,
) {
  return useQuery({
    queryKey: ['networks', 'indicators', programmeId, from, to, asOf],
    queryFn: () => networkApi.indicators(programmeId as number, from, to, asOf),
    enabled: programmeId !== null,
  });
}

export function usePartnerSuggestions(
  organisationId: number | null,
  selection: Omit<NetworkSelection, 'scope'>,
) {
  return useQuery({
    queryKey: ['networks', 'partners', organisationId, selection],
    queryFn: () => networkApi.partnerSuggestions(organisationId as number, selection),
    enabled: organisationId !== null,
  });
}

/**
 * Measures are computed as a server job: the first query starts it, the second polls it every
 * half second until it is done or failed, so the page can show its progress.
 */
export function useMeasuresJob(request: NetworkMeasuresRequest | null) {
  const start = useQuery({
    queryKey: ['networks', 'measures-start', request],
    queryFn: () => networkApi.startMeasures(request as NetworkMeasuresRequest),
    enabled: request !== null,
    staleTime: Infinity,
  });
  const jobId = start.data?.id ?? null;
  const poll = useQuery({
    queryKey: ['networks', 'job', jobId],
    queryFn: () => networkApi.job(jobId as string),
    enabled: jobId !== null,
    staleTime: Infinity,
    refetchInterval: (query) => {
      const status = (query.state.data as NetworkJob | undefined)?.status;
      return status === 'done' || status === 'failed' ? false : 500;
    },
  });
  const job: NetworkJob | undefined = poll.data ?? start.data;
  return { job, error: start.error ?? poll.error, retry: () => void start.refetch() };
}
