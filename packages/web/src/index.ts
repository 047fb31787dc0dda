// The web package is an app; its typed API client is the one piece other code may reuse.
export {
  ApiError,
  api,
  requestJson,
  type AnyRow,
  type ListQuery,
  type RowOf,
} from './api/api-client.ts';
