import type {
  RelatednessResponse,
  ShiftShareResponse,
  SpecialisationResponse,
  selectionFromDataBody,
  selectionFromDataResponse,
} from '@innocluster/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { requestJson, toQueryString, type ListQuery } from './api-client.ts';

/** The from-data selection request as sent (before the server fills defaults). */
export type SelectionFromDataRequest = z.input<typeof selectionFromDataBody>;
export type SelectionFromDataResponse = z.infer<typeof selectionFromDataResponse>;
export type { RelatednessResponse, ShiftShareResponse, SpecialisationResponse };

/** Parameters common to the shift-share, specialisation and relatedness reads. */
export interface AnalysisQuery extends ListQuery {
  dataset: number;
  measure?: string;
  year?: number;
  unit?: 'cluster' | 'industry';
}

const base = '/api/v1/mapping';

/** The typed client of the analysis reads under `/api/v1/mapping` and the from-data selection. */
export const mappingAnalysisApi = {
  shiftShare: (query: AnalysisQuery & { region: string; baseYear?: number }) =>
    requestJson<ShiftShareResponse>('GET', `${base}/shift-share${toQueryString(query)}`),
  specialisation: (query: AnalysisQuery & { regionKind?: string }) =>
    requestJson<SpecialisationResponse>('GET', `${base}/specialisation${toQueryString(query)}`),
  relatedness: (query: AnalysisQuery & { regionKind?: string; threshold?: number }) =>
    requestJson<RelatednessResponse>('GET', `${base}/relatedness${toQueryString(query)}`),
  selectionFromData: (body: SelectionFromDataRequest) =>
    requestJson<SelectionFromDataResponse>('POST', `${base}/selection/from-data`, body),
};

/** Shift-share of one region between two years; off while `query` is null. */
export function useShiftShare(query: Parameters<typeof mappingAnalysisApi.shiftShare>[0] | null) {
  return useQuery({
    queryKey: ['mapping', 'shift-share', query],
    queryFn: () =>
      mappingAnalysisApi.shiftShare(query as Parameters<typeof mappingAnalysisApi.shiftShare>[0]),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Krugman, Hoover and Herfindahl per region; off while `query` is null. */
export function useSpecialisation(
  query: Parameters<typeof mappingAnalysisApi.specialisation>[0] | null,
) {
  return useQuery({
    queryKey: ['mapping', 'specialisation', query],
    queryFn: () =>
      mappingAnalysisApi.specialisation(
        query as Parameters<typeof mappingAnalysisApi.specialisation>[0],
      ),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** The proximity matrix of clusters or industries; off while `query` is null. */
export function useRelatedness(query: Parameters<typeof mappingAnalysisApi.relatedness>[0] | null) {
  return useQuery({
    queryKey: ['mapping', 'relatedness', query],
    queryFn: () =>
      mappingAnalysisApi.relatedness(query as Parameters<typeof mappingAnalysisApi.relatedness>[0]),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Scoring from the data is a computation, not a change: a query keyed by the body. */
export function useSelectionFromData(body: SelectionFromDataRequest | null) {
  return useQuery({
    queryKey: ['mapping', 'selection-from-data', body],
    queryFn: () => mappingAnalysisApi.selectionFromData(body as SelectionFromDataRequest),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}
