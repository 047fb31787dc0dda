import type {
  ActivityDetail,
  ActivityRow,
  AttendanceCommitRequest,
  AttendanceImportResponse,
  AttendeeAddResponse,
  NetworkGraphResponse,
  NetworkIndicatorsResponse,
  NetworkJob,
  NetworkMeasureName,
  NetworkTieType,
  Page,
  PartnerSuggestionsResponse,
  activityCreate,
  attendeeAddRequest,
} from '@innocluster/contracts';
import type { z } from 'zod';
import { requestJson, toQueryString, type ListQuery } from './api-client.ts';

/** An activity as the quick-entry form sends it (before the server fills defaults). */
export type ActivityCreateInput = z.input<typeof activityCreate>;
/** Attendees as the quick-entry form sends them. */
export type AttendeeAddInput = z.input<typeof attendeeAddRequest>;

/** Filters of the activity log (`GET /api/v1/activities`). */
export interface ActivityListFilters extends ListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  q?: string;
  complexId?: number;
  miniClusterId?: number;
  kind?: string;
  from?: string;
  to?: string;
}

/** Which network: scope (`all`, `complex:3`, ...), window, tie types and activity-size cap. */
export interface NetworkSelection {
  scope: string;
  from?: string;
  to?: string;
  tieTypes?: NetworkTieType[];
  /** Largest activity (attendees) projected into co-attendance ties (the API's default: 50). */
  maxAttendees?: number;
  /** Include organisations outside the scope tied into it (the API's default is true). */
  outside?: boolean;
}

/** The body of `POST /api/v1/networks/measures`. */
export interface NetworkMeasuresRequest extends NetworkSelection {
  measures?: NetworkMeasureName[];
  yearly?: boolean;
}

function selectionQuery(selection: NetworkSelection): ListQuery {
  return {
    scope: selection.scope,
    from: selection.from,
    to: selection.to,
    tieTypes: selection.tieTypes?.length ? selection.tieTypes.join(',') : undefined,
    maxAttendees: selection.maxAttendees,
    outside: selection.outside === undefined ? undefined : String(selection.outside),
  };
}

/** The typed client over activities, attendance imports and network analytics. */
export const networkApi = {
  activities: (filters: ActivityListFilters) =>
    requestJson<Page<ActivityRow>>('GET', `/api/v1/activities${toQueryString(filters)}`),
  activity: (id: number) => requestJson<ActivityDetail>('GET', `/api/v1/activities/${id}`),
  createActivity: (body: ActivityCreateInput) =>
    requestJson<ActivityDetail>('POST', '/api/v1/activities', body),
  addAttendees: (id: number, body: AttendeeAddInput) =>
    requestJson<AttendeeAddResponse>('POST', `/api/v1/activities/${id}/attendees`, body),
  uploadAttendance: (fileName: string, contentBase64: string) =>
    requestJson<AttendanceImportResponse>('POST', '/api/v1/activities/imports', {
      fileName,
      contentBase64,
    }),
  commitAttendance: (id: number, body: Partial<AttendanceCommitRequest>) =>
    requestJson<AttendanceImportResponse>('POST', `/api/v1/activities/imports/${id}/commit`, body),
  discardAttendance: (id: number) =>
    requestJson<AttendanceImportResponse>('POST', `/api/v1/activities/imports/${id}/discard`, {}),
  graph: (selection: NetworkSelection, communities: boolean) =>
    requestJson<NetworkGraphResponse>(
      'GET',
      `/api/v1/networks/graph${toQueryString({ ...selectionQuery(selection), communities })}`,
    ),
  startMeasures: (body: NetworkMeasuresRequest) =>
    requestJson<NetworkJob>('POST', '/api/v1/networks/measures', body),
  job: (id: string) => requestJson<NetworkJob>('GET', `/api/v1/networks/jobs/${id}`),
  indicators: (programmeId: number, from?: string, to?: string, asOf?: string) =>
    requestJson<NetworkIndicatorsResponse>(
      'GET',
      `/api/v1/networks/indicators${toQueryString({ programmeId, from, to, asOf })}`,
    ),
  partnerSuggestions: (organisationId: number, selection: Omit<NetworkSelection, 'scope'>) =>
    requestJson<PartnerSuggestionsResponse>(
      'GET',
      `/api/v1/organisations/${organisationId}/partner-suggestions${toQueryString({
        from: selection.from,
        to: selection.to,
        tieTypes: selection.tieTypes?.length ? selection.tieTypes.join(',') : undefined,
        maxAttendees: selection.maxAttendees,
        limit: 8,
      })}`,
    ),
};
