import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  mappingApi,
  type ChoroplethValue,
  type MappingQuery,
  type SelectionRequest,
} from './mapping-client.ts';

export function useMappingDatasets() {
  return useQuery({ queryKey: ['mapping', 'datasets'], queryFn: mappingApi.datasets });
}

export function useMappingClusters() {
  return useQuery({ queryKey: ['mapping', 'clusters'], queryFn: mappingApi.clusters });
}

export function useMeasures(query: MappingQuery | null) {
  return useQuery({
    queryKey: ['mapping', 'measures', query],
    queryFn: () => mappingApi.measures(query as MappingQuery),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useChoropleth(query: (MappingQuery & { value: ChoroplethValue }) | null) {
  return useQuery({
    queryKey: ['mapping', 'choropleth', query],
    queryFn: () => mappingApi.choropleth(query as MappingQuery & { value: ChoroplethValue }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePortfolio(query: (MappingQuery & { region: string }) | null) {
  return useQuery({
    queryKey: ['mapping', 'portfolio', query],
    queryFn: () => mappingApi.portfolio(query as MappingQuery & { region: string }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useProfile(query: (MappingQuery & { region: string; cluster: string }) | null) {
  return useQuery({
    queryKey: ['mapping', 'profile', query],
    queryFn: () => mappingApi.profile(query as MappingQuery & { region: string; cluster: string }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Scoring is a computation, not a change: a query keyed by the body, so it re-runs on edits. */
export function useSelection(body: SelectionRequest | null) {
  return useQuery({
    queryKey: ['mapping', 'selection', body],
    queryFn: () => mappingApi.selection(body as SelectionRequest),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}
