import type {
  ClusterDefinition,
  ClusterInput,
  Crosswalk,
  CrosswalkDetail,
  CrosswalkInput,
  Dataset,
  DatasetCreate,
  DatasetUpdate,
  PlantImportResult,
  PlantSummary,
  statImportResult,
} from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { requestJson } from './api-client.ts';

export type StatImportResult = z.infer<typeof statImportResult>;
/** A cluster definition as sent: the server fills kind and the id lists by default. */
export type ClusterRequest = Partial<ClusterInput> & { name: string };
/** A dataset as sent: universe, fill rule and the synthetic flag have defaults. */
export type DatasetRequest = Partial<DatasetCreate> & { name: string };

const base = '/api/v1/mapping';

/** The file as base64, the way the import route takes it (JSON body, no multipart). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short for files of many megabytes.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The typed client of the mapping data users edit: datasets, cluster definitions, crosswalks. */
export const mappingAdminApi = {
  createDataset: (body: DatasetRequest) => requestJson<Dataset>('POST', `${base}/datasets`, body),
  updateDataset: (id: number, body: DatasetUpdate) =>
    requestJson<Dataset>('PATCH', `${base}/datasets/${id}`, body),
  deleteDataset: (id: number) => requestJson<void>('DELETE', `${base}/datasets/${id}`),
  importFile: (
    id: number,
    body: { fileName: string; contentBase64: string; kind: 'regional' | 'national' },
  ) => requestJson<StatImportResult>('POST', `${base}/datasets/${id}/import`, body),
  /** Plant-level employment (plant, region, industry, year, employment), all or nothing. */
  importPlants: (id: number, body: { fileName: string; contentBase64: string }) =>
    requestJson<PlantImportResult>('POST', `${base}/datasets/${id}/plants`, body),
  plantSummary: (id: number) => requestJson<PlantSummary>('GET', `${base}/datasets/${id}/plants`),
  clusterVersions: () => requestJson<ClusterDefinition[]>('GET', `${base}/clusters?all=true`),
  createCluster: (body: ClusterRequest) =>
    requestJson<ClusterDefinition>('POST', `${base}/clusters`, body),
  updateCluster: (id: number, body: ClusterRequest) =>
    requestJson<ClusterDefinition>('PUT', `${base}/clusters/${id}`, body),
  deleteCluster: (id: number) => requestJson<void>('DELETE', `${base}/clusters/${id}`),
  crosswalks: () => requestJson<Crosswalk[]>('GET', `${base}/crosswalks`),
  crosswalk: (id: number) => requestJson<CrosswalkDetail>('GET', `${base}/crosswalks/${id}`),
  createCrosswalk: (body: CrosswalkInput) =>
    requestJson<CrosswalkDetail>('POST', `${base}/crosswalks`, body),
  /** Replaces the crosswalk's attributes and every link (the server has no partial update). */
  updateCrosswalk: (id: number, body: CrosswalkInput) =>
    requestJson<CrosswalkDetail>('PUT', `${base}/crosswalks/${id}`, body),
  deleteCrosswalk: (id: number) => requestJson<void>('DELETE', `${base}/crosswalks/${id}`),
};

/** Every version of every cluster definition (the history of each name). */
export function useClusterVersions() {
  return useQuery({
    queryKey: ['mapping', 'clusters', 'all'],
    queryFn: mappingAdminApi.clusterVersions,
  });
}

/** Plants stored in a dataset, per year (refetched after any mapping change). */
export function usePlantSummary(id: number | null) {
  return useQuery({
    queryKey: ['mapping', 'plants', id],
    queryFn: () => mappingAdminApi.plantSummary(id as number),
    enabled: id !== null,
  });
}

export function useCrosswalks() {
  return useQuery({ queryKey: ['mapping', 'crosswalks'], queryFn: mappingAdminApi.crosswalks });
}

export function useCrosswalk(id: number | null) {
  return useQuery({
    queryKey: ['mapping', 'crosswalks', id],
    queryFn: () => mappingAdminApi.crosswalk(id as number),
    enabled: id !== null,
  });
}

/** A change to mapping data; afterwards every mapping query (measures included) is refetched. */
export function useMappingChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['mapping'] }),
  });
}
