import type {
  AllocationCompareResponse,
  AllocationScenario,
  AllocationScenarioCreate,
  AllocationSimulateRequest,
  AllocationSimulateResponse,
  EvaluationFormula,
  EvaluationFramework,
  FrameworkCreateRequest,
  FrameworkListResponse,
  FrameworkVersionRequest,
  IndexRun,
  IndexRunRequest,
  IndexRunSummary,
  PolicyHintsResponse,
  Scorecard,
  UncertaintyRun,
  UncertaintyRunRequest,
  ValuesImportResponse,
  ValuesPutRequest,
  ValuesResponse,
  ValuesWriteResponse,
  allocationScenarioListResponse,
  uncertaintyRunListResponse,
} from '@innocluster/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { requestJson, toQueryString } from './api-client.ts';

const base = '/api/v1/evaluation';

export type AllocationScenarioSummary = z.infer<
  typeof allocationScenarioListResponse
>['items'][number];
export type UncertaintyRunSummary = z.infer<typeof uncertaintyRunListResponse>['items'][number];

/** Where the programme report of an index run downloads from (PDF or XLSX). */
export function reportUrl(
  indexRunId: number,
  format: 'pdf' | 'xlsx',
  options: { allocationScenarioId?: number | null; uncertaintyRunId?: number | null } = {},
): string {
  return `${base}/reports/${indexRunId}.${format}${toQueryString({
    allocationScenarioId: options.allocationScenarioId ?? undefined,
    uncertaintyRunId: options.uncertaintyRunId ?? undefined,
  })}`;
}

/** The typed client of `/api/v1/evaluation`: frameworks, values, index, uncertainty, allocation. */
export const evaluationApi = {
  frameworks: () => requestJson<FrameworkListResponse>('GET', `${base}/frameworks`),
  framework: (id: number) => requestJson<EvaluationFramework>('GET', `${base}/frameworks/${id}`),
  createFramework: (body: FrameworkCreateRequest) =>
    requestJson<EvaluationFramework>('POST', `${base}/frameworks`, body),
  createVersion: (id: number, body: FrameworkVersionRequest) =>
    requestJson<EvaluationFramework>('POST', `${base}/frameworks/${id}/versions`, body),
  formulas: () => requestJson<{ items: EvaluationFormula[] }>('GET', `${base}/formulas`),
  values: (query: { frameworkId: number; year?: number; complexId?: number }) =>
    requestJson<ValuesResponse>('GET', `${base}/values${toQueryString(query)}`),
  putValues: (body: ValuesPutRequest) =>
    requestJson<ValuesWriteResponse>('PUT', `${base}/values`, body),
  importValues: (frameworkId: number, fileName: string, contentBase64: string) =>
    requestJson<ValuesImportResponse>('POST', `${base}/values/import`, {
      frameworkId,
      fileName,
      contentBase64,
    }),
  indexRuns: (frameworkId?: number) =>
    requestJson<{ items: IndexRunSummary[] }>(
      'GET',
      `${base}/index-runs${toQueryString({ frameworkId })}`,
    ),
  indexRun: (id: number) => requestJson<IndexRun>('GET', `${base}/index-runs/${id}`),
  runIndex: (body: IndexRunRequest) => requestJson<IndexRun>('POST', `${base}/index-runs`, body),
  uncertaintyRuns: (indexRunId: number) =>
    requestJson<{ items: UncertaintyRunSummary[] }>(
      'GET',
      `${base}/uncertainty-runs${toQueryString({ indexRunId })}`,
    ),
  startUncertainty: (body: UncertaintyRunRequest) =>
    requestJson<UncertaintyRun>('POST', `${base}/uncertainty-runs`, body),
  uncertaintyRun: (id: number) =>
    requestJson<UncertaintyRun>('GET', `${base}/uncertainty-runs/${id}`),
  simulate: (body: AllocationSimulateRequest) =>
    requestJson<AllocationSimulateResponse>('POST', `${base}/allocation/simulate`, body),
  scenarios: (indexRunId?: number) =>
    requestJson<{ items: AllocationScenarioSummary[] }>(
      'GET',
      `${base}/allocation-scenarios${toQueryString({ indexRunId })}`,
    ),
  saveScenario: (body: AllocationScenarioCreate) =>
    requestJson<AllocationScenario>('POST', `${base}/allocation-scenarios`, body),
  compareScenarios: (ids: number[]) =>
    requestJson<AllocationCompareResponse>(
      'GET',
      `${base}/allocation-scenarios/compare${toQueryString({ ids: ids.join(',') })}`,
    ),
  scorecard: (complexId: number, query: { frameworkId?: number; indexRunId?: number } = {}) =>
    requestJson<Scorecard>('GET', `${base}/scorecards/${complexId}${toQueryString(query)}`),
  policyHints: (complexId: number) =>
    requestJson<PolicyHintsResponse>('GET', `${base}/policy-hints${toQueryString({ complexId })}`),
};

export function useFrameworks() {
  return useQuery({ queryKey: ['evaluation', 'frameworks'], queryFn: evaluationApi.frameworks });
}

export function useFramework(id: number | null) {
  return useQuery({
    queryKey: ['evaluation', 'framework', id],
    queryFn: () => evaluationApi.framework(id as number),
    enabled: id !== null,
  });
}

export function useFormulas() {
  return useQuery({
    queryKey: ['evaluation', 'formulas'],
    queryFn: evaluationApi.formulas,
    staleTime: Infinity,
  });
}

export function useEvaluationValues(query: { frameworkId: number; year?: number } | null) {
  return useQuery({
    queryKey: ['evaluation', 'values', query],
    queryFn: () => evaluationApi.values(query as { frameworkId: number; year?: number }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useIndexRuns(frameworkId?: number) {
  return useQuery({
    queryKey: ['evaluation', 'index-runs', frameworkId ?? null],
    queryFn: () => evaluationApi.indexRuns(frameworkId),
  });
}

export function useIndexRun(id: number | null) {
  return useQuery({
    queryKey: ['evaluation', 'index-run', id],
    queryFn: () => evaluationApi.indexRun(id as number),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

export function useUncertaintyRuns(indexRunId: number | null) {
  return useQuery({
    queryKey: ['evaluation', 'uncertainty-runs', indexRunId],
    queryFn: () => evaluationApi.uncertaintyRuns(indexRunId as number),
    enabled: indexRunId !== null,
  });
}

/** Polls an uncertainty run every half second until it is done or failed. */
export function useUncertaintyRun(id: number | null) {
  return useQuery({
    queryKey: ['evaluation', 'uncertainty-run', id],
    queryFn: () => evaluationApi.uncertaintyRun(id as number),
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = (query.state.data as UncertaintyRun | undefined)?.status;
      return status === 'done' || status === 'failed' ? false : 500;
    },
  });
}

export function useAllocationScenarios(indexRunId: number | null) {
  return useQuery({
    queryKey: ['evaluation', 'allocation-scenarios', indexRunId],
    queryFn: () => evaluationApi.scenarios(indexRunId as number),
    enabled: indexRunId !== null,
  });
}

/** Simulating is a computation, not a change: a query keyed by the request. */
export function useAllocationSimulation(body: AllocationSimulateRequest | null) {
  return useQuery({
    queryKey: ['evaluation', 'allocation-simulate', body],
    queryFn: () => evaluationApi.simulate(body as AllocationSimulateRequest),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}

export function useScorecard(complexId: number | null, frameworkId?: number) {
  return useQuery({
    queryKey: ['evaluation', 'scorecard', complexId, frameworkId ?? null],
    queryFn: () =>
      evaluationApi.scorecard(
        complexId as number,
        frameworkId === undefined ? {} : { frameworkId },
      ),
    enabled: complexId !== null,
  });
}

export function usePolicyHints(complexId: number | null) {
  return useQuery({
    queryKey: ['evaluation', 'policy-hints', complexId],
    queryFn: () => evaluationApi.policyHints(complexId as number),
    enabled: complexId !== null,
  });
}
