import type {
  ApiToken,
  AuditEvent,
  BudgetAggregate,
  Grant,
  Me,
  User,
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

/**
 * What a form shows for a failed request: the field errors under their fields and one summary
 * line — `withFieldErrors` when there are field errors (the problem's detail names raw field
 * paths), else the problem's detail or title, or the error's text when it is not a problem.
 */
export function formFeedback(
  error: unknown,
  withFieldErrors: string,
): { fieldErrors: Record<string, string>; summary: string } {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, summary: String(error) };
  return {
    fieldErrors: error.fieldErrors,
    summary:
      Object.keys(error.fieldErrors).length > 0
        ? withFieldErrors
        : (error.problem.detail ?? error.problem.title),
  };
}

/** Every request names its client so the server's audit trail can tell the web app apart. */
const clientHeaders = { 'X-Innocluster-Client': 'web', Accept: 'application/json' };

/** The session's CSRF token, from the sign-in or `me` answer (or the readable `ic_csrf` cookie). */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function readCsrfCookie(): string | null {
  if (typeof document === 'undefined') return null;
  const match = /(?:^|;\s*)ic_csrf=([^;]*)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called when any request outside `/api/v1/auth/` answers 401 (the session ended) or 403
 * "Password change required", so the app can send the user to the sign-in page.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** True when a 403 only means the one-time password must be replaced first. */
export function isPasswordChangeRequired(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    /password change required/i.test(`${error.problem.title} ${error.problem.detail ?? ''}`)
  );
}

export function toQueryString(query: ListQuery | undefined): string {
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

function headersFor(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { ...clientHeaders };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken ?? readCsrfCookie();
    if (token) headers['X-CSRF-Token'] = token;
  }
  return headers;
}

export async function requestJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, body !== undefined),
      credentials: 'same-origin',
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
  if (!response.ok) {
    const error = new ApiError(await readProblem(response));
    if (
      !path.startsWith('/api/v1/auth/') &&
      (error.status === 401 || isPasswordChangeRequired(error))
    ) {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface UserWithPassword {
  user: User;
  oneTimePassword: string | null;
}

export interface Assignment {
  id: number;
  userId: number;
  entity: string;
  entityId: number;
  createdAt: string;
}

export interface GrantInput {
  role: Grant['role'];
  programmeId?: number | null;
  complexId?: number | null;
  miniClusterId?: number | null;
  organisationId?: number | null;
}

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  userId?: string;
  via?: string;
  from?: string;
  to?: string;
}

/** Query string of the audit filters, for the list and the export links alike. */
export function auditQueryString(filters: AuditFilters & ListQuery): string {
  return toQueryString(filters);
}

/** Accounts: sign-in, the own profile and tokens, users, assignments and the audit trail. */
export const authApi = {
  me: () => requestJson<Me>('GET', '/api/v1/auth/me'),
  login: (email: string, password: string) =>
    requestJson<Me>('POST', '/api/v1/auth/login', { email, password }),
  logout: () => requestJson<void>('POST', '/api/v1/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    requestJson<void>('POST', '/api/v1/auth/password', { currentPassword, newPassword }),
  tokens: () => requestJson<ApiToken[]>('GET', '/api/v1/auth/tokens'),
  createToken: (name: string, expiresInDays: number | null) =>
    requestJson<{ token: ApiToken; secret: string }>('POST', '/api/v1/auth/tokens', {
      name,
      expiresInDays,
    }),
  revokeToken: (id: number) => requestJson<unknown>('DELETE', `/api/v1/auth/tokens/${id}`),
  users: (query: ListQuery) =>
    requestJson<Page<User>>('GET', `/api/v1/users${toQueryString(query)}`),
  createUser: (body: { email: string; name: string; password?: string; grants: GrantInput[] }) =>
    requestJson<UserWithPassword>('POST', '/api/v1/users', body),
  updateUser: (
    id: number,
    body: { name?: string; isActive?: boolean; unlock?: boolean; resetPassword?: boolean },
  ) => requestJson<UserWithPassword>('PATCH', `/api/v1/users/${id}`, body),
  addGrant: (userId: number, body: GrantInput) =>
    requestJson<Grant>('POST', `/api/v1/users/${userId}/grants`, body),
  removeGrant: (userId: number, grantId: number) =>
    requestJson<void>('DELETE', `/api/v1/users/${userId}/grants/${grantId}`),
  assignments: () => requestJson<Assignment[]>('GET', '/api/v1/assignments'),
  assign: (body: { userId: number; entity: string; entityId: number }) =>
    requestJson<Assignment>('POST', '/api/v1/assignments', body),
  unassign: (id: number) => requestJson<void>('DELETE', `/api/v1/assignments/${id}`),
  audit: (query: AuditFilters & ListQuery) =>
    requestJson<Page<AuditEvent>>('GET', `/api/v1/audit${toQueryString(query)}`),
};

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
