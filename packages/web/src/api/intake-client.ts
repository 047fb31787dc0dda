import type {
  CallDetail,
  CallRow,
  DemandDetail,
  DemandRow,
  DemandUpdate,
  IntakeTransitionRequest,
  Page,
  ProposalCheckResult,
  ProposalDetail,
  ProposalMergeRow,
  ProposalRow,
  ProposalVersionDiff,
  ProposalVersionRow,
  callCreate,
  callUpdate,
  demandCreate,
  proposalCheckRequest,
  proposalCreate,
  proposalMergeCreate,
  proposalUpdate,
} from '@innocluster/contracts';
import type { z } from 'zod';
import { requestJson, toQueryString, type ListQuery } from './api-client.ts';

/** Bodies as the forms send them (before the server fills defaults). */
export type DemandCreateInput = z.input<typeof demandCreate>;
export type CallCreateInput = z.input<typeof callCreate>;
export type CallUpdateInput = z.input<typeof callUpdate>;
export type ProposalCreateInput = z.input<typeof proposalCreate>;
export type ProposalUpdateInput = z.input<typeof proposalUpdate>;
export type ProposalCheckInput = z.input<typeof proposalCheckRequest>;
export type ProposalMergeInput = z.input<typeof proposalMergeCreate>;

/** Filters of `GET /api/v1/demands`. */
export interface DemandFilters extends ListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  miniClusterId?: number;
  supportArea?: string;
  status?: string;
  ideas?: boolean;
  activityId?: number;
}

/** Filters of `GET /api/v1/proposals`. */
export interface ProposalFilters extends ListQuery {
  page?: number;
  pageSize?: number;
  callId?: number;
  miniClusterId?: number;
  status?: string;
  demandId?: number;
}

/** The typed client of the intake API (demands, calls, proposals, merges). */
export const intakeApi = {
  demands: (f: DemandFilters) =>
    requestJson<Page<DemandRow>>('GET', `/api/v1/demands${toQueryString(f)}`),
  demand: (id: number) => requestJson<DemandDetail>('GET', `/api/v1/demands/${id}`),
  createDemand: (body: DemandCreateInput) =>
    requestJson<DemandDetail>('POST', '/api/v1/demands', body),
  updateDemand: (id: number, body: DemandUpdate) =>
    requestJson<DemandDetail>('PATCH', `/api/v1/demands/${id}`, body),
  demandStep: (id: number, body: IntakeTransitionRequest) =>
    requestJson<DemandDetail>('POST', `/api/v1/demands/${id}/transitions`, body),
  comment: (id: number, body: string) =>
    requestJson<DemandDetail>('POST', `/api/v1/demands/${id}/comments`, { body }),
  back: (id: number, organisationId: number, note: string | null) =>
    requestJson<DemandDetail>('POST', `/api/v1/demands/${id}/backings`, { organisationId, note }),
  unback: (id: number, organisationId: number) =>
    requestJson<DemandDetail>('DELETE', `/api/v1/demands/${id}/backings/${organisationId}`),

  calls: (f: ListQuery = {}) =>
    requestJson<Page<CallRow>>('GET', `/api/v1/calls${toQueryString({ pageSize: 200, ...f })}`),
  call: (id: number) => requestJson<CallDetail>('GET', `/api/v1/calls/${id}`),
  createCall: (body: CallCreateInput) => requestJson<CallDetail>('POST', '/api/v1/calls', body),
  updateCall: (id: number, body: CallUpdateInput) =>
    requestJson<CallDetail>('PATCH', `/api/v1/calls/${id}`, body),
  callStep: (id: number, body: IntakeTransitionRequest) =>
    requestJson<CallDetail>('POST', `/api/v1/calls/${id}/transitions`, body),

  proposals: (f: ProposalFilters) =>
    requestJson<Page<ProposalRow>>('GET', `/api/v1/proposals${toQueryString(f)}`),
  proposal: (id: number) => requestJson<ProposalDetail>('GET', `/api/v1/proposals/${id}`),
  check: (body: ProposalCheckInput) =>
    requestJson<ProposalCheckResult>('POST', '/api/v1/proposals/check', body),
  createProposal: (body: ProposalCreateInput) =>
    requestJson<ProposalDetail>('POST', '/api/v1/proposals', body),
  updateProposal: (id: number, body: ProposalUpdateInput) =>
    requestJson<ProposalDetail>('PATCH', `/api/v1/proposals/${id}`, body),
  submit: (id: number, note: string | null) =>
    requestJson<ProposalDetail>('POST', `/api/v1/proposals/${id}/submit`, { note }),
  proposalStep: (id: number, body: IntakeTransitionRequest) =>
    requestJson<ProposalDetail>('POST', `/api/v1/proposals/${id}/transitions`, body),
  versions: (id: number) =>
    requestJson<ProposalVersionRow[]>('GET', `/api/v1/proposals/${id}/versions`),
  diff: (id: number, from: number, to: number) =>
    requestJson<ProposalVersionDiff>(
      'GET',
      `/api/v1/proposals/${id}/versions/diff${toQueryString({ from, to })}`,
    ),

  merges: (f: ListQuery) =>
    requestJson<ProposalMergeRow[]>('GET', `/api/v1/proposal-merges${toQueryString(f)}`),
  requestMerge: (body: ProposalMergeInput) =>
    requestJson<ProposalMergeRow>('POST', '/api/v1/proposal-merges', body),
  decideMerge: (
    id: number,
    proposalId: number,
    decision: 'consent' | 'refuse',
    reason: string | null,
  ) =>
    requestJson<ProposalMergeRow>('POST', `/api/v1/proposal-merges/${id}/decisions`, {
      proposalId,
      decision,
      reason,
    }),
};
