import type {
  BudgetAggregate,
  ComplexDetail,
  EntityKey,
  Overview,
  Page,
  ParticipantAggregate,
  Problem,
  RegistryContract,
} from '@innocluster/contracts';
import type { z } from 'zod';

/** The stored row type of one registry entity, by its key. */
export type RowOf<K extends EntityKey> = z.infer<Extract<RegistryContract, { key: K }>['row']>;
/** A row of any registry entity, read generically (the registry pages). */
export type AnyRow = {
  id: number;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
} & Record<string, unknown>;

export type ListQuery = Record<string, string | number | boolean | null | undefined>;

/** A GeoJSON FeatureCollection of the provinces, as the server sends it. */
export interface ProvinceFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    properties: {
      code_kostat: string;
      iso_3166_2: string;
      name_ko: string;
      name_en: string;
      region_5p2: string;
    };
    geometry:
      | { type: 'Polygon'; coordinates: number[][][] }
      | { type: 'MultiPolygon'; coordinates: number[][][][] };
  }>;
}

/**
 * A failed request. Carries the server's problem details, with field errors keyed by the
 * field name without its `body.` / `query.` prefix so forms can show them under the field.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly fieldErrors: Record<string, string>;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.fieldErrors = {};
    for (const e of problem.errors ?? []) {
      const field = e.field.replace(/^(body|query|params)\./, '');
      this.fieldErrors[field] ??= e.message;
    }
  }
}

/** Every request names its client so the server's audit trail can tell the web app apart. */
const clientHeaders = { 'X-Innocluster-Client': 'web', Accept: 'application/json' };

function toQueryString(query: ListQuery | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        type: body.type ?? 'about:blank',
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        ...(body.detail !== undefined ? { detail: body.detail } : {}),
        ...(body.errors !== undefined ? { errors: body.errors } : {}),
      };
    } catch {
      // Fall through to a problem built from the status line.
    }
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
  };
}

export async function requestJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? clientHeaders
          : { ...clientHeaders, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The typed client over the innocluster REST API. */
export const api = {
  overview: () => requestJson<Overview>('GET', '/api/v1/overview'),
  participants: () => requestJson<ParticipantAggregate>('GET', '/api/v1/aggregates/participants'),
  budget: () => requestJson<BudgetAggregate>('GET', '/api/v1/aggregates/budget'),
  complexDetail: (id: number) =>
    requestJson<ComplexDetail>('GET', `/api/v1/complexes/${id}/detail`),
  provinces: () => requestJson<ProvinceFeatureCollection>('GET', '/api/v1/geo/provinces'),
  list: <K extends EntityKey>(key: K, query?: ListQuery) =>
    requestJson<Page<RowOf<K>>>('GET', `/api/v1/${key}${toQueryString(query)}`),
  get: <K extends EntityKey>(key: K, id: number) =>
    requestJson<RowOf<K>>('GET', `/api/v1/${key}/${id}`),
  create: <K extends EntityKey>(key: K, body: Record<string, unknown>) =>
    requestJson<RowOf<K>>('POST', `/api/v1/${key}`, body),
  update: <K extends EntityKey>(key: K, id: number, body: Record<string, unknown>) =>
    requestJson<RowOf<K>>('PATCH', `/api/v1/${key}/${id}`, body),
  remove: (key: EntityKey, id: number) => requestJson<void>('DELETE', `/api/v1/${key}/${id}`),
};
