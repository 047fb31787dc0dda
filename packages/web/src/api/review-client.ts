import type {
  AssignmentPlan,
  CallAssignments,
  CallConflicts,
  CallRanking,
  CallReviews,
  CommitteeMeetingRow,
  EvaluatorRow,
  ProposalDecisionRow,
  ReviewAssignmentRow,
  ReviewQueueItem,
} from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { requestJson } from './api-client.ts';

/** A call as the review pages list it (the intake API's call row, the fields used here). */
export interface ReviewCallSummary {
  id: number;
  code: string;
  title: string;
  status: string;
  budgetKrw: number;
  reviewsPerProposal: number;
  proposalCount: number;
  synthetic: boolean;
}

export type Normalisation = 'mean-centre' | 'z-score' | 'none';

/** Typed calls to the review API (`/api/v1/...`, see review.routes.ts on the server). */
export const reviewApi = {
  calls: () =>
    requestJson<{ items: ReviewCallSummary[] }>('GET', '/api/v1/calls?pageSize=200&sort=-id'),
  queue: () => requestJson<ReviewQueueItem[]>('GET', '/api/v1/reviews/queue'),
  assignment: (id: number) =>
    requestJson<ReviewQueueItem>('GET', `/api/v1/reviews/assignments/${id}`),
  saveReview: (
    id: number,
    body: {
      scores: Record<string, number>;
      commentToApplicant: string | null;
      commentToCommittee: string | null;
      submit: boolean;
    },
  ) => requestJson<ReviewQueueItem>('PUT', `/api/v1/reviews/assignments/${id}`, body),
  evaluators: () => requestJson<EvaluatorRow[]>('GET', '/api/v1/evaluators'),
  assignments: (callId: number) =>
    requestJson<CallAssignments>('GET', `/api/v1/calls/${callId}/assignments`),
  conflicts: (callId: number) =>
    requestJson<CallConflicts>('GET', `/api/v1/calls/${callId}/conflicts`),
  autoAssign: (callId: number, preview: boolean) =>
    requestJson<AssignmentPlan>('POST', `/api/v1/calls/${callId}/assignments/auto`, { preview }),
  addAssignment: (callId: number, proposalId: number, evaluatorId: number) =>
    requestJson<ReviewAssignmentRow>('POST', `/api/v1/calls/${callId}/assignments`, {
      proposalId,
      evaluatorId,
    }),
  removeAssignment: (callId: number, assignmentId: number) =>
    requestJson<null>('DELETE', `/api/v1/calls/${callId}/assignments/${assignmentId}`),
  reviews: (callId: number, normalisation: Normalisation) =>
    requestJson<CallReviews>(
      'GET',
      `/api/v1/calls/${callId}/reviews?normalisation=${normalisation}`,
    ),
  ranking: (callId: number, normalisation: Normalisation) =>
    requestJson<CallRanking>(
      'GET',
      `/api/v1/calls/${callId}/ranking?normalisation=${normalisation}`,
    ),
  sendToCommittee: (callId: number) =>
    requestJson<{ moved: number[] }>('POST', `/api/v1/calls/${callId}/send-to-committee`, {}),
  decide: (
    proposalId: number,
    body: {
      decision: 'select' | 'revise' | 'reject';
      reason: string;
      meetingId: number | null;
      approvedGrantKrw?: number;
    },
  ) => requestJson<ProposalDecisionRow>('POST', `/api/v1/proposals/${proposalId}/decisions`, body),
  addInspection: (
    proposalId: number,
    body: {
      inspectedOn: string;
      inspectors: string;
      findings: string;
      recommendation: string | null;
    },
  ) => requestJson<unknown>('POST', `/api/v1/proposals/${proposalId}/inspections`, body),
  meetings: (callId: number) =>
    requestJson<CommitteeMeetingRow[]>('GET', `/api/v1/calls/${callId}/meetings`),
  createMeeting: (
    callId: number,
    body: { heldOn: string; title: string; members: string | null },
  ) => requestJson<CommitteeMeetingRow>('POST', `/api/v1/calls/${callId}/meetings`, body),
  addNote: (meetingId: number, proposalId: number, body: string) =>
    requestJson<CommitteeMeetingRow>('POST', `/api/v1/committee-meetings/${meetingId}/notes`, {
      proposalId,
      body,
    }),
};

export function useReviewQueue(enabled = true) {
  return useQuery({ queryKey: ['review', 'queue'], queryFn: reviewApi.queue, enabled });
}

export function useReviewCalls(enabled = true) {
  return useQuery({ queryKey: ['review', 'calls'], queryFn: reviewApi.calls, enabled });
}

export function useReviewAssignment(id: number) {
  return useQuery({
    queryKey: ['review', 'assignment', id],
    queryFn: () => reviewApi.assignment(id),
  });
}

export function useCallAssignments(callId: number) {
  return useQuery({
    queryKey: ['review', 'assignments', callId],
    queryFn: () => reviewApi.assignments(callId),
  });
}

export function useCallConflicts(callId: number) {
  return useQuery({
    queryKey: ['review', 'conflicts', callId],
    queryFn: () => reviewApi.conflicts(callId),
  });
}

export function useEvaluators() {
  return useQuery({ queryKey: ['review', 'evaluators'], queryFn: reviewApi.evaluators });
}

export function useCallRanking(callId: number, normalisation: Normalisation) {
  return useQuery({
    queryKey: ['review', 'ranking', callId, normalisation],
    queryFn: () => reviewApi.ranking(callId, normalisation),
  });
}

export function useCallReviews(callId: number, normalisation: Normalisation) {
  return useQuery({
    queryKey: ['review', 'reviews', callId, normalisation],
    queryFn: () => reviewApi.reviews(callId, normalisation),
  });
}

export function useCallMeetings(callId: number) {
  return useQuery({
    queryKey: ['review', 'meetings', callId],
    queryFn: () => reviewApi.meetings(callId),
  });
}
