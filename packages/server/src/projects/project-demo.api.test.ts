import type { OverlapResponse } from '@innocluster/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The demo project cycle served by every project-cycle endpoint: responses are serialised
 * through the contracts' schemas, so a demo row the contracts do not accept answers 500 here.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 240_000);

afterAll(async () => {
  await t?.close();
});

async function get<T>(url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: t.admin });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 400)}`).toBe(200);
  return res.json() as T;
}

describe('the demo project cycle through the API', () => {
  it('serves every demo call with its ranking, reviews and overlaps', async () => {
    const calls = await get<{ items: { id: number; code: string; synthetic: boolean }[] }>(
      '/api/v1/calls?pageSize=100',
    );
    expect(calls.items.map((c) => c.code).sort()).toEqual([
      'ICCP-2008',
      'ICCP-2009',
      'ICCP-2010',
      'ICCP-2011',
      'ICCP-2012',
      'RIS-2011',
    ]);
    for (const c of calls.items) {
      expect(c.synthetic).toBe(true);
      await get(`/api/v1/calls/${c.id}`);
      await get(`/api/v1/calls/${c.id}/ranking`);
      await get(`/api/v1/calls/${c.id}/meetings`);
      await get(`/api/v1/calls/${c.id}/assignments`);
      await get(`/api/v1/calls/${c.id}/reviews`);
      await get(`/api/v1/calls/${c.id}/conflicts`);
      await get(`/api/v1/calls/${c.id}/overlaps`);
    }
    await get('/api/v1/evaluators?pageSize=100');
    // The regional programme repeats ICCP-2011 proposals of the same firms: found across
    // programmes at the default threshold.
    const ris = calls.items.find((c) => c.code === 'RIS-2011')!;
    const across = await get<OverlapResponse>(
      `/api/v1/calls/${ris.id}/overlaps?acrossProgrammesOnly=true`,
    );
    expect(across.pairs.length).toBeGreaterThanOrEqual(5);
    expect(across.pairs.every((p) => p.other.programmeCode === 'ICCP')).toBe(true);
    expect(across.pairs.every((p) => p.sharedOrganisations.length > 0)).toBe(true);
  }, 240_000);

  it('serves every demo proposal with its versions, and demands', async () => {
    const proposals = await get<{ items: { id: number }[]; total: number }>(
      '/api/v1/proposals?pageSize=1000',
    );
    expect(proposals.total).toBeGreaterThanOrEqual(150);
    for (const p of proposals.items.slice(0, 60)) {
      await get(`/api/v1/proposals/${p.id}`);
      await get(`/api/v1/proposals/${p.id}/versions`);
      await get(`/api/v1/proposals/${p.id}/decisions`);
    }
    const demands = await get<{ items: { id: number }[] }>('/api/v1/demands?pageSize=50');
    for (const d of demands.items.slice(0, 20)) await get(`/api/v1/demands/${d.id}`);
    // The idea store: backed ideas with comments.
    const ideas = await get<{ items: { id: number; backingCount: number }[] }>(
      '/api/v1/demands?ideas=true&pageSize=200',
    );
    const backed = ideas.items.filter((d) => d.backingCount > 0);
    expect(backed.length).toBeGreaterThan(5);
    for (const d of backed.slice(0, 10)) {
      const detail = await get<{ backings: unknown[]; comments: unknown[] }>(
        `/api/v1/demands/${d.id}`,
      );
      expect(detail.backings.length).toBe(d.backingCount);
      expect(detail.comments.length).toBeGreaterThan(0);
    }
  }, 240_000);

  it('serves every demo project, its agreement and reports, and the burden and aging views', async () => {
    const projects = await get<{ items: { id: number }[]; total: number }>(
      '/api/v1/projects?pageSize=200',
    );
    expect(projects.total).toBeGreaterThan(50);
    for (const p of projects.items) {
      const detail = await get<{
        agreement: { id: number } | null;
        reports?: { id: number }[];
      }>(`/api/v1/projects/${p.id}`);
      if (detail.agreement) await get(`/api/v1/agreements/${detail.agreement.id}`);
      for (const r of (detail.reports ?? []).slice(0, 2)) await get(`/api/v1/reports/${r.id}`);
    }
    await get('/api/v1/projects/burden');
    await get('/api/v1/payments/aging');
  }, 240_000);
});
