import type {
  AgreementRow,
  BurdenResponse,
  DisbursementRow,
  OutcomeRow,
  Page,
  PaymentAgingDto,
  ProjectDetail,
  ProjectEvaluationRow,
  ProjectRow,
  ReportDetail,
  ReportRow,
  agreementCreate,
  agreementUpdate,
  outcomeCreate,
  projectEvaluationCreate,
} from '@innocluster/contracts';
import type { z } from 'zod';
import { requestJson, toQueryString, type ListQuery } from './api-client.ts';

export type AgreementCreateInput = z.input<typeof agreementCreate>;
export type AgreementUpdateInput = z.input<typeof agreementUpdate>;
export type OutcomeCreateInput = z.input<typeof outcomeCreate>;
export type EvaluationCreateInput = z.input<typeof projectEvaluationCreate>;

/** A workflow step as the forms send it. */
export interface StepInput {
  action: string;
  reason?: string | null;
  onDate?: string | null;
  paidAmountKrw?: number;
  paperworkHours?: number | null;
  content?: Record<string, unknown>;
}

/** Filters of the projects list, the burden dashboard and the aging view. */
export interface DeliveryFilters extends ListQuery {
  programmeId?: number;
  callId?: number;
  complexId?: number;
  year?: number;
  asOf?: string;
}

/** The typed client over project delivery (agreements, money, reports, outcomes, burden). */
export const deliveryApi = {
  projects: (query: ListQuery) =>
    requestJson<Page<ProjectRow>>('GET', `/api/v1/projects${toQueryString(query)}`),
  project: (id: number) => requestJson<ProjectDetail>('GET', `/api/v1/projects/${id}`),
  projectStep: (id: number, step: StepInput) =>
    requestJson<ProjectDetail>('POST', `/api/v1/projects/${id}/transitions`, step),
  createAgreement: (projectId: number, body: AgreementCreateInput) =>
    requestJson<AgreementRow>('POST', `/api/v1/projects/${projectId}/agreement`, body),
  updateAgreement: (id: number, body: AgreementUpdateInput) =>
    requestJson<AgreementRow>('PATCH', `/api/v1/agreements/${id}`, body),
  agreementStep: (id: number, step: StepInput) =>
    requestJson<AgreementRow>('POST', `/api/v1/agreements/${id}/transitions`, step),
  disbursementStep: (id: number, step: StepInput) =>
    requestJson<DisbursementRow>('POST', `/api/v1/disbursements/${id}/transitions`, step),
  report: (id: number) => requestJson<ReportDetail>('GET', `/api/v1/reports/${id}`),
  reportStep: (id: number, step: StepInput) =>
    requestJson<ReportRow>('POST', `/api/v1/reports/${id}/transitions`, step),
  createOutcome: (projectId: number, body: OutcomeCreateInput) =>
    requestJson<OutcomeRow>('POST', `/api/v1/projects/${projectId}/outcomes`, body),
  deleteOutcome: (id: number) => requestJson<null>('DELETE', `/api/v1/outcomes/${id}`),
  createEvaluation: (projectId: number, body: EvaluationCreateInput) =>
    requestJson<ProjectEvaluationRow>('POST', `/api/v1/projects/${projectId}/evaluations`, body),
  burden: (filters: DeliveryFilters) =>
    requestJson<BurdenResponse>('GET', `/api/v1/projects/burden${toQueryString(filters)}`),
  aging: (filters: DeliveryFilters) =>
    requestJson<PaymentAgingDto>('GET', `/api/v1/payments/aging${toQueryString(filters)}`),
};
