import type { CallRow, OverlapResponse, Page } from '@innocluster/contracts';
import { requestJson, toQueryString } from './api-client.ts';

/** Options of an overlap check (the API's defaults: threshold 0.5, shared organisation required). */
export interface OverlapOptions {
  threshold?: number;
  sharedOnly?: boolean;
  acrossProgrammesOnly?: boolean;
}

function query(o: OverlapOptions): string {
  return toQueryString({
    threshold: o.threshold,
    sharedOnly: o.sharedOnly === undefined ? undefined : String(o.sharedOnly),
    acrossProgrammesOnly:
      o.acrossProgrammesOnly === undefined ? undefined : String(o.acrossProgrammesOnly),
  });
}

/** The typed client of the overlap checks. */
export const overlapApi = {
  ofCall: (callId: number, o: OverlapOptions = {}) =>
    requestJson<OverlapResponse>('GET', `/api/v1/calls/${callId}/overlaps${query(o)}`),
  ofProposal: (proposalId: number, o: OverlapOptions = {}) =>
    requestJson<OverlapResponse>('GET', `/api/v1/proposals/${proposalId}/overlaps${query(o)}`),
  /** The calls to choose from (newest first). */
  calls: () =>
    requestJson<Page<CallRow>>(
      'GET',
      `/api/v1/calls${toQueryString({ pageSize: 200, sort: '-opensOn' })}`,
    ),
  call: (id: number) => requestJson<CallRow>('GET', `/api/v1/calls/${id}`),
};
