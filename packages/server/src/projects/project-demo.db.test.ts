import { detectConflicts, projectCycleWorkflows } from '@innocluster/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, OpenDatabase } from '../db/database.ts';
import { DemoService } from '../demo/demo.service.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoProjectsAsOf } from './project-demo.ts';

let database: OpenDatabase;
let db: Db;

beforeAll(async () => {
  const created = await createTestDatabase({ fromDemoSnapshot: true });
  database = created;
  db = created.db;
  if (!created.demoLoaded) await new DemoService(db).load();
}, 240_000);

afterAll(async () => {
  await database?.close();
});

/** Tables of the project cycle with a `synthetic` column. */
const syntheticTables = [
  'demand',
  'demand_backing',
  'demand_comment',
  'funding_call',
  'call_instrument',
  'proposal',
  'evaluator',
  'review',
  'field_inspection',
  'committee_meeting',
  'proposal_decision',
  'project',
  'agreement',
  'disbursement',
  'project_report',
  'project_outcome',
  'project_evaluation',
  'workflow_event',
];

const workflowTables: Record<string, string> = {
  demand: 'demand',
  call: 'funding_call',
  proposal: 'proposal',
  agreement: 'agreement',
  disbursement: 'disbursement',
  report: 'project_report',
  project: 'project',
};

/** Assignments that the domain's conflict rules flag, as of the proposal's screening day. */
async function domainConflictsOfAssignments(): Promise<string[]> {
  const assignments = await db
    .selectFrom('reviewAssignment')
    .select(['evaluatorId', 'proposalId'])
    .execute();
  const proposals = await sql<{ id: number; orgs: number[]; assignedOn: string }>`
    SELECT p.id,
      array_prepend(p.lead_organisation_id,
        coalesce((SELECT array_agg(pp.organisation_id) FROM proposal_party pp WHERE pp.proposal_id = p.id), '{}')) AS orgs,
      (SELECT min(e.on_date)::text FROM workflow_event e
        WHERE e.entity = 'proposal' AND e.entity_id = p.id AND e.action = 'pass_screening') AS assigned_on
    FROM proposal p`.execute(db);
  const evaluators = await sql<{ id: number; orgs: number[] }>`
    SELECT e.id, array_remove(array_append(
      coalesce((SELECT array_agg(a.organisation_id) FROM evaluator_affiliation a WHERE a.evaluator_id = e.id), '{}'),
      pe.organisation_id), NULL) AS orgs
    FROM evaluator e JOIN person pe ON pe.id = e.person_id`.execute(db);
  const orgRows = await sql<{
    id: number;
    name: string;
    industryId: number | null;
    clusters: number[];
  }>`
    SELECT o.id, o.name, o.industry_id,
      coalesce((SELECT array_agg(DISTINCT m.mini_cluster_id) FROM membership m WHERE m.organisation_id = o.id), '{}') AS clusters
    FROM organisation o`.execute(db);
  const collaborations = await db
    .selectFrom('collaboration')
    .select(['sourceOrganisationId', 'targetOrganisationId', 'startedOn', 'endedOn', 'kind'])
    .execute();
  const declarations = await db
    .selectFrom('conflictDeclaration')
    .select(['evaluatorId', 'organisationId', 'proposalId', 'reason'])
    .execute();
  const organisations = new Map(
    orgRows.rows.map((o) => [
      String(o.id),
      {
        id: String(o.id),
        name: o.name,
        miniClusterIds: o.clusters.map(String),
        industryCodes: o.industryId === null ? [] : [String(o.industryId)],
      },
    ]),
  );
  const proposalById = new Map(proposals.rows.map((p) => [p.id, p]));
  const evaluatorById = new Map(evaluators.rows.map((e) => [e.id, e]));
  const found: string[] = [];
  for (const a of assignments) {
    const p = proposalById.get(a.proposalId)!;
    const e = evaluatorById.get(a.evaluatorId)!;
    const asOf = p.assignedOn;
    const conflicts = detectConflicts(
      { id: String(e.id), organisationIds: e.orgs.map(String) },
      { id: String(p.id), organisationIds: p.orgs.map(String) },
      {
        organisations,
        businessRelations: [],
        collaborations: collaborations
          .filter((c) => c.startedOn <= asOf)
          .map((c) => ({
            organisationIds: [String(c.sourceOrganisationId), String(c.targetOrganisationId)],
            evaluatorIds: [],
            date: c.endedOn === null || c.endedOn > asOf ? asOf : c.endedOn,
            kind: c.kind,
          })),
        personalTies: [],
        declarations: declarations.map((d) => ({
          evaluatorId: String(d.evaluatorId),
          ...(d.organisationId === null ? {} : { organisationId: String(d.organisationId) }),
          ...(d.proposalId === null ? {} : { proposalId: String(d.proposalId) }),
          reason: d.reason,
        })),
      },
      { asOf },
    );
    for (const c of conflicts)
      found.push(`${c.type}: evaluator ${e.id}, proposal ${p.id}: ${c.reason}`);
  }
  return found;
}

describe('demo project cycle', () => {
  it('holds a modest volume, every generated row flagged synthetic', async () => {
    for (const t of syntheticTables) {
      const r = await sql<{ all: number; synthetic: number }>`
        SELECT count(*)::int AS all, count(*) FILTER (WHERE synthetic)::int AS synthetic
        FROM ${sql.table(t)}`.execute(db);
      const row = r.rows[0]!;
      expect(row.all, t).toBeGreaterThan(0);
      expect(row.synthetic, t).toBe(row.all);
    }
    const proposals = await db
      .selectFrom('proposal')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(proposals.n).toBeGreaterThanOrEqual(150);
    expect(proposals.n).toBeLessThanOrEqual(300);
    // A call per year 2008-2012 in the demo programme, with 3-4 instruments.
    const calls = await db
      .selectFrom('fundingCall')
      .innerJoin('programme', 'programme.id', 'fundingCall.programmeId')
      .select(['fundingCall.id', 'fundingCall.code', 'programme.code as programme'])
      .where('programme.code', '=', 'ICCP')
      .orderBy('fundingCall.opensOn')
      .execute();
    expect(calls.map((c) => c.code)).toEqual([
      'ICCP-2008',
      'ICCP-2009',
      'ICCP-2010',
      'ICCP-2011',
      'ICCP-2012',
    ]);
    for (const c of calls) {
      const n = await db
        .selectFrom('callInstrument')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('callId', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(n.n, c.code).toBeGreaterThanOrEqual(3);
      expect(n.n, c.code).toBeLessThanOrEqual(4);
    }
  });

  it('raises demands at demo activities, by organisations that attended them', async () => {
    const r = await sql<{ demands: number; unattended: number }>`
      SELECT count(DISTINCT d.id)::int AS demands,
        count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM activity_attendee aa
          WHERE aa.activity_id = d.activity_id AND aa.organisation_id = o.organisation_id))::int AS unattended
      FROM demand d JOIN demand_organisation o ON o.demand_id = d.id`.execute(db);
    expect(r.rows[0]!.demands).toBeGreaterThan(100);
    expect(r.rows[0]!.unattended).toBe(0);
    // Ideas in the idea store are backed by other firms of the same meeting, only once published.
    const b = await sql<{ backings: number; wrong: number }>`
      SELECT count(*)::int AS backings,
        count(*) FILTER (WHERE d.status <> 'open_idea'
          OR EXISTS (SELECT 1 FROM demand_organisation o WHERE o.demand_id = d.id AND o.organisation_id = b.organisation_id)
          OR NOT EXISTS (SELECT 1 FROM activity_attendee aa WHERE aa.activity_id = d.activity_id AND aa.organisation_id = b.organisation_id))::int AS wrong
      FROM demand_backing b JOIN demand d ON d.id = b.demand_id`.execute(db);
    expect(b.rows[0]!.backings).toBeGreaterThan(10);
    expect(b.rows[0]!.wrong).toBe(0);
  });

  it('selects within each call budget (fast track included)', async () => {
    const r = await sql<{ code: string; budget: number; selected: number; projects: number }>`
      SELECT c.code, c.budget_krw AS budget,
        coalesce((SELECT sum(d.approved_grant_krw) FROM proposal_decision d JOIN proposal p ON p.id = d.proposal_id
          WHERE p.call_id = c.id AND d.decision IN ('select', 'fast_track_select')), 0)::bigint AS selected,
        coalesce((SELECT sum(pr.approved_grant_krw) FROM project pr WHERE pr.call_id = c.id), 0)::bigint AS projects
      FROM funding_call c ORDER BY c.id`.execute(db);
    for (const c of r.rows) {
      expect(c.selected, c.code).toBeLessThanOrEqual(c.budget);
      expect(c.projects, c.code).toBe(c.selected);
    }
    expect(r.rows.some((c) => c.selected > 0)).toBe(true);
    // Every selected proposal has a project; no other proposal has one.
    const mismatch = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM proposal p LEFT JOIN project pr ON pr.proposal_id = p.id
      WHERE (p.status = 'selected') <> (pr.id IS NOT NULL)`.execute(db);
    expect(mismatch.rows[0]!.n).toBe(0);
  });

  it('never assigns an evaluator a proposal of an organisation they work for or declared', async () => {
    const r = await sql<{ n: number; assignments: number }>`
      WITH orgs AS (
        SELECT id AS proposal_id, lead_organisation_id AS organisation_id FROM proposal
        UNION SELECT proposal_id, organisation_id FROM proposal_party)
      SELECT (SELECT count(*)::int FROM review_assignment) AS assignments,
        count(*)::int AS n
      FROM review_assignment ra
      JOIN orgs ON orgs.proposal_id = ra.proposal_id
      WHERE EXISTS (SELECT 1 FROM evaluator_affiliation ea
                    WHERE ea.evaluator_id = ra.evaluator_id AND ea.organisation_id = orgs.organisation_id)
         OR EXISTS (SELECT 1 FROM conflict_declaration cd
                    WHERE cd.evaluator_id = ra.evaluator_id
                      AND (cd.organisation_id = orgs.organisation_id OR cd.proposal_id = ra.proposal_id))`.execute(
      db,
    );
    expect(r.rows[0]!.assignments).toBeGreaterThan(300);
    expect(r.rows[0]!.n).toBe(0);
    // Nor any conflict of the domain's rules (same organisation, same mini-cluster competitor,
    // collaboration within three years, declared) as of the day the proposal was assigned.
    expect(await domainConflictsOfAssignments()).toEqual([]);
    // The pool has conflicts to avoid at all (affiliated firms and declarations exist).
    const declared = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM conflict_declaration`.execute(db);
    expect(declared.rows[0]!.n).toBeGreaterThan(0);
    // Submitted reviews carry a score for every rubric criterion.
    const reviews = await sql<{ scores: Record<string, number>; rubric: { code: string }[] }>`
      SELECT r.scores, c.rubric FROM review r JOIN review_assignment ra ON ra.id = r.assignment_id
      JOIN funding_call c ON c.id = ra.call_id WHERE r.status = 'submitted'`.execute(db);
    expect(reviews.rows.length).toBeGreaterThan(300);
    for (const row of reviews.rows)
      expect(Object.keys(row.scores).sort()).toEqual(row.rubric.map((c) => c.code).sort());
  });

  it('schedules disbursements summing to each approved grant', async () => {
    const r = await sql<{ id: number; grant: number; agreed: number; scheduled: number }>`
      SELECT p.id, p.approved_grant_krw AS grant, a.total_grant_krw AS agreed,
        (SELECT coalesce(sum(amount_krw), 0) FROM disbursement d WHERE d.project_id = p.id)::bigint AS scheduled
      FROM project p JOIN agreement a ON a.project_id = p.id`.execute(db);
    expect(r.rows.length).toBeGreaterThan(50);
    for (const p of r.rows) {
      expect(p.agreed, `project ${p.id}`).toBe(p.grant);
      expect(p.scheduled, `project ${p.id}`).toBe(p.grant);
    }
  });

  it('reaches every current state through the workflow tables, as workflow_event records', async () => {
    const events = await db
      .selectFrom('workflowEvent')
      .select(['entity', 'entityId', 'fromState', 'action', 'toState', 'onDate'])
      .orderBy('entity')
      .orderBy('entityId')
      .orderBy('at')
      .orderBy('id')
      .execute();
    const byEntity = new Map<string, typeof events>();
    for (const e of events) {
      const key = `${e.entity}:${e.entityId}`;
      const list = byEntity.get(key) ?? [];
      list.push(e);
      byEntity.set(key, list);
    }
    for (const [entity, table] of Object.entries(workflowTables)) {
      const workflow = projectCycleWorkflows[entity]!;
      const rows = await sql<{ id: number; status: string }>`
        SELECT id, status FROM ${sql.table(table)}`.execute(db);
      expect(rows.rows.length, entity).toBeGreaterThan(0);
      for (const row of rows.rows) {
        const history = byEntity.get(`${entity}:${row.id}`) ?? [];
        expect(history.length, `${entity} ${row.id} has history`).toBeGreaterThan(0);
        const [first, ...rest] = history;
        expect(first!.fromState, `${entity} ${row.id} created`).toBeNull();
        expect(first!.toState).toBe(workflow.initial);
        let state = workflow.initial;
        let date = first!.onDate!;
        for (const e of rest) {
          expect(e.fromState, `${entity} ${row.id} ${e.action}`).toBe(state);
          const step = workflow.transitions.find(
            (t) => t.from === state && t.action === e.action && t.to === e.toState,
          );
          expect(step, `${entity} ${row.id}: ${state} -${e.action}-> ${e.toState}`).toBeDefined();
          expect(e.onDate! >= date, `${entity} ${row.id} dates in order`).toBe(true);
          expect(e.onDate! <= demoProjectsAsOf).toBe(true);
          state = e.toState;
          date = e.onDate!;
        }
        expect(state, `${entity} ${row.id} status`).toBe(row.status);
      }
    }
    // Every event carries its business date.
    expect(events.every((e) => e.onDate !== null)).toBe(true);
  });

  it('pays first instalments late, more in the early years than later (DOMAIN.md: five months)', async () => {
    const r = await sql<{ year: number; days: number; n: number }>`
      SELECT extract(year FROM p.start_on)::int AS year,
        avg(d.paid_on - d.scheduled_on)::float AS days, count(*)::int AS n
      FROM disbursement d JOIN project p ON p.id = d.project_id
      WHERE d.seq = 1 AND d.paid_on IS NOT NULL
      GROUP BY 1 ORDER BY 1`.execute(db);
    const byYear = new Map(r.rows.map((x) => [x.year, x.days]));
    const early = byYear.get(2008)!;
    const later = byYear.get(2011)!;
    expect(early).toBeGreaterThan(120);
    expect(early).toBeGreaterThan(later);
    expect(byYear.get(2009)!).toBeGreaterThan(byYear.get(2010)!);
    expect(later).toBeLessThan(60);
  });

  it('asks for reports four times a year with amendment rounds early, less later', async () => {
    const r = await sql<{ year: number; perProjectYear: number; rounds: number }>`
      SELECT extract(year FROM p.start_on)::int AS year,
        count(*)::float / count(DISTINCT p.id) AS per_project_year,
        avg(r.amendment_rounds)::float AS rounds
      FROM project_report r JOIN project p ON p.id = r.project_id
      JOIN call_instrument i ON i.id = p.instrument_id AND i.code = 'prototype'
      GROUP BY 1 ORDER BY 1`.execute(db);
    const byYear = new Map(r.rows.map((x) => [x.year, x]));
    // One-year prototype projects: four quarterly reports in 2008, one annual (final) in 2011.
    expect(byYear.get(2008)!.perProjectYear).toBe(4);
    expect(byYear.get(2011)!.perProjectYear).toBe(1);
    expect(byYear.get(2008)!.rounds).toBeGreaterThan(byYear.get(2011)!.rounds);
  });

  it('records outcomes of every kind the cycle follows up', async () => {
    const kinds = await db.selectFrom('projectOutcome').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['patent_application', 'prototype', 'sales', 'jobs']),
    );
    const gates = await db
      .selectFrom('projectEvaluation')
      .select(['kind', 'recommendation'])
      .distinct()
      .execute();
    expect(gates.map((g) => `${g.kind}:${g.recommendation}`)).toEqual(
      expect.arrayContaining(['interim:continue', 'interim:terminate', 'final:complete']),
    );
  });
});
