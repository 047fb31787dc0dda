import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, formFeedback } from './api-client.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(response: Response) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('api client', () => {
  it('names the web client and builds the list query', async () => {
    const fetchMock = stubFetch(
      new Response(JSON.stringify({ items: [], total: 0, page: 2, pageSize: 10 }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    await api.list('organisations', {
      page: 2,
      pageSize: 10,
      kind: 'company',
      q: '',
      complexId: undefined,
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/organisations?page=2&pageSize=10&kind=company');
    expect((init?.headers as Record<string, string>)['X-Innocluster-Client']).toBe('web');
  });

  it('turns problem+json into an ApiError with field errors keyed by field name', async () => {
    stubFetch(
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Invalid request',
          status: 400,
          detail: 'body.name: must not be empty',
          errors: [
            { field: 'body.name', message: 'must not be empty' },
            { field: 'body.kind', message: 'Invalid option' },
          ],
        }),
        { status: 400, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const error = await api.create('organisations', { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).fieldErrors).toEqual({
      name: 'must not be empty',
      kind: 'Invalid option',
    });
  });

  it('reports a response without a problem body by its status', async () => {
    stubFetch(new Response('oops', { status: 502, statusText: 'Bad Gateway' }));
    const error = (await api.overview().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe('Bad Gateway');
  });
});

describe('formFeedback', () => {
  it('puts field errors under their fields with the generic summary, else the problem detail', () => {
    const withFields = new ApiError({
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: 'body.name: Too small',
      errors: [{ field: 'body.name', message: 'Too small' }],
    });
    expect(formFeedback(withFields, 'Check the fields')).toEqual({
      fieldErrors: { name: 'Too small' },
      summary: 'Check the fields',
    });
    const conflict = new ApiError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'A dataset named X exists',
    });
    expect(formFeedback(conflict, 'Check the fields')).toEqual({
      fieldErrors: {},
      summary: 'A dataset named X exists',
    });
    expect(formFeedback(new Error('offline'), 'Check the fields')).toEqual({
      fieldErrors: {},
      summary: 'Error: offline',
    });
  });
});
