import type { ParticipantAggregate, BudgetAggregate, ComplexDetail } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  admin = t.admin;
});
afterAll(async () => {
  await t?.close();
});

// OECD (2007) Table 14.6, typed in from the source document (seed 000), not read from the demo files.
const table146: Record<string, [number, number, number, number, number]> = {
  Changwon: [391, 57, 33, 23, 504],
  Gumi: [405, 134, 13, 35, 587],
  Ulsan: [157, 14, 16, 6, 193],
  'Banwol-Sihwa': [582, 101, 44, 59, 786],
  Gwangju: [154, 18, 13, 7, 192],
  Gunsan: [52, 9, 1, 6, 68],
  Wonju: [118, 152, 1, 31, 302],
};

describe('overview aggregates', () => {
  it('counts participants by complex and type exactly as Table 14.6', async () => {
    const agg = JSON.parse(
      (await app.inject({ headers: admin, url: '/api/v1/aggregates/participants' })).body,
    ) as ParticipantAggregate;
    expect(agg.totals).toEqual({
      companies: 1859,
      universities: 485,
      researchInstitutes: 121,
      supportInstitutions: 167,
      total: 2632,
    });
    for (const [name, [c, u, r, s, t]] of Object.entries(table146)) {
      const row = agg.rows.find((x) => x.complexName === name)!;
      expect([
        row.companies,
        row.universities,
        row.researchInstitutes,
        row.supportInstitutions,
        row.total,
      ]).toEqual([c, u, r, s, t]);
      expect(row.syntheticOrganisations).toBe(t);
      expect(row.reference?.total).toBe(t);
    }
  });

  it('gives the budget need and allotment by year and the 2005 items', async () => {
    const budget = JSON.parse(
      (await app.inject({ headers: admin, url: '/api/v1/aggregates/budget' })).body,
    ) as BudgetAggregate;
    expect(
      budget.years.map((y) => [y.year, y.needKrw100m, y.allottedKrw100m, y.allottedIsEstimate]),
    ).toEqual([
      [2005, 200, 297, false],
      [2006, 1771, 462.5, false],
      [2007, 1880, 520, true],
      [2008, 1720, null, false],
    ]);
    // Table 14.4's total is KRW 29,702 million.
    expect(budget.items.reduce((s, i) => s + i.amountKrwMillion, 0)).toBe(29702);
  });

  it('describes a complex with its mini-clusters and task force', async () => {
    const complexes = JSON.parse(
      (await app.inject({ headers: admin, url: '/api/v1/complexes?q=Gunsan' })).body,
    ) as { items: { id: number }[] };
    const detail = JSON.parse(
      (
        await app.inject({
          headers: admin,
          url: `/api/v1/complexes/${complexes.items[0]!.id}/detail`,
        })
      ).body,
    ) as ComplexDetail;
    expect(detail.complex.provinceName).toBe('Jeollabuk-do');
    expect(detail.complex.joined).toBe('2005-04-01');
    expect(detail.organisationsByKind.reduce((s, k) => s + k.count, 0)).toBe(68);
    expect(detail.miniClusters.length).toBeGreaterThanOrEqual(3);
    expect(detail.miniClusters.every((m) => m.synthetic)).toBe(true);
    expect(detail.taskForce.length).toBeGreaterThanOrEqual(14);
  });

  it('answers 404 as a problem for an unknown complex', async () => {
    const res = await app.inject({ headers: admin, url: '/api/v1/complexes/9999/detail' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
