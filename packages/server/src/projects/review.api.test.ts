import type {
  ApplicantDecisions,
  AssignmentPlan,
  CallAssignments,
  CallConflicts,
  CallRanking,
  CallReviews,
  EvaluatorRow,
  ReviewQueueItem,
  ScreeningRow,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import {
  seedPerson,
  seedReviewCall,
  seedReviewRegistry,
  type ReviewRegistry,
  type SeededCall,
} from './review-fixture.ts';

let t: TestApp;
let app: FastifyInstance;
let db: Db;
let reg: ReviewRegistry;
let officer: { authorization: string; userId: number };
let applicant: { authorization: string; userId: number };

type Auth = { authorization: string };

async function call<T = unknown>(
  as: Auth,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T; raw: string }> {
  const res = await app.inject({
    method,
    url,
    headers: as,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
  return {
    status: res.statusCode,
    body: (res.body ? JSON.parse(res.body) : null) as T,
    raw: res.body,
  };
}

const rubric = [
  { code: 'merit', name: 'Merit', weight: 2, maxScore: 10 },
  { code: 'feasibility', name: 'Feasibility', weight: 1, maxScore: 5 },
];

async function addEvaluator(
  name: string,
  expertise: string[],
  options: {
    organisationId?: number | null;
    affiliations?: number[];
    minLoad?: number;
    maxLoad?: number;
  } = {},
): Promise<{ evaluator: EvaluatorRow; auth: Auth & { userId: number } }> {
  const personId = await seedPerson(db, name, options.organisationId ?? null);
  const auth = await t.userWith('evaluator');
  const res = await call<EvaluatorRow>(officer, 'POST', '/api/v1/evaluators', {
    personId,
    userId: auth.userId,
    expertise,
    minLoad: options.minLoad ?? 0,
    maxLoad: options.maxLoad ?? 3,
    affiliations: (options.affiliations ?? []).map((organisationId) => ({ organisationId })),
  });
  expect(res.status, res.raw).toBe(201);
  return { evaluator: res.body, auth };
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  app = t.app;
  db = t.database.db;
  reg = await seedReviewRegistry(db, [
    { key: 'gearCo', name: 'Gear Co', kind: 'company', industry: 'C29', inMiniCluster: true },
    { key: 'rivalCo', name: 'Rival Gears', kind: 'company', industry: 'C29', inMiniCluster: true },
    { key: 'sensorCo', name: 'Sensor Co', kind: 'company', industry: 'C26' },
    { key: 'supplierCo', name: 'Supplier Co', kind: 'company', industry: 'C25' },
    { key: 'uni', name: 'Review University', kind: 'university' },
    { key: 'lab', name: 'Battery Lab', kind: 'research_institute' },
    { key: 'otherLab', name: 'Other Lab', kind: 'research_institute' },
  ]);
  officer = await t.userWith('programme_officer', { programmeId: reg.programmeId });
  applicant = await t.userWith('member', { organisationId: reg.org.gearCo! });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('assignment: a hand-solved case', () => {
  it('finds the optimum a greedy pass misses (cost 1 − 1/√2)', async () => {
    // Proposal a mentions gear and sensor, b only gear; evaluator x knows gear, y sensor; one
    // review each, one proposal per evaluator. Costs (1 − cosine): x-a = y-a = 1 − 1/√2,
    // x-b = 0, y-b = 1. The optimum gives b to x and a to y: total 1 − 1/√2 ≈ 0.2929; taking
    // a first with its cheapest evaluator (x) would leave b to y at a total of 1.2929.
    const seeded = await seedReviewCall(
      db,
      reg,
      { code: 'HAND', budgetKrw: 1e9, reviewsPerProposal: 1, rubric },
      [
        { title: 'Gear sensor', lead: reg.org.sensorCo!, publicKrw: 1e7, status: 'in_review' },
        { title: 'Gear', lead: reg.org.sensorCo!, publicKrw: 1e7, status: 'in_review' },
      ],
    );
    const x = await addEvaluator('Hand X', ['gear'], { maxLoad: 1 });
    const y = await addEvaluator('Hand Y', ['sensor'], { maxLoad: 1 });
    const preview = await call<AssignmentPlan>(
      officer,
      'POST',
      `/api/v1/calls/${seeded.callId}/assignments/auto`,
      {
        preview: true,
      },
    );
    expect(preview.status, preview.raw).toBe(200);
    expect(preview.body.saved).toBe(false);
    expect(preview.body.totalCost).toBeCloseTo(1 - 1 / Math.SQRT2, 9);
    const pairs = preview.body.pairs.map((p) => [p.proposalId, p.evaluatorId]);
    expect(pairs).toEqual([
      [seeded.proposals[0], y.evaluator.id],
      [seeded.proposals[1], x.evaluator.id],
    ]);
    // A preview stores nothing.
    const stored = await call<CallAssignments>(
      officer,
      'GET',
      `/api/v1/calls/${seeded.callId}/assignments`,
    );
    expect(stored.body.assignments).toEqual([]);
    // Out of the pool for the rest of the file.
    for (const e of [x, y])
      expect(
        (await call(officer, 'PATCH', `/api/v1/evaluators/${e.evaluator.id}`, { active: false }))
          .status,
      ).toBe(200);
  });
});

describe('the review of a call', () => {
  let seeded: SeededCall;
  let p1: number, p2: number, p3: number;
  const ev: Record<string, { evaluator: EvaluatorRow; auth: Auth & { userId: number } }> = {};

  beforeAll(async () => {
    seeded = await seedReviewCall(
      db,
      reg,
      {
        code: 'R1',
        budgetKrw: 300_000_000,
        reviewsPerProposal: 2,
        rubric,
        fastTrackBelowKrw: 10_000_000,
      },
      [
        {
          title: 'Precision gear machining',
          lead: reg.org.gearCo!,
          publicKrw: 100_000_000,
          status: 'in_review',
        },
        {
          title: 'Sensor electronics testing',
          lead: reg.org.sensorCo!,
          publicKrw: 120_000_000,
          status: 'in_review',
        },
        {
          title: 'Battery materials',
          lead: reg.org.uni!,
          partners: [reg.org.lab!],
          publicKrw: 90_000_000,
          status: 'in_review',
        },
      ],
    );
    [p1, p2, p3] = seeded.proposals as [number, number, number];
    // Kim works for the university (same organisation as p3); Lee worked for a competitor of
    // Gear Co in the same mini-cluster and industry (p1); Park declares a conflict with p2;
    // Choi works for a supplier of Sensor Co (p2); Jung's lab collaborated with Gear Co (p1).
    ev.kim = await addEvaluator('Kim', ['gear machining', 'precision'], {
      organisationId: reg.org.uni!,
      minLoad: 1,
    });
    ev.lee = await addEvaluator('Lee', ['sensor', 'electronics'], {
      affiliations: [reg.org.rivalCo!],
      minLoad: 1,
    });
    ev.park = await addEvaluator('Park', ['battery', 'materials'], { minLoad: 1 });
    ev.choi = await addEvaluator('Choi', ['machining', 'battery'], {
      organisationId: reg.org.supplierCo!,
      minLoad: 1,
    });
    ev.jung = await addEvaluator('Jung', ['materials', 'testing'], {
      organisationId: reg.org.otherLab!,
      minLoad: 1,
    });
    expect(
      (
        await call(officer, 'POST', '/api/v1/business-relations', {
          fromOrganisationId: reg.org.supplierCo,
          toOrganisationId: reg.org.sensorCo,
          kind: 'supplier',
        })
      ).status,
    ).toBe(201);
    const declared = await call(ev.park!.auth, 'POST', '/api/v1/conflict-declarations', {
      proposalId: p2,
      reason: 'I advised the applicant last year',
    });
    expect(declared.status, declared.raw).toBe(201);
    await db
      .insertInto('collaboration')
      .values({
        kind: 'joint_rd',
        sourceOrganisationId: reg.org.otherLab!,
        targetOrganisationId: reg.org.gearCo!,
        startedOn: '2025-03-01',
        endedOn: '2025-12-31',
      })
      .execute();
  });

  const key = (proposalId: number, evaluatorId: number) => `${proposalId}:${evaluatorId}`;

  it('lists every conflict of the call by type', async () => {
    const res = await call<CallConflicts>(
      officer,
      'GET',
      `/api/v1/calls/${seeded.callId}/conflicts`,
    );
    expect(res.status, res.raw).toBe(200);
    const found = res.body.conflicts.map((c) => [c.evaluatorName, c.proposalId, c.type]).sort();
    expect(found).toEqual(
      [
        ['Choi', p2, 'business_relation'],
        ['Jung', p1, 'recent_collaboration'],
        ['Kim', p3, 'same_organisation'],
        ['Lee', p1, 'same_mini_cluster_competitor'],
        ['Park', p2, 'declared'],
      ].sort(),
    );
    // Evaluators and applicants do not see the list.
    expect(
      (await call(ev.kim!.auth, 'GET', `/api/v1/calls/${seeded.callId}/conflicts`)).status,
    ).toBe(403);
    expect((await call(applicant, 'GET', `/api/v1/calls/${seeded.callId}/conflicts`)).status).toBe(
      403,
    );
  });

  it('assigns automatically within load bounds and never to a conflicted pair', async () => {
    const res = await call<AssignmentPlan>(
      officer,
      'POST',
      `/api/v1/calls/${seeded.callId}/assignments/auto`,
      {},
    );
    expect(res.status, res.raw).toBe(200);
    expect(res.body.saved).toBe(true);
    const conflicted = new Set([
      key(p2, ev.choi!.evaluator.id),
      key(p1, ev.jung!.evaluator.id),
      key(p3, ev.kim!.evaluator.id),
      key(p1, ev.lee!.evaluator.id),
      key(p2, ev.park!.evaluator.id),
    ]);
    const stored = await call<CallAssignments>(
      officer,
      'GET',
      `/api/v1/calls/${seeded.callId}/assignments`,
    );
    const assignments = stored.body.assignments;
    expect(assignments).toHaveLength(6);
    for (const a of assignments) {
      expect(conflicted.has(key(a.proposalId, a.evaluatorId))).toBe(false);
      expect(a.method).toBe('auto');
    }
    for (const p of [p1, p2, p3])
      expect(assignments.filter((a) => a.proposalId === p)).toHaveLength(2);
    for (const l of stored.body.loads.filter((l) =>
      Object.values(ev).some((e) => e.evaluator.id === l.evaluatorId),
    )) {
      expect(l.load).toBeGreaterThanOrEqual(l.minLoad);
      expect(l.load).toBeLessThanOrEqual(l.maxLoad);
    }
    // Each evaluator's account may now read exactly the proposals assigned to it.
    const access = await db
      .selectFrom('assignment')
      .selectAll()
      .where('entity', '=', 'proposals')
      .execute();
    for (const a of assignments) {
      const userId = Object.values(ev).find((e) => e.evaluator.id === a.evaluatorId)!.auth.userId;
      expect(access.some((x) => x.userId === userId && x.entityId === a.proposalId)).toBe(true);
    }
  });

  it('refuses a manual override onto a conflicted pair, naming the conflict', async () => {
    const res = await call<{ detail: string }>(
      officer,
      'POST',
      `/api/v1/calls/${seeded.callId}/assignments`,
      {
        proposalId: p1,
        evaluatorId: ev.lee!.evaluator.id,
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/same mini cluster competitor/);
    expect(res.body.detail).toMatch(/Rival Gears and Gear Co/);
  });

  it('adds a manual assignment with access and removes it again', async () => {
    const before = (
      await call<CallAssignments>(officer, 'GET', `/api/v1/calls/${seeded.callId}/assignments`)
    ).body;
    // An evaluator free of conflicts with p3, not on it yet, below the maximum load.
    const free = Object.values(ev).find(
      (e) =>
        e !== ev.kim &&
        !before.assignments.some((a) => a.proposalId === p3 && a.evaluatorId === e.evaluator.id) &&
        before.loads.find((l) => l.evaluatorId === e.evaluator.id)!.load < e.evaluator.maxLoad,
    )!;
    const added = await call<{ id: number; method: string }>(
      officer,
      'POST',
      `/api/v1/calls/${seeded.callId}/assignments`,
      {
        proposalId: p3,
        evaluatorId: free.evaluator.id,
      },
    );
    expect(added.status, added.raw).toBe(201);
    expect(added.body.method).toBe('manual');
    const hasAccess = async () =>
      (
        await db
          .selectFrom('assignment')
          .select('id')
          .where('userId', '=', free.auth.userId)
          .where('entity', '=', 'proposals')
          .where('entityId', '=', p3)
          .execute()
      ).length;
    expect(await hasAccess()).toBe(1);
    expect(
      (
        await call(officer, 'POST', `/api/v1/calls/${seeded.callId}/assignments`, {
          proposalId: p3,
          evaluatorId: free.evaluator.id,
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(officer, 'DELETE', `/api/v1/calls/${seeded.callId}/assignments/${added.body.id}`))
        .status,
    ).toBe(204);
    expect(await hasAccess()).toBe(0);
    const after = (
      await call<CallAssignments>(officer, 'GET', `/api/v1/calls/${seeded.callId}/assignments`)
    ).body;
    expect(after.assignments.map((a) => a.id)).toEqual(before.assignments.map((a) => a.id));
  });

  it('keeps evaluators blind: own queue only, no other reviewer, no conflicted proposal', async () => {
    const all = (
      await call<CallAssignments>(officer, 'GET', `/api/v1/calls/${seeded.callId}/assignments`)
    ).body.assignments;
    const byEvaluator = (id: number) => all.filter((a) => a.evaluatorId === id);
    const [a, b] = Object.values(ev).filter((e) => byEvaluator(e.evaluator.id).length > 0) as [
      (typeof ev)[string],
      (typeof ev)[string],
    ];
    const queue = await call<ReviewQueueItem[]>(a.auth, 'GET', '/api/v1/reviews/queue');
    expect(queue.status, queue.raw).toBe(200);
    expect(queue.body.map((q) => q.assignmentId).sort()).toEqual(
      byEvaluator(a.evaluator.id)
        .map((x) => x.id)
        .sort(),
    );
    expect(queue.body[0]!.rubric.map((c) => c.code)).toEqual(['merit', 'feasibility']);
    // B's assignment is not A's to open (404, as for any id A cannot see).
    const other = byEvaluator(b.evaluator.id)[0]!;
    expect((await call(a.auth, 'GET', `/api/v1/reviews/assignments/${other.id}`)).status).toBe(404);
    expect(
      (
        await call(a.auth, 'PUT', `/api/v1/reviews/assignments/${other.id}`, {
          scores: { merit: 1 },
        })
      ).status,
    ).toBe(404);
    expect((await call(a.auth, 'GET', `/api/v1/calls/${seeded.callId}/reviews`)).status).toBe(403);
    // Nothing in A's queue names another evaluator.
    for (const e of Object.values(ev))
      if (e !== a) expect(queue.raw).not.toContain(`"${e.evaluator.name}"`);
    // A declares a conflict with one of its proposals: it leaves the queue and cannot be opened.
    const mine = byEvaluator(a.evaluator.id)[0]!;
    const declared = await call<{ id: number }>(a.auth, 'POST', '/api/v1/conflict-declarations', {
      proposalId: mine.proposalId,
      reason: 'My cousin works there',
    });
    expect(declared.status).toBe(201);
    const refused = await call<{ detail: string }>(
      a.auth,
      'GET',
      `/api/v1/reviews/assignments/${mine.id}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/declared: My cousin works there/);
    expect(
      (await call(a.auth, 'PUT', `/api/v1/reviews/assignments/${mine.id}`, { scores: {} })).status,
    ).toBe(409);
    expect(
      (await call<ReviewQueueItem[]>(a.auth, 'GET', '/api/v1/reviews/queue')).body.map(
        (q) => q.assignmentId,
      ),
    ).not.toContain(mine.id);
    // Withdrawn again for the rest of the test.
    expect(
      (await call(a.auth, 'DELETE', `/api/v1/conflict-declarations/${declared.body.id}`)).status,
    ).toBe(204);
  });

  it('scores against the rubric with a server-computed total; submitted is final', async () => {
    const all = (
      await call<CallAssignments>(officer, 'GET', `/api/v1/calls/${seeded.callId}/assignments`)
    ).body.assignments;
    const first = all[0]!;
    const auth = Object.values(ev).find((e) => e.evaluator.id === first.evaluatorId)!.auth;
    const url = `/api/v1/reviews/assignments/${first.id}`;
    const bad = await call<{ errors: { field: string }[] }>(auth, 'PUT', url, {
      scores: { merit: 11, style: 3 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual([
      'body.scores.merit',
      'body.scores.style',
    ]);
    const draft = await call<ReviewQueueItem>(auth, 'PUT', url, { scores: { merit: 7 } });
    expect(draft.status, draft.raw).toBe(200);
    expect(draft.body.review).toMatchObject({ status: 'draft', total: null });
    const incomplete = await call(auth, 'PUT', url, { scores: { merit: 7 }, submit: true });
    expect(incomplete.status).toBe(400);
    // (2·9/10 + 1·5/5) / 3 × 100 = (1.8 + 1) / 3 × 100 = 93.33…
    const done = await call<ReviewQueueItem>(auth, 'PUT', url, {
      scores: { merit: 9, feasibility: 5 },
      commentToApplicant: 'Clear plan',
      submit: true,
    });
    expect(done.body.review?.total).toBeCloseTo(280 / 3, 9);
    expect(done.body.review?.status).toBe('submitted');
    expect((await call(auth, 'PUT', url, { scores: { merit: 1, feasibility: 1 } })).status).toBe(
      409,
    );
  });

  it('ranks by normalised mean, selects within budget, and needs reasons for decisions', async () => {
    const all = (
      await call<CallAssignments>(officer, 'GET', `/api/v1/calls/${seeded.callId}/assignments`)
    ).body.assignments;
    // Merit by proposal: p1 9, p2 6, p3 8 from everyone (feasibility 5): p1 > p3 > p2.
    const merit: Record<number, number> = { [p1]: 9, [p2]: 6, [p3]: 8 };
    for (const a of all.filter((x) => x.reviewStatus !== 'submitted')) {
      const auth = Object.values(ev).find((e) => e.evaluator.id === a.evaluatorId)!.auth;
      const res = await call(auth, 'PUT', `/api/v1/reviews/assignments/${a.id}`, {
        scores: { merit: merit[a.proposalId], feasibility: 5 },
        commentToApplicant: `Reviewed ${a.proposalId}`,
        commentToCommittee: 'for the committee only',
        submit: true,
      });
      expect(res.status, res.raw).toBe(200);
    }
    // Deciding before the committee: 409 listing the allowed step.
    const early = await call<{ allowed: { action: string }[]; state: string }>(
      officer,
      'POST',
      `/api/v1/proposals/${p1}/decisions`,
      {
        decision: 'select',
        reason: 'Best',
      },
    );
    expect(early.status).toBe(409);
    expect(early.body.allowed.map((s) => s.action)).toContain('send_to_committee');

    const officerView = await call<CallReviews>(
      officer,
      'GET',
      `/api/v1/calls/${seeded.callId}/reviews`,
    );
    expect(officerView.body.proposals.flatMap((p) => p.reviews)).toHaveLength(6);
    expect(
      officerView.body.proposals.flatMap((p) => p.reviews).every((r) => r.normalised !== null),
    ).toBe(true);

    const inspected = await call(officer, 'POST', `/api/v1/proposals/${p1}/inspections`, {
      inspectedOn: '2026-07-01',
      inspectors: 'Officer Han',
      findings: 'Workshop ready; two CNC machines idle',
      recommendation: 'proceed',
    });
    expect(inspected.status, inspected.raw).toBe(201);
    const moved = await call<{ moved: number[] }>(
      officer,
      'POST',
      `/api/v1/calls/${seeded.callId}/send-to-committee`,
      {},
    );
    expect(moved.body.moved.sort()).toEqual([p1, p2, p3].sort());
    // Raw means: p1 280/3 (merit 9), p3 260/3 (merit 8), p2 220/3 (merit 6).
    const ranking = await call<CallRanking>(
      officer,
      'GET',
      `/api/v1/calls/${seeded.callId}/ranking?normalisation=none`,
    );
    expect(ranking.status, ranking.raw).toBe(200);
    expect(ranking.body.rows.map((r) => r.rawMean)).toEqual(
      [280 / 3, 260 / 3, 220 / 3].map((x) => expect.closeTo(x, 9)),
    );
    // The default ranking normalises per reviewer: s − mean(reviewer) + grand mean, recomputed here.
    const reviews = officerView.body.proposals.flatMap((p) =>
      p.reviews.map((r) => ({ p: p.proposalId, e: r.evaluatorId, s: r.total! })),
    );
    const grand = reviews.reduce((a, r) => a + r.s, 0) / reviews.length;
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const reviewerMean = (e: number) => meanOf(reviews.filter((r) => r.e === e).map((r) => r.s));
    const expected = [p1, p2, p3].map((p) => ({
      p,
      m: meanOf(reviews.filter((r) => r.p === p).map((r) => r.s - reviewerMean(r.e) + grand)),
    }));
    const normalised = await call<CallRanking>(
      officer,
      'GET',
      `/api/v1/calls/${seeded.callId}/ranking`,
    );
    expect(normalised.body.normalisation).toBe('mean-centre');
    for (const row of normalised.body.rows)
      expect(row.normalisedMean).toBeCloseTo(expected.find((x) => x.p === row.proposalId)!.m, 9);
    expect(normalised.body.rows.map((r) => r.proposalId)).toEqual(
      [...expected].sort((a, b) => b.m - a.m).map((x) => x.p),
    );
    expect(ranking.body.rows.map((r) => r.proposalId)).toEqual([p1, p3, p2]);
    expect(ranking.body.rows[0]!.inspection).toEqual({
      inspectedOn: '2026-07-01',
      recommendation: 'proceed',
      findings: 'Workshop ready; two CNC machines idle',
    });
    expect(ranking.body.rows[1]!.inspection).toBeNull();
    expect(ranking.body.rows.map((r) => r.cumulativeKrw)).toEqual([
      100_000_000, 190_000_000, 310_000_000,
    ]);
    expect(ranking.body.rows.map((r) => r.aboveCutoff)).toEqual([true, true, false]);
    // Budget 300M: p1 (100M) and p3 (90M) fit; p2 (120M) would take it to 310M.
    expect(ranking.body.rows.map((r) => r.suggested)).toEqual([true, true, false]);
    expect(ranking.body.suggestedKrw).toBe(190_000_000);

    const noReason = await call<{ errors: { field: string }[] }>(
      officer,
      'POST',
      `/api/v1/proposals/${p1}/decisions`,
      {
        decision: 'select',
        reason: '  ',
      },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]!.field).toBe('body.reason');

    for (const p of [p1, p3]) {
      const res = await call<{ projectId: number; approvedGrantKrw: number }>(
        officer,
        'POST',
        `/api/v1/proposals/${p}/decisions`,
        {
          decision: 'select',
          reason: 'Ranked within the budget',
        },
      );
      expect(res.status, res.raw).toBe(201);
      expect(res.body.projectId).toBeGreaterThan(0);
    }
    // The third would exceed the budget: refused, nothing written.
    const over = await call<{ detail: string }>(
      officer,
      'POST',
      `/api/v1/proposals/${p2}/decisions`,
      {
        decision: 'select',
        reason: 'Also good',
      },
    );
    expect(over.status).toBe(409);
    expect(over.body.detail).toMatch(
      /exceed the call budget: KRW 190,000,000 already approved \+ KRW 120,000,000/,
    );
    const projects = await db
      .selectFrom('project')
      .selectAll()
      .where('callId', '=', seeded.callId)
      .execute();
    expect(projects.map((p) => p.proposalId).sort()).toEqual([p1, p3].sort());
    expect(projects.reduce((s, p) => s + p.approvedGrantKrw, 0)).toBeLessThanOrEqual(300_000_000);
    expect(
      projects.every(
        (p) => p.status === 'active' && p.startOn === '2027-01-01' && p.endOn === '2027-12-31',
      ),
    ).toBe(true);
    // A selected proposal is final: 409 listing no allowed steps.
    const again = await call<{ allowed: unknown[] }>(
      officer,
      'POST',
      `/api/v1/proposals/${p1}/decisions`,
      {
        decision: 'reject',
        reason: 'Changed our mind',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.allowed).toEqual([]);
    // Decided now, sent later: the applicant sees nothing until the officer sends it.
    const rejected = await call(officer, 'POST', `/api/v1/proposals/${p2}/decisions`, {
      decision: 'reject',
      reason: 'Outside the budget this year',
      notify: false,
    });
    expect(rejected.status).toBe(201);
    const sensorApplicant = await t.userWith('member', { organisationId: reg.org.sensorCo! });
    const before = await call<ApplicantDecisions>(
      sensorApplicant,
      'GET',
      `/api/v1/proposals/${p2}/decisions`,
    );
    expect(before.body.decisions).toEqual([]);
    expect(before.body.reviewerComments).toEqual([]);
    const sent = await call<{ notified: number[] }>(
      officer,
      'POST',
      `/api/v1/calls/${seeded.callId}/decisions/notify`,
    );
    expect(sent.body.notified).toHaveLength(1);
    const after = await call<ApplicantDecisions>(
      sensorApplicant,
      'GET',
      `/api/v1/proposals/${p2}/decisions`,
    );
    expect(after.body.decisions.map((d) => [d.decision, d.reason])).toEqual([
      ['reject', 'Outside the budget this year'],
    ]);
  });

  it('shows the applicant the decision and comments without reviewer identities', async () => {
    const res = await call<ApplicantDecisions>(
      applicant,
      'GET',
      `/api/v1/proposals/${p1}/decisions`,
    );
    expect(res.status, res.raw).toBe(200);
    expect(res.body.status).toBe('selected');
    expect(res.body.decisions).toHaveLength(1);
    expect(res.body.decisions[0]).toMatchObject({
      decision: 'select',
      reason: 'Ranked within the budget',
    });
    expect(res.body.decisions[0]!.notifiedAt).not.toBeNull();
    expect(res.body.reviewerComments.length).toBe(2);
    for (const e of Object.values(ev)) expect(res.raw).not.toContain(e.evaluator.name);
    expect(res.raw).not.toContain('evaluator');
    expect(res.raw).not.toContain('for the committee only');
    expect((await call(applicant, 'GET', `/api/v1/calls/${seeded.callId}/reviews`)).status).toBe(
      403,
    );
    expect((await call(applicant, 'GET', `/api/v1/proposals/${p2}/decisions`)).status).toBe(404);
  });
});

describe('screening', () => {
  let seeded: SeededCall;
  beforeAll(async () => {
    seeded = await seedReviewCall(
      db,
      reg,
      {
        code: 'S1',
        budgetKrw: 50_000_000,
        reviewsPerProposal: 1,
        rubric,
        fastTrackBelowKrw: 10_000_000,
      },
      [
        { title: 'Small fix', lead: reg.org.gearCo!, publicKrw: 5_000_000, status: 'submitted' },
        { title: 'Large idea', lead: reg.org.gearCo!, publicKrw: 40_000_000, status: 'submitted' },
        { title: 'Incomplete', lead: reg.org.gearCo!, publicKrw: 20_000_000, status: 'submitted' },
      ],
    );
  });

  it('fast-tracks a request below the threshold into a project', async () => {
    const res = await call<ScreeningRow>(
      officer,
      'POST',
      `/api/v1/proposals/${seeded.proposals[0]}/screenings`,
      {
        outcome: 'fast_track',
        checks: [{ code: 'eligible', label: 'Eligible lead', passed: true }],
        reason: 'Small task under KRW 10 million',
      },
    );
    expect(res.status, res.raw).toBe(201);
    expect(res.body.proposalStatus).toBe('selected');
    expect(res.body.decision).toMatchObject({
      decision: 'fast_track_select',
      approvedGrantKrw: 5_000_000,
    });
    const events = await db
      .selectFrom('workflowEvent')
      .select(['action', 'toState'])
      .where('entity', '=', 'proposal')
      .where('entityId', '=', seeded.proposals[0]!)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'start_screening', toState: 'screening' },
      { action: 'fast_track_select', toState: 'selected' },
    ]);
  });

  it('refuses a fast track above the threshold and passes it to review instead', async () => {
    const id = seeded.proposals[1]!;
    const refused = await call<{ detail: string }>(
      officer,
      'POST',
      `/api/v1/proposals/${id}/screenings`,
      {
        outcome: 'fast_track',
        reason: 'Quick',
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/KRW 40,000,000 is not below .* KRW 10,000,000/);
    const passed = await call<ScreeningRow>(officer, 'POST', `/api/v1/proposals/${id}/screenings`, {
      outcome: 'pass',
    });
    expect(passed.status, passed.raw).toBe(201);
    expect(passed.body.proposalStatus).toBe('in_review');
    // Screening again from in_review is not a step of the workflow.
    const twice = await call<{ allowed: { action: string }[] }>(
      officer,
      'POST',
      `/api/v1/proposals/${id}/screenings`,
      { outcome: 'pass' },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.allowed.map((s) => s.action)).toEqual(['send_to_committee', 'withdraw']);
  });

  it('lists the screenings of a proposal with the screening decision on the latest', async () => {
    const list = await call<ScreeningRow[]>(
      officer,
      'GET',
      `/api/v1/proposals/${seeded.proposals[0]}/screenings`,
    );
    expect(list.status, list.raw).toBe(200);
    expect(list.body.map((s) => [s.passed, s.decision?.decision ?? null])).toEqual([
      [true, 'fast_track_select'],
    ]);
    expect(
      (await call(applicant, 'GET', `/api/v1/proposals/${seeded.proposals[0]}/screenings`)).status,
    ).toBe(403);
  });

  it('fails with a reason that the applicant then reads', async () => {
    const id = seeded.proposals[2]!;
    const checks = [{ code: 'complete', label: 'All documents', passed: false, note: 'No plan' }];
    expect(
      (
        await call(officer, 'POST', `/api/v1/proposals/${id}/screenings`, {
          outcome: 'pass',
          checks,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(officer, 'POST', `/api/v1/proposals/${id}/screenings`, {
          outcome: 'fail',
          checks,
        })
      ).status,
    ).toBe(400);
    const failed = await call<ScreeningRow>(officer, 'POST', `/api/v1/proposals/${id}/screenings`, {
      outcome: 'fail',
      checks,
      reason: 'The plan is missing',
    });
    expect(failed.status, failed.raw).toBe(201);
    expect(failed.body.proposalStatus).toBe('rejected');
    const seen = await call<ApplicantDecisions>(
      applicant,
      'GET',
      `/api/v1/proposals/${id}/decisions`,
    );
    expect(seen.body.decisions.map((d) => [d.decision, d.reason])).toEqual([
      ['fail_screening', 'The plan is missing'],
    ]);
  });
});

describe('API document', () => {
  it('describes the review routes', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((JSON.parse(res.body) as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/api/v1/calls/{id}/assignments/auto',
      '/api/v1/reviews/queue',
      '/api/v1/calls/{id}/ranking',
      '/api/v1/proposals/{id}/decisions',
      '/api/v1/evaluators',
    ])
      expect(paths).toContain(path);
  });
});
