import type { EntityKey } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, type ListQuery } from './api-client.ts';

export function useOverview() {
  return useQuery({ queryKey: ['overview'], queryFn: api.overview });
}

export function useParticipants() {
  return useQuery({ queryKey: ['aggregates', 'participants'], queryFn: api.participants });
}

export function useBudget() {
  return useQuery({ queryKey: ['aggregates', 'budget'], queryFn: api.budget });
}

export function useComplexDetail(id: number) {
  return useQuery({
    queryKey: ['complex-detail', id],
    queryFn: () => api.complexDetail(id),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useProvinces() {
  return useQuery({ queryKey: ['geo', 'provinces'], queryFn: api.provinces, staleTime: Infinity });
}

export function useEntityList<K extends EntityKey>(key: K, query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry', key, 'list', query],
    queryFn: () => api.list(key, query),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useEntity<K extends EntityKey>(key: K, id: number | null) {
  return useQuery({
    queryKey: ['registry', key, 'one', id],
    queryFn: () => api.get(key, id as number),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}
