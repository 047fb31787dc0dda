import type {
  ClusterDefinition,
  Dataset,
  MeasuresResponse,
  choroplethResponse,
  portfolioResponse,
  profileResponse,
  selectionBody,
  selectionResponse,
} from '@innocluster/contracts';
import type { z } from 'zod';
import { requestJson, toQueryString, type ListQuery } from './api-client.ts';

export type ChoroplethResponse = z.infer<typeof choroplethResponse>;
export type PortfolioResponse = z.infer<typeof portfolioResponse>;
export type ProfileResponse = z.infer<typeof profileResponse>;
export type SelectionResponse = z.infer<typeof selectionResponse>;
/** The request as sent (before the server fills defaults). */
export type SelectionRequest = z.input<typeof selectionBody>;

/** The numbers the choropleth can show per region (the API's `value` parameter). */
export type ChoroplethValue =
  'lq' | 'value' | 'shareOfRegion' | 'shareOfNation' | 'cagr' | 'change';

/** Query parameters shared by the measures, choropleth, portfolio, profile and export. */
export interface MappingQuery extends ListQuery {
  dataset: number;
  measure?: string;
  year?: number;
  regionKind?: string;
  cluster?: string;
  region?: string;
}

const base = '/api/v1/mapping';

/** The typed client over `/api/v1/mapping`. */
export const mappingApi = {
  datasets: () => requestJson<Dataset[]>('GET', `${base}/datasets`),
  clusters: () => requestJson<ClusterDefinition[]>('GET', `${base}/clusters`),
  measures: (query: MappingQuery) =>
    requestJson<MeasuresResponse>('GET', `${base}/measures${toQueryString(query)}`),
  choropleth: (query: MappingQuery & { value: ChoroplethValue }) =>
    requestJson<ChoroplethResponse>('GET', `${base}/choropleth${toQueryString(query)}`),
  portfolio: (query: MappingQuery & { region: string }) =>
    requestJson<PortfolioResponse>('GET', `${base}/portfolio${toQueryString(query)}`),
  profile: (query: MappingQuery & { region: string; cluster: string }) =>
    requestJson<ProfileResponse>('GET', `${base}/profile${toQueryString(query)}`),
  selection: (body: SelectionRequest) =>
    requestJson<SelectionResponse>('POST', `${base}/selection`, body),
  /** The export route's address, for a plain download link (the session cookie goes along). */
  exportUrl: (query: MappingQuery, format: 'csv' | 'xlsx') =>
    `${base}/measures/export${toQueryString({ ...query, format })}`,
};
