import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkGraphResponse, NetworkJob } from '@innocluster/contracts';
import { buildCompactGraph, vertexDiameterBound } from '@innocluster/domain';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A network large enough that its measures take seconds: 5,000 organisations in one complex and
 * about 25,000 joint R&D ties between pseudo-random pairs (fixed arithmetic, not a generator).
 */
let t: TestApp;
let complexId: number;
const size = 5000;
const ties = 25_000;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const db = t.database.db;
  const province = (
    await sql<{
      id: number;
    }>`INSERT INTO region (code, kind, name) VALUES ('BIG', 'province', 'Big') RETURNING id`.execute(
      db,
    )
  ).rows[0]!.id;
  complexId = (
    await sql<{
      id: number;
    }>`INSERT INTO complex (name, province_id) VALUES ('Big complex', ${province}) RETURNING id`.execute(
      db,
    )
  ).rows[0]!.id;
  await sql`INSERT INTO organisation (name, kind, complex_id, synthetic)
    SELECT 'Org ' || i, CASE WHEN i % 10 = 0 THEN 'university' ELSE 'company' END, ${complexId}, true
    FROM generate_series(1, ${size}) AS i`.execute(db);
  await sql`WITH o AS (SELECT min(id) AS first FROM organisation WHERE complex_id = ${complexId}),
    pairs AS (
      SELECT ((i::bigint * 7919) % ${size})::int AS a, ((i::bigint * 104729 + 17 + i / ${size}) % ${size})::int AS b
      FROM generate_series(1, ${ties}) AS i)
    INSERT INTO collaboration (kind, source_organisation_id, target_organisation_id, started_on, synthetic)
    SELECT 'joint_rd', o.first + a, o.first + b, '2020-01-01', true FROM pairs, o WHERE a <> b`.execute(
    db,
  );
}, 180_000);

afterAll(async () => {
  await t.close();
});

describe('the explorer graph of a large network', () => {
  it('comes as compact tuples', async () => {
    const before = performance.now();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/graph?scope=complex:${complexId}&tieTypes=joint_rd`,
      headers: t.admin,
    });
    const ms = performance.now() - before;
    expect(res.statusCode).toBe(200);
    const g = res.json() as { nodes: unknown[][]; edges: number[][] };
    expect(g.nodes).toHaveLength(size);
    expect(g.edges.length).toBeGreaterThan(ties * 0.9);
    expect(g.edges.every((e) => e.length === 4)).toBe(true);
    console.info(
      `graph of ${g.nodes.length} nodes, ${g.edges.length} edges: ${(res.body.length / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms`,
    );
  });
});

describe('a large measures job', () => {
  it('runs off the request path: the server answers other requests while it computes', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/measures',
      headers: t.admin,
      payload: {
        scope: `complex:${complexId}`,
        tieTypes: ['joint_rd'],
        measures: ['betweenness', 'closeness', 'constraint', 'brokerage'],
      },
    });
    expect(started.statusCode, started.body).toBe(202);
    const id = (started.json() as NetworkJob).id;
    const poll = async () =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/networks/jobs/${id}`, headers: t.admin })
      ).json() as NetworkJob;

    // Wait until the worker reports that it is computing, then ask for something else.
    let job = await poll();
    while (job.status !== 'done' && job.status !== 'failed' && job.progress <= 0.05) {
      await new Promise((r) => setTimeout(r, 20));
      job = await poll();
    }
    expect(job.status).toBe('running');
    const before = performance.now();
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    const waited = performance.now() - before;
    expect(health.statusCode).toBe(200);
    const after = await poll();
    // The other request was answered while the job was still running.
    expect(after.status).toBe('running');
    expect(after.progress).toBeLessThan(1);
    console.info(`health answered in ${waited.toFixed(1)} ms during the job`);

    let last = after;
    while (last.status === 'running' || last.status === 'queued') {
      await new Promise((r) => setTimeout(r, 100));
      const next = await poll();
      expect(next.progress).toBeGreaterThanOrEqual(last.progress);
      last = next;
    }
    expect(last.status, last.error ?? '').toBe('done');
    const r = last.result!;
    expect(r.summary.nodes).toBe(size);
    expect(r.betweenness).toEqual({ exact: true, samples: null, errorBound: 0 });
    // Normalised betweenness lies in 0..1.
    expect(r.nodes.every((n) => n.betweenness! >= 0 && n.betweenness! <= 1)).toBe(true);

    // Betweenness from 20,000 sampled shortest paths stays within its bound of the exact values:
    // ε = n/(n−2) · √(0.5 (⌊log2(VD − 2)⌋ + 1 + ln(1/δ)) / r) with δ = 0.05 (Riondato &
    // Kornaropoulos 2016), VD the vertex-diameter bound of the network the explorer is shown.
    const graph = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/networks/graph?scope=complex:${complexId}&tieTypes=joint_rd`,
        headers: t.admin,
      })
    ).json() as NetworkGraphResponse;
    const vd = vertexDiameterBound(
      buildCompactGraph(
        graph.nodes.length,
        graph.edges.map(([source, target]) => ({ source, target })),
      ),
    );
    const paths = 20_000;
    const sampled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/measures',
      headers: t.admin,
      payload: {
        scope: `complex:${complexId}`,
        tieTypes: ['joint_rd'],
        measures: ['betweenness'],
        betweennessSamples: paths,
      },
    });
    expect(sampled.statusCode, sampled.body).toBe(202);
    const sampledId = (sampled.json() as NetworkJob).id;
    let s: NetworkJob;
    for (;;) {
      s = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/networks/jobs/${sampledId}`,
          headers: t.admin,
        })
      ).json() as NetworkJob;
      if (s.status === 'done' || s.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(s.status, s.error ?? '').toBe('done');
    const vc = Math.floor(Math.log2(vd - 2)) + 1 + Math.log(1 / 0.05);
    const bound = (size / (size - 2)) * Math.sqrt((0.5 * vc) / paths);
    expect(s.result!.betweenness).toMatchObject({ exact: false, samples: paths });
    expect(s.result!.betweenness!.errorBound).toBeCloseTo(bound, 12);
    const worst = Math.max(
      ...s.result!.nodes.map((node, i) => Math.abs(node.betweenness! - r.nodes[i]!.betweenness!)),
    );
    expect(worst).toBeLessThanOrEqual(bound);
  }, 600_000);
});
